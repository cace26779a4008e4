"""The README's main job, end to end: seeds checked, demo data loaded, measured, shown, then the
web application set up with logins that work. It runs as a user runs it: in its own process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.privacy_scan import niss_hits

PILOTAGE = str(Path(sys.executable).with_name("pilotage"))
_LOGIN = re.compile(r"^  (demo-[a-z-]+) / (\S+)  \(([a-z ]+); ([^)]*)\)$", re.MULTILINE)
# Run in the data dir's web database: does each printed login authenticate, and what may it see?
_CHECK_LOGINS = """
import json, sys
import django
django.setup()
from django.contrib.auth import authenticate
from django.http import HttpRequest
from pilotage.web.accounts.models import Grant
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.models import PublishedSet
owner = Grant.objects.filter(user__username="demo-service-owner")
print(json.dumps({
    "authenticated": [authenticate(HttpRequest(), username=u, password=p) is not None
                      for u, p in json.loads(sys.argv[1])],
    "owner": {g.institution.code: g.services for g in owner},
    "contracts": ContractVersion.objects.count(),
    "published_sets": PublishedSet.objects.count(),
}))
"""


def _start(env: dict[str, str]) -> str:
    done = subprocess.run(
        [PILOTAGE, "start", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _check_logins(env: dict[str, str], out: str) -> dict[str, object]:
    logins = [[u, p] for u, p, _, _ in _LOGIN.findall(out)]
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_LOGINS, json.dumps(logins)],
        env=env | {"DJANGO_SETTINGS_MODULE": "pilotage.web.settings", "PILOTAGE_WEB_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_start_loads_measures_shows_and_sets_up_the_web_application_then_changes_nothing(
    tmp_path: Path,
) -> None:
    drop = {"PILOTAGE_SECRET_KEY", "PILOTAGE_WEB_SECRET_KEY", "PILOTAGE_WEB_DEBUG", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env |= {"PILOTAGE_DATA_DIR": str(tmp_path / "data"), "PYTHONWARNINGS": "error"}
    out = _start(env)
    assert "check inasti-2019-2020: ok, 0 warning(s)" in out
    assert "check inami-2013-2015: ok, 1 warning(s)" in out
    assert "DEMONSTRATION DATA" in out
    assert "334344 inserted, 0 updated, 0 unchanged, 0 rejected" in out
    assert "measured 2019-Q1..2020-Q4 by office: result set 1 (version 1)" in out
    assert "Dashboard 2020-Q4, whole institution" in out
    # The dashboard is the institution's result set just published: no extra set for it.
    assert "2019-Q1..2020-Q4 by institution, as of 2020-12-31: result set 3 (version 1)" in out
    assert "result set 4" not in out
    assert "VOB 2-01     120 | 90%" in out
    assert (tmp_path / "data" / "demo" / "cases.parquet").exists()
    assert (tmp_path / "data" / "demo-secret.key").stat().st_mode & 0o077 == 0
    # The web application, set up.
    assert "catalogue inasti-2019-2020 [INASTI]: loaded" in out
    assert "catalogue inami-2013-2015 [INAMI]: loaded" in out
    assert "translation inasti-2019-2020 [nl]: 100 texts (DEMONSTRATION" in out
    assert ": 3 copied (" in out
    assert "inami-2013-2015: DEMONSTRATION progress recorded:" in out
    assert "inami-2013-2015: DEMONSTRATION evaluation of 2014 recorded" in out
    assert "DEMONSTRATION ACCOUNTS" in out
    assert "Open http://127.0.0.1:8000 and log in as:" in out
    assert "Development mode (PILOTAGE_WEB_DEBUG=1), with the development key" in out
    logins = _LOGIN.findall(out)
    assert [(u, role) for u, _, role, _ in logins] == [
        ("demo-contract-manager", "contract manager"),
        ("demo-service-owner", "service owner"),
        ("demo-government-commissioner", "government commissioner"),
        ("demo-viewer", "viewer"),
        ("demo-administrator", "administrator"),
    ]
    assert [grants for *_, grants in logins][:2] == ["INASTI, INAMI", "INASTI VOB, INAMI 11"]
    assert "(--no-serve) To serve it: pilotage web serve --port 8000" in out
    first = _check_logins(env, out)
    assert first == {
        "authenticated": [True] * 5,
        "owner": {"INASTI": ["VOB"], "INAMI": ["11"]},
        "contracts": 3,  # the two seeds, and INAMI's version amended by the demo evaluation
        "published_sets": 3,
    }

    again = _start(env)
    assert "0 inserted, 0 updated, 334344 unchanged, 0 rejected" in again
    assert "by office: result set 4 (version 2)" in again
    assert "2019-Q1..2020-Q4 by institution, as of 2020-12-31: result set 6 (version 2)" in again
    assert "catalogue inasti-2019-2020 [INASTI]: unchanged" in again
    assert "catalogue inami-2013-2015 [INAMI]: unchanged" in again
    assert ": 3 copied (" in again  # the new versions only
    assert "3 already mirrored" in again
    assert "0 event(s), 0 completion(s), 0 mission delivery(ies)" in again
    assert "DEMONSTRATION evaluation of 2014 already there, kept" in again
    second = _check_logins(env, again)
    assert second["authenticated"] == [True] * 5  # the passwords printed this time
    assert (second["contracts"], second["published_sets"]) == (3, 6)
    assert _check_logins(env, out)["authenticated"] == [False] * 5  # last time's are reset

    # Nothing written holds a NISS of the input in clear (issue 16): the fact store, the web
    # database, the rejects, an XLSX export and what was printed; the input itself aside.
    data = tmp_path / "data"
    exported = subprocess.run(
        [PILOTAGE, "web", "export", "inasti-2019-2020", "2020-Q4", "-o", str(data / "q4.xlsx")],
        env=env | {"PILOTAGE_WEB_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    (data / "printed.log").write_text(out + again + exported.stdout + exported.stderr)
    cases = data / "demo" / "cases.parquet"
    nisses = pq.read_table(cases, columns=["niss"]).column("niss").to_pylist()
    assert len(set(nisses)) > 1000
    assert niss_hits(data, nisses, inputs=[cases]) == []
