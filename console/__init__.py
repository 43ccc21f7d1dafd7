"""政务微信工作台 core: everything that runs without Qt (store, hub, sandbox, sync, services)."""

__version__ = "0.1.0"
