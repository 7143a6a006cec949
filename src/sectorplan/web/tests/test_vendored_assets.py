"""The NL Design System CSS under static/vendor/ is what scripts/frontend-assets.sh makes
from the versions pinned in frontend/: same files (SHA256SUMS) and same versions."""

import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
VENDOR = ROOT / "src/sectorplan/web/static/vendor"
FRONTEND = ROOT / "frontend"


def _sums() -> tuple[dict[str, str], dict[str, str]]:
    """(package -> version from the header comments, file -> sha256)."""
    versions, files = {}, {}
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        if line.startswith("# "):
            package, version = line[2:].split()
            versions[package] = version
        elif line.strip():
            digest, name = line.split(maxsplit=1)
            files[name] = digest
    return versions, files


def test_vendored_files_match_their_recorded_sha256():
    _, files = _sums()
    assert files, "SHA256SUMS lists no file"
    for name, digest in files.items():
        actual = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} differs from SHA256SUMS: run scripts/frontend-assets.sh"


def test_vendored_versions_are_the_pinned_ones():
    versions, _ = _sums()
    pinned = json.loads((FRONTEND / "package.json").read_text())["dependencies"]
    locked = json.loads((FRONTEND / "package-lock.json").read_text())["packages"]
    assert versions == pinned
    for package, version in pinned.items():
        assert locked[f"node_modules/{package}"]["version"] == version


@pytest.mark.parametrize("name", ["utrecht/LICENSE.md", "voorbeeld-theme/LICENSE.md"])
def test_licences_travel_with_the_files(name):
    assert "EUPL" in (VENDOR / name).read_text()


def test_every_page_links_the_vendored_css(client, db):
    page = client.get("/accounts/login/").content.decode()
    for name in ("voorbeeld-theme/theme.css", "utrecht/component-library.css", "utrecht/html.css"):
        assert f"/static/vendor/{name}" in page
    assert 'class="voorbeeld-theme sectorplan-theme' in page
