"""`python -m generator`: the same as the `kb` command."""

from __future__ import annotations

import sys

from .cli import main

# Guarded: a build's second process (spawned) imports this module again without running it.
if __name__ == "__main__":
    sys.exit(main())
