import re
import sys

from shared.schemas import NO_NUL, NOT_BLANK_NOR_NUL, WHITESPACE_CLASS


def test_the_whitespace_class_is_exactly_what_str_strip_removes() -> None:
    whitespace = re.compile(f"[{WHITESPACE_CLASS}]")

    mismatched = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if (whitespace.fullmatch(chr(code)) is not None) != chr(code).isspace()
    ]

    assert mismatched == []


def test_the_text_pattern_refuses_blank_text_and_nul() -> None:
    pattern = re.compile(NOT_BLANK_NOR_NUL)

    assert pattern.fullmatch(" Ada ")
    assert not pattern.fullmatch("")
    assert not pattern.fullmatch(" \t\u3000")
    assert not pattern.fullmatch("Ada\x00")
    assert re.fullmatch(NO_NUL, "   ")
    assert not re.fullmatch(NO_NUL, "\x00")
