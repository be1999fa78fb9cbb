"""Allow ``python -m viewer``."""

from viewer.ui.cli import main

raise SystemExit(main())
