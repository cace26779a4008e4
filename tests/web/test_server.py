"""`pilotage web serve`: the production server (waitress) in a subprocess, as a user starts it."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

PILOTAGE = str(Path(sys.executable).with_name("pilotage"))
# A URL to another host in what a page makes the browser load or send (a CDN, a font service...).
# Plain text and XML namespaces (xmlns="http://www.w3.org/2000/svg") are not loads.
_EXTERNAL_LOAD = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)"""
    r"""(?:https?:)?//(?P<host>[^/"'\s)>]+)""",
    re.IGNORECASE,
)


def external_loads(html: str, own_host: str) -> list[str]:
    """The hosts other than `own_host` that `html` loads from or sends to."""
    return [m["host"] for m in _EXTERNAL_LOAD.finditer(html) if m["host"] != own_host]


def test_external_loads_finds_cdn_links_not_namespaces() -> None:
    html = (
        '<script src="https://cdn.example.org/x.js"></script><svg xmlns="http://www.w3.org/2000/svg">'
        "<style>@import 'https://fonts.example.com/a.css'; a { background: url(//img.example/p) }"
        '</style><a href="/static/a.css"></a><a href="http://127.0.0.1:1/x">self</a>'
    )
    assert external_loads(html, "127.0.0.1:1") == [
        "cdn.example.org",
        "fonts.example.com",
        "img.example",
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    host: str
    process: subprocess.Popen[str]
    env: dict[str, str]

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, str]:
        conn = http.client.HTTPConnection(self.host, timeout=30)
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        conn.close()
        return response, text


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [PILOTAGE, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("served")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite in `data`
    env |= {
        "PILOTAGE_DATA_DIR": str(data),
        "PILOTAGE_WEB_DEBUG": "0",
        "PILOTAGE_WEB_SECRET_KEY": "server-test-" + "k" * 50,
        "PYTHONWARNINGS": "error",
    }
    _run(["web", "migrate"], env)
    port = _free_port()
    process = subprocess.Popen(
        [PILOTAGE, "web", "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    host = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                out = process.communicate()[0]
                pytest.fail(f"the server did not start:\n{out}")
            time.sleep(0.1)
    yield Server(host, process, env)
    if process.poll() is None:
        process.kill()
        process.communicate()


def test_serves_the_login_page_with_security_headers(server: Server) -> None:
    response, html = server.request("GET", "/accounts/login/")
    assert response.status == 200
    assert response.getheader("Server") == "pilotage"  # waitress, named
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    cookie = response.getheader("Set-Cookie") or ""
    assert "csrftoken=" in cookie
    assert "Secure" in cookie  # outside development mode
    assert "HttpOnly" in cookie
    assert 'name="csrfmiddlewaretoken"' in html
    assert external_loads(html, server.host) == []


def test_serves_static_files_collected_at_start(server: Server) -> None:
    response, css = server.request("GET", "/static/admin/css/base.css")
    assert response.status == 200
    assert response.getheader("Content-Type", "").startswith("text/css")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert external_loads(css, server.host) == []
    assert (
        Path(server.env["PILOTAGE_DATA_DIR"]) / "static" / "admin" / "css" / "base.css"
    ).exists()


def test_a_demonstration_user_logs_in_and_pages_load_nothing_from_outside(server: Server) -> None:
    out = _run(["web", "create-demo-users"], server.env)
    found = re.search(r"(demo-contract-manager) / (\S+)", out)
    assert found, out
    username, password = found.groups()
    response, html = server.request("GET", "/accounts/login/")
    token = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    assert form_token
    response, _ = server.request(
        "POST",
        "/accounts/login/",
        body=urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": form_token[1]}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token[1]}",
        },
    )
    assert response.status == 302, response.status
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    assert session
    for path in ("/contracts/", "/admin/"):
        response, html = server.request("GET", path, headers={"Cookie": f"sessionid={session[1]}"})
        assert response.status == 200, (path, response.status)
        assert response.getheader("X-Frame-Options") == "DENY"
        assert external_loads(html, server.host) == [], path


def test_a_port_in_use_is_a_clear_error(server: Server) -> None:
    port = server.host.rsplit(":", 1)[1]
    done = subprocess.run(
        [PILOTAGE, "web", "serve", "--port", port],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert f"Error: cannot listen on 127.0.0.1:{port}: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_ctrl_c_stops_the_server(server: Server) -> None:
    server.process.send_signal(signal.SIGINT)
    out = server.process.communicate(timeout=30)[0]
    assert server.process.returncode == 0, out
    assert f"Serving on http://{server.host} (waitress" in out
    assert "Traceback" not in out
