"""`crosscluster serve` starts the production application server (gunicorn) and serves the platform."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=30):  # generous: the first request warms a cold process on a busy machine
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_serve_runs_gunicorn_with_production_settings(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CROSSCLUSTER_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        CROSSCLUSTER_DATA_DIR=str(tmp_path),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "crosscluster", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, html, headers = _get(f"http://127.0.0.1:{port}/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not come up within 90 s"
                time.sleep(0.5)
        assert status == 200
        assert "CrossCluster" in html
        assert "Content-Security-Policy" in headers
        assert headers.get("X-Frame-Options") == "DENY"
        # Static files come from WhiteNoise with hashed names (collected by `serve`).
        css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert (
            css.startswith("/static/crosscluster/site.")
            and css.endswith(".css")
            and css != "/static/crosscluster/site.css"
        )
        css_status, css_body, _ = _get(f"http://127.0.0.1:{port}{css}")
        assert css_status == 200 and ":root" in css_body
        assert _get(f"http://127.0.0.1:{port}/organisations/?q=elbe")[0] == 200
        assert _get(f"http://127.0.0.1:{port}/no-such-page/")[0] == 404
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
