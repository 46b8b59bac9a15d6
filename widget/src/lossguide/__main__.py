"""``python -m lossguide``: the command-line interface (see ``cli``)."""

import sys

from .cli import main

sys.exit(main())
