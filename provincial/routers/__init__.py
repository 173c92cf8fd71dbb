"""The HTTP routes, one router per area; api.py includes them in order."""
