import Testing

// Tests for SchoolIDHTTP arrive with the HTTP server issue.
