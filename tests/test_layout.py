"""The core stays free of Qt: import every module under console/ in a fresh interpreter and check
that no Qt binding was loaded (pytest-qt has already loaded PySide6 in this process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import console
names = []
for info in pkgutil.walk_packages(console.__path__, "console."):
    if ".migrations" in info.name:
        continue  # Alembic's env.py runs only inside a migration
    importlib.import_module(info.name)
    names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6"})
print(json.dumps({"modules": names, "qt": qt}))
"""


def test_console_imports_no_qt():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(report["modules"]) > 25  # really walked the tree
    assert {"console.hub.app", "console.sync.replica", "console.sandbox.server"} <= set(report["modules"])
    assert report["qt"] == []


def test_ui_reaches_data_only_through_console_services():
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "import sqlalchemy" in text or "from sqlalchemy" in text or "session.execute(" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
