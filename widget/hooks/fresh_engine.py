"""MkDocs hook, listed first: every (re)build uses the engine code as it is on disk now.

`mkdocs serve` rebuilds in the same process, and both MkDocs (hook files are loaded once) and Python
(imported modules are kept) would keep the engine as it was at start-up. This hook forgets the
engine's modules at the start of each build; the other hooks import the engine inside their event
functions, so they get the fresh modules.
"""

from __future__ import annotations

import sys

from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name in [m for m in sys.modules if m == "lossguide" or m.startswith("lossguide.")]:
        del sys.modules[name]
    return config
