"""The plugin on a pair written for each test: it passes what is accepted, fails what is not,
and writes a report without secrets."""

import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

# Two versions of one tiny service, as plain WSGI: the new one answers 404 in JSON, and adds
# a note to every write after an app's first.
APPS = """
import json, uuid

def _service(not_found_json):
    counter = {"count": 0}

    def app(environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        headers = [("X-Request-Id", uuid.uuid4().hex)]
        if path == "/counter" and method == "POST":
            counter["count"] += 1
            status, body, kind = "200 OK", {"count": counter["count"]}, "json"
            if not_found_json and counter["count"] > 1:
                body["note"] = "not the first write"
        elif path == "/hello":
            status, body, kind = "200 OK", {"hello": "world"}, "json"
        elif not_found_json:
            status, body, kind = "404 Not Found", {"detail": "Not Found"}, "json"
        else:
            status, body, kind = "404 Not Found", "<h1>Not Found</h1>", "html"
        if kind == "json":
            headers.append(("Content-Type", "application/json"))
            data = json.dumps(body).encode()
        else:
            headers.append(("Content-Type", "text/html"))
            data = body.encode()
        start_response(status, headers)
        return [data]

    return app

def create_old():
    return _service(not_found_json=False)

def create_new():
    return _service(not_found_json=True)
"""

