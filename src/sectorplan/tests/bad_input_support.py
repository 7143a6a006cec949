"""Shared by the bad-input tests: the corpus manifest, what a clear message is, and a
fingerprint of everything stored (every table, audit log included, and the uploaded files), so a
test can show that a refused input wrote nothing at all."""

import hashlib
import json
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

CORPUS = Path(__file__).parent / "bad_inputs"

# Words that only show up when an exception's own (English) text or a traceback leaks through.
LEAKS = re.compile(
    r"Traceback|File \"|Error\b|Exception|\bthe\b|\binvalid\b|\bexpected\b|\bmust\b|"
    r"\bcannot\b|\bunexpected\b|\bnot a\b|\bcould not\b|\bfailed\b|codec|decode",
    re.IGNORECASE,
)


def manifest() -> list[dict]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["files"]


def corpus(target: str) -> list[dict]:
    """The manifest entries for one target, as pytest parameters named by their file."""
    return [entry for entry in manifest() if entry["target"] == target]


def ids(entries: list[dict]) -> list[str]:
    return [entry["file"].split("/", 1)[1] for entry in entries]


def read(entry: dict) -> bytes:
    return (CORPUS / entry["file"]).read_bytes()


def assert_clear(message: str, expect: str) -> None:
    """A message for people: the expected Dutch fragment, no leaked English or traceback."""
    assert expect.casefold() in message.casefold(), message
    leaked = LEAKS.search(message)
    assert leaked is None, f"{leaked.group(0)!r} in {message!r}"


def fingerprint() -> dict:
    """Row count and a digest of every row of every table, and the stored files."""
    tables = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        tables[model._meta.label] = (len(rows), digest)
    media = Path(settings.MEDIA_ROOT)
    files = sorted(str(p.relative_to(media)) for p in media.rglob("*")) if media.exists() else []
    return {"tables": tables, "files": files}
