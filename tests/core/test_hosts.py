"""The Host rules of RFC 9112 section 3.2, as both apps' guards apply them."""

import pytest

from shared.hosts import host_header_problem, is_valid_host


@pytest.mark.parametrize(
    "value",
    ["localhost", "localhost:5000", "127.0.0.1:8000", "[::1]:8000", "[v1.x]", "", "a.b-c_d~e%41"],
)
def test_a_host_and_port_as_rfc_3986_spells_them_is_valid(value: str) -> None:
    assert is_valid_host(value)


@pytest.mark.parametrize(
    "value",
    ["exa mple", "a/b", "user@host", "host:port", "[::1", "[not-an-ip]", "host:80:80", "%zz", "ä"],
)
def test_anything_else_is_not_a_valid_host(value: str) -> None:
    assert not is_valid_host(value)


def test_an_http_1_1_request_without_host_is_refused_but_an_http_1_0_one_is_not() -> None:
    assert host_header_problem([], "1.1") is not None
    assert host_header_problem([], "1.0") is None


def test_two_host_fields_are_refused_even_when_they_agree() -> None:
    assert host_header_problem(["localhost", "localhost"], "1.1") is not None


def test_one_valid_host_passes() -> None:
    assert host_header_problem(["localhost:5000"], "1.1") is None
    assert host_header_problem(["exa mple"], "1.1") is not None


def test_a_request_of_a_later_http_version_without_host_is_not_refused() -> None:
    # HTTP/2 and HTTP/3 carry the authority in a pseudo-header; only HTTP/1.1 needs a Host.
    assert host_header_problem([], "2") is None
    assert host_header_problem([], "3") is None


def test_the_memory_of_valid_hosts_is_bounded() -> None:
    # A client inventing a new Host per request must not grow the process.
    maxsize = is_valid_host.cache_info().maxsize

    assert maxsize is not None
    assert 0 < maxsize <= 1024
