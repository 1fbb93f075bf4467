"""Every evidence link must lead somewhere: a file of the repository, and an anchor in it."""

import re

from tools.claims.ledger import REPO_ROOT, Link

_HEADING = re.compile(r"^#+\s+(.*?)\s*$", re.MULTILINE)
_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = _ANCHOR.sub("", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    return {slug(heading) for heading in _HEADING.findall(markdown)} | set(
        _ANCHOR.findall(markdown)
    )


def broken(link: Link) -> str | None:
    """Why the link leads nowhere; None when it resolves."""
    path, _, anchor = link.target.partition("#")
    file = REPO_ROOT / path
    if not file.is_file():
        return f"{link.target}: no such file"
    if anchor and anchor not in anchors(file.read_text(encoding="utf-8")):
        return f"{link.target}: no anchor #{anchor} in {path}"
    return None
