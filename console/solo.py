"""A one-person office: the hub runs inside the desk's own process, on its own thread and a loopback
port. The desk starts it through here (the window never reaches into the hub itself), and creates the
first administrator with the setup code this process holds, so nobody reads it off a terminal."""

from __future__ import annotations

from console.hub.serve import build_hub
from console.runtime import ServerThread
from console.staff.setup_code import SetupCode

# The setup codes of hubs running in this process, by URL: a solo office's desk creates its first
# administrator without anyone reading the code off a terminal (console.staff.setup_code).
_EMBEDDED_CODES: dict[str, SetupCode] = {}


def start_embedded_hub(db_url: str) -> tuple[ServerThread, str]:
    """A solo office: the hub runs in this process, on its own thread and loopback port."""
    servers = ServerThread("wxconsole-hub")
    try:
        ctx, hub_app = build_hub(db_url)
        url = servers.serve(hub_app)
        if ctx.setup_code is not None:
            _EMBEDDED_CODES[url] = ctx.setup_code
        return servers, url
    except BaseException:
        servers.stop()
        raise


def embedded_setup_code(hub_url: str) -> str | None:
    """The first-administrator code of a hub this process runs (None for any other hub)."""
    code = _EMBEDDED_CODES.get(hub_url.rstrip("/"))
    return code.read() if code is not None else None
