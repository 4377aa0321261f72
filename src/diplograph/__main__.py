"""``python -m diplograph``: the same command as the ``diplograph`` script."""

from __future__ import annotations

from diplograph.cli import main

if __name__ == "__main__":
    main()
