"""Contract files: read YAML or JSON into the model with every problem located, write them back.

A problem names the file, the line, the path inside the file
(``services[3].key_tasks[0].objectives[1].norms[0].target``), the bad value and the expected form.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from pilotage.contract._model import Contract
from pilotage.errors import ContractFileError, ContractInvalidError

__all__ = [
    "ExportFormat",
    "Problem",
    "Severity",
    "dump_contract",
    "format_path",
    "load_contract",
    "parse_contract",
    "read_document",
    "to_plain",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ExportFormat(StrEnum):
    YAML = "yaml"
    JSON = "json"


Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem in a contract file, located as precisely as the file allows."""

    file: str
    path: str
    message: str
    line: int | None = None
    value: str | None = None
    expected: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.severity.value}: "
        text += f"{self.path}: {self.message}" if self.path else self.message
        if self.value is not None:
            text += f"; got {self.value}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


def format_path(parts: Path_) -> str:
    """``("services", 3, "code")`` -> ``services[3].code``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that refuses duplicate keys instead of keeping the last one silently."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first given on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_map(node: yaml.Node | None, prefix: Path_ = ()) -> dict[Path_, int]:
    """Map each path in a composed YAML tree to its 1-based line."""
    lines: dict[Path_, int] = {}
    if node is None:
        return lines
    lines[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key: str | int = key_node.value
            if isinstance(key, str) and key.lstrip("-").isdigit() and key_node.tag.endswith(":int"):
                key = int(key)
            lines[(*prefix, key)] = key_node.start_mark.line + 1
            lines.update(_line_map(value_node, (*prefix, key)))
            lines[(*prefix, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_map(item, (*prefix, index)))
    return lines


_DATE_LIKE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _impossible_date(text: str) -> tuple[int, str, str] | None:
    """The first written date that does not exist, with its line: PyYAML does not say where."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_LIKE.finditer(line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError as exc:
                return number, match.group(0), str(exc)
    return None


def read_document(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Read a YAML or JSON file into plain data and a path -> line map."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContractFileError(name, "no such file") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ContractFileError(
            name, f"not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8", line
        ) from None
    except OSError as exc:
        raise ContractFileError(name, f"cannot be read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # JSON is YAML too
        lines = _line_map(yaml.compose(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context)
        hint = (
            ""
            if problem.startswith("duplicate key")
            else "; check the indentation and quote values that contain ': ' or start with a symbol"
        )
        raise ContractFileError(
            name, f"not valid YAML: {problem}{hint}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise ContractFileError(name, f"not valid YAML: {exc}") from None
    except ValueError as exc:  # PyYAML builds dates itself: 2019-02-30 fails there
        found = _impossible_date(text)
        if found is None:
            raise ContractFileError(name, f"not valid YAML: {exc}") from None
        line, value, why = found
        raise ContractFileError(
            name, f"{value} is not a date ({why}); expected an existing date YYYY-MM-DD", line
        ) from None
    if not isinstance(data, dict):
        raise ContractFileError(
            name,
            "a contract file is a mapping of keys (format, id, kind, ...), "
            f"not a {type(data).__name__}",
        )
    return data, lines


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 80 else text[:77] + "..."


_EXPECTED = {
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_type": "a date written YYYY-MM-DD",
    "decimal_parsing": "a number such as 90 or 55603297",
    "decimal_type": "a number such as 90 or 55603297",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "a text",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "literal_error": "the value pilotage-contract/1",
}


def _field_model(root: type[BaseModel], parts: Path_) -> type[BaseModel] | None:
    """The model class that holds the last key of `parts`, to list the keys it allows."""
    current: Any = root
    for part in parts:
        current = _unwrap(current)
        if isinstance(part, int) or current is None:
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, list[...] and dict[..., ...] down to the model inside, if any."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (list, tuple, set):
            annotation = args[0]
        elif origin in (dict, Mapping):
            annotation = args[1]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in args if a is not type(None)]
            if len(models) != 1:
                return annotation
            annotation = models[0]
        else:
            return annotation


def _problems_from(error: ValidationError, file: str, lines: dict[Path_, int]) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc: Path_ = tuple(err["loc"])
        line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), None)
        kind = err["type"]
        if kind == "extra_forbidden":
            holder = _field_model(Contract, loc[:-1])
            allowed = ", ".join(holder.model_fields) if holder else None
            problems.append(
                Problem(
                    file,
                    format_path(loc),
                    f"unknown key {loc[-1]!r}: not part of the pilotage-contract/1 format",
                    line,
                    expected=f"one of: {allowed}" if allowed else None,
                )
            )
            continue
        message = str(err["msg"]).removeprefix("Value error, ")
        given = err.get("input")
        value = None if kind == "missing" or isinstance(given, (dict, list)) else _show(given)
        expected = _EXPECTED.get(kind)
        if kind == "missing":
            message = f"required key {loc[-1]!r} is missing"
        elif kind in ("enum", "literal_error"):
            message = "not an allowed value"
            expected = "one of " + str(err.get("ctx", {}).get("expected", ""))
        problems.append(Problem(file, format_path(loc), message, line, value, expected))
    return problems


def parse_contract(
    data: Any, file: str = "<data>", lines: dict[Path_, int] | None = None
) -> Contract:
    """Validate plain data as a contract; raise ContractInvalidError with every problem."""
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        problems = _problems_from(exc, file, lines or {})
        raise ContractInvalidError(
            f"{file}: {len(problems)} problem(s)\n" + "\n".join(str(p) for p in problems),
            problems,
        ) from None


def load_contract(path: str | Path) -> Contract:
    """Read and validate one contract file (YAML or JSON)."""
    path = Path(path)
    data, lines = read_document(path)
    return parse_contract(data, str(path), lines)


def to_plain(value: Any) -> Any:
    """Model dump -> plain YAML/JSON data: enums as values, whole decimals as integers."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items() if v not in ([], {})}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Readable YAML: unicode kept, long texts folded, keys in model order."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_contract(contract: Contract, fmt: ExportFormat | str = ExportFormat.YAML) -> str:
    """Write a contract as YAML or JSON text that loads back into an equal model."""
    plain = to_plain(contract)
    if ExportFormat(fmt) is ExportFormat.JSON:

        def default(obj: Any) -> Any:
            if isinstance(obj, dt.date):
                return obj.isoformat()
            raise TypeError(f"cannot write {type(obj).__name__} as JSON")

        return json.dumps(plain, ensure_ascii=False, indent=2, default=default) + "\n"
    text: str = yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text