SIDES = 'reference = "pair_apps:create_old"\ncandidate = "pair_apps:create_new"\n'
REQUEST_IDS = """
[[noise]]
name = "request ids"
reason = "a fresh id per response"
mask_header_values = ["x-request-id"]
"""
ACCEPTED = """
[[accepted]]
id = "html-404"
title = "404 in HTML vs JSON"
aspects = ["content-type", "body"]
reference = "an HTML page"
candidate = "JSON"
"""
PROBES = """
[[probe]]
title = "hello"
method = "GET"
path = "/hello"
headers = { Authorization = "Bearer topsecret" }

[[probe]]
title = "a missing page"
method = "GET"
path = "/missing"
expect = ["html-404"]

[[probe]]
title = "count once"
method = "POST"
path = "/counter"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(pair_apps=APPS)
    pytester.syspathinsert()
    return pytester


def suite(project: pytest.Pytester, text: str) -> Path:
    path = project.path / "pair.sidebyside.toml"
    path.write_text(text)
    return path


def test_every_probe_is_a_test_and_accepted_differences_pass(project: pytest.Pytester) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES)

    result = project.runpytest("-v", "--sbs-report", "reports")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*pair.sidebyside.toml::probes: a missing page PASSED*"])
    report = (project.path / "reports" / "sidebyside-reference-candidate.md").read_text()
    assert "**3 cases**: 2 the same, 1 a documented difference, 0 unexpected." in report
    assert "topsecret" not in report
    assert "[Authorization: <masked>]" in report


def test_a_difference_nobody_accepted_fails_the_probe(project: pytest.Pytester) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES.replace('expect = ["html-404"]', ""))

    result = project.runpytest()

    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*unexpected difference: *a missing page*", "*content-type:*"])


def test_an_accepted_difference_that_stops_showing_fails(project: pytest.Pytester) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES)

    # The command line overrides the file: the old service against itself.
    result = project.runpytest("--sbs-candidate", "pair_apps:create_old")

    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*registered as html-404 but both apps now agree*"])


def test_noise_is_found_by_asking_the_reference_twice(project: pytest.Pytester) -> None:
    suite(project, SIDES + ACCEPTED + PROBES)

    result = project.runpytest("--sbs-find-noise", "--sbs-report", "reports")

    # Undeclared, the request id differs between the sides too: every probe fails...
    result.assert_outcomes(failed=3)
    report = (project.path / "reports" / "sidebyside-reference-candidate.md").read_text()
    # ...and the report proposes the rule, found from the reference's own two answers.
    assert "## Proposed noise rules" in report
    assert "- `header:x-request-id` in 3 cases" in report


def test_sides_may_come_from_pyproject(project: pytest.Pytester) -> None:
    project.makepyprojecttoml(f"[tool.sidebyside]\n{SIDES}")
    suite(project, REQUEST_IDS + ACCEPTED + PROBES)

    project.runpytest().assert_outcomes(passed=3)


SECOND_WRITE = """
[[accepted]]
id = "second-write"
title = "a note on every write after the first"
aspects = ["body"]
"""


def test_a_recording_is_replayed_in_order_against_fresh_apps(project: pytest.Pytester) -> None:
    entries = ",".join(
        '{"request": {"method": "POST", "url": "http://recorded/counter", "headers": []}}'
        for _ in range(2)
    )
    (project.path / "traffic.har").write_text(f'{{"log": {{"entries": [{entries}]}}}}')
    recording = (
        '[[har]]\nfile = "traffic.har"\nexpect = { "002 POST /counter" = ["second-write"] }\n'
    )
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + SECOND_WRITE + PROBES + recording)

    result = project.runpytest("-v", "-k", "count")

    # The file's own probes wrote once already: the recording's first write is an app's
    # first again only if its apps are fresh, and its second is noted only if it came second.
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        ["*::traffic: 001 POST /counter PASSED*", "*::traffic: 002 POST /counter PASSED*"]
    )


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def old_service_running(project: pytest.Pytester) -> Iterator[str]:
    """The old service on a real server on a free port, as a deployment would run it."""
    import pair_apps  # type: ignore[import-not-found]

    server = make_server("127.0.0.1", 0, pair_apps.create_old(), handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def test_a_side_may_be_a_running_server(project: pytest.Pytester, old_service_running: str) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES)

    result = project.runpytest("--sbs-reference", old_service_running)

    result.assert_outcomes(passed=3)


def test_sides_left_out_of_the_file_may_be_given_on_the_command_line(
    project: pytest.Pytester,
) -> None:
    suite(project, REQUEST_IDS + ACCEPTED + PROBES)

    result = project.runpytest(
        "--sbs-reference", "pair_apps:create_old", "--sbs-candidate", "pair_apps:create_new"
    )

    result.assert_outcomes(passed=3)


def test_a_side_given_nowhere_is_one_line_naming_the_file_and_the_key(
    project: pytest.Pytester,
) -> None:
    suite(project, REQUEST_IDS + ACCEPTED + PROBES)

    result = project.runpytest("--sbs-reference", "pair_apps:create_old")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*pair.sidebyside.toml: no candidate: name it in the file*"])
    assert "Traceback" not in result.stdout.str()


def test_a_bad_data_file_is_one_line_naming_the_file_key_and_problem(
    project: pytest.Pytester,
) -> None:
    suite(project, SIDES + '[[noise]]\nname = "x"\nreason = "y"\nmask_json_paths = ["user"]\n')

    result = project.runpytest()

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*pair.sidebyside.toml: noise rule 'x': mask_json_paths takes paths such as*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_probe_using_a_value_no_earlier_probe_captured_names_it_and_the_probe(
    project: pytest.Pytester,
) -> None:
    probe = '[[probe]]\ntitle = "use it"\nmethod = "GET"\npath = "/items/{id}"\n'
    suite(project, SIDES + probe)

    result = project.runpytest()

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*pair.sidebyside.toml: probe 'use it' uses {id}, which no earlier probe captures*"]
    )


def test_a_value_one_side_did_not_give_fails_the_probe_that_uses_it_saying_why(
    project: pytest.Pytester,
) -> None:
    # The new service adds "note" only from its second write on: the first write's answer
    # has none, on either side.
    probes = (
        '[[probe]]\ntitle = "count"\nmethod = "POST"\npath = "/counter"\n'
        'capture = { note = "$.note" }\n\n'
        '[[probe]]\ntitle = "use it"\nmethod = "GET"\npath = "/hello"\n'
        'headers = { X-Note = "{note}" }\n'
    )
    suite(project, SIDES + REQUEST_IDS + probes)

    result = project.runpytest()

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*cannot send: 'use it' needs {note}, not captured: no $.note in the answer (200)*"]
    )


SUITE_WIDE = """
[[accepted]]
id = "html-404"
title = "404 in HTML vs JSON"
aspects = ["content-type", "body"]
applies_to = ["GET /missing*"]
"""


def test_a_suite_wide_accepted_difference_covers_every_probe_its_pattern_matches(
    project: pytest.Pytester,
) -> None:
    suite(project, SIDES + REQUEST_IDS + SUITE_WIDE + PROBES.replace('expect = ["html-404"]', ""))

    project.runpytest().assert_outcomes(passed=3)


def test_a_suite_wide_accepted_difference_is_strict_where_its_pattern_matches(
    project: pytest.Pytester,
) -> None:
    everywhere = SUITE_WIDE.replace('["GET /missing*"]', '"*"')
    suite(project, SIDES + REQUEST_IDS + everywhere + PROBES.replace('expect = ["html-404"]', ""))

    result = project.runpytest()

    # Expected on every probe, it shows only on the missing page: the others fail.
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*registered as html-404 but both apps now agree*"])


def test_noise_finding_on_a_running_reference_says_in_one_line_what_it_cannot_see(
    project: pytest.Pytester, old_service_running: str
) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES)

    result = project.runpytest(
        "--sbs-reference", old_service_running, "--sbs-find-noise", "--sbs-report", "reports"
    )

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*sidebyside: noise proposed for pair.sidebyside.toml*",
            "noise finding: the reference is a running server (http://127.0.0.1:*) and no "
            "second one was given*",
            "noise finding proposes nothing: the reference's two answers agreed on all 2 "
            "requests sent twice.",
        ]
    )
    report = (project.path / "reports" / "sidebyside-reference-candidate.md").read_text()
    assert "**noise finding: the reference is a running server" in report


def test_noise_finding_with_a_second_running_reference_sends_it_the_writes_too(
    project: pytest.Pytester, old_service_running: str
) -> None:
    suite(project, SIDES + REQUEST_IDS + ACCEPTED + PROBES)

    # The "second" reference here is the same server, whose counter has moved on: the write
    # sent to it again answers another count, which a safe-requests-only run cannot see.
    result = project.runpytest(
        *("--sbs-reference", old_service_running, "--sbs-find-noise"),
        *("--sbs-second-reference", old_service_running),
    )

    assert 'body $.count: mask_json_paths = ["$.count"]' in result.stdout.lines
    assert "no second one was given" not in result.stdout.str()


def test_an_accepted_aspect_that_is_none_is_one_line_naming_it(project: pytest.Pytester) -> None:
    suite(project, SIDES + ACCEPTED.replace('"content-type", "body"', '"content-type", "bdy"'))

    result = project.runpytest()

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*pair.sidebyside.toml: accepted difference 'html-404': aspect 'bdy' is none of*"]
    )


def test_a_write_not_sent_twice_to_a_running_reference_lends_its_values_to_the_second_ask(
    project: pytest.Pytester, old_service_running: str
) -> None:
    # The write is not repeated on a running reference; the safe probe after it, which is,
    # uses the value the write captured there.
    probes = (
        '[[probe]]\ntitle = "count"\nmethod = "POST"\npath = "/counter"\n'
        'capture = { n = "$.count" }\n\n'
        '[[probe]]\ntitle = "use it"\nmethod = "GET"\npath = "/hello"\n'
        'headers = { X-Count = "{n}" }\n'
    )
    suite(project, SIDES + REQUEST_IDS + probes)

    result = project.runpytest("--sbs-reference", old_service_running, "--sbs-find-noise")

    result.assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (SIDES + PROBES.replace('["html-404"]', '["html-40"]'), "*'expect' names 'html-40'*"),
        (SIDES + PROBES.replace('["html-404"]', '"html-404"'), "*'expect' must be a list*"),
        (SIDES + 'python = ["no_such_module_xyz"]\n', "*cannot import 'no_such_module_xyz'*"),
        (SIDES + "[[probe]\n", "Expected * at the end of an array declaration*"),
    ],
    ids=["an unknown id", "not a list", "no such module", "not TOML"],
)
def test_more_bad_data_files_are_one_line_each(
    project: pytest.Pytester, text: str, said: str
) -> None:
    suite(project, text)

    result = project.runpytest()

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*pair.sidebyside.toml: {said}"])
    assert "Traceback" not in result.stdout.str()
