"""设置: this desk's seat name, office hours, holiday table and notifications."""

from __future__ import annotations

from ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
