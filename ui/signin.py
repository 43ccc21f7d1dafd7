"""Signing in at a desk, and creating the first administrator on a new hub. The password goes to the
hub and nowhere else; what the desk keeps is the session token, in the system key store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ui.format import tr


class SignInDialog(QDialog):
    def __init__(self, hub_url: str, login: str = "", notice: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("登录政务微信工作台"))
        self.login = QLineEdit(login)
        self.login.setPlaceholderText(tr("管理员分配的登录名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(notice)
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(bool(notice))
        where = QLabel(tr("服务端：{0}").format(hub_url))
        where.setObjectName("hint")
        form = QFormLayout()
        form.addRow(tr("登录名"), self.login)
        form.addRow(tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("退出"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if login else self.login).setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.password.clear()
        self.password.setFocus()

    def _accept(self) -> None:
        if not self.login.text().strip() or not self.password.text():
            self.show_error(tr("请填写登录名和密码。"))
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.login.text().strip(), self.password.text()


class FirstAdminDialog(QDialog):
    """A new hub has nobody yet: the first person to open it creates the administrator, with the
    one-time setup code shown at the hub machine. A desk running its own hub knows the code already
    (`setup_code`) and does not ask for it."""

    def __init__(self, parent=None, setup_code: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("创建管理员"))
        intro = QLabel(tr("这是新的服务端，还没有任何人员。请先创建管理员账号，之后由管理员为同事添加账号、分配角色。"))
        intro.setWordWrap(True)
        self.setup_code = QLineEdit(setup_code)
        self.setup_code.setPlaceholderText(tr("服务端电脑上显示的初始设置码，例如 ABCD-EFGH-JKMN"))
        self.login = QLineEdit()
        self.login.setPlaceholderText(tr("例如 wangfang（小写字母、数字）"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("例如 王芳"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("至少 10 位，含字母和数字"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("登录名"), self.login)
        form.addRow(tr("姓名"), self.name)
        form.addRow(tr("密码"), self.password)
        form.addRow(tr("再输一次"), self.again)
        if not setup_code:
            form.addRow(tr("初始设置码"), self.setup_code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("创建并登录"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _accept(self) -> None:
        if self.password.text() != self.again.text():
            self.show_error(tr("两次输入的密码不一致。"))
            return
        if not self.login.text().strip() or not self.name.text().strip():
            self.show_error(tr("请填写登录名和姓名。"))
            return
        if not self.setup_code.text().strip():
            self.show_error(tr("请填写初始设置码：它显示在服务端电脑上启动服务端的窗口中。"))
            return
        self.accept()

    def values(self) -> tuple[str, str, str, str]:
        """Login, name, password and the setup code."""
        return self.login.text().strip(), self.name.text().strip(), self.password.text(), self.setup_code.text().strip()
