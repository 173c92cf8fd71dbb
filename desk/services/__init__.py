"""Use cases: the one API the UI, the CLI and the tests call. No Qt."""
