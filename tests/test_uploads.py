import pytest

from shared.uploads import sanitise_filename


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\notes.md", "notes.md"),
        ("my file (final).txt", "my_file_final_.txt"),
        (".bashrc", "bashrc"),
        ("", "upload"),
        (None, "upload"),
        ("....", "upload"),
        ("a" * 300, "a" * 100),
        ("naïve\x00.txt", "na_ve_.txt"),
    ],
)
def test_an_upload_name_is_reduced_to_a_safe_display_name(given: str | None, kept: str) -> None:
    assert sanitise_filename(given) == kept
