"""Refresh the English translation: collect the interface's Chinese strings, update the .ts, build the .qm.

Run from anywhere: `python resources/translations/update.py`. Strings are collected from the ui/ package with
`ast` (no import, no Qt needed): literal arguments of `tr(...)` calls, the values of `STATUS_WORDS`, the first
two elements of each tuple in `PLANNED`, and the module constants `OFFLINE_TEXT` and `UNSENT_TEXT` (those four
are passed to `tr()` at run time). Translations already in the .ts are kept; new strings are added as
`type="unfinished"`; strings no longer in the code are kept as `type="vanished"` (lrelease skips them).
Then `pyside6-lrelease` turns the .ts into the .qm the application loads (the .qm is built, not committed).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UI_DIR = ROOT / "ui"
CONTEXT = "wxconsole"
TS_FILE = HERE / "wxconsole_en.ts"
LANGUAGE, SOURCE_LANGUAGE = "en_US", "zh_CN"

DICT_VALUES = {"STATUS_WORDS"}
TUPLE_HEADS = {"PLANNED": 2}  # name -> how many leading elements of each tuple are shown
CONSTANTS = {"OFFLINE_TEXT", "UNSENT_TEXT"}


@dataclass
class Entry:
    source: str
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: str = ""
    kind: str | None = "unfinished"  # None when finished; "unfinished" / "vanished"


def _text(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return node.value
    return None


def _assigned(node: ast.stmt) -> tuple[list[str], ast.AST | None]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)], node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id], node.value
    return [], None


def _is_tr(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name == "tr"


def strings_in(tree: ast.Module) -> list[tuple[str, int]]:
    """(text, line) for every translatable string in one module, in source order."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_tr(node) and node.args:
            text = _text(node.args[0])
            if text is not None:
                found.append((text, node.args[0].lineno))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate":
            # QCoreApplication.translate("wxconsole", "…") written out in full
            if len(node.args) >= 2 and _text(node.args[0]) == CONTEXT and _text(node.args[1]) is not None:
                found.append((node.args[1].value, node.args[1].lineno))
    for node in tree.body:
        names, value = _assigned(node)
        for name in names:
            if name in DICT_VALUES and isinstance(value, ast.Dict):
                found += [(v.value, v.lineno) for v in value.values if _text(v) is not None]
            elif name in TUPLE_HEADS and isinstance(value, ast.List | ast.Tuple):
                for item in value.elts:
                    if isinstance(item, ast.Tuple | ast.List):
                        found += [(e.value, e.lineno) for e in item.elts[: TUPLE_HEADS[name]] if _text(e) is not None]
            elif name in CONSTANTS and _text(value) is not None:
                found.append((value.value, value.lineno))
    return sorted(found, key=lambda pair: pair[1])


def collect(ui_dir: Path = UI_DIR) -> dict[str, list[tuple[str, int]]]:
    """Every translatable string in the ui/ package -> its locations (path relative to the .ts file, line)."""
    strings: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(ui_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = Path(os.path.relpath(path, HERE)).as_posix()
        for text, line in strings_in(tree):
            strings.setdefault(text, []).append((where, line))
    return strings


def read_ts(path: Path = TS_FILE) -> dict[str, Entry]:
    """The messages of our context in an existing .ts, by source text."""
    entries: dict[str, Entry] = {}
    if not path.exists():
        return entries
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type") if translation is not None else "unfinished"
            entries[source] = Entry(source, translation=text, kind=kind)
    return entries


def merge(strings: dict[str, list[tuple[str, int]]], old: dict[str, Entry]) -> list[Entry]:
    merged: list[Entry] = []
    for source, locations in strings.items():
        previous = old.get(source)
        entry = Entry(source, locations)
        if previous is not None and previous.translation:
            entry.translation = previous.translation
            entry.kind = None if previous.kind in (None, "vanished", "obsolete") else previous.kind
        merged.append(entry)
    for source, previous in old.items():
        if source not in strings and previous.translation:
            merged.append(Entry(source, [], previous.translation, "vanished"))
    return merged


def render(entries: list[Entry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{LANGUAGE}" sourcelanguage="{SOURCE_LANGUAGE}">',
        "<context>",
        f"    <name>{CONTEXT}</name>",
    ]
    for entry in entries:
        lines.append("    <message>")
        for filename, line in entry.locations:
            lines.append(f'        <location filename={quoteattr(filename)} line="{line}"/>')
        lines.append(f"        <source>{escape(entry.source)}</source>")
        kind = f' type="{entry.kind}"' if entry.kind else ""
        lines.append(f"        <translation{kind}>{escape(entry.translation)}</translation>")
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def find_lrelease() -> str | None:
    """`pyside6-lrelease` beside this Python (a venv's bin/ or Scripts\\), else on PATH."""
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = Path(sys.executable).parent / name
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def release(ts: Path = TS_FILE, qm: Path | None = None) -> Path:
    """Compile a .ts into a .qm with pyside6-lrelease; raises if the tool is missing or fails."""
    qm = qm or ts.with_suffix(".qm")
    tool = find_lrelease()
    if tool is None:
        raise FileNotFoundError("pyside6-lrelease not found (install PySide6 into this Python)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def main() -> int:
    entries = merge(collect(), read_ts())
    TS_FILE.write_text(render(entries), encoding="utf-8")
    current = [e for e in entries if e.kind != "vanished"]
    unfinished = [e for e in current if e.kind == "unfinished" or not e.translation]
    vanished = len(entries) - len(current)
    print(f"{TS_FILE.name}: {len(current)} strings, {len(unfinished)} unfinished, {vanished} vanished")
    for entry in unfinished:
        print(f"  untranslated: {entry.source!r}")
    qm = release()
    print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
