"""安全清单 and 合规检查 at the desk: the checklist page, the inspection panel with the account register
and the quarterly report, their dialogs, and the controller that reads the replica and talks to the hub."""

from __future__ import annotations

from ui.compliance.checklist_page import ChecklistPage
from ui.compliance.controller import ComplianceController
from ui.compliance.panel_page import CompliancePage

__all__ = ["ChecklistPage", "ComplianceController", "CompliancePage"]
