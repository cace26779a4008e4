"""Load a contract file into the catalogue: the one function the CLI, the admin and tests call."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from pilotage.contract import (
    Contract,
    ExportFormat,
    Language,
    Severity,
    Translation,
    apply_translation,
    check_file,
    dump_contract,
    read_translation,
    resolve_contract_path,
)
from pilotage.errors import ContractInvalidError
from pilotage.web.accounts.access import User
from pilotage.web.accounts.models import Institution
from pilotage.web.audit.record import record
from pilotage.web.catalogue.models import ContractTranslation, ContractVersion

__all__ = [
    "LoadResult",
    "check_contract_text",
    "current_translations",
    "latest",
    "load_contract_file",
    "load_contract_text",
    "load_translation_file",
    "store_contract",
    "translated",
]


@dataclass(frozen=True)
class LoadResult:
    version: ContractVersion
    created: bool

    def __str__(self) -> str:
        state = "loaded" if self.created else "unchanged"
        return (
            f"{self.version.contract_id} [{self.version.institution.code}]: {state}, "
            f"sha256 {self.version.sha256[:12]}"
        )


def _checked(path: Path, name: str) -> Contract:
    """The contract in `path`, after every check of `pilotage contract check`; errors raise."""
    report = check_file(path)
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    if report.contract is None or errors:
        shown = [str(p).replace(str(path), name, 1) for p in errors]
        raise ContractInvalidError(f"{name}: {len(shown)} problem(s)\n" + "\n".join(shown), errors)
    return report.contract


def load_contract_file(
    path_or_seed_id: str,
    institution: str,
    *,
    who: User | None = None,
) -> LoadResult:
    """Validate a contract file (or a seed id) with the core and store it as a contract version.

    Idempotent: the same canonical content for the same institution is the same row. A new row
    is written to the audit trail. The file passes every check of `pilotage contract check`
    (warnings, such as a derivable blank budget cell, do not stop it).
    """
    path = resolve_contract_path(path_or_seed_id)
    return store_contract(_checked(path, str(path)), institution, source=str(path), who=who)


def load_contract_text(
    text: str,
    institution: str,
    *,
    source: str,
    who: User | None = None,
) -> LoadResult:
    """The same as `load_contract_file` for a contract file's text (an upload, the admin form).

    `source` names it in messages and in the version's provenance ("upload inasti.yaml").
    """
    return store_contract(check_contract_text(text, source), institution, source=source, who=who)


def check_contract_text(text: str, source: str) -> Contract:
    """The contract in a file's text, checked as `_checked` does; messages name `source`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contract.yaml"
        path.write_text(text, encoding="utf-8")
        return _checked(path, source)


def store_contract(
    contract: Contract,
    institution: str,
    *,
    source: str,
    who: User | None = None,
) -> LoadResult:
    """Store a checked contract as a new version of its id (never overwriting an older one)."""
    if contract.institution.code != institution:
        raise ContractInvalidError(
            f"{source}: the contract is of institution {contract.institution.code!r}, not "
            f"{institution!r}; load it under {contract.institution.code}"
        )
    content = dump_contract(contract, ExportFormat.JSON)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    with transaction.atomic():
        inst, _ = Institution.objects.get_or_create(
            code=institution, defaults={"name": contract.institution.name.text("fr")}
        )
        existing = ContractVersion.objects.filter(
            contract_id=contract.id, institution=inst, sha256=digest
        ).first()
        if existing is not None:
            return LoadResult(existing, created=False)
        previous = ContractVersion.objects.filter(contract_id=contract.id, institution=inst).first()
        version = ContractVersion.objects.create(
            contract_id=contract.id,
            institution=inst,
            title=contract.title.text("fr")[:500],
            period_start=contract.period.start,
            period_end=contract.period.end,
            content=content,
            sha256=digest,
            source=source[:500],
        )
        record(
            "contract.load",
            version,
            who=who,
            before=_summary(previous) if previous else None,
            after=_summary(version),
        )
    return LoadResult(version, created=True)


def _summary(version: ContractVersion) -> dict[str, str | None]:
    return {
        "contract_id": version.contract_id,
        "institution": version.institution.code,
        "sha256": version.sha256,
        "period_start": version.period_start.isoformat(),
        "period_end": version.period_end.isoformat() if version.period_end else None,
        "source": version.source,
    }


def latest(contract_id: str) -> ContractVersion | None:
    """The most recently loaded version of a contract, without its content (`contract()`
    reads it once per process)."""
    found: ContractVersion | None = (
        ContractVersion.objects.filter(contract_id=contract_id)
        .select_related("institution")
        .defer("content")
        .first()
    )
    return found


def current_translations(contract_id: str) -> list[ContractTranslation]:
    """The newest translation of `contract_id` per language."""
    newest: dict[str, ContractTranslation] = {}
    for t in ContractTranslation.objects.filter(contract_id=contract_id):  # newest first
        newest.setdefault(t.language, t)
    return [newest[lang] for lang in sorted(newest)]


def translated(contract: Contract, rows: Sequence[ContractTranslation]) -> Contract:
    """`contract` with the texts of its stored translations filled in, for display."""
    for row in rows:
        contract = apply_translation(contract, _translation_of(row))
    return contract


def _translation_of(row: ContractTranslation) -> Translation:
    return Translation(
        row.source or f"translation {row.pk}",
        row.contract_id,
        Language(row.language),
        row.note,
        row.demonstration,
        dict(row.texts),
        {},
    )


def load_translation_file(path: str | Path, *, who: User | None = None) -> ContractTranslation:
    """Check a translation file against the newest version of its contract and store it (the
    newest per contract and language is the one shown). Refused whole, naming the file and
    line, when it does not fit the contract; loading the same file again changes nothing."""
    read = read_translation(path)
    version = ContractVersion.objects.filter(contract_id=read.translation_of).first()
    if version is None:
        raise ContractInvalidError(
            f"{path}: translation_of {read.translation_of!r}: no such contract in the catalogue; "
            "load the contract first"
        )
    apply_translation(version.contract(), read)  # refuses what does not fit, with its line
    others = [t for t in current_translations(read.translation_of) if t.language != read.language]
    translated(version.contract(), others)  # and what would not fit beside the others
    content = json.dumps(
        {"language": read.language.value, "texts": read.texts, "note": read.note},
        sort_keys=True,
        ensure_ascii=False,
    )
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    with transaction.atomic():
        newest = next(
            (t for t in current_translations(read.translation_of) if t.language == read.language),
            None,
        )
        if newest is not None and newest.sha256 == digest:
            return newest
        row = ContractTranslation.objects.create(
            contract_id=read.translation_of,
            language=read.language.value,
            texts=read.texts,
            note=read.note,
            demonstration=read.demonstration,
            sha256=digest,
            source=str(path)[:500],
        )
        record(
            "translation.load",
            row,
            who=who,
            institution=version.institution,
            before={"sha256": newest.sha256} if newest else None,
            after={"language": row.language, "texts": len(row.texts), "sha256": digest},
        )
    return row
