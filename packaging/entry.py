"""The frozen program's start: the same `handover` command as the installed one (no command: the GUI)."""

import sys

from handover.cli import main

if __name__ == "__main__":
    sys.exit(main())
