"""PySide6 widgets. They call console services through controllers and never touch SQL."""
