import Testing

// Tests for SchoolIDNet arrive with the HTTP server issue.
