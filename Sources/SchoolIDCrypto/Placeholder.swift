// SchoolIDCrypto: filled by the foundation issue.
