"""The command line `handover`: a thin layer over the services. Exit 0 on success, 2 on a refused input, 1 otherwise.

Commands live in the modules `handover/cli/commands_*.py`; each has `register(registry)`. They are loaded in name order,
so a later module can add subcommands to a group an earlier one made (e.g. `case revise`).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import logging
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handover import __version__
from handover.errors import Refused

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2
EXIT_INTERRUPTED = 130  # what shells report for Ctrl+C
log = logging.getLogger("handover.cli")

Handler = Callable[[argparse.Namespace, "Context"], int | None]


#: argparse's own messages (English), as the user should read them
_ARGPARSE_WORDS = [
    (re.compile(r"argument (\S+): invalid int value: '(.*)'", re.S), r"参数 \1 应为整数，收到 “\2”"),
    (re.compile(r"argument (\S+): invalid (\w+) value: '(.*)'", re.S), r"参数 \1 的值无效：“\3”"),
    (re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", re.S), r"参数 \1 不能是 “\2”，应为 \3 之一"),
    (re.compile(r"argument (\S+): expected one argument", re.S), r"参数 \1 后面缺少值"),
    (re.compile(r"argument (\S+): expected at least one argument", re.S), r"参数 \1 后面至少要有一个值"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)", re.S), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"the following arguments are required: (.*)", re.S), r"缺少必需的参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)", re.S), r"无法识别的参数：\1"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)", re.S), r"选项 \1 不明确，可能是 \2"),
    (re.compile(r"argument (\S+): (.*)", re.S), r"参数 \1：\2"),  # our own types' messages (record_id)
]


def _chinese(message: str) -> str:
    for pattern, words in _ARGPARSE_WORDS:
        if pattern.fullmatch(message):
            return pattern.sub(words, message).replace("'", "")
    return message


#: the largest number a database row id can hold (SQLite and PostgreSQL BIGINT)
MAX_ID = 2**63 - 1


def pad(text: str, width: int) -> str:
    """Left-aligned in `width` terminal columns, counting a Chinese character as two (so listings line up)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def record_id(text: str) -> int:
    """The argparse type of a case or draw number: a whole number from 1 up that the database can hold."""
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"编号应为正整数，收到 “{text}”")
    return int(value)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number in low..high (e.g. --years 1..30)."""

    def parse(text: str) -> int:
        value = text.strip()
        if not value.isdigit() or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(f"应为 {low} 至 {high} 之间的正整数，收到 “{text}”")
        return int(value)

    return parse


#: a count that must be at least 1 (e.g. --workers)
positive = whole_number(1, 10_000)


class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its own words in Chinese (用法, 位置参数, 选项)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: help headings, and usage errors in the same words and exit code as our refusals."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示本帮助并退出"

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"{self.prog}: 参数错误：{_chinese(message)}（详见 {self.prog} --help）\n")


@dataclass
class Context:
    """What a command handler gets: the database (opened on first use), output helpers."""

    db_target: str | None
    _db: Any = field(default=None, repr=False)
    command: tuple[str | None, str | None] = (None, None)  # what a field file refuses (handover/field/access.py)
    _plain: Any = field(default=None, repr=False)

    @property
    def db(self) -> Any:
        return self.open()

    def open(self, *, create: bool = False) -> Any:
        """The database, opened on first use (with the day's automatic backup); `create` lets `init` make it over an
        empty file."""
        if self._db is None:
            from handover.field import access
            from handover.services.connection import open_database

            self._db = open_database(self.db_target, create=create, passphrase=access.passphrase_for(self.db_target))
            access.refuse_office_only(*self.command, self._db)
        return self._db

    def reader(self) -> Any:
        """A plain DB-API connection to read a page of cases through (handover/case_list.py): made without the usual
        open when that would change nothing (handover/plain_read.py), else the open database's."""
        if self._plain is None and self._db is None:
            from handover import plain_read

            self._plain = plain_read.reader(self.db_target)
        return self._plain if self._plain is not None else self.db.reader()

    def out(self, text: str = "") -> None:
        print(text)

    def json(self, data: Any) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    def close(self) -> None:
        if self._plain is not None:
            self._plain.close()
        if self._db is not None:
            self._db.close()


class Registry:
    """Where command modules add their commands and groups."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers
        self._groups: dict[str, Any] = {}

    def command(self, name: str, help: str, handler: Handler, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._subparsers.add_parser(name, help=help, description=help, **kwargs)
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help: str = "") -> Registry:
        """A command with subcommands (`handover case new|list|show`); the same group is returned on a second call."""
        if name not in self._groups:
            parser = self._subparsers.add_parser(name, help=help, description=help)
            sub = parser.add_subparsers(dest=f"{name}_command", metavar="子命令", parser_class=_Parser)
            sub.required = True
            self._groups[name] = Registry(sub)
        group: Registry = self._groups[name]
        return group


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="handover", description="党建绩效离任评审与交接 — handover of a township secretary's Party-building record")
    parser.add_argument("--version", action="version", version=f"handover {__version__}", help="显示版本号并退出")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="数据库文件路径或 SQLAlchemy URL（默认：用户数据目录中的 SQLite 文件；也可用环境变量 HANDOVER_DB）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    registry = Registry(sub)
    package = Path(__file__).parent
    for module in sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("commands_")):
        importlib.import_module(f"handover.cli.{module}").register(registry)
    return parser


def start_gui(db_target: str | None) -> int:
    """Start the desktop application, which registers itself under the entry-point group `handover.gui`."""
    from importlib.metadata import entry_points

    found = list(entry_points(group="handover.gui"))
    try:
        launch = found[0].load() if found else None
    except ImportError as exc:
        log.warning("the GUI could not be loaded: %s", exc)
        launch = None
    if launch is None:
        print("图形界面尚未安装；请使用命令行（handover --help）", file=sys.stderr)
        return EXIT_REFUSED
    return int(launch(db_target) or 0)


def _setup_logging() -> None:
    try:
        from handover.paths import data_dir

        handler: logging.Handler = logging.FileHandler(data_dir() / "handover.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


#: the file errors a typed path causes, in words; any other (a full disk) is a failure, not a refused input
_OS_WORDS = {
    errno.ENOENT: "文件或文件夹不存在", errno.ENOTDIR: "路径中有一段不是文件夹", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENAMETOOLONG: "文件名太长", errno.EINVAL: "文件名无效",
    errno.EROFS: "所在磁盘只读",
}  # fmt: skip


def _shown(argv: Sequence[str] | None) -> list[str]:
    """The command line as it may be logged: a database URL without its password."""
    from handover.db import shown_url

    return [shown_url(a) if "://" in a else a for a in (sys.argv[1:] if argv is None else argv)]


def _discard_stdout() -> None:
    """Point stdout at the null device so Python's final flush does not fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _undecodable_argument(argv: Sequence[str]) -> int | None:
    """The 1-based place of an argument holding bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    for place, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return place
    return None


def _run(args: argparse.Namespace, ctx: Context) -> int | None:
    """The command's handler; on a county server once more when a deadlock or serialization failure rolled its
    transaction back. A command that only reads plainly (set_defaults(plain=True): `case list`) has no transaction
    to run again, and loads no SQLAlchemy for it."""
    handler: Handler = args.handler
    if getattr(args, "plain", False):
        return handler(args, ctx)
    from handover.services.server import retrying

    return retrying(lambda: handler(args, ctx))


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    if (undecodable := _undecodable_argument(raw := list(sys.argv[1:] if argv is None else argv))) is not None:
        option = raw[undecodable - 2] if undecodable > 1 and raw[undecodable - 2].startswith("--") else None
        which = f"参数 {option} 的值" if option else f"第{undecodable}个参数"
        print(f"错误：{which}不是有效的 UTF-8 文字（命令行的编码不对？例如用 tr 切分过中文）；请重新输入", file=sys.stderr)
        return EXIT_REFUSED
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    if args.command is None:
        return start_gui(args.db)
    ctx = Context(args.db, command=(args.command, getattr(args, f"{args.command}_command", None)))
    try:
        result = _run(args, ctx)
        return EXIT_OK if result is None else int(result)
    except Refused as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # the reader stopped reading (`handover case show 1 | head`): not a failure of ours, and nothing to say
        _discard_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        # Ctrl+C: every change is one transaction, so the interrupted one left nothing behind; what a batch
        # (report --all) finished before it stays
        print("\n已中断：正在进行的那一步没有保存；此前已完成的（如已生成的 PDF）保留", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        # a file named on the command line that cannot be read or written: the message names it and says why
        log.warning("file error in %s: %s", _shown(argv), exc)
        name = exc.filename if exc.filename is not None else ""
        why = _OS_WORDS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        print(f"错误：无法读写文件 {str(name)[:120]}{'…' if len(str(name)) > 120 else ''}：{why}", file=sys.stderr)
        return EXIT_REFUSED if exc.errno in _OS_WORDS else EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - the last guard: a message for the user, the traceback in the log
        from handover.db import trouble_found
        from handover.services.server import permission_refusal

        if (refusal := permission_refusal(ctx._db, exc)) is not None:
            log.warning("refused by the database in %s: %s", _shown(argv), exc)
            print(f"错误：{refusal}", file=sys.stderr)
            return EXIT_REFUSED
        log.exception("unexpected failure in %s", _shown(argv))

        if (trouble := trouble_found(ctx.db_target, exc)) is not None:
            print(f"错误：{trouble}", file=sys.stderr)
            return EXIT_REFUSED
        print(f"意外错误：{type(exc).__name__}: {exc}（详情见日志 handover.log）", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        ctx.close()
        logging.getLogger().handlers.clear()
