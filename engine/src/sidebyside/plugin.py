"""The pytest plugin: every `*.sidebyside.toml` file is a suite, every probe in it a test.

Installed with the package (entry point `pytest11`), so `pytest path/to/shop.sidebyside.toml`
or a directory holding one runs it. The test ids read `shop.sidebyside.toml::probes: list the
items` and `shop.sidebyside.toml::shop.har: 003 POST /items`. Each source of probes (the
file's own, each recording) is replayed in order against a fresh pair of apps; a test fails
when its verdict is unexpected.

Options (each overrides the data file, which overrides `[tool.sidebyside]` in pyproject.toml):
`--sbs-reference SIDE`, `--sbs-candidate SIDE` (an import string or a base URL),
`--sbs-report DIR` (write each suite's report there), `--sbs-find-noise` (send each request
to a second, fresh reference too, and report what differs as proposed noise rules),
`--sbs-second-reference URL` (the second reference when the reference is a running server:
`python -m sidebyside.live --sbs-find-noise` starts one and passes it).

Values a probe captures (`capture = { token = "$.user.token" }`) are kept per source and per
side; a later probe's `{token}` is filled with each side's own value.
"""

import tomllib
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx2
import pytest

from sidebyside import report
from sidebyside.apps import TargetError, is_url, open_side
from sidebyside.datafile import DataFileError, Source, Suite, load
from sidebyside.findnoise import ProposedNoise, by_place, declaration, noise_between
from sidebyside.observe import observe
from sidebyside.probes import Missing, Probe, UnsendableProbeError, captured, fill
from sidebyside.verdict import CaseResult, explain, judge

SUFFIX = ".sidebyside.toml"


@dataclass
class Record:
    """What one suite saw, for its report."""

    suite: Suite
    results: list[CaseResult]
    proposed: list[ProposedNoise]
    # What the noise finding could not see, or that it saw nothing: one line each.
    notes: list[str] = field(default_factory=list)
    # Requests compared with a second answer of the reference.
    sent_twice: int = 0


RECORDS = pytest.StashKey[dict[Path, Record]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sidebyside", "sidebyside: compare two implementations of an API")
    group.addoption("--sbs-reference", metavar="SIDE", help="the reference: module:app or URL")
    group.addoption("--sbs-candidate", metavar="SIDE", help="the candidate: module:app or URL")
    group.addoption("--sbs-report", metavar="DIR", help="write each suite's report into DIR")
    group.addoption(
        "--sbs-find-noise",
        action="store_true",
        help="send each request to a second, fresh reference and propose noise rules",
    )
    group.addoption(
        "--sbs-second-reference",
        metavar="URL",
        help="a second server of the reference, for --sbs-find-noise on live servers",
    )


def pyproject_defaults(config: pytest.Config) -> dict[str, Any]:
    """[tool.sidebyside] of the project's pyproject.toml, if any."""
    path = config.rootpath / "pyproject.toml"
    if not path.exists():
        return {}
    tool: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    return dict(tool.get("sidebyside", {}))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "SuiteFile | None":
    if file_path.name.endswith(SUFFIX):
        suite_file: SuiteFile = SuiteFile.from_parent(parent, path=file_path)
        return suite_file
    return None


class UnexpectedDifferenceError(AssertionError):
    """A probe's two answers differ in a way no applicable accepted difference covers."""


@dataclass
class Sides:
    reference: httpx2.Client
    candidate: httpx2.Client
    # A second reference, fresh, when noise is being found.
    twin: httpx2.Client | None
    # The values each side's answers gave, by side ("reference", "candidate", "twin").
    values: dict[str, dict[str, object]] = field(
        default_factory=lambda: {"reference": {}, "candidate": {}, "twin": {}}
    )

    def send(self, side: str, probe: Probe) -> tuple[httpx2.Response, float]:
        """The probe sent to one side with that side's captured values; what it captures is
        kept for the later probes."""
        client = {"reference": self.reference, "candidate": self.candidate}.get(side, self.twin)
        assert client is not None
        try:
            response, seconds = fill(probe, self.values[side]).send(client)
        except Exception as error:
            # What it was to capture is missing for the probes that use it, with the reason.
            why = Missing(f"{probe.title!r} was not answered: {error}")
            self.values[side].update(dict.fromkeys(probe.capture, why))
            raise
        self.values[side].update(captured(response, probe.capture))
        return response, seconds

    def expect_captures(self, probe: Probe) -> None:
        """Before a probe is sent: what it captures is missing on every side until that side
        answers it (a side it never reaches, after another side failed, says so)."""
        why = Missing(f"{probe.title!r} was not sent to this side")
        for values in self.values.values():
            values.update(dict.fromkeys(probe.capture, why))

    def twin_as_reference(self, probe: Probe) -> None:
        """The second reference was not sent the probe (the same running server): it takes
        the reference's values."""
        reference = self.values["reference"]
        self.values["twin"].update({name: reference[name] for name in probe.capture})


CANNOT_SEE_WRITES = (
    "noise finding: the reference is a running server ({url}) and no second one was given "
    "(--sbs-second-reference), so only safe requests were sent twice, to the same server: "
    "noise born in writes or differing between instances (tokens, creation times) cannot "
    "show. Let python -m sidebyside.live start the servers to find it."
)


class SuiteFile(pytest.File):
    suite: Suite

    def collect(self) -> Iterator[pytest.Item]:
        try:
            suite = load(self.path, pyproject_defaults(self.config))
        except DataFileError as error:
            raise self.CollectError(str(error)) from None
        options = self.config.option
        self.suite = replace(
            suite,
            reference=options.sbs_reference or suite.reference,
            candidate=options.sbs_candidate or suite.candidate,
            find_noise=options.sbs_find_noise or suite.find_noise,
        )
        for key in ("reference", "candidate"):
            if not getattr(self.suite, key):
                raise self.CollectError(
                    f'{self.path}: no {key}: name it in the file ({key} = "module:app" or '
                    f"a URL) or with --sbs-{key}"
                )
        self._stack = ExitStack()
        self._open: dict[int, Sides] = {}
        record = Record(self.suite, [], [])
        self.second_reference: str | None = options.sbs_second_reference
        if self.suite.find_noise and is_url(self.suite.reference) and not self.second_reference:
            record.notes.append(CANNOT_SEE_WRITES.format(url=self.suite.reference))
        self.config.stash.setdefault(RECORDS, {})[self.path] = record
        for source in self.suite.sources:
            for probe in source.probes:
                yield ProbeItem.from_parent(
                    self, name=f"{source.name}: {probe.title}", source=source, probe=probe
                )

    def sides(self, source: Source) -> Sides:
        """The fresh pair of apps this source is replayed against, opened at its first probe."""
        if not self._open:
            self.addfinalizer(self._stack.close)
        if id(source) not in self._open:
            enter = self._stack.enter_context
            twin = None
            if self.suite.find_noise:
                twin = enter(open_side(self.second_reference or self.suite.reference))
            self._open[id(source)] = Sides(
                enter(open_side(self.suite.reference)), enter(open_side(self.suite.candidate)), twin
            )
        return self._open[id(source)]


class ProbeItem(pytest.Item):
    def __init__(self, *, source: Source, probe: Probe, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.probe = probe

    @property
    def suite_file(self) -> SuiteFile:
        assert isinstance(self.parent, SuiteFile)
        return self.parent

    def runtest(self) -> None:
        suite = self.suite_file.suite
        sides = self.suite_file.sides(self.source)
        record = self.config.stash[RECORDS][suite.path]
        probe = self.probe
        sides.expect_captures(probe)
        reference, reference_seconds = sides.send("reference", probe)
        candidate, candidate_seconds = sides.send("candidate", probe)
        seen = observe(reference, suite.noise), observe(candidate, suite.noise)
        if sides.twin is not None and self._comparable_twice(suite):
            again, _ = sides.send("twin", probe)
            twice = observe(again, suite.noise)
            record.sent_twice += 1
            record.proposed += noise_between(seen[0], twice, probe.request_line())
        elif sides.twin is not None:
            sides.twin_as_reference(probe)
        result = judge(
            replace(probe, feature=probe.feature or self.source.name),
            *seen,
            suite.accepted,
            suite.pair,
            (reference_seconds, candidate_seconds),
        )
        record.results.append(result)
        if result.verdict == "unexpected":
            raise UnexpectedDifferenceError(explain(result, suite.accepted))

    def _comparable_twice(self, suite: Suite) -> bool:
        # A server by URL cannot be made fresh: unless a second one was given, only a request
        # that changes nothing may be sent to it twice.
        second = self.suite_file.second_reference
        return second is not None or not is_url(suite.reference) or not self.probe.changes_state

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, UnexpectedDifferenceError):
            return f"unexpected difference: {excinfo.value}"
        if isinstance(excinfo.value, TargetError):
            return f"cannot open a side: {excinfo.value}"
        if isinstance(excinfo.value, UnsendableProbeError):
            return f"cannot send: {excinfo.value}"
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.source.name}: {self.probe.title}"


