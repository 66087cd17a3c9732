import Testing

// Tests for SchoolIDServer arrive with the HTTP server issue.
