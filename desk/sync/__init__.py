"""Offline-first sync with the provincial backend: credentials, REST client, outbox push, changes pull."""
