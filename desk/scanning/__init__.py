"""Scanning and digitization: scanner drivers behind one interface (run in a child process),
page clean-up and compression, one PDF per document, a watched folder and file import.

No Qt here: the intake page drives this package through plain calls and callbacks."""
