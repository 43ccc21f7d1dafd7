"""Every `/api/` route the hub has, listed from its own router (so a new route is covered without a new
test): a web page's request — a foreign Origin, a rebinding Host, a text/plain body — is refused before
the route's handler runs, signed in or not."""

from __future__ import annotations

import pytest
import requests

from console.hub.app import create_hub_app
from console.store.models import Role

ADMIN = ("er-admin", "陈刚", (Role.ADMINISTRATOR,))


def _routes(world) -> list[tuple[str, str]]:
    app = create_hub_app(world.hub)  # only to read its router: the world's own hub serves the requests
    found = set()
    for resource in app.router.resources():
        path = resource.canonical.replace("{sha}", "a" * 64).replace("{message_id}", "1")
        for route in resource:
            if path.startswith("/api/") and route.method in ("GET", "POST", "PUT"):
                found.add((route.method, path))
    return sorted(found)


@pytest.mark.parametrize(
    ("what", "headers", "wanted"),
    [
        ("foreign Origin", {"Origin": "http://evil.example"}, {403}),
        ("rebinding Host", {"Host": "evil.example"}, {403}),
        ("text/plain body", {"Content-Type": "text/plain"}, {403, 415}),
    ],
)
def test_every_api_route_refuses_a_web_page(world, what, headers, wanted):
    routes = _routes(world)
    assert len(routes) >= 15 and ("POST", "/api/commands") in routes
    signed_in = world.auth(*ADMIN)
    wrong = []
    for method, path in routes:
        if what == "text/plain body" and method == "GET":
            continue
        port = world.hub_url.rsplit(":", 1)[1]
        sent = {**signed_in, **headers}
        if "Host" in sent:
            sent["Host"] = f"{sent['Host']}:{port}"
        answer = requests.request(method, f"{world.hub_url}{path}", data=b'{"a": 1}', headers=sent, timeout=30)
        if answer.status_code not in wanted:
            wrong.append(f"{method} {path}: {answer.status_code}")
    assert wrong == [], f"{what} got through: {wrong}"
