"""`wxconsole`: the window by default, and every command of the core beside it (console.cli). The
window's own commands — the desk and the demo — live here, above both layers, so the core never
imports the window."""

from __future__ import annotations

import argparse
import os
import sys

from console import cli

NO_DISPLAY = (
    "这台电脑没有图形界面（未设置 DISPLAY），窗口无法显示。\n"
    "可以改用：wxconsole demo --offscreen --shots shots/（保存截图），或 xvfb-run -a wxconsole demo。\n"
    "No display: use --offscreen (with --shots DIR for the demo) or run under xvfb-run."
)


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _desktop(args: argparse.Namespace) -> int:
    if not args.offscreen and not _has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from ui.app import run_desktop

    return run_desktop(args.hub, args.db, offscreen=args.offscreen)


def _demo(args: argparse.Namespace) -> int:
    if not (args.offscreen or args.shots) and not _has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from ui.demo import run_demo

    offscreen = args.offscreen or not _has_display()  # only reached without a display when --shots is given
    return run_demo(offscreen=offscreen, shots=args.shots, interval=args.interval)


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, desktop=_desktop, demo_window=_demo)


if __name__ == "__main__":
    sys.exit(main())
