"""Signing the desk in, and in again when a session ends: the saved token first (from the key store),
then the password dialog (or, on a brand-new hub, the first administrator). Offline, the desk works on
with what it has; the hub asks for a sign-in when it is reachable again, and nothing queued is lost
while it waits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from console.sync.client import HubClient, HubRefused, HubUnreachable, NotSignedIn
from console.sync.credentials import TokenStore
from ui.format import tr
from ui.signin import FirstAdminDialog, SignInDialog

log = logging.getLogger(__name__)


async def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog without blocking the event loop (the sync keeps running behind it)."""
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not done.done():
            done.set_result(code)

    dialog.finished.connect(finished)
    dialog.open()
    return await done == QDialog.DialogCode.Accepted


class DeskSession(QObject):
    signedIn = Signal(dict)  # the colleague: {id, login, name, roles, …}
    notice = Signal(str)  # something the status bar should say (no key store, …)

    def __init__(
        self,
        client: HubClient,
        tokens: TokenStore,
        login: str,
        window: QWidget,
        password: str | None = None,
        parent: QObject | None = None,
        setup_code: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.client, self.tokens, self.login, self.window = client, tokens, login, window
        self.password = password  # the demo and tests sign in without a dialog
        self.setup_code = setup_code  # the embedded hub's first-administrator code, read from its file
        self.staff: dict[str, Any] | None = None
        self._asking = False
        client.token = client.token or tokens.get()

    async def ensure(self, notice: str = "") -> bool:
        """Signed in (True), or offline / cancelled (False)."""
        if self.client.token and not notice:
            try:
                self._became(await self.client.me())
                return True
            except NotSignedIn:
                self.client.token = None
            except (HubUnreachable, HubRefused) as exc:
                log.info("cannot check the session now: %s", exc)
                return False
        return await self.ask(notice)

    async def ask(self, notice: str = "") -> bool:
        if self._asking:
            return False
        self._asking = True
        try:
            return await self._ask(notice)
        finally:
            self._asking = False

    async def _ask(self, notice: str) -> bool:
        if self.password is not None:
            return await self._sign_in(self.login, self.password, None)
        try:
            first = (await self.client.status()).get("needs_first_admin")
        except (HubUnreachable, HubRefused):
            return False
        if first:
            return await self._first_admin()
        dialog = SignInDialog(self.client.base_url, self.login, notice, self.window)
        while await run_dialog(dialog):
            login, password = dialog.values()
            if await self._sign_in(login, password, dialog):
                return True
        QApplication.quit()  # 退出: nobody signed in at this desk
        return False

    async def _first_admin(self) -> bool:
        dialog = FirstAdminDialog(self.window, (self.setup_code() if self.setup_code else None) or "")
        while await run_dialog(dialog):
            login, name, password, code = dialog.values()
            try:
                await self.client.first_admin(login, name, password, code)
            except HubRefused as exc:
                dialog.show_error(str(exc))
                continue
            except HubUnreachable:
                dialog.show_error(tr("连不上服务端，请稍后再试。"))
                continue
            return await self._sign_in(login, password, None)
        QApplication.quit()
        return False

    async def _sign_in(self, login: str, password: str, dialog: SignInDialog | None) -> bool:
        try:
            answer = await self.client.sign_in(login, password)
        except HubRefused as exc:
            if dialog is not None:
                dialog.show_error(str(exc))
            else:
                self.notice.emit(str(exc))
            return False
        except HubUnreachable:
            if dialog is not None:
                dialog.show_error(tr("连不上服务端，请检查网络后再试。"))
            return False
        if not self.tokens.set(self.client.token or ""):
            self.notice.emit(self.tokens.problem or "")
        self._became(answer["staff"])
        return True

    def _became(self, staff: dict[str, Any]) -> None:
        self.staff = staff
        self.login = str(staff["login"])
        self.signedIn.emit(staff)

    async def sign_out(self) -> None:
        try:
            await self.client.sign_out()
        except (HubUnreachable, HubRefused):
            pass
        self.tokens.delete()

    def when_needed(self, on_signed_in: Callable[[str], None]) -> Callable[[str], None]:
        """A slot for "the hub wants a sign-in": ask, then hand the new token on."""

        def ask(notice: str) -> None:
            async def run() -> None:
                if await self.ask(notice) and self.client.token:
                    on_signed_in(self.client.token)

            asyncio.ensure_future(run())

        return ask
