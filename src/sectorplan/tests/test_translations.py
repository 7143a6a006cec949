"""Dutch by default, English complete (README, Development, "Translations").

The interface strings are Dutch msgids; src/sectorplan/locale/en/LC_MESSAGES/django.po holds the
English for every one of them and django.mo is its compiled form, committed so that the quick
start (which has no GNU gettext) shows English. These tests fail when:

- a message in the .po has no English (or a plural form is empty), is fuzzy, or its English loses
  or invents a placeholder;
- django.mo does not hold exactly what the .po says (someone forgot compilemessages);
- the source has a translatable string that is not in the .po (someone forgot makemessages);
  this needs GNU gettext's xgettext and is skipped without it, except in CI
  (SECTORPLAN_REQUIRE_SYSTEM_PACKAGES=1), where it fails;
- a page in English still shows Dutch interface text or Dutch notation, or the Dutch page changed.
"""

import datetime
import gettext
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

import sectorplan

PACKAGE_DIR = Path(sectorplan.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo"

# The same patterns as the README's makemessages command (run from src/sectorplan).
IGNORE_PATTERNS = ["tests", "migrations", "conftest.py", "test_settings.py"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}  # makemessages' default extensions

# %(name)s, %s, %d, %.2f, %% ... and {name} for str.format.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0\- +]*\d*(?:\.\d+)?[sdifr%]|\{[A-Za-z_]\w*\}")

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def load_po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def label(entry: polib.POEntry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r} ({', '.join(f'{f}:{n}' for f, n in entry.occurrences[:2])})"


def test_the_english_catalogue_exists_where_django_finds_it():
    assert PO_PATH.is_file(), f"{PO_PATH} is missing: run makemessages (README, Translations)"
    assert MO_PATH.is_file(), f"{MO_PATH} is missing: run compilemessages (README, Translations)"
    assert LOCALE_DIR in [Path(path).resolve() for path in settings.LOCALE_PATHS]
    assert dict(settings.LANGUAGES).keys() == {"nl", "en"}
    assert settings.LANGUAGE_CODE == "nl"


def test_every_message_has_a_complete_english_translation():
    po = load_po()
    assert po.metadata.get("Language") == "en"
    assert not po.metadata_is_fuzzy, "the .po header is marked fuzzy"
    entries = [entry for entry in po if not entry.obsolete]
    assert len(entries) > 500, "the catalogue is suspiciously small"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label(entry)}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if sorted(forms) != [0, 1] or not all(forms[n].strip() for n in forms):
                problems.append(f"plural form missing: {label(entry)}")
                continue
            pairs = [(entry.msgid, forms[0]), (entry.msgid_plural, forms[1])]
        else:
            if not entry.msgstr.strip():
                problems.append(f"no English: {label(entry)}")
                continue
            pairs = [(entry.msgid, entry.msgstr)]
        for source, english in pairs:
            if placeholders(source) != placeholders(english):
                problems.append(
                    f"placeholders differ: {label(entry)}: {sorted(placeholders(source))} in "
                    f"Dutch, {sorted(placeholders(english))} in English"
                )
    assert not problems, f"{len(problems)} problems in {PO_PATH}:\n" + "\n".join(problems)


def test_the_compiled_catalogue_matches_the_po():
    expected = {}
    for entry in load_po():
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for n, text in entry.msgstr_plural.items():
                expected[(msgid, n)] = text
        else:
            expected[msgid] = entry.msgstr
    with MO_PATH.open("rb") as file:
        compiled = dict(gettext.GNUTranslations(file)._catalog)
    compiled.pop("", None)  # the header
    stale = sorted(str(key) for key in expected.keys() - compiled.keys())
    extra = sorted(str(key) for key in compiled.keys() - expected.keys())
    changed = sorted(
        str(key) for key in expected.keys() & compiled.keys() if expected[key] != compiled[key]
    )
    assert not (stale or extra or changed), (
        "django.mo is older than django.po: run compilemessages (README, Translations).\n"
        f"Not in the .mo: {stale[:20]}\nOnly in the .mo: {extra[:20]}\nDifferent: {changed[:20]}"
    )


def _copy_sources(target: Path) -> None:
    def ignore(directory, names):
        skipped = set()
        for name in names:
            path = Path(directory) / name
            if name in {"__pycache__", "locale", *IGNORE_PATTERNS} or name.startswith("."):
                skipped.add(name)
            elif path.is_file() and path.suffix not in SOURCE_SUFFIXES:
                skipped.add(name)
        return skipped

    shutil.copytree(PACKAGE_DIR, target, ignore=ignore)


