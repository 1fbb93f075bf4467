"""What the Flask twin's URL converters make of a path segment, restated from Werkzeug.

A rule `<int(max=N):name>` or `<uuid:name>` is a regular expression first and a conversion
second. A segment the expression does not match reaches no rule at all (a 404 whatever the
method); one it matches but the conversion refuses has reached the rule, and Werkzeug then
answers 404 to GET and 405 to the other methods of the path (converter-rejection-method-not-
allowed). Written out here, independently of Werkzeug, so that a release that changes either
step fails the probes that rely on it rather than moving silently.
"""

import re
from enum import Enum

# IntegerConverter's expression is \d+ in a str pattern: every Unicode decimal digit matches
# (Arabic-Indic and full-width digits among them), and int() reads them all.
_INTEGER = re.compile(r"\d+")
# UUIDConverter's expression: the hyphenated form only, in either case.
_UUID = re.compile(r"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}")


class Conversion(Enum):
    UNMATCHED = "no rule matches the segment"
    REFUSED = "the rule matches, its converter refuses the value"
    ACCEPTED = "the view is called with the value"


def integer_segment(segment: str, maximum: int) -> Conversion:
    """What `<int(max=maximum):name>` makes of a decoded path segment."""
    if not _INTEGER.fullmatch(segment):
        return Conversion.UNMATCHED
    try:
        value = int(segment)
    except ValueError:  # more digits than int() reads (sys.get_int_max_str_digits)
        return Conversion.REFUSED
    return Conversion.ACCEPTED if value <= maximum else Conversion.REFUSED


def uuid_segment(segment: str) -> Conversion:
    """What `<uuid:name>` makes of a decoded path segment."""
    return Conversion.ACCEPTED if _UUID.fullmatch(segment) else Conversion.UNMATCHED
