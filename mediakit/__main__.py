"""Allow ``python -m mediakit``."""

import sys

from mediakit.cli import main

sys.exit(main())
