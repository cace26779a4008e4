"""The command-line sessions written in docs/*.md, read so that tests can replay them.

A session is every ```console block of a page, split at each "$ " prompt into the command and
the output that follows it, in order.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def console_session(page: str | Path) -> list[tuple[str, str]]:
    """(command, output) pairs of `page` (a name in docs/, or a path), in the page's order."""
    path = page if isinstance(page, Path) else DOCS / page
    found = []
    for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found
