"""The value classes where two frameworks' parsers commonly disagree, per declared type.

Each class spells a valid base value of the type another way (a sign, a fraction, a space,
other digits) or replaces it (empty, out of range), and states what a lax reader takes it to
mean: pydantic in lax mode, which reads every query parameter in both twins and every path
parameter in the FastAPI twin. That reading is written out here, not computed by pydantic, so
that a release that reads a class differently fails the probes built on it.
"""

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from parity_tests.differential.parameters import Kind, Location

EVERYWHERE: frozenset[Location] = frozenset({"path", "query"})
QUERY_ONLY: frozenset[Location] = frozenset({"query"})
PATH_ONLY: frozenset[Location] = frozenset({"path"})

# Long for any field, short of every server's request-line limit (gunicorn's is 4,094 bytes),
# so that the apps, not the servers, answer it when the suite runs live.
LONG = 1000


def refused(_base: str) -> object:
    """The reading of a class no lax reader takes as a value of its type."""
    return None


@dataclass(frozen=True)
class ValueClass:
    # Completes "<parameter> ...": "with a leading plus sign".
    name: str
    # From the base value's text to the text sent, percent-encoded where a URL needs it.
    spell: Callable[[str], str]
    # What pydantic's lax mode reads the sent text as (after the URL's decoding); None when it
    # refuses it. Whether the parameter then accepts the reading is its schema's to say.
    reads: Callable[[str], object]
    where: frozenset[Location] = EVERYWHERE


def _in_digits(text: str, zero: str) -> str:
    """The text with each ASCII digit written in the script whose zero is `zero`."""
    return quote(text.translate({ord("0") + d: ord(zero) + d for d in range(10)}))


def _grouped(digits: str) -> str:
    # Python's int() and pydantic both allow one underscore between two digits.
    return f"{digits[:-1]}_{digits[-1]}" if len(digits) > 1 else f"0_{digits}"


