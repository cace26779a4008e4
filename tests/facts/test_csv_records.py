"""A CSV import never loses a record silently (issue 16): generated files of each malformed
family, at many offsets and read-block sizes, each checked for the record count identity
(rows read + rows rejected = records in the file) and, when the file is refused, for a store
left byte for byte as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotage.contract import Contract, load_contract, seed_path
from pilotage.errors import ImportFileError
from pilotage.facts import CsvSource, DuckDBFactStore, import_cases

from .factories import case

RECORDS = 400
# Block sizes that put block boundaries everywhere in a file of a few tens of kilobytes.
BLOCKS = st.sampled_from([211, 512, 1000, 4096, 1 << 20])


@cache
def _contract() -> Contract:
    return load_contract(seed_path("inasti-2019-2020"))


@contextmanager
def _folder() -> Iterator[Path]:
    """A fresh folder per generated example (tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _text(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _records(text: str) -> int:
    """The records of a well-formed file, counted by Python's csv module, header excluded."""
    return sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _import(store_path: Path, source: Path, block: int) -> tuple[int, int, list[int]]:
    with DuckDBFactStore(store_path) as store:
        report = import_cases(
            store, [CsvSource(source, block_size=block)], _contract(), secret=None, chunk_rows=64
        )
    return (
        report.inserted + report.updated + report.unchanged,
        report.rejected,
        [r.row for r in report.rejections],
    )


@settings(max_examples=25, deadline=None)
@given(
    where=st.lists(st.integers(0, RECORDS - 1), min_size=1, max_size=6, unique=True),
    bad=st.integers(0, RECORDS - 1),
    block=BLOCKS,
)
def test_quoted_line_breaks_anywhere_keep_every_record_and_its_number(
    where: list[int], bad: int, block: int
) -> None:
    rows = [case(f"C-{i}", category="") for i in range(RECORDS)]
    for i in where:  # a category over two or three lines, wherever it falls
        rows[i]["category"] = f"Bureau\nde Liège{i}" + ("\r\nsuite" if i % 2 else "")
    rows[bad]["start_date"] = "2019-02-30"  # one rejected row, to check its number
    text = _text(rows)
    with _folder() as folder:
        source = folder / "breaks.csv"
        source.write_text(text, encoding="utf-8", newline="")
        stored, rejected, numbers = _import(folder / "store.duckdb", source, block)
    assert stored + rejected == _records(text) == RECORDS
    assert rejected == 1
    # Records are numbered with the header as record 1, whatever the line breaks inside them.
    assert numbers == [bad + 2]


@settings(max_examples=25, deadline=None)
@given(
    at=st.integers(1, RECORDS - 1),
    closes=st.one_of(st.none(), st.integers(1, 40)),
    last_column=st.booleans(),
    block=BLOCKS,
)
def test_an_unbalanced_quote_refuses_the_file_with_its_line_and_writes_nothing(
    at: int, closes: int | None, last_column: bool, block: int
) -> None:
    lines = _text([case(f"C-{i}") for i in range(RECORDS)]).splitlines()
    line = at + 1  # lines[at] is line and record at+1: the header is line and record 1
    if last_column:
        lines[at] += ',"open'
    else:
        fields = lines[at].split(",")
        fields[1] = '"' + fields[1]
        lines[at] = ",".join(fields)
    if closes is not None and at + closes < len(lines):
        lines[at + closes] += '"'  # closed again some records later
    with _folder() as folder:
        store_path = folder / "store.duckdb"
        first = folder / "first.csv"
        first.write_text(_text([case("KEEP-1")]), encoding="utf-8")
        _import(store_path, first, 1 << 20)
        before = _digest(store_path)
        bad = folder / "bad.csv"
        bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(ImportFileError) as refused:
            _import(store_path, bad, block)
        assert _digest(store_path) == before
    assert f"line {line} " in str(refused.value)
    assert "Nothing was imported" in str(refused.value)


@pytest.mark.parametrize("block", [211, 1000, 1 << 20])
def test_rows_with_too_many_or_too_few_fields_are_each_rejected_and_counted(
    tmp_path: Path, block: int
) -> None:
    lines = _text([case(f"C-{i}") for i in range(RECORDS)]).splitlines()
    broken = range(5, RECORDS, 37)
    for i in broken:
        lines[i] = lines[i] + ",extra" if i % 2 else lines[i].rsplit(",", 1)[0]
    path = tmp_path / "fields.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored, rejected, numbers = _import(tmp_path / "f.duckdb", path, block)
    assert stored + rejected == RECORDS
    assert sorted(numbers) == [i + 1 for i in broken]


def test_a_stray_quote_inside_a_value_is_read_as_itself(tmp_path: Path) -> None:
    """An odd number of quotes is not always a lost record: a quote inside an unquoted value
    ("5 pouces") is read as a character, every record counted."""
    rows = [case(f"C-{i}", category="") for i in range(20)]
    lines = _text(rows).splitlines()
    lines[7] = lines[7] + 'Bureau 5"'  # the category of record 8: Bureau 5"
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored, rejected, _ = _import(tmp_path / "s.duckdb", path, 1 << 20)
    assert (stored, rejected) == (20, 0)


def test_a_quote_left_open_on_the_last_line_swallows_nothing_and_is_rejected(
    tmp_path: Path,
) -> None:
    """Nothing follows it: the record is read, with one field too many, and rejected."""
    lines = _text([case(f"C-{i}") for i in range(20)]).splitlines()
    lines[-1] += ',"open'
    path = tmp_path / "last.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored, rejected, numbers = _import(tmp_path / "s.duckdb", path, 1 << 20)
    assert (stored, rejected, numbers) == (19, 1, [21])


# One malformed value of each row-level family, as it would be typed or exported.
FAMILIES = {
    "impossible date": ("start_date", "2019-02-30"),
    "implausible year": ("end_date", "9999-12-31"),
    "not a date": ("start_date", "30/06/2019"),
    "too long": ("category", "x" * 1001),
    "NUL byte": ("category", "a\x00b"),
    "end before start": ("end_date", "2019-01-01"),
}


@settings(max_examples=30, deadline=None)
@given(
    family=st.sampled_from(sorted(FAMILIES)),
    at=st.integers(0, RECORDS - 1),
    block=BLOCKS,
)
def test_a_malformed_value_anywhere_rejects_its_row_only(family: str, at: int, block: int) -> None:
    """Each family, at any offset and read-block size: that record is rejected with its number,
    every other one stored. (A NUL byte in a file's first 64 KiB makes it binary: refused whole,
    so this one is planted beyond.)"""
    field, value = FAMILIES[family]
    rows = [case(f"C-{i}", category="") for i in range(RECORDS * 6)]  # about 100 KiB
    if family == "NUL byte":
        at += RECORDS * 5  # past 80 KiB
    rows[at][field] = value
    with _folder() as folder:
        path = folder / "family.csv"
        path.write_text(_text(rows), encoding="utf-8", newline="")
        # A 1001-character value is longer than the smallest blocks: a block holds a record.
        block = max(block, 4096) if family == "too long" else block
        stored, rejected, numbers = _import(folder / "store.duckdb", path, block)
    assert (stored, rejected) == (len(rows) - 1, 1)
    assert numbers == [at + 2]


def test_a_record_longer_than_a_block_is_refused_as_such(tmp_path: Path) -> None:
    rows = [case(f"C-{i}", category="") for i in range(50)]
    rows[20]["category"] = "x" * 900  # well-formed, quotes closed: only too long for the block
    path = tmp_path / "long.csv"
    path.write_text(_text(rows), encoding="utf-8")
    with pytest.raises(ImportFileError, match="a record is longer than 211 bytes"):
        _import(tmp_path / "s.duckdb", path, 211)