def test_every_translatable_string_in_the_source_is_in_the_po(tmp_path):
    if not all(shutil.which(tool) for tool in ("xgettext", "msguniq", "msgmerge")):
        message = (
            "GNU gettext (xgettext) is not installed, so the source cannot be checked for strings "
            "missing from the .po; bash scripts/system-packages.sh installs it"
        )
        if os.environ.get("SECTORPLAN_REQUIRE_SYSTEM_PACKAGES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "source"
    _copy_sources(source)
    (source / "locale").mkdir()
    # Settings that point makemessages at the copy's locale directory, never the real one.
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "extract_settings.py").write_text(
        "from sectorplan.test_settings import *  # noqa\n"
        f"LOCALE_PATHS = [{str(source / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "extract_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "conf"), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "django", "makemessages", "-l", "en"]
    command += [f"--ignore={pattern}" for pattern in IGNORE_PATTERNS]
    result = subprocess.run(
        command, cwd=source, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(source / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert len(extracted) > 500, "makemessages found suspiciously few strings"

    def key(entry):
        return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)

    committed = {key(entry) for entry in load_po() if not entry.obsolete}
    missing = [entry for entry in extracted if key(entry) not in committed]
    assert not missing, (
        f"{len(missing)} interface strings have no English in {PO_PATH.name}: run makemessages "
        "and translate them (README, Translations):\n" + "\n".join(label(e) for e in missing)
    )


@pytest.fixture(autouse=True)
def _dutch_again_afterwards():
    """ChosenLanguageMiddleware activates the request's language in the test's thread and leaves
    it active; later tests in the same process must not run in English."""
    yield
    translation.deactivate()


def english(client):
    client.cookies[LANGUAGE_COOKIE] = "en"
    return client


class _Texts(HTMLParser):
    """The text nodes and the human-readable attributes of a page, each stripped."""

    ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.texts = set()

    def handle_starttag(self, tag, attrs):
        self.texts.update(
            value.strip() for name, value in attrs if name in self.ATTRIBUTES and value
        )

    def handle_data(self, data):
        self.texts.add(" ".join(data.split()))


def assert_no_dutch_interface_text(html: str) -> None:
    """No text on an English page is a Dutch message whose English differs: an interface string
    the page forgot to translate. (Dutch data, such as the scheme's description, may remain.)"""
    parser = _Texts()
    parser.feed(html)
    dutch = {
        entry.msgid
        for entry in load_po()
        if not entry.obsolete and not entry.msgid_plural and entry.msgid != entry.msgstr
    }
    leftovers = sorted(parser.texts & dutch)
    assert not leftovers, f"Dutch interface text on an English page: {leftovers}"


@pytest.mark.django_db
def test_the_start_page_in_english_and_in_dutch(client, scheme):
    dutch = client.get("/").content.decode()
    assert '<html lang="nl">' in dutch
    for text in [
        "Naar de inhoud",
        "Hoofdmenu",
        "Inloggen",
        "Activiteiten",
        "Sectorplannen sociale werkbedrijven",
        "Budget per regio",
    ]:
        assert text in dutch

    response = english(client).get("/")
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    for text in [
        "Skip to content",
        'aria-label="Main menu"',
        ">Home<",
        ">Activities<",
        ">Log in<",
        "Sector plans for sheltered-employment companies",
        "Budget per region",
        "labour-market region",
        "co-financed by the regions",
        ">Nederlands<",
    ]:
        assert text in html, text
    assert "Inloggen" not in html
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_the_navigation_of_a_signed_in_user_in_english(client, accounts):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    dutch = client.get("/").content.decode()
    assert ">Plannen<" in dutch and "Uitloggen" in dutch and "Wat op mij wacht" in dutch
    html = english(client).get("/").content.decode()
    for text in [">Plans<", "Log out", "Waiting for me", "Write a new sector plan"]:
        assert text in html, text
    assert_no_dutch_interface_text(html)


@pytest.mark.django_db
def test_money_numbers_and_dates_in_the_notation_of_the_language(client, scheme, demo_date):
    demo_date(datetime.date(2015, 8, 20))
    page = reverse("web:budget", args=["sw2015"])
    dutch = client.get(page).content.decode()
    assert "Demodatum: 20 augustus 2015" in dutch
    assert 'data-total="reserved">€ 30.000.000,00<' in dutch
    assert "100,00%" in dutch
    assert "Reservering per arbeidsmarktregio" in dutch

    html = english(client).get(page).content.decode()
    assert "Demo date: 20 August 2015" in html
    assert 'data-total="reserved">€30,000,000.00<' in html
    assert 'data-total="total">€60,000,000.00<' in html
    assert "100.00%" in html
    assert "100,00%" not in html and "€ 30.000.000,00" not in html
    for text in [
        "Budget per region",
        "Reservation per labour-market region",
        "Labour-market region",
        "Required co-financing",
        "Demo data: no official figures",
    ]:
        assert text in html, text
    assert_no_dutch_interface_text(html)
