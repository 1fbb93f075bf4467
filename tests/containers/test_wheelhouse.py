from pathlib import Path

import pytest

from tools.containers.wheelhouse import REQUIREMENTS, WheelTarget, staleness

BOOKWORM = WheelTarget(python=(3, 11), glibc=(2, 36), machine="x86_64")


def test_requirements_matching_the_export_are_not_stale() -> None:
    text = REQUIREMENTS.read_text()

    assert staleness(text, text) is None


def test_requirements_differing_from_the_export_are_stale_and_the_difference_is_shown() -> None:
    exported = REQUIREMENTS.read_text()
    committed = exported.replace("alembic==1.20.1", "alembic==1.19.0")

    problem = staleness(committed, exported)

    assert problem is not None
    assert "make requirements" in problem
    assert "-alembic==1.19.0" in problem
    assert "+alembic==1.20.1" in problem


def test_the_target_is_read_from_the_probe_run_in_the_image() -> None:
    assert WheelTarget.parse("3 11 2.36 x86_64\n") == BOOKWORM
    assert str(BOOKWORM) == "CPython 3.11, glibc 2.36, x86_64"


def test_wheels_for_the_image_glibc_or_older_fit_and_newer_ones_do_not() -> None:
    platforms = BOOKWORM.platforms()

    assert "manylinux_2_36_x86_64" in platforms
    assert "manylinux_2_17_x86_64" in platforms
    assert "manylinux_2_5_x86_64" in platforms
    assert {"manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"} <= set(platforms)
    assert "manylinux_2_37_x86_64" not in platforms
    assert not any("aarch64" in platform for platform in platforms)


def test_an_older_glibc_drops_the_aliases_it_cannot_run() -> None:
    platforms = WheelTarget((3, 11), (2, 12), "x86_64").platforms()

    assert "manylinux2014_x86_64" not in platforms
    assert "manylinux2010_x86_64" in platforms


def test_pip_is_told_the_image_interpreter_not_the_host_one() -> None:
    options = BOOKWORM.pip_options()

    assert options[:6] == ["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311"]
    assert options.count("--platform") == len(BOOKWORM.platforms())


def test_a_c_library_other_than_glibc_2_has_no_manylinux_tags() -> None:
    with pytest.raises(ValueError, match="glibc 2"):
        WheelTarget((3, 11), (3, 0), "x86_64").platforms()


def test_the_requirements_file_is_the_one_at_the_repository_root() -> None:
    assert Path(__file__).resolve().parents[2] / "requirements.txt" == REQUIREMENTS
