"""The hub: callback URL for WeChat, sync API for the desktops, the only holder of secrets."""

from console.hub.app import create_hub_app
from console.hub.context import HubContext

__all__ = ["HubContext", "create_hub_app"]
