"""Một Cửa Desk launcher: ``python main.py`` (see ``--help``)."""

import sys

from desk.app import main

if __name__ == "__main__":
    sys.exit(main())
