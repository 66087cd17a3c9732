// SchoolIDStore: filled by the foundation issue.
