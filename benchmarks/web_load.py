"""Concurrent logged-in users against the web application on PostgreSQL: latency per page.

    .venv/bin/python benchmarks/web_load.py --database-url postgresql://user:pw@127.0.0.1/name
        [--data /tmp/pilotage-load] [--users 50] [--duration 60] [--threads 8]
        [--port 8012] [--src DIR]

Sets up (once) a data dir as `pilotage start --no-serve` does, with the web database on the
PostgreSQL database named (it is migrated, not dropped): the INASTI demonstration cases
measured and published, both seed contracts, demonstration progress, one account per role.
Then it serves the application with `pilotage web serve` (waitress, production mode) on
127.0.0.1 only, logs in --users HTTP sessions (real cookies, the login form with its CSRF
token; the five demonstration accounts in turn) and lets each one open a page of the mix below
at random, pause 0.5-1.5 s, and again, for --duration seconds. It prints the p50, p95, p99 and
maximum latency of each page, the requests per second and every error (a status other than
200, or no answer within 30 s). Target: p95 <= 150 ms on every page, no error.

The same run measures a static file served by the same server (`static`): the floor of this
machine, server and client, against which each page's p95 is given as a ratio. --src serves
another source tree (for instance an earlier commit's `src`, checked out elsewhere) on the same
data, so that "before" and "after" are measured back to back. It prints figures; it is not a
test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import httpx

HERE = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # never anything else: the load goes to this machine's own server only
TARGET_P95_MS = 150.0
MAX_DURATION = 600.0
TIMEOUT = 30.0
THINK = (0.5, 1.5)
SECRET = "web-load-benchmark-only-" + "k" * 40
INASTI, INAMI, PERIOD = "inasti-2019-2020", "inami-2013-2015", "2020-Q4"
PAGES = {
    "contracts": "/contracts/",
    "overview": f"/contracts/{INASTI}/",
    "contract dashboard": f"/contracts/{INASTI}/dashboard/{PERIOD}/",
    "service dashboard": f"/contracts/{INASTI}/dashboard/{PERIOD}/services/VOB/",
    "objective page": f"/contracts/{INASTI}/dashboard/{PERIOD}/objectives/VOB%202-01/",
    "late cases": (
        f"/contracts/{INASTI}/dashboard/{PERIOD}/objectives/VOB%202-01/late/?unit=INASTI&norm=0"
    ),
    "actions": f"/contracts/{INAMI}/actions/",
    "missions": f"/contracts/{INAMI}/missions/",
    "comments": f"/contracts/{INASTI}/comments/",
    "api results": f"/api/contracts/{INASTI}/results?period={PERIOD}",
    "static": "/static/pilotage/site.css",
}
AUDIT = "/audit/"  # only for the roles that read the audit trail
AUDIT_READERS = {"demo-contract-manager", "demo-government-commissioner", "demo-administrator"}
_LOGIN = re.compile(r"^\s+(demo-[a-z-]+) / (\S+)\s+\(", re.MULTILINE)
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(args.src),
        PILOTAGE_DATA_DIR=str(args.data),
        DATABASE_URL=args.database_url,
        PILOTAGE_WEB_DEBUG="0",  # production mode: no query log, no debug pages
        PILOTAGE_WEB_SECRET_KEY=SECRET,
        PILOTAGE_WEB_ALLOWED_HOSTS=HOST,
    )
    return env


def _pilotage(args: argparse.Namespace, *command: str, debug: bool = False) -> str:
    env = _env(args)
    if debug:
        env["PILOTAGE_WEB_DEBUG"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pilotage", *command],
        env=env,
        cwd=args.data,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"pilotage {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(args: argparse.Namespace) -> dict[str, str]:
    """The data dir set up (once) and the demonstration accounts' new passwords."""
    args.data.mkdir(parents=True, exist_ok=True)
    if not (args.data / "facts.duckdb").exists():
        t0 = time.perf_counter()
        _pilotage(args, "start", "--no-serve", "--data-dir", str(args.data), debug=True)
        print(f"data dir {args.data} set up in {time.perf_counter() - t0:.0f} s")
    _pilotage(args, "web", "migrate")
    logins = dict(_LOGIN.findall(_pilotage(args, "web", "create-demo-users")))
    if len(logins) != 5:
        sys.exit(f"expected five demonstration accounts, got {sorted(logins)}")
    return logins


