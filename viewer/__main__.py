"""Allow ``python -m viewer``."""

from viewer.app.cli import main

raise SystemExit(main())
