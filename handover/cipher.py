"""Encrypted SQLite files (SQLCipher 4): a field file taken out on a laptop, readable only with its passphrase.

SQLCipher encrypts every page with AES-256 and authenticates it with HMAC-SHA512 (keys derived from the passphrase by
PBKDF2-HMAC-SHA512, 256 000 rounds), so a lost laptop shows no names, and a byte changed outside SQLCipher makes the
page unreadable instead of quietly different. The file stays a database with a write-ahead log: each commit reaches the
disk as it does for the office's SQLite file, so a flat battery loses at most the commit under way (docs/field.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine

from handover.errors import Refused

#: the suffix of a field file (外出核查文件)
SUFFIX = ".hofield"
SQLITE_HEADER = b"SQLite format 3\x00"


def _module() -> Any:
    try:
        from sqlcipher3 import dbapi2  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise Refused("本机缺少加密组件 sqlcipher3（请安装 sqlcipher3-wheels），无法读写加密的外出核查文件") from None
    return dbapi2


def is_field_file(path: Path) -> bool:
    """A field file by its name (FILE.hofield): only such a file is taken for an encrypted one, never a damaged
    database or a PDF given by mistake (those are refused as what they are)."""
    return path.suffix.lower() == SUFFIX


def is_encrypted(path: Path) -> bool:
    """Whether the file exists, is not empty and does not start like a plain SQLite file (an encrypted one does not)."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return len(head) > 0 and head != SQLITE_HEADER


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str, timeout: float = 10.0) -> Any:
    """A DB-API connection to the encrypted file, keyed; refuses a wrong passphrase or a file changed outside."""
    if not passphrase:
        raise Refused("口令不能为空")
    dbapi = _module()
    connection = dbapi.connect(str(path), timeout=timeout, check_same_thread=False)
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong passphrase is our message, not SQLCipher's log
    connection.execute(f"PRAGMA key = {_quoted(passphrase)}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        connection.close()
        raise Refused(
            f"无法打开外出核查文件 {path.name}：口令不对，或文件已被本程序以外的方式改动（加密文件的每一页都带校验）"
        ) from None
    return connection


def damaged_pages(path: Path, passphrase: str) -> list[str]:
    """Every page whose HMAC does not match (SQLCipher's cipher_integrity_check): bytes changed outside SQLCipher."""
    connection = connect(path, passphrase)
    try:
        return [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
    finally:
        connection.close()


def engine(path: Path, passphrase: str) -> Engine:
    """An engine whose every connection is keyed with the passphrase before anything else runs on it."""
    connect(path, passphrase).close()  # a wrong passphrase is a refusal here, not a traceback later
    return create_engine(
        f"sqlite:///{path}", module=_module(), creator=lambda: connect(path, passphrase)
    )
