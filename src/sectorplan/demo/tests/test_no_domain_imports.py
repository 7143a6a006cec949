"""Issue 16: demo data lives on the top floor. The demo app uses the domain apps; no domain
app (nor the web, API or jobs layers) imports demo code. Tests may use the demo data."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
DEMO_IMPORT = re.compile(
    r"^\s*(from\s+sectorplan\.demo\b|import\s+sectorplan\.demo\b|from\s+\.+demo\b)", re.M
)


def _is_test(path: Path) -> bool:
    return "tests" in path.parts or path.name in {"conftest.py", "test_settings.py"}


def test_no_domain_module_imports_demo_code():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if PACKAGE / "demo" not in path.parents
        and not _is_test(path.relative_to(PACKAGE))
        and DEMO_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_sees_an_import():
    assert DEMO_IMPORT.search("from sectorplan.demo.plans import load_demo_plans")
    assert DEMO_IMPORT.search("    from ..demo import accounts")
    assert not DEMO_IMPORT.search("from sectorplan.registry.clock import is_demo")
