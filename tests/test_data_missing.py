"""Under CI=true a test skipped because its data is missing fails (the hook of tests/conftest.py);
elsewhere it stays a skip, with its reason."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

import pytest

from tests import conftest


def _report(outcome: str, reason: str = "") -> pytest.TestReport:
    longrepr: Any = ("tests/x.py", 1, f"Skipped: {reason}") if outcome == "skipped" else None
    return pytest.TestReport("tests/x.py::test_x", ("tests/x.py", 1, "test_x"), {}, outcome,
                             longrepr, "call")  # fmt: skip


def _hooked(report: pytest.TestReport) -> pytest.TestReport:
    """The report once the conftest hook has seen it (driven as pluggy drives a wrapper)."""
    hook = cast(Generator[None, pytest.TestReport, pytest.TestReport],
                conftest.pytest_runtest_makereport(cast(Any, None), cast(Any, None)))  # fmt: skip
    next(hook)
    with pytest.raises(StopIteration) as done:
        hook.send(report)
    result: pytest.TestReport = done.value.value
    return result


def test_a_data_missing_skip_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    reason = conftest.DATA_MISSING + "/x/shared/corpus/a.txt absent"
    report = _hooked(_report("skipped", reason))
    assert report.failed
    assert "CI=true" in str(report.longrepr)
    assert "/x/shared/corpus/a.txt absent" in str(report.longrepr)


def test_elsewhere_it_stays_a_skip_and_other_skips_are_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert _hooked(_report("skipped", conftest.DATA_MISSING + "absent")).skipped
    monkeypatch.setenv("CI", "true")
    assert _hooked(_report("skipped", "Spark needs Java: no java on PATH")).skipped
    assert _hooked(_report("passed")).passed


def test_a_missing_shared_file_says_data_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"^{conftest.DATA_MISSING}"):
        conftest.missing_shared((tmp_path / "absent.txt",))
    conftest.missing_shared((tmp_path,))  # present: nothing happens


def test_the_seed_documents_are_named_once() -> None:
    """The shared folder and its seed documents are named in tests/conftest.py only."""
    here = Path(__file__).parent
    named = [
        p.relative_to(here).as_posix()
        for p in here.rglob("*.py")
        if p.name != "conftest.py" or p.parent != here
        for text in [p.read_text(encoding="utf-8")]
        if '"shared"' in text or "000_b7da76ce84b9856a" in text or "003_3bd79ff02aa663a2" in text
    ]
    assert named == ["test_data_missing.py"]
