"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

* One headless chromium per test process, shared by all browser tests (started by the first, stopped after
  the last; see ``_Chromium``), and a fresh browser context per test.
* The ``page`` fixture's context bypasses the Content Security Policy, only so that axe-core can be
  injected as an inline script. ``strict_page`` keeps the app's CSP; use it to check the policy itself.
* ``BUURTTEAM_CHROMIUM`` points to another chromium binary. Without chromium the tests are skipped; on CI
  (``CI=true``) they fail instead, so a broken CI image cannot pass silently. Never ``playwright install``.
* A failing test leaves a full-page screenshot in ``test-results/<test name>.png``.
* Every test here is marked ``e2e``. They are in no xdist group: under ``-n 2 --dist loadgroup`` the two
  workers take them one by one, so both run browser tests (each with its own chromium, started once: the
  browser tests follow each other in the collection) and both finish at the same time.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import time
import weakref
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    ViewportSize,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer
from pytest_django.plugin import blocking_manager_key

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO_ROOT / "test-results"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Chromium's headless mode opens the address bar's WebUI popups (chrome://omnibox-popup.top-chrome/) in an
# extra renderer for every browser context, so for every test: about half the CPU time of a new context.
# Nothing here uses the address bar. See _Chromium.disable_features_switch.
DISABLED_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
DESKTOP_VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything in tests/e2e is a browser test."""
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)


# --- Browser ----------------------------------------------------------------------------------


def chromium_path() -> Path:
    return Path(os.environ.get("BUURTTEAM_CHROMIUM") or DEFAULT_CHROMIUM)


class _Chromium:
    """One headless chromium for the whole test session (per xdist worker).

    Started by the first browser test and stopped right after the last one (see pytest_runtest_teardown),
    not at the end of the session: Playwright's sync API keeps an asyncio event loop running in this thread
    while it is alive, which would make Django refuse ORM calls as "async-unsafe" in every later test of the
    same process. While chromium runs, the browser tests themselves need DJANGO_ALLOW_ASYNC_UNSAFE (their
    code is plain synchronous code); it is set on start and restored on stop, so it never leaks into other
    tests (``manage.py check --deploy`` rightly refuses it).
    """

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._saved_env: str | None = None
        self._disable_features: str | None = None

    def get(self, executable: Path) -> Browser:
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        self.stop()
        self._saved_env = os.environ.get(_ASYNC_UNSAFE)
        os.environ[_ASYNC_UNSAFE] = "true"
        self._playwright = sync_playwright().start()
        if self._disable_features is None:
            self._disable_features = self.disable_features_switch(self._playwright, executable)
        self._browser = self._playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=[*CHROMIUM_ARGS, self._disable_features]
        )
        return self._browser

    @staticmethod
    def disable_features_switch(playwright: Playwright, executable: Path) -> str:
        """``--disable-features=`` with Playwright's own list plus ``DISABLED_FEATURES``.

        Chromium reads only the last ``--disable-features`` switch, and Playwright passes one of its own
        (features that would disturb automation), so ours has to repeat that list. It is read from the
        command line on chrome://version of a first chromium, once per test process.
        """
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.goto("chrome://version")
            command_line = page.locator("#command_line").inner_text()
        finally:
            browser.close()
        lists = re.findall(r"--disable-features=(\S+)", command_line)
        features = [f for f in (lists[-1].split(",") if lists else []) if f]
        features += [f for f in DISABLED_FEATURES if f not in features]
        return "--disable-features=" + ",".join(features)

    @property
    def running(self) -> bool:
        return self._playwright is not None

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            if self._browser is not None and self._browser.is_connected():
                self._browser.close()
        finally:
            self._playwright.stop()
            self._playwright = self._browser = None
            if self._saved_env is None:
                os.environ.pop(_ASYNC_UNSAFE, None)
            else:
                os.environ[_ASYNC_UNSAFE] = self._saved_env


_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
_CHROMIUM = _Chromium()


def _is_e2e(item: pytest.Item | None) -> bool:
    return item is not None and E2E_DIR in Path(str(item.path)).resolve().parents


@pytest.fixture
def browser() -> Browser:
    """The shared chromium; skipped (or failed on CI) when Debian's chromium is not installed."""
    executable = chromium_path()
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        message = f"Chromium not found at {executable}; install Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return _CHROMIUM.get(executable)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _CHROMIUM.stop()


# --- Pages ------------------------------------------------------------------------------------


@dataclass
class PageLog:
    """What a page reported while the test ran."""

    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)


_LOGS: weakref.WeakKeyDictionary[Page, PageLog] = weakref.WeakKeyDictionary()


def page_log(page: Page) -> PageLog:
    """Console errors, Content Security Policy violations and 5xx responses seen by ``page``."""
    return _LOGS[page]


def _open_page(context: BrowserContext) -> Page:
    page = context.new_page()
    log = PageLog()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)
        if "Content Security Policy" in message.text:
            log.csp_violations.append(message.text)

    def on_response(response: Response) -> None:
        if response.status >= 500:
            log.server_errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    _LOGS[page] = log
    return page


