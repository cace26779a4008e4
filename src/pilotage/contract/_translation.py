"""A translation file: the texts of a contract's elements in a language the contract file does
not give them in, reviewed like the contract itself and kept beside it.

A contract is signed in French and Dutch, but a seed extract, or a contract file written from
one of its printed versions, often carries only one of them: a Dutch reader then sees every
objective marked ``[fr]``. A translation file fills those texts for one language:

    translation_of: inasti-2019-2020
    language: nl
    note: "Translated by the management-control cell, reviewed 2019-03-01."
    demonstration: false          # true: written for pilotage's demonstration, not official
    texts:
      VOB: {name: "Verzekeringsplicht en bijdrageplicht van natuurlijke personen"}
      "VOB 2-01": {name: "Tijdige beslissing over ..."}
      "objectives:GZ 1-01": {name: "..."}   # the collection named when a code is not unique

Each key is an element's code (a service, key task, objective, indicator, article, action or
mission: whatever carries a `code`), qualified by the name of its collection where needed (a
code shared by an objective and its own indicator names the objective; the indicator is
"indicators:CODE"); each value maps one of the element's texts (`name`, `title`, `text`, ...)
to its translation. The file never overrides what the contract itself
says: a text the contract gives in that language already is refused when the translation
differs, and a code or a field the contract does not have is refused with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pilotage.contract._base import Language
from pilotage.contract._files import parse_contract, read_document, to_plain
from pilotage.contract._model import Contract
from pilotage.errors import ContractFileError

__all__ = ["Translation", "apply_translation", "read_translation"]

_LANGUAGES = {lang.value for lang in Language}


@dataclass(frozen=True)
class Translation:
    """A translation file, read and checked for its shape (not yet against a contract)."""

    file: str
    translation_of: str
    language: Language
    note: str
    demonstration: bool
    texts: dict[str, dict[str, str]]
    lines: dict[tuple[str | int, ...], int]

    def line(self, *path: str | int) -> int | None:
        return self.lines.get(tuple(path))


def _fail(file: str, detail: str, line: int | None = None) -> ContractFileError:
    return ContractFileError(file, detail, line)


def read_translation(path: str | Path) -> Translation:
    """Read a translation file; ContractFileError naming the file, line and what is expected."""
    name = str(path)
    data, lines = read_document(Path(path))
    for key in data:
        if key not in {"translation_of", "language", "note", "demonstration", "texts"}:
            raise _fail(
                name,
                f"unknown key {key!r}: a translation file holds translation_of, language, "
                "note, demonstration and texts",
                lines.get((key,)),
            )
    of = data.get("translation_of")
    if not isinstance(of, str) or not of:
        raise _fail(name, "translation_of: give the id of the contract translated", None)
    language = data.get("language")
    if language not in _LANGUAGES:
        raise _fail(
            name,
            f"language: {language!r} is not one of {', '.join(sorted(_LANGUAGES))}",
            lines.get(("language",)),
        )
    texts = data.get("texts")
    if not isinstance(texts, dict) or not texts:
        raise _fail(name, "texts: give a mapping of element codes to their texts", None)
    checked: dict[str, dict[str, str]] = {}
    for code, fields in texts.items():
        where = lines.get(("texts", code))
        if not isinstance(fields, dict) or not fields:
            raise _fail(name, f"texts: {code!r}: give its texts, e.g. {{name: ...}}", where)
        for field, text in fields.items():
            if not isinstance(text, str) or not text.strip():
                raise _fail(
                    name,
                    f"texts: {code!r}: {field}: expected a text, found {text!r}",
                    lines.get(("texts", code, field), where),
                )
        checked[str(code)] = {str(f): " ".join(str(t).split()) for f, t in fields.items()}
    demonstration = data.get("demonstration", False)
    if not isinstance(demonstration, bool):
        raise _fail(name, "demonstration: expected true or false", lines.get(("demonstration",)))
    return Translation(
        name,
        of,
        Language(language),
        str(data.get("note") or ""),
        demonstration,
        checked,
        {tuple(k): v for k, v in lines.items()},
    )


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= _LANGUAGES


def _elements(
    node: Any, collection: str = "", depth: int = 0
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Every element of the plain contract with a `code`, with its collection and depth."""
    if isinstance(node, dict):
        if isinstance(node.get("code"), str):
            yield collection, depth, node
        for key, value in node.items():
            yield from _elements(value, key, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _elements(item, collection, depth)


def apply_translation(contract: Contract, translation: Translation) -> Contract:
    """`contract` with the texts of `translation` filled in; ContractFileError naming the line
    of a code or field it does not have, or of a text it gives otherwise itself."""
    t, lang = translation, translation.language.value
    if t.translation_of != contract.id:
        raise _fail(
            t.file,
            f"translation_of: {t.translation_of!r}, but the contract is {contract.id!r}",
            t.line("translation_of"),
        )
    plain = to_plain(contract)
    by_code: dict[str, list[tuple[str, int, dict[str, Any]]]] = {}
    for collection, depth, element in _elements(plain):
        for name in (element["code"], f"{collection}:{element['code']}"):
            by_code.setdefault(name, []).append((collection, depth, element))
    for key, fields in t.texts.items():
        where = t.line("texts", key)
        found = by_code.get(key, [])
        if not found:
            raise _fail(t.file, f"texts: the contract {contract.id} has no element {key!r}", where)
        # a code shared by an objective and its own indicator names the outer one (the
        # indicator is "indicators:CODE"); two elements side by side are ambiguous
        top = min(d for _c, d, _e in found)
        found = [x for x in found if x[1] == top]
        if len(found) > 1:
            names = ", ".join(f"{c}:{e['code']}" for c, _d, e in found)
            raise _fail(
                t.file, f"texts: {key!r} names more than one element ({names}): qualify it", where
            )
        element = found[0][2]
        for field, text in fields.items():
            current: dict[str, Any] = element.get(field) or {}
            if not _is_text(current):
                have = sorted(k for k, v in element.items() if _is_text(v))
                raise _fail(
                    t.file,
                    f"texts: {key!r}: {field!r} is not one of its texts ({', '.join(have)})",
                    t.line("texts", key, field) or where,
                )
            given = current.get(lang)
            if given and " ".join(str(given).split()) != text:
                raise _fail(
                    t.file,
                    f"texts: {key!r}: {field}: the contract itself gives it in {lang} "
                    f"({given!r}); a translation never overrides the signed text",
                    t.line("texts", key, field) or where,
                )
            current[lang] = text
    return parse_contract(plain, f"{contract.id} with {t.file}")
