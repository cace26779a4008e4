"""Keys of the cache the pages keep between requests (Django's cache framework, `CACHES`).

What is kept never goes stale by time: each key names every input of what it holds (a contract
version by its sha256, the published sets, the language, the state of a store or a trail), so
a change makes a new key and the old entry is never read again.
"""

from __future__ import annotations

import hashlib

__all__ = ["cache_key"]


def cache_key(*parts: object) -> str:
    """A key (short and safe for any cache backend) for what depends on `parts`."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"pilotage:{digest[:40]}"
