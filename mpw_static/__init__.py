"""mpw-static: a static site generator for Wales' Multi-Professional Framework for Integrated Working."""

__version__ = "0.1.0"
