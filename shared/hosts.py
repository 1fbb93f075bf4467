"""RFC 9112 section 3.2: what makes the Host header fields of a request acceptable.

A server MUST answer 400 to an HTTP/1.1 request without a Host header field, to any request
with more than one, and to one whose value is not `uri-host [ ":" port ]` (RFC 3986). Both
apps ask this one function; each answers the refusal in its own middleware.
"""

import ipaddress
import re
from collections.abc import Sequence
from functools import lru_cache

# reg-name and IPv4address: unreserved, pct-encoded and sub-delims characters (may be empty).
_REG_NAME = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
_IP_FUTURE = r"v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+"
_HOST = re.compile(rf"(?:\[(?P<literal>[^\]]*)\]|{_REG_NAME})(?::[0-9]*)?")


# A client sends the same few Host values again and again; the answer depends on the value alone.
# Bounded, so that a client inventing a new Host per request cannot grow it.
@lru_cache(maxsize=256)
def is_valid_host(value: str) -> bool:
    """Whether `value` is `uri-host [ ":" port ]`; an empty value is valid (RFC 9110 7.2)."""
    match = _HOST.fullmatch(value)
    if match is None:
        return False
    literal = match["literal"]
    if literal is None:
        return True
    if re.fullmatch(_IP_FUTURE, literal):
        return True
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True


def host_header_problem(values: Sequence[str], http_version: str) -> str | None:
    """Why the request's Host header fields break RFC 9112 section 3.2, or None if they do not.

    `values` holds one entry per Host field line received; `http_version` is "1.0", "1.1"...
    """
    if not values:
        return "An HTTP/1.1 request must carry a Host header." if http_version == "1.1" else None
    if len(values) > 1:
        return "A request must carry one Host header, not several."
    if not is_valid_host(values[0]):
        return "The Host header is not a valid host and port."
    return None
