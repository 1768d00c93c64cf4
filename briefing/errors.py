"""The one exception the library raises for problems a user can fix."""


class BriefingError(Exception):
    """Bad input or a missing piece; the message says what is wrong and what to do."""
