"""What the desk and the province agree on, in one place both import (neither imports the other)."""
