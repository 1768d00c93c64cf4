"""The exceptions the library raises: problems a user can fix, and a stop the user asked for."""


class BriefingError(Exception):
    """Bad input or a missing piece; the message says what is wrong and what to do."""


class Interrupted(BaseException):
    """Ctrl-C (or SIGTERM) arrived while files or state were being made whole; they were
    finished first. The message says what was done. A BaseException, like
    KeyboardInterrupt, so no `except Exception` swallows it."""