def serve(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    command = ["web", "serve", "--host", HOST, "--port", str(args.port)]
    server = subprocess.Popen(
        [sys.executable, "-m", "pilotage", *command, "--threads", str(args.threads)],
        env=_env(args),
        cwd=args.data,
        stdout=subprocess.DEVNULL,
        stderr=open(args.data / "server.log", "ab"),  # noqa: SIM115  (closed with the process)
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped at start; see {args.data / 'server.log'}")
        try:
            if httpx.get(f"http://{HOST}:{args.port}/accounts/login/", timeout=2).status_code:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("the server did not answer within 120 s")


@dataclass
class User:
    """One logged-in HTTP session; its cookies kept by hand (production cookies are Secure,
    which a client keeps only for https, and the benchmark speaks plain http to 127.0.0.1)."""

    username: str
    client: httpx.AsyncClient
    cookies: dict[str, str] = field(default_factory=dict)

    def _keep(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value

    async def get(self, path: str) -> httpx.Response:
        response = await self.client.get(path, headers=self._header())
        self._keep(response)
        return response

    def _header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    async def login(self, password: str) -> None:
        page = await self.get("/accounts/login/")
        token = _TOKEN.search(page.text)
        if token is None:
            raise RuntimeError("the login page has no CSRF token")
        response = await self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1),
            },
            headers=self._header(),
        )
        self._keep(response)
        if response.status_code != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{self.username} could not log in: {response.status_code}")


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def _browse(user: User, pages: list[tuple[str, str]], stop: float, tally: Tally) -> None:
    while time.monotonic() < stop:
        name, path = random.choice(pages)
        t0 = time.perf_counter()
        try:
            response = await user.get(path)
            status = str(response.status_code)
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        elapsed = (time.perf_counter() - t0) * 1000
        if status == "200":
            tally.times.setdefault(name, []).append(elapsed)
        else:
            tally.errors.append(f"{name} {path}: {status} after {elapsed:.0f} ms")
        await asyncio.sleep(random.uniform(*THINK))


def _pages(username: str) -> list[tuple[str, str]]:
    pages = list(PAGES.items())
    if username in AUDIT_READERS:
        pages.append(("audit trail", AUDIT))
    return pages


async def drive(args: argparse.Namespace, logins: dict[str, str]) -> tuple[Tally, float]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    base = f"http://{HOST}:{args.port}"
    names = sorted(logins)
    users = [
        User(
            names[i % len(names)], httpx.AsyncClient(base_url=base, timeout=TIMEOUT, limits=limits)
        )
        for i in range(args.users)
    ]
    try:
        gate = asyncio.Semaphore(2)  # logging in hashes a password: not part of the measure

        async def login(user: User) -> None:
            async with gate:
                await user.login(logins[user.username])

        await asyncio.gather(*(login(u) for u in users))
        warm = Tally()
        for user in users[: len(names)]:  # every page once per account, untimed
            for _name, path in _pages(user.username):
                await user.get(path)
        tally = Tally()
        t0 = time.monotonic()
        stop = t0 + min(args.duration, MAX_DURATION)
        await asyncio.gather(*(_browse(u, _pages(u.username), stop, tally) for u in users))
        del warm
        return tally, time.monotonic() - t0
    finally:
        await asyncio.gather(*(u.client.aclose() for u in users))


def _at(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, max(0, round(q * len(times)) - 1))]


def report(tally: Tally, elapsed: float, args: argparse.Namespace) -> None:
    total = sum(len(t) for t in tally.times.values()) + len(tally.errors)
    print(
        f"{args.users} users, {elapsed:.0f} s, waitress {args.threads} threads, src {args.src}: "
        f"{total} requests, {total / elapsed:.1f} requests/s, {len(tally.errors)} errors"
    )
    floor = sorted(tally.times.get("static", [0.0]))
    floor95 = _at(floor, 0.95) if floor else 0.0
    head = f"{'page':20} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'p95/static':>10}"
    print(head)
    missed = []
    for name in [*PAGES, "audit trail"]:
        times = sorted(tally.times.get(name, []))
        if not times:
            continue
        p95 = _at(times, 0.95)
        ratio = f"{p95 / floor95:9.1f}x" if floor95 else "-"
        print(
            f"{name:20} {len(times):5} {statistics.median(times):6.0f}ms {p95:6.0f}ms "
            f"{_at(times, 0.99):6.0f}ms {times[-1]:6.0f}ms {ratio:>10}"
        )
        if p95 > TARGET_P95_MS:
            missed.append(name)
    everything = sorted(t for times in tally.times.values() for t in times)
    if everything:
        print(
            f"{'all pages':20} {len(everything):5} {statistics.median(everything):6.0f}ms "
            f"{_at(everything, 0.95):6.0f}ms {_at(everything, 0.99):6.0f}ms "
            f"{everything[-1]:6.0f}ms"
        )
    for error in tally.errors[:20]:
        print(f"error: {error}")
    if len(tally.errors) > 20:
        print(f"... and {len(tally.errors) - 20} more errors")
    verdict = f"MISSED by {', '.join(missed)}" if missed else "met"
    print(
        f"target p95 <= {TARGET_P95_MS:.0f} ms on every page, no error: "
        + (verdict if not tally.errors or missed else f"{len(tally.errors)} errors")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="PostgreSQL web database")
    parser.add_argument("--data", type=Path, default=Path("/tmp/pilotage-load"))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (at most 600)")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--port", type=int, default=8012)
    parser.add_argument("--src", type=Path, default=HERE / "src", help="source tree to serve")
    args = parser.parse_args()
    if urlsplit(args.database_url).scheme not in {"postgres", "postgresql"}:
        sys.exit("--database-url must name a PostgreSQL database")
    args.data, args.src = args.data.resolve(), args.src.resolve()
    logins = prepare(args)
    server = serve(args)
    try:
        tally, elapsed = asyncio.run(drive(args, logins))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(tally, elapsed, args)


if __name__ == "__main__":
    main()
