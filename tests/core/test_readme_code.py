from pathlib import Path

from tests.core.readme_code import README, problems, shown_code

MODULE = "app/routes.py"
SOURCE = "import x\n\n\ndef hello() -> str:\n    return 'hi'\n"


def written(root: Path, source: str = SOURCE) -> Path:
    (root / "app").mkdir()
    (root / MODULE).write_text(source)
    return root


def readme_showing(code: str, module: str = MODULE) -> str:
    return f"# A project\n\n`{module}` says hello:\n\n```python\n{code}```\n"


def test_the_readme_shows_code_of_both_twins() -> None:
    modules = {module for module, _code in shown_code(README.read_text())}
    assert any(module and module.startswith("flask_app/") for module in modules)
    assert any(module and module.startswith("fastapi_app/") for module in modules)


def test_every_block_the_readme_shows_is_the_code_it_names() -> None:
    assert problems(README.read_text()) == []


def test_a_block_copied_from_its_module_passes(tmp_path: Path) -> None:
    readme = readme_showing("def hello() -> str:\n    return 'hi'\n")
    assert problems(readme, written(tmp_path)) == []


def test_a_block_may_leave_code_out_between_its_pieces(tmp_path: Path) -> None:
    readme = readme_showing("import x\n\n\ndef hello() -> str:\n    return 'hi'\n")
    assert problems(readme, written(tmp_path, "import x\n\n\nY = 1\n\n\n" + SOURCE[10:])) == []


def test_a_block_that_drifted_from_its_module_is_named(tmp_path: Path) -> None:
    readme = readme_showing("def hello() -> str:\n    return 'hello'\n")
    assert problems(readme, written(tmp_path)) == [
        f"a Python block is not the code of {MODULE}:\ndef hello() -> str:\n    return 'hello'\n"
    ]


def test_a_block_naming_a_missing_module_is_named(tmp_path: Path) -> None:
    readme = readme_showing("import x\n", module="app/gone.py")
    assert problems(readme, written(tmp_path)) == [
        "a Python block names app/gone.py, which does not exist"
    ]


def test_a_block_naming_no_module_is_named(tmp_path: Path) -> None:
    readme = "# A project\n\nSome code:\n\n```python\nimport x\n```\n"
    assert problems(readme, written(tmp_path)) == [
        "a Python block names no module before it:\nimport x\n"
    ]
