"""The README stays true: its two commands exist, CI runs the test one, every setting is listed."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "scripts/start" in readme
    assert "scripts/test" in readme
    assert "exec scripts/test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_environment_setting_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    used = set()
    for path in (REPO / "src").rglob("*.py"):
        used |= set(re.findall(r'"(PILOTAGE_[A-Z_]+)"', path.read_text(encoding="utf-8")))
    assert used
    assert sorted(v for v in used if f"`{v}`" not in readme) == []
