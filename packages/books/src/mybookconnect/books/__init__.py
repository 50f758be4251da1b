"""MyBookConnect books."""

__version__ = "0.2.0"
