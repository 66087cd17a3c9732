// SchoolIDJOSE: filled by the foundation issue.
