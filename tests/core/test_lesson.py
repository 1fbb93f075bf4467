from pathlib import Path

import pytest

from tests.core.lesson import every_problem, lesson_size, problems

LESSON_LIMIT = 1_100


def test_the_twins_teach_nothing_their_frameworks_do_not() -> None:
    assert every_problem() == []


def test_the_lesson_stays_within_its_size() -> None:
    assert lesson_size() <= LESSON_LIMIT


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("class TwinFlask(Flask): pass", "TwinFlask subclasses Flask"),
        (
            "class Hosts(trustedhost.TrustedHostMiddleware): pass",
            "Hosts subclasses TrustedHostMiddleware",
        ),
        ("class Basic(HTTPBasic): pass", "Basic subclasses HTTPBasic"),
        ("class Lazy(SecureCookieSessionInterface): pass", "subclasses SecureCookieSession"),
        ("hooks = app.after_request_funcs[None]", "reaches into after_request_funcs"),
        ("app.build_middleware_stack = build", "reaches into build_middleware_stack"),
        ("from migration.compat import bridges", "imports the migration kit"),
        ("if compat:\n    pass", "a compat branch"),
    ],
)
def test_each_rule_names_what_a_twin_should_not_teach(source: str, found: str) -> None:
    assert any(found in problem for problem in problems(source, "x.py"))


def test_idiomatic_code_breaks_no_rule() -> None:
    source = "app = Flask(__name__)\nCORS(app)\nsecurity = HTTPBasic()\n"

    assert list(problems(source, "x.py")) == []


def test_the_size_counts_changed_lines_and_every_line_of_a_module_one_twin_has(
    tmp_path: Path,
) -> None:
    for twin, hello in (
        ("flask_app", "bp = 1\nshared = 2\n"),
        ("fastapi_app", "router = 1\nshared = 2\n"),
    ):
        (tmp_path / twin).mkdir()
        (tmp_path / twin / "hello.py").write_text(hello)
    (tmp_path / "flask_app" / "wsgi.py").write_text("app = 1\napp.run()\nprint(app)\n")

    # One line changed on each side, and three lines only Flask has.
    assert lesson_size(tmp_path) == 2 + 3
