"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's
live_server.

Fixtures:
    chromium   the system Chromium, headless, one per test module (and per xdist worker)
    open_page  open_page(**context_options) -> a page in a fresh browser context
    as_user    as_user("gemeente-leiden") -> a fresh context's page, logged in via the form
    demo_data  the 2015 scheme, demo accounts and demo plans, as the quick start loads them
and from the root conftest: demo_date (demo mode, clock on 15 June 2015; demo_date(date)
moves it; steps.move_demo_date moves it through the UI as the programme office).

Helpers for the steps of a walk live in steps.py. Every test here is marked `browser`, so
`-m "not browser"` leaves them out.

pytest-playwright's fixtures are not used: its browser, and with it an asyncio loop, lives
for the whole session, and that loop makes Django refuse ORM calls in every later test of the
worker. The names here differ from its page/context/browser so its plugin leaves these tests
alone.
"""

import importlib.util
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_ENV = "SECTORPLAN_REQUIRE_SYSTEM_PACKAGES"
# Playwright's own default is 30 s; a page of this app answers in well under a second, so a
# missing element should fail the test quickly, with headroom for two xdist workers.
TIMEOUT_MS = 10_000
HERE = Path(__file__).parent
_PAGES = pytest.StashKey[list]()
_ARTIFACTS = pytest.StashKey[Path]()


def pytest_addoption(parser):
    parser.addoption(
        "--journey-screenshots",
        metavar="DIR",
        default=None,
        help="the journeys (test_journey_*.py) write a screenshot of every page they open, "
        "at 1280 and at 320 px wide, into DIR/<test name>/",
    )


def pytest_configure(config):
    # Registered here, not in pyproject, so the marker lives with the tests it marks.
    config.addinivalue_line("markers", "browser: drives a real browser against live_server")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} is missing (bash scripts/system-packages.sh installs Chromium)"
    return None


@contextmanager
def _async_unsafe_allowed():
    """While Playwright's sync API runs, its asyncio loop counts as running in this thread, so
    Django refuses ORM calls here (SynchronousOnlyOperation): test setup, demo_date(...) and
    the flush after each test. The live server thread has no loop and needs nothing. The
    variable is set only while a browser is up, so other tests keep Django's check."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def chromium(pytestconfig):
    """Module scope, not session: the loop above lives as long as the browser, and a
    session-wide loop would break any later test in the same worker that touches the ORM or
    calls asyncio.run. Launching costs about a second per module and worker."""
    problem = _missing()
    if problem:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"Browser tests cannot run: {problem} ({REQUIRE_ENV}=1).", pytrace=False)
        pytest.skip(f"browser tests skipped: {problem}")
    from playwright.sync_api import sync_playwright

    # --headed and --slowmo are pytest-playwright's options; honoured when it is installed,
    # for watching a walk on a machine with a display.
    headed = pytestconfig.getoption("--headed", default=False)
    with _async_unsafe_allowed(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=not headed,
            slow_mo=pytestconfig.getoption("--slowmo", default=0) or 0,
            # Containers often give /dev/shm only 64 MB, which crashes Chromium's renderer.
            args=["--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server, request, tmp_path):
    """Factory: each call opens a new browser context (own cookies, so no session leaks
    between users or tests) with base_url set, so page.goto("/plannen/") works."""
    contexts, pages = [], []
    request.node.stash[_PAGES] = pages
    request.node.stash[_ARTIFACTS] = tmp_path

    def open_page(**context_options):
        context = chromium.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def as_user(open_page):
    """Factory: as_user(username) logs a demo account in through the real login form, in its
    own context; call it once per role and keep the pages to switch between people."""
    from .steps import login

    def as_user(username: str, **context_options):
        page = open_page(**context_options)
        login(page, username)
        return page

    return as_user


@pytest.fixture
def journey(request, open_page):
    """The journeys' recorder (journey_steps.Journey): every page a journey opens is checked
    with axe and, with --journey-screenshots DIR, photographed at 1280 and 320 px."""
    from . import journey_steps

    folder = request.config.getoption("--journey-screenshots")
    # A parametrized test's name has brackets and spaces; the folder gets a plain one.
    name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    recorder = journey_steps.Journey(Path(folder) / name if folder else None, name)
    journey_steps.start_recording(recorder)
    yield recorder
    journey_steps.start_recording(None)


@pytest.fixture
def people(transactional_db, accounts, demo_date):
    """For the journeys: the scheme, the demo accounts by username and the demo clock (15 June
    2015), but none of the demo plans: each journey builds the plans it needs, so it does not
    depend on the demo story."""
    return accounts


@pytest.fixture
def demo_data(transactional_db, accounts, scheme):
    """The quick start's data: scheme, allocation run, demo accounts (the root conftest's
    `accounts`) and the demo plans. live_server needs a transactional database, which is
    emptied after every test, so this is written per test: replayed (tests/replay.py) once a
    worker has loaded it. Returns the users by username."""
    from sectorplan.demo.plans import load_demo_plans
    from sectorplan.tests.replay import replayed

    replayed("demo_plans", lambda: load_demo_plans(scheme))
    return accounts


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, keep a screenshot and the HTML of every open page: the traceback of a
    timed-out locator rarely says what the page showed instead."""
    report = yield
    pages = item.stash.get(_PAGES, None)
    if report.when == "call" and report.failed and pages:
        lines = []
        for number, page in enumerate(pages, start=1):
            if page.is_closed():
                continue
            stem = item.stash[_ARTIFACTS] / f"page-{number}"
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
            except Exception as error:  # a crashed page must not hide the test's own failure
                lines.append(f"page {number} ({page.url}): no screenshot: {error}")
            else:
                lines.append(f"page {number} ({page.url}): {stem}.png, {stem}.html")
        report.sections.append(("browser pages at failure", "\n".join(lines)))
    return report