def _long(base: str) -> str:
    return (base * (LONG // len(base) + 1))[:LONG]


def _not_of_the_type(read_long: Callable[[str], object]) -> tuple[ValueClass, ...]:
    """The classes of a number or a UUID that text fields have too, none of them a value of
    the type but the base repeated to LONG characters, which `read_long` reads."""
    return (
        ValueClass("empty", lambda _: "", refused),
        ValueClass("as spaces only", lambda _: "%20%20", refused),
        ValueClass(f"{LONG:,} characters long", _long, lambda base: read_long(_long(base))),
        ValueClass("after non-ASCII letters", lambda base: "%C3%A9" + base, refused),
        ValueClass("with a NUL character", lambda base: base + "%00", refused),
        ValueClass(
            "with a percent-encoded slash inside",
            lambda base: f"{base}%2F{base}",
            refused,
            PATH_ONLY,
        ),
    )


def _signs_and_spaces(read: Callable[[str], float]) -> tuple[ValueClass, ...]:
    """Classes that dress a number's text without changing it, and its negative."""
    return (
        ValueClass("with a leading plus sign", lambda base: "%2B" + base, read),
        ValueClass(
            "with a plus sign left unencoded, which a query string reads as a space",
            lambda base: "+" + base,
            read,
            QUERY_ONLY,
        ),
        ValueClass("negative", lambda base: "-" + base, lambda base: -read(base)),
        ValueClass("after a space", lambda base: "%20" + base, read),
        ValueClass("before a space", lambda base: base + "%20", read),
        ValueClass("after a no-break space", lambda base: "%C2%A0" + base, read),
        ValueClass("with leading zeros", lambda base: "00" + base, read),
        ValueClass("in Arabic-Indic digits", lambda base: _in_digits(base, "\u0660"), refused),
        ValueClass("in full-width digits", lambda base: _in_digits(base, "\uff10"), refused),
        ValueClass("with an underscore between digits", _grouped, read),
    )


def _integer_or_refused(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


INTEGER: tuple[ValueClass, ...] = (
    *_signs_and_spaces(int),
    ValueClass("as minus zero", lambda _: "-0", lambda _: 0),
    ValueClass("with a zero fraction", lambda base: base + ".0", int),
    ValueClass("with a fraction", lambda base: base + ".5", refused),
    ValueClass("with an exponent", lambda base: base + "e0", refused),
    ValueClass("as 1e3", lambda _: "1e3", refused),
    ValueClass("as 2**63", lambda _: str(2**63), lambda _: 2**63),
    ValueClass("as 2**64", lambda _: str(2**64), lambda _: 2**64),
    ValueClass("as a 30-digit number", lambda _: "9" * 30, lambda _: int("9" * 30)),
    *_not_of_the_type(_integer_or_refused),
)


def _float_or_refused(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


NUMBER: tuple[ValueClass, ...] = (
    *_signs_and_spaces(float),
    ValueClass("as minus zero", lambda _: "-0", lambda _: -0.0),
    ValueClass("without its leading zero", lambda base: base.removeprefix("0"), float),
    ValueClass("with trailing zeros", lambda base: base + "00", float),
    ValueClass("in exponent notation", lambda base: f"{float(base):.0e}", float),
    ValueClass("with an upper-case exponent", lambda base: f"{float(base):.0E}", float),
    ValueClass("as 1e3", lambda _: "1e3", lambda _: 1000.0),
    ValueClass("as 2**64", lambda _: str(2**64), lambda _: float(2**64)),
    ValueClass("with a decimal comma", lambda base: base.replace(".", ","), refused),
    ValueClass("in hexadecimal", lambda base: float(base).hex(), refused),
    ValueClass("as nan", lambda _: "nan", lambda _: math.nan),
    ValueClass("as inf", lambda _: "inf", lambda _: math.inf),
    ValueClass("as -inf", lambda _: "-inf", lambda _: -math.inf),
    ValueClass("as Infinity", lambda _: "Infinity", lambda _: math.inf),
    ValueClass("as 1e309, past the largest float", lambda _: "1e309", lambda _: math.inf),
    *_not_of_the_type(_float_or_refused),
)


STRING: tuple[ValueClass, ...] = (
    ValueClass("empty", lambda _: "", lambda _: ""),
    ValueClass("as spaces only", lambda _: "%20%20", lambda _: "  "),
    ValueClass("as a no-break space only", lambda _: "%C2%A0", lambda _: "\u00a0"),
    ValueClass("between spaces", lambda base: f"%20{base}%20", lambda base: f" {base} "),
    ValueClass(
        "with a plus sign left unencoded, which a query string reads as a space",
        lambda base: "+" + base,
        lambda base: " " + base,
        QUERY_ONLY,
    ),
    ValueClass(f"{LONG:,} characters long", _long, lambda base: _long(base)),
    ValueClass("after non-ASCII letters", lambda base: "%C3%A9" + base, lambda base: "é" + base),
    ValueClass("in another script", lambda _: quote("研究"), lambda _: "研究"),
    ValueClass(
        "with a character beyond the Basic Multilingual Plane",
        lambda base: base + quote("😀"),
        lambda base: base + "😀",
    ),
    ValueClass("with a NUL character", lambda base: base + "%00", lambda base: base + "\x00"),
    ValueClass(
        "with a percent-encoded slash inside",
        lambda base: f"{base}%2F{base}",
        lambda base: f"{base}/{base}",
        PATH_ONLY,
    ),
)


def _same_uuid(base: str) -> uuid.UUID:
    return uuid.UUID(base)


UUID: tuple[ValueClass, ...] = (
    ValueClass("in upper case", str.upper, _same_uuid),
    ValueClass("without hyphens", lambda base: base.replace("-", ""), _same_uuid),
    ValueClass("in braces", lambda base: f"%7B{base}%7D", _same_uuid),
    ValueClass("as a URN", lambda base: "urn:uuid:" + base, _same_uuid),
    ValueClass("as an upper-case URN", lambda base: "URN:UUID:" + base, refused),
    ValueClass("with percent-encoded hyphens", lambda base: base.replace("-", "%2D"), _same_uuid),
    ValueClass("after a space", lambda base: "%20" + base, refused),
    ValueClass("one digit short", lambda base: base[:-1], refused),
    ValueClass("one digit long", lambda base: base + "0", refused),
    ValueClass("as its 128-bit integer", lambda base: str(uuid.UUID(base).int), refused),
    *_not_of_the_type(refused),
)

BY_KIND: dict[Kind, tuple[ValueClass, ...]] = {
    "integer": INTEGER,
    "number": NUMBER,
    "string": STRING,
    "uuid": UUID,
}


def value_classes(kind: Kind, location: Location) -> tuple[ValueClass, ...]:
    """The classes a parameter of this type is sent where it is."""
    return tuple(value_class for value_class in BY_KIND[kind] if location in value_class.where)
