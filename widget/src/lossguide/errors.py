"""The one error type of the engine: bad data or bad input, always with a Korean message."""

from __future__ import annotations

__all__ = ["DataError"]


class DataError(Exception):
    """Raised for malformed data files or unknown ids.

    ``where`` is ``"file:line"`` when known, so editors can jump straight to the mistake.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.__str__())

    @property
    def where(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
