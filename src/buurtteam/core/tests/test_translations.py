"""The English catalogue is complete, compiled and in step with the source strings.

UI source strings are Dutch (docs/adr/0003); locale/en holds the English translation.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
LOCALE = ROOT / "src" / "buurtteam" / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _unquote(line: str) -> str:
    return str(ast.literal_eval(line.strip()))


def parse_po(text: str) -> list[dict[str, object]]:
    """A small .po reader: msgctxt, msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {}
    key = ""
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            if "msgid" in current:
                entries.append(current)
            current, key = {}, ""
            continue
        if line.startswith("#,"):
            current["flags"] = line[2:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] = str(current[key]) + _unquote(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = _unquote(value)
    return entries


def test_catalogue_is_complete() -> None:
    entries = [e for e in parse_po(PO.read_text()) if e["msgid"]]
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not any(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in str(e.get("flags", ""))]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_compiled_catalogue_matches_po() -> None:
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for entry in parse_po(PO.read_text()):
        msgid = str(entry["msgid"])
        if not msgid:
            continue
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            assert catalog.get((msgid, 0)) == entry["msgstr[0]"], (
                f"stale .mo for {msgid!r}; run make messages"
            )
        else:
            assert catalog.get(msgid) == entry["msgstr"], f"stale .mo for {msgid!r}; run make messages"


def test_catalogue_has_every_source_string(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        message = "xgettext not found: install Debian's gettext package to check the catalogue"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "buurtteam", work / "buurtteam", ignore=shutil.ignore_patterns("__pycache__", "dist")
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location", "-v0"],
        cwd=work / "buurtteam",
        env={
            **os.environ,
            "PYTHONPATH": f"{work}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "buurtteam.config.settings",
        },
        check=True,
    )
    fresh = {
        str(e["msgid"])
        for e in parse_po((work / "buurtteam" / "locale/en/LC_MESSAGES/django.po").read_text())
    }
    committed = {str(e["msgid"]) for e in parse_po(PO.read_text())}
    missing = sorted(fresh - committed - {""})
    assert not missing, (
        f"{len(missing)} source strings missing from locale/en (run make messages): {missing[:10]}"
    )
    assert re.search(r"Language: en", PO.read_text())
