// SchoolIDCore: filled by the foundation issue.
