// SchoolIDNet: filled by the HTTP server issue.
