"""NISS -> person_key: a keyed hash (HMAC-SHA256), so the clear national number is never stored.

A NISS (numéro d'identification à la sécurité sociale, NL INSZ) is 11 digits, often printed
with separators (`85.07.30-033.28`): separators are dropped before hashing, so both spellings
give the same key. Without the key, the 10^11 possible numbers could be hashed and matched in
minutes; with it, a person_key cannot be traced back to a person.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from pilotage.errors import SecretKeyError
from pilotage.facts.settings import SECRET_KEY_ENV

__all__ = [
    "MIN_SECRET_LENGTH",
    "NISS_MASK",
    "NISS_SEPARATORS",
    "check_secret",
    "key_check",
    "mask_niss",
    "niss_is_real",
    "person_key",
    "person_keys",
]

MIN_SECRET_LENGTH = 16
NISS_SEPARATORS = r"[\s.\-/]"
_NISS = r"^\d{11}$"
_CHECK_MESSAGE = b"pilotage person_key check"


def check_secret(secret: str | bytes | None, source: str) -> bytes:
    """The secret as bytes, or a SecretKeyError saying what to set when it is missing or short."""
    if not secret:
        raise SecretKeyError(
            f"{source} has a niss column, but {SECRET_KEY_ENV} is not set: set it to the "
            "institution's secret key (at least "
            f"{MIN_SECRET_LENGTH} characters) so that each NISS is replaced by a keyed hash; "
            "nothing was imported"
        )
    key = secret.encode() if isinstance(secret, str) else secret
    if len(key) < MIN_SECRET_LENGTH:
        raise SecretKeyError(
            f"{SECRET_KEY_ENV} is {len(key)} characters long: a key of at least "
            f"{MIN_SECRET_LENGTH} characters is needed to pseudonymise NISS; nothing was imported"
        )
    return key


def person_key(niss: str, secret: bytes) -> str:
    """The person_key of one NISS (separators ignored), as 64 hex digits."""
    digits = "".join(ch for ch in niss if ch.isdigit())
    return hmac.new(secret, digits.encode(), hashlib.sha256).hexdigest()


def key_check(secret: bytes) -> str:
    """A fingerprint of the key, recorded per batch to notice a store fed with another key."""
    return hmac.new(secret, _CHECK_MESSAGE, hashlib.sha256).hexdigest()[:16]


def person_keys(
    niss: pa.ChunkedArray | pa.Array, secret: bytes, *, pad: bool = False
) -> tuple[pa.Array, pa.Array]:
    """Keys for a column of NISS, and a boolean array of the malformed ones (key null there).

    Empty values give a null key and are not malformed. `pad` left-pads with zeros to 11 digits,
    for NISS read from a numeric column, where leading zeros were lost (at most three: a
    number of fewer than 8 digits is malformed, not padded).
    """
    text = pc.utf8_trim_whitespace(pc.cast(niss, pa.string()))
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    digits = pc.replace_substring_regex(text, NISS_SEPARATORS, "")
    if pad:
        # A number loses at most three leading zeros (born in 2000-2009, in January to
        # September: 000...): fewer than 8 digits was never a NISS, and is not padded into one.
        short = pc.less(pc.utf8_length(digits), 8)
        digits = pc.if_else(short, digits, pc.utf8_lpad(digits, 11, "0"))
    ok = pc.match_substring_regex(digits, _NISS)
    bad = pc.fill_null(pc.invert(ok), False)
    good = pc.if_else(ok, digits, pa.scalar(None, pa.string()))
    # Hash each distinct number once: a person often has several cases.
    encoded = pc.dictionary_encode(good)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    base = hmac.new(secret, digestmod=hashlib.sha256)
    hashed = []
    for value in encoded.dictionary.to_pylist():
        h = base.copy()
        h.update(value.encode())
        hashed.append(h.hexdigest())
    keys = pc.take(pa.array(hashed, pa.string()), encoded.indices)
    return keys, bad


# A NISS in its printed forms: 85073003328, 85.07.30-033.28, 850730 033 28.
_SHAPED = re.compile(r"(?<![\d.-])(\d{2})\.?(\d{2})\.?(\d{2})[-. ]?(\d{3})[. ]?(\d{2})(?![\d.-])")
# The same for pyarrow's RE2 (no look-around): finds the values worth a closer look.
_SHAPED_RE2 = r"(^|[^\d.-])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}[. ]?\d{2}([^\d.-]|$)"
NISS_MASK = "[NISS masked]"


def niss_is_real(digits: str) -> bool:
    """Whether 11 digits read as a NISS: a birth date's month and day, and the checksum
    97 - (first 9 digits mod 97), the 9 digits prefixed with "2" for births from 2000 on."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    # YYMMDD: a month 0-12 (0: unknown), +20 or +40 for a BIS number; a day 0-31.
    month, day = int(digits[2:4]) % 20, int(digits[4:6])
    if month > 12 or day > 31 or int(digits[2:4]) > 52:
        return False
    first9, check = int(digits[:9]), int(digits[9:])
    return check in (97 - first9 % 97, 97 - (2_000_000_000 + first9) % 97)


def mask_niss(column: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """A text column with every NISS in it (valid checksum, printed form or not) replaced by
    NISS_MASK, and which values were masked. Only the values that look like one are read in
    Python; the others are left as they are."""
    text = pc.cast(column, pa.string())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    shaped = pc.fill_null(pc.match_substring_regex(text, _SHAPED_RE2), False)
    if not pc.any(shaped).as_py():
        return text, pa.array([False] * len(text), pa.bool_())
    values = text.to_pylist()
    masked = [False] * len(values)
    for index in pc.indices_nonzero(shaped).to_pylist():
        value = values[index]

        def _masked(m: re.Match[str]) -> str:
            return NISS_MASK if niss_is_real("".join(m.groups())) else m.group()

        new = _SHAPED.sub(_masked, value)
        if new != value:
            values[index], masked[index] = new, True
    return pa.array(values, pa.string()), pa.array(masked, pa.bool_())
