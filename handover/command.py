"""The `handover` command's entry point: `handover --version` is answered before anything else is imported; every
other command line goes to handover.cli (argparse, the command modules, and each command's own imports)."""

from __future__ import annotations

import sys

from handover import __version__


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        print(f"handover {__version__}")
        return 0
    from handover.cli import main as run

    return run()
