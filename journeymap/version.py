"""journeymap's version and the journey file format it reads (kept apart so any module may import it)."""

__version__ = "0.1.0"
FORMAT_VERSION = 1
