"""The restated Werkzeug converter rules match what Werkzeug does: a segment each rule claims
to route is routed by a real Flask rule, and one it refuses is not."""

import pytest
from flask import Flask

from parity_tests.converters import Conversion, integer_segment, uuid_segment

MAXIMUM = 2**63 - 1
UUID = "12345678-1234-4678-9234-567812345678"


def werkzeug_conversion(rule: str, segment: str, method: str) -> Conversion:
    """What a Flask app with the one rule answers for the segment: its view called, no rule
    matching (404 to any method), or a converter refusing after its rule matched (405 to a
    method other than the rule's)."""
    app = Flask(__name__)
    app.add_url_rule(rule, "thing", lambda **_: "ok", methods=["GET"])
    app.add_url_rule(rule, "change", lambda **_: "ok", methods=["PUT"])
    status = app.test_client().open(f"/things/{segment}", method=method).status_code
    return {200: Conversion.ACCEPTED, 404: Conversion.UNMATCHED}.get(status, Conversion.REFUSED)


INTEGERS = {
    "42": Conversion.ACCEPTED,
    "0042": Conversion.ACCEPTED,
    "\u0664\u0662": Conversion.ACCEPTED,
    "\uff14\uff12": Conversion.ACCEPTED,
    "+42": Conversion.UNMATCHED,
    "-0": Conversion.UNMATCHED,
    "42.0": Conversion.UNMATCHED,
    "4_2": Conversion.UNMATCHED,
    " 42": Conversion.UNMATCHED,
    str(2**63): Conversion.REFUSED,
    "9" * 5000: Conversion.REFUSED,
}


@pytest.mark.parametrize("segment", INTEGERS, ids=ascii)
def test_the_integer_rule_says_what_werkzeugs_int_converter_does(segment: str) -> None:
    expected = INTEGERS[segment]

    assert integer_segment(segment, MAXIMUM) is expected
    # A refusal after the rule matched only shows as such to a method the view lacks.
    method = "DELETE" if expected is Conversion.REFUSED else "GET"
    rule = f"/things/<int(max={MAXIMUM}):thing_id>"
    assert werkzeug_conversion(rule, segment, method) is expected


UUIDS = {
    UUID: Conversion.ACCEPTED,
    UUID.upper(): Conversion.ACCEPTED,
    UUID.replace("-", ""): Conversion.UNMATCHED,
    f"{{{UUID}}}": Conversion.UNMATCHED,
    f"urn:uuid:{UUID}": Conversion.UNMATCHED,
}


@pytest.mark.parametrize("segment", UUIDS)
def test_the_uuid_rule_says_what_werkzeugs_uuid_converter_does(segment: str) -> None:
    assert uuid_segment(segment) is UUIDS[segment]
    assert werkzeug_conversion("/things/<uuid:thing_id>", segment, "GET") is UUIDS[segment]
