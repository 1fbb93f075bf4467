"""The registry entries a generated probe must show, worked out before it is sent.

From three statements made elsewhere and never from the apps' answers: the parameter's schema
(what it accepts), the value class's reading (what pydantic's lax mode makes of the text), and
Werkzeug's converter rules (which path segments reach a Flask view). The judge then holds the
apps to it strictly, as it does a hand-written probe.

- A query parameter is read by pydantic in both twins: a value its schema refuses is a
  validation error in each framework's shape, and a repeated one is read first by Flask and
  last by FastAPI.
- A path parameter is routed by Werkzeug's converter in Flask and read by pydantic in FastAPI:
  where the two disagree, one twin answers and the other refuses.
"""

import math
import re
import uuid
from urllib.parse import unquote

from parity_tests.converters import Conversion, integer_segment, uuid_segment
from parity_tests.differential.parameters import Kind, Parameter, UnprobedParameterError

VALIDATION_ERROR = "validation-error-format"
REPEATED = "repeated-query-parameter"
CONVERTER_MISMATCH = "path-converter-mismatch"
CONVERTER_REJECTION = "converter-rejection-method-not-allowed"
SLASHED = "trailing-slash-redirect"
HTML_ERROR = "werkzeug-html-errors"
# A NUL is refused by a validator that raises ValueError (shared/schemas.py), not by a
# constraint: flask-pydantic before 0.14 leaves the exception in the error, which Flask cannot
# write as JSON.
RAISED_IN_VALIDATOR = "flask-pydantic-raised-error"
# By declared type: a spelling FastAPI reads and Werkzeug's converter does not match, and the
# other way round.
READ_BY_FASTAPI_ONLY: dict[Kind, str] = {
    "integer": "path-integer-spellings",
    "uuid": "path-uuid-spellings",
}
READ_BY_FLASK_ONLY: dict[Kind, str] = {"integer": "path-non-ascii-digits"}


def accepts(parameter: Parameter, reading: object) -> bool:
    """Whether the parameter's schema accepts a value read as `reading` (None: refused)."""
    if isinstance(reading, int | float) and not isinstance(reading, bool):
        # An int compares exactly with any bound; only a float can be NaN or infinite.
        finite = isinstance(reading, int) or math.isfinite(reading)
        return finite and parameter.minimum <= reading <= parameter.maximum
    if isinstance(reading, str):
        return len(reading) <= (parameter.max_length or len(reading)) and (
            parameter.pattern is None or re.search(parameter.pattern, reading) is not None
        )
    return isinstance(reading, uuid.UUID)


def in_query(
    parameter: Parameter, reading: object, answered_alike: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """What a query parameter read as `reading` shows; `answered_alike` is what the operation
    shows when both twins take the value."""
    if accepts(parameter, reading):
        return answered_alike
    if isinstance(reading, str) and "\x00" in reading:
        return (VALIDATION_ERROR, RAISED_IN_VALIDATOR)
    return (VALIDATION_ERROR,)


def repeated_in_query(answered_alike: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Two valid values under one key: each twin answers for a different one."""
    return (REPEATED, *answered_alike)


def _flask_conversion(parameter: Parameter, segment: str) -> Conversion:
    # The Flask twin routes each path parameter with the converter of its type, bounded as
    # the schema bounds it: <int(max=...)> and <uuid>.
    if parameter.kind == "integer" and math.isfinite(parameter.maximum):
        return integer_segment(segment, int(parameter.maximum))
    if parameter.kind == "uuid":
        return uuid_segment(segment)
    raise UnprobedParameterError(f"no converter rule for a {parameter.kind} path parameter")


def in_path(
    parameter: Parameter, spelled: str, reading: object, answered_alike: tuple[str, ...]
) -> tuple[str, ...]:
    """What a path parameter sent as `spelled` shows; `answered_alike` is what the operation
    shows when both twins take the value (a DELETE's 204, for one)."""
    segment = unquote(spelled)
    if not segment:
        return (SLASHED,)  # the path now ends in a slash
    if "/" in segment:
        return (HTML_ERROR,)  # two segments: no route of either app has that shape
    flask = _flask_conversion(parameter, segment)
    fastapi = accepts(parameter, reading)
    if flask is Conversion.ACCEPTED:
        return answered_alike if fastapi else (READ_BY_FLASK_ONLY[parameter.kind],)
    if fastapi:
        return (READ_BY_FASTAPI_ONLY[parameter.kind],)
    if flask is Conversion.REFUSED and parameter.method != "GET":
        return (CONVERTER_REJECTION,)
    return (CONVERTER_MISMATCH,)
