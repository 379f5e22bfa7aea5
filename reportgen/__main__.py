"""``python -m reportgen``: same as the ``reportgen`` console script."""

import sys

from reportgen.cli import main

sys.exit(main())
