"""The errors the core raises on purpose: a refused input is a message for the user, not a crash."""


class Refused(Exception):
    """An input the rules do not accept. The message is for the user (Chinese); nothing was changed."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class NotFound(Refused):
    """A case, unit, village or indicator that does not exist."""


class CatalogueError(Exception):
    """The catalogue file is malformed; the message names the file, the entry and the problem."""
