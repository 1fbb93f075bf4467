"""Probes written in Python: setups, per-side values, placeholders and any other option of a
request, each built for the side it is sent to."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx2
import pytest
from sidebyside import PerSide, Probe, UnsendableProbeError, client_for

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


def echo(environ: "WSGIEnvironment", start_response: "StartResponse") -> Iterable[bytes]:
    """Answers with the request as it arrived: method, path, query, headers it was sent, body."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    line = (
        f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}?{environ.get('QUERY_STRING', '')} "
        f"token={environ.get('HTTP_X_TOKEN', '')} type={environ.get('CONTENT_TYPE', '')}\n"
    )
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [line.encode() + body]


@pytest.fixture
def client() -> Iterator[httpx2.Client]:
    with client_for(echo) as client:
        yield client


@dataclass(frozen=True)
class Configured:
    """A side whose context is its secret, and which can fill {region} only."""

    client: httpx2.Client
    context: str

    def placeholders(self) -> Mapping[str, object]:
        return {"region": "eu"}


def created(client: httpx2.Client) -> Mapping[str, object]:
    return {"id": 7}


def test_a_plain_probe_is_sent_as_written(client: httpx2.Client) -> None:
    response, seconds = Probe("braces", "GET", "/a{b}").send(client)

    assert response.text.startswith("GET /a{b}?")
    assert seconds >= 0


def test_a_setup_runs_first_and_fills_the_placeholders(client: httpx2.Client) -> None:
    probe = Probe("t", "PUT", "/items/{id}", {"X-Token": "for {id}"}, setup=created)

    response, _ = probe.send(client)

    assert response.text.startswith("PUT /items/7? token=for 7")


def test_a_per_side_value_is_built_from_the_side_it_is_sent_to(client: httpx2.Client) -> None:
    token = PerSide("the side's token", lambda secret: f"Bearer {secret}")
    body = PerSide("a body as long as the secret", lambda secret: b"x" * len(secret))
    probe = Probe("t", "POST", "/{region}/items", {"X-Token": token}, content=body)

    first, _ = probe.send(Configured(client, "one"))
    second, _ = probe.send(Configured(client, "three"))

    assert first.text == "POST /eu/items? token=Bearer one type=\nxxx"
    assert second.text == "POST /eu/items? token=Bearer three type=\nxxxxx"
    # The report shows what the value is, never a value.
    assert probe.request_line() == (
        "POST /{region}/items [X-Token: <the side's token>] <a body as long as the secret>"
    )


def test_a_placeholder_the_side_cannot_fill_makes_the_probe_unsendable(
    client: httpx2.Client,
) -> None:
    with pytest.raises(UnsendableProbeError, match=r"\{tenant\}"):
        Probe("t", "GET", "/{tenant}").send(Configured(client, ""))
    with pytest.raises(UnsendableProbeError, match=r"\{tenant\}"):
        Probe("t", "GET", "/{tenant}/{id}", setup=created).send(client)


FORM = PerSide("a form holding the secret", lambda secret: {"a": secret})


def test_any_other_option_of_a_request_is_passed_on(client: httpx2.Client) -> None:
    probe = Probe("t", "POST", "/form", options={"params": {"q": "1"}, "data": FORM})

    response, _ = probe.send(Configured(client, "s3"))

    assert response.text.splitlines() == [
        "POST /form?q=1 token= type=application/x-www-form-urlencoded",
        "a=s3",
    ]
    assert probe.body == ("data", FORM)


def test_the_body_is_named_by_the_keyword_it_is_sent_by() -> None:
    assert Probe("t", "POST", "/", json={"a": 1}).body == ("json", {"a": 1})
    assert Probe("t", "POST", "/", content=b"x").body == ("content", b"x")
    assert Probe("t", "POST", "/", options={"files": {"f": b""}}).body == ("files", {"f": b""})
    assert Probe("t", "GET", "/").body is None