def _new_context(browser: Browser, base_url: str, *, bypass_csp: bool) -> BrowserContext:
    context = browser.new_context(
        base_url=base_url,
        bypass_csp=bypass_csp,
        # Django picks the language from Accept-Language: pin Dutch, the product's first language.
        locale="nl-NL",
        viewport=DESKTOP_VIEWPORT,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def base_url(live_server: LiveServer) -> str:
    """The live server; page.goto("/path/") resolves against it."""
    return str(live_server.url)


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """A fresh browser context that bypasses the CSP, so that axe-core can be injected."""
    context = _new_context(browser, base_url, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return _open_page(context)


@pytest.fixture
def strict_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page whose context keeps the app's Content Security Policy (axe-core cannot be injected here)."""
    context = _new_context(browser, base_url, bypass_csp=False)
    yield _open_page(context)
    context.close()


# --- Screenshots of failures ------------------------------------------------------------------


def _screenshot_name(item: pytest.Item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_.")[:150] or "test"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    if report.failed and report.when == "call":
        funcargs: dict[str, Any] = getattr(item, "funcargs", {})
        for name in ("page", "strict_page"):
            page = funcargs.get(name)
            if isinstance(page, Page) and not page.is_closed():
                RESULTS_DIR.mkdir(exist_ok=True)
                path = RESULTS_DIR / f"{_screenshot_name(item)}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                except Exception as exc:  # a crashed page must not hide the real failure
                    report.sections.append(("screenshot", f"could not save {path}: {exc}"))
                else:
                    report.sections.append(("screenshot", str(path)))
                break
    return report


# --- Live-server tests and the append-only audit table ----------------------------------------

_TRIGGER_MIGRATION = "buurtteam.audit.migrations.0002_append_only_trigger"


def _audit_delete_guard(*, enabled: bool) -> None:
    """Lift or restore the database guard that refuses to delete audit events.

    Live-server tests must commit their data, so after each one pytest-django empties every table; the
    append-only trigger rightly refuses that. The guard is lifted for that flush only and restored at once.

    On PostgreSQL a connection this opens is closed again before returning. The guard is restored after
    pytest-django has closed the test's connections and while chromium still runs; Playwright's event loop
    then makes ``connection`` a separate wrapper (asgiref keeps thread-critical locals per context while a
    loop runs), which nothing can reach, let alone close, once chromium stops. Left open, it kept the test
    database from being dropped at the end of the session.
    """
    if connection.vendor == "postgresql":
        sql = f"ALTER TABLE audit_auditevent {'ENABLE' if enabled else 'DISABLE'} TRIGGER USER"
        opened = connection.connection is None
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            if opened:
                connection.close()
    elif connection.vendor == "sqlite":
        statements: list[str] = importlib.import_module(_TRIGGER_MIGRATION).SQLITE_UP
        create = next(s for s in statements if "audit_event_no_delete" in s)
        _sqlite_schema_change(
            ["DROP TRIGGER IF EXISTS audit_event_no_delete", *([create] if enabled else [])]
        )


def _sqlite_schema_change(sql: list[str], *, attempts: int = 50, pause: float = 0.1) -> None:
    """Run schema statements on the shared in-memory SQLite database, waiting out the live server.

    A page can still have a request in flight when its test ends (an htmx section loading after a
    ``<details>`` opened); while the live server's thread reads, SQLite's shared cache refuses schema
    changes with "database table is locked: sqlite_master" instead of waiting. Retry for up to five seconds.
    """
    for attempt in range(attempts):
        try:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(pause)


@contextlib.contextmanager
def _flush_by_delete() -> Iterator[None]:
    """On PostgreSQL, let the flush after a live-server test DELETE from each table instead of TRUNCATE them.

    Django empties the tables with one TRUNCATE of every table, which gives each table and index new files:
    over half a second per test, while a test leaves a few rows that DELETE removes in milliseconds. The
    flush runs in one transaction and Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the order
    of the tables does not matter.
    """
    ops = connection.ops
    truncate = ops.sql_flush

    def sql_flush(
        style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        if reset_sequences or allow_cascade:
            return list(truncate(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade))
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(ops.quote_name(t))};" for t in tables]

    with mock.patch.object(ops, "sql_flush", sql_flush):
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    uses_live_server = "live_server" in getattr(item, "fixturenames", ())
    blocker = item.config.stash[blocking_manager_key]
    flush: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if uses_live_server:
        with blocker.unblock():
            _audit_delete_guard(enabled=False)
        if connection.vendor == "postgresql":
            flush = _flush_by_delete()
    try:
        with flush:
            return (yield)
    finally:
        # After the session's last test the test database is gone (pytest-django destroyed it in this
        # teardown): nothing to restore, and the connection would reach the real database instead.
        if uses_live_server and nextitem is not None:
            with blocker.unblock():
                _audit_delete_guard(enabled=True)
        if _CHROMIUM.running and not _is_e2e(nextitem):
            _CHROMIUM.stop()
