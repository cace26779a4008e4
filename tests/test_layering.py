"""The layering holds: the import-linter contracts in pyproject.toml, and no module over 500 lines.

The contracts: the core never imports Django; legal time imports nothing of pilotage but
`pilotage.errors`; no package imports another's private modules (`_name.py`), so the CLI and the
web app reach `contract`, `legaltime`, `followup`, `reading` and `reports` through their faces.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.application import use_cases
from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
PACKAGE = REPO / "src" / "pilotage"
FRONT_ENDS = {"pilotage.cli", "pilotage.web"}
MAX_LINES = 500
DJANGO = "The core never imports Django (only pilotage.web and the CLI that drives it do)"
GROUND = "Legal time is the ground floor"


def _contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {contract["name"].split(":")[0]: contract for contract in config["contracts"]}


def _top_level() -> set[str]:
    """pilotage's packages and modules, but the entry point `__main__`."""
    names = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.parent.name for p in PACKAGE.glob("*/__init__.py")
    }
    return {f"pilotage.{name}" for name in names if not name.startswith("__")}


def _lint(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    return code, capsys.readouterr().out


def test_the_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _lint(capsys)
    assert code == 0, out
    assert "3 kept, 0 broken" in out


def test_the_contracts_name_every_package_of_the_core() -> None:
    contracts = _contracts()
    core = _top_level() - FRONT_ENDS
    assert set(contracts[DJANGO]["source_modules"]) == core
    below_legaltime = set(contracts[GROUND]["forbidden_modules"])
    assert below_legaltime == _top_level() - {"pilotage.legaltime", "pilotage.errors"}


@pytest.fixture
def one_more_import(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The graph import-linter checks, with the imports the test appends (importer, imported)."""
    added: list[tuple[str, str]] = []
    build = use_cases._build_graph

    def with_added(*args: Any, **kwargs: Any) -> grimp.ImportGraph:
        graph = build(*args, **kwargs)
        for importer, imported in added:
            graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
        return graph

    monkeypatch.setattr(use_cases, "_build_graph", with_added)
    return added


@pytest.mark.parametrize(
    ("importer", "imported", "broken"),
    [
        ("pilotage.engine.compute", "django", "The core never imports Django"),
        ("pilotage.reports._figures", "pilotage.web", "The core never imports Django"),
        ("pilotage.legaltime._terms", "pilotage.contract", "Legal time is the ground floor"),
        ("pilotage.cli._report", "pilotage.contract._files", "never its private modules"),
        ("pilotage.web.api.views", "pilotage.followup._model", "never its private modules"),
    ],
)
def test_an_import_across_the_layers_breaks_a_contract(
    capsys: pytest.CaptureFixture[str],
    one_more_import: list[tuple[str, str]],
    importer: str,
    imported: str,
    broken: str,
) -> None:
    one_more_import.append((importer, imported))
    code, out = _lint(capsys)
    assert code == 1
    assert any(broken in line and "BROKEN" in line for line in out.splitlines()), out


def _long_modules(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}: {lines} lines"
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]


def test_no_module_is_over_500_lines() -> None:
    assert _long_modules(PACKAGE) == []


def test_a_long_module_is_found_and_migrations_are_not(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_LINES)
    (tmp_path / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert _long_modules(tmp_path) == ["long.py: 501 lines"]
