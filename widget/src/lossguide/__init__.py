"""lossguide: the reporting and checklist engine of the K Bank loss-reporting help site.

Pure Python, no runtime dependencies: the same code renders pages at build time and runs in the
browser on Pyodide.
"""

from .errors import DataError

__all__ = ["DataError"]
__version__ = "0.1.0"
