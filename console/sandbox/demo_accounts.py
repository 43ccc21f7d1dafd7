"""The demo's three county accounts (appid, name, type): the sandbox alone and the whole demo both
play them, so a standalone sandbox and a demo hub agree on who is who."""

from __future__ import annotations

DEMO_ACCOUNTS = [
    ("wx5f1c2a9b3d7e4f60", "某县发布", "subscription"),
    ("wx8a3e6b1c9d2f4a71", "某县人社", "service"),
    ("wx2b7d9e4f1a6c3b82", "某县医保", "service"),
]
