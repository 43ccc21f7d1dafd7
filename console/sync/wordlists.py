"""The desktop's copy of the office's 错敏词 lists, so the composer checks as the operator types even
offline. The hub's lists are the truth (the hub checks again on send); this copy is refreshed from the
hub whenever it is reachable and kept on disk between runs."""

from __future__ import annotations

from pathlib import Path

from console.files import write_atomically
from console.paths import data_dir
from console.screening import Screener
from console.screening.lists import LEADERS_FILE, SENSITIVE_FILE, TERMS_FILE

FILES = (SENSITIVE_FILE, TERMS_FILE, LEADERS_FILE)


class WordListCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "wordlists-from-hub"

    def store(self, files: dict[str, str]) -> None:
        """Keep the hub's office lists (names outside the three known files are ignored)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            if name in files:
                write_atomically(self.folder / name, files[name])

    def files(self) -> dict[str, str]:
        return {
            name: (self.folder / name).read_text("utf-8") if (self.folder / name).exists() else "" for name in FILES
        }

    def screener(self) -> Screener:
        """The shipped lists with the office's (as last heard from the hub) over them."""
        return Screener.from_files(office=self.folder)
