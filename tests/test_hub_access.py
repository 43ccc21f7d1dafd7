"""Until staff sign-in exists, the desktops' API (send replies, read messages) answers only this
machine, while the callback URL answers anyone (WeChat). The peer address is the edge under test."""

from __future__ import annotations

import json

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from console.hub.serve import build_hub
from console.hub.sync_api import desktops_only_from_loopback


class Peer:
    def __init__(self, address: str) -> None:
        self.address = address

    def get_extra_info(self, name: str, default=None):
        return (self.address, 50000) if name == "peername" else default

    def is_closing(self) -> bool:
        return False


async def passed(_request):
    return web.Response(text="handled")


@pytest.mark.parametrize(
    ("remote_desktops", "peer", "path", "status"),
    [
        (False, "127.0.0.1", "/api/changes", 200),
        (False, "::1", "/api/replies", 200),
        (False, "203.0.113.7", "/api/replies", 403),
        (False, "192.0.2.10", "/api/changes", 403),
        (False, "203.0.113.7", "/wechat/wx1234567890abcd", 200),  # WeChat reaches the callback
        (True, "192.0.2.10", "/api/changes", 200),
    ],
)
@pytest.mark.asyncio
async def test_desktop_api_is_loopback_only_unless_opened(tmp_path, remote_desktops, peer, path, status):
    _ctx, app = build_hub(f"sqlite:///{tmp_path / 'hub.db'}", remote_desktops=remote_desktops)
    request = make_mocked_request("GET", path, app=app, transport=Peer(peer))
    response = await desktops_only_from_loopback(request, passed)
    assert response.status == status
    if status == 403:
        assert "本机" in json.loads(response.text)["error"]
