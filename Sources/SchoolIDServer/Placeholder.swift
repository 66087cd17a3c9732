// SchoolIDServer: filled by the HTTP server issue.
