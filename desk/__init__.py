"""Một Cửa Desk: the counter application of a commune one-stop-shop."""

__version__ = "0.1.0"
