"""The version of phbs, in one place (read by the build and by the outputs that record it)."""

__version__ = "0.1.0"
