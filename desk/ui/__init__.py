"""All PySide6 widgets. Nothing outside this package (and forms/) imports Qt."""
