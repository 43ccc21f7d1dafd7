"""Backups of the hub database: a consistent copy taken while the hub keeps running.

SQLite's online backup API copies the pages under a read lock, so a backup never holds a half-written
transaction, unlike copying the file (and its -wal beside it) by hand. The copy is written under a temp
name and renamed, so an interrupted backup never looks like the newest one to the checklist's own check;
it is switched out of WAL mode, so the copy is one self-contained file an office can carry on a USB disk.
The newest KEEP copies are kept: a year of monthly backups without filling the disk."""

from __future__ import annotations

import argparse
import contextlib
import re
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from console.paths import data_dir, default_db_url
from console.store.database import Database
from console.timeutil import utcnow
from console.workcal.hours import from_china, to_china

KEEP = 12
PREFIX = "wxconsole-"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^wxconsole-(\d{8}-\d{6})\.db$")


class BackupError(RuntimeError):
    """The backup could not be made; the message says why, in Chinese."""


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def _sqlite_path(db: str | Database) -> Path:
    url = make_url(db.url if isinstance(db, Database) else db)
    if url.get_backend_name() != "sqlite":
        raise BackupError("这个数据库不是 SQLite：PostgreSQL 请由数据库管理员用 pg_dump 定期备份。")
    if not url.database or url.database == ":memory:":
        raise BackupError("内存数据库无法备份。")
    path = Path(url.database)
    if not path.is_file():
        raise BackupError(f"找不到数据库文件 {path}。")
    return path


def _taken_at(path: Path) -> datetime | None:
    """When a backup was taken (naive UTC), from its name: the name survives copying, mtime may not."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    try:
        return from_china(datetime.strptime(found.group(1), STAMP))
    except ValueError:
        return None


def backups(backup_dir: Path) -> list[tuple[Path, datetime]]:
    """Every finished backup in the folder, newest first."""
    if not backup_dir.is_dir():
        return []
    found = [(path, _taken_at(path)) for path in backup_dir.glob(f"{PREFIX}*.db") if path.is_file()]
    dated = [(path, at) for path, at in found if at is not None]
    return sorted(dated, key=lambda pair: pair[1], reverse=True)


def latest_backup(backup_dir: Path) -> tuple[Path, datetime] | None:
    """The newest backup and when it was taken (naive UTC), or None for an empty or missing folder."""
    found = backups(backup_dir)
    return found[0] if found else None


def make_backup(db: str | Database, backup_dir: Path, now: datetime | None = None) -> Path:
    """Copy the hub database into backup_dir/wxconsole-YYYYmmdd-HHMMSS.db (China time) and drop all but
    the newest KEEP. `now` is naive UTC. BackupError when the database or the folder will not do."""
    source_path = _sqlite_path(db)
    when = now or utcnow()
    target = backup_dir / f"{PREFIX}{to_china(when).strftime(STAMP)}.db"
    temp = backup_dir / f".{target.name}.part"
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        source = sqlite3.connect(source_path, timeout=30)  # the hub may be mid-commit
        try:
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
                verdict = copy.execute("PRAGMA quick_check").fetchone()
            finally:
                copy.close()
        finally:
            source.close()
        if not verdict or verdict[0] != "ok":
            raise BackupError(f"备份副本校验未通过（{verdict[0] if verdict else '无结果'}），请检查磁盘后重试。")
        temp.replace(target)
    except sqlite3.Error as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(f"备份失败：无法读取或写入数据库（{exc}）。") from exc
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(
            f"备份失败：无法写入 {backup_dir}（{exc.strerror or exc}），请检查磁盘空间和文件夹权限。"
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    for old, _at in backups(backup_dir)[KEEP:]:
        with contextlib.suppress(OSError):  # a copy someone has open stays until next time
            old.unlink()
    return target


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _run(args: argparse.Namespace) -> int:
    folder = Path(args.to) if args.to else default_backup_dir()
    try:
        path = make_backup(args.db, folder)
    except BackupError as exc:
        print(f"未备份：{exc}", file=sys.stderr)
        return 2
    print(f"已备份到 {path}（{_size_text(path.stat().st_size)}），文件夹中保留最近 {KEEP} 份。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """`wxconsole backup [--db URL] [--to DIR]`."""
    parser = sub.add_parser("backup", help="备份服务端数据库（SQLite，可在运行中备份）")
    parser.add_argument("--db", default=default_db_url(), help="数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）")
    parser.add_argument("--to", default=None, metavar="DIR", help="备份文件夹（默认数据目录下的 backups）")
    parser.set_defaults(func=_run)
