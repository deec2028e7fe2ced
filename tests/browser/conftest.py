"""Headless Chromium against pytest-django's live server.

A failed test leaves a screenshot and the page's HTML in ``test-artifacts/``;
``BROWSER_SCREENSHOTS=1`` keeps them for passing tests too.

Debian's Chromium is used (Playwright's own browser downloads are not available here).
If it is missing and we are root with apt-get, it is installed once per session; if it
is still missing the browser tests fail on CI and are skipped elsewhere.

Live-server tests run in transactions that are flushed afterwards, which would also wipe
the WZ industry codes that migration 0002 loads; ``serialized_rollback`` restores them.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _install_chromium():
    """Install Debian's Chromium when we may (root with apt-get); quietly do nothing otherwise."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env)


@pytest.fixture(scope="session")
def chromium_path():
    path = _find_chromium()
    if path is None:
        _install_chromium()
        path = _find_chromium()
    if path is None:
        message = (
            "Chromium not found (looked at $CHROMIUM, /usr/bin/chromium and PATH) and it could not be installed; "
            "install Debian's 'chromium' package or set CHROMIUM=/path/to/chromium to run the browser tests."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def playwright_instance(chromium_path, monkeypatch):
    """Playwright for one test only: its sync API keeps an event loop running in this thread."""
    from playwright.sync_api import sync_playwright

    # With that loop running Django refuses ORM calls from the test body (fixtures creating
    # users and organisations) unless told otherwise; only for this test, so that later tests
    # (and subprocesses they start, such as `check --deploy`) run with async safety on.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        yield playwright


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class ConsoleLog:
    """Console errors, uncaught page errors and CSP violations seen while a test ran."""

    def __init__(self):
        self.errors = []

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)

    def on_page_error(self, error):
        self.errors.append(f"uncaught: {error}")

    def csp_violations(self):
        return [e for e in self.errors if "Content Security Policy" in e or "Refused to" in e]


@pytest.fixture
def console():
    return ConsoleLog()


@pytest.fixture
def page(request, playwright_instance, chromium_path, tmp_path, live_server, console):
    """A fresh browser profile per test, speaking English unless a test switches language."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
        locale="en-GB",
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.pages[0] if context.pages else context.new_page()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    yield page
    report = getattr(request.node, "report_call", None)
    if (report is not None and report.failed) or os.environ.get("BROWSER_SCREENSHOTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content())
        except Exception as error:  # a failed screenshot must not hide the test failure
            print(f"could not save a screenshot: {error}")
    context.close()
