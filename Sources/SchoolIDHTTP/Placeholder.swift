// SchoolIDHTTP: filled by the HTTP server issue.
