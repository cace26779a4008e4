"""Plausible yearly volumes of the INASTI objectives, for the demonstration data.

The figures are invented orders of magnitude for a federal institution with about a million
insured self-employed: hundreds of cases a year for rare procedures, thousands for the common
ones, the 1765 call centre far above the rest. They are *not* INASTI statistics. The whole
demonstration set stays at a few hundred thousand cases over 2016-2020.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PROFILES", "Profile", "profile_for"]


@dataclass(frozen=True)
class Profile:
    volume: int  # cases a year around the calibration year
    days: float = 20.0  # typical processing time in days, for kinds without a delay
    person: bool = True  # the case concerns a person, who has a NISS


def _company(volume: int, days: float = 20.0) -> Profile:
    return Profile(volume, days, person=False)


PROFILES: dict[str, Profile] = {
    "VOB 1-01": Profile(6000),
    "VOB 2-01": Profile(2500),
    "VOB 3-01": Profile(1200),
    "VOB 4-01": Profile(2000),
    "PMP 1-01": Profile(300),
    "PMP 2-01": Profile(200),
    "INT 1-01": Profile(5000),
    "INT 2-01": Profile(1200),
    "SOVVOB 1-01": _company(1500),
    "SOVVOB 2-01": _company(800),
    "SOVVOB 3-01": _company(600),
    "PEN 1-01": Profile(4000),
    "PEN 1-02": Profile(3000, days=25),
    "PEN 1-03": Profile(1500),
    "PEN 2-01": _company(8000, days=0),  # calls to the 1765 line: answered the same day or lost
    "PEN 3-01": Profile(1500),
    "CNH 1-01": Profile(900),
    "CNH 1-02": Profile(600),
    "CNH 2-01": Profile(500),
    "CNH 2-02": Profile(400),
    "CNH 2-03": Profile(300),
    "CNH 2-04": Profile(250),
    "CNH 3-01": Profile(400),
    "CNH 4-01": Profile(1100),
    "CNH 4-02": _company(700),
    "CNH 5-01": Profile(300),
    "SOVCNH 1-01": _company(800),
    "SOVCNH 2-01": _company(700, days=25),
    "SOVCNH 3-01": _company(200),
    "P2P 1-01": _company(1500, days=40),
    "P2P 1-02": _company(2500),
    "DVR 1-01": Profile(3500),
    "DVR 1-02": Profile(600),
    "DVR 1-03": Profile(200),
    "REK 1-01": Profile(2000),
    "ECL 1-01": Profile(600, days=30),
    "ECL 2-01": Profile(1500),
    "ECL 2-02": Profile(1000),
    "ECL 2-03": Profile(300),
    "ECL 2-04": Profile(800),
    "ECL 3-01": Profile(150),
    "ECL 4-01": Profile(400),
    "ECL 4-02": Profile(300),
    "ECL 5-01": Profile(1500),
    "EAE 1-01": _company(60, days=45),  # audit missions in social insurance funds
    "EAE 2-01": _company(150),
    "STA 1-01": _company(200),
    "FIN 1-01": _company(3000, days=0),
    "SEC 1-01": Profile(500),
    "SEC 1-02": Profile(250),
}


def profile_for(code: str, rng: np.random.Generator) -> Profile:
    """The profile of `code`, or a plausible one for an objective this table does not know."""
    known = PROFILES.get(code)
    if known is not None:
        return known
    return Profile(int(np.exp(rng.uniform(np.log(300), np.log(3000)))))
