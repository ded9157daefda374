"""`python -m handover` is the same as the `handover` command."""

import sys

from handover.cli import main

if __name__ == "__main__":
    sys.exit(main())
