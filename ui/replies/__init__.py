"""Replies: the 错敏词 check under any text box (underlines, a summary, one-click fixes, a supervisor's pass)
and the keyword-rule tester. Widgets only show results and emit signals; the screener and the rules come in
from the caller, so nothing here reads the database."""

from __future__ import annotations

from ui.replies.override_dialog import OverrideDialog
from ui.replies.rule_tester import RuleTester
from ui.replies.screen_check import ScreenCheck
from ui.replies.screen_panel import ScreenPanel, attach

__all__ = ["OverrideDialog", "RuleTester", "ScreenCheck", "ScreenPanel", "attach"]
