"""Pure rules of the one-stop counter. Standard library only: no Qt, no database."""
