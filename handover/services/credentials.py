"""Signing in to a county server: where it is (kept in this PC's settings) and the password (kept in the operating
system's keyring: Windows Credential Manager, macOS Keychain, the Secret Service on Linux), never in a plain file.

The GUI's connection dialog (ui/connect_dialog.py) uses this; so could a script. The password goes into the URL only
in memory, for the connection; every URL shown or logged is masked (db.shown_url).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.engine import URL

from handover.errors import Refused

log = logging.getLogger(__name__)

#: the keyring's service name; the entry's user name is `user@host:port/database`
KEYRING_SERVICE = "handover-server"
#: libpq's sslmode values, weakest first (docs/server.md: verify-full on a network the county does not control)
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerLogin:
    """Where to sign in, without the password: what this PC's settings keep."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = "prefer"

    def checked(self) -> ServerLogin:
        for field, label in ((self.host, "服务器地址"), (self.database, "数据库名"), (self.user, "账户名")):
            if not field.strip():
                raise Refused(f"{label}不能为空")
        if not 1 <= self.port <= 65535:
            raise Refused(f"端口应为 1 至 65535 之间的整数，收到 {self.port}")
        if self.sslmode not in SSL_MODES:
            raise Refused(f"加密方式（sslmode）“{self.sslmode}” 无效：应为 {'、'.join(SSL_MODES)} 之一")
        return ServerLogin(self.host.strip(), self.database.strip(), self.user.strip(), self.port, self.sslmode)

    @property
    def key(self) -> str:
        """The keyring entry's name for this account on this server."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> str:
        """The SQLAlchemy URL to connect with (the password in memory only)."""
        return URL.create(
            "postgresql+psycopg", username=self.user, password=password or None, host=self.host, port=self.port,
            database=self.database, query={"sslmode": self.sslmode},
        ).render_as_string(hide_password=False)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: Any) -> ServerLogin | None:
        if not isinstance(data, dict):
            return None
        try:
            return ServerLogin(
                str(data["host"]), str(data["database"]), str(data["user"]), int(data.get("port", DEFAULT_PORT)),
                str(data.get("sslmode", "prefer")),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return None


def save_password(login: ServerLogin, password: str) -> None:
    """Keep the password in the keyring; refused (nothing kept) when this PC has no usable keyring."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, login.key, password)
    except KeyringError as exc:
        log.warning("no keyring to keep the server password: %s", exc)
        raise Refused(
            f"本机没有可用的密码保管库（系统钥匙串），密码没有保存，下次登录时需要重新输入（{exc}）"
        ) from None


def load_password(login: ServerLogin) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, login.key)
    except KeyringError as exc:
        log.warning("the keyring could not be read: %s", exc)
        return None


def forget_password(login: ServerLogin) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, login.key)
    except (PasswordDeleteError, KeyringError):
        pass