def report_path(directory: Path, suite: Suite) -> Path:
    """A suite's report, named after both sides."""
    return directory / f"sidebyside-{suite.reference_name}-{suite.candidate_name}.md"


def pytest_collection_finish(session: pytest.Session) -> None:
    """What noise finding cannot see, said before any probe runs (and again at the end)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for record in session.config.stash.get(RECORDS, {}).values():
        for note in record.notes:
            if reporter is not None:
                reporter.write_line(f"sidebyside: {note}")


def noise_notes(record: Record) -> list[str]:
    """What a run with noise finding says besides its proposals: what it could not see, and
    that it proposes nothing when the reference's two answers always agreed."""
    notes = list(record.notes)
    if record.suite.find_noise and not record.proposed and record.sent_twice:
        notes.append(
            f"noise finding proposes nothing: the reference's two answers agreed on all "
            f"{record.sent_twice} requests sent twice."
        )
    return notes


def pytest_sessionfinish(session: pytest.Session) -> None:
    option = session.config.getoption("--sbs-report", None)
    for record in session.config.stash.get(RECORDS, {}).values():
        suite = record.suite
        if not record.results or not (option or suite.report):
            continue
        path = report_path(Path(option), suite) if option else suite.path.parent / str(suite.report)
        names = (suite.reference_name, suite.candidate_name)
        markdown = report.render(
            record.results,
            names,
            suite.accepted,
            suite.noise,
            suite.path.name,
            record.proposed,
            noise_notes(record),
        )
        report.write(path, markdown, f"{names[0]} and {names[1]}, request by request")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The proposed noise rules, so that a run with --sbs-find-noise shows them at once, after
    one line for what it could not see."""
    for record in terminalreporter.config.stash.get(RECORDS, {}).values():
        notes = noise_notes(record)
        if not record.proposed and not notes:
            continue
        terminalreporter.section(f"sidebyside: noise proposed for {record.suite.path.name}")
        for note in notes:
            terminalreporter.write_line(note)
        for aspect, items in by_place(record.proposed).items():
            terminalreporter.write_line(f"{aspect}: {declaration(items)}")
