"""MkDocs hook: how the site is served (serving/policy.py decides, this hook only runs it).

- Every page gets assets/offline.js (listed in mkdocs.yml extra_javascript), which registers sw.js.
- After the build, when every other hook and plugin has written its files: sw.js with the precache
  list of this build, and _headers (CSP with the hashes of the theme's inline scripts, caching).
  Listed last in mkdocs.yml's hooks for that reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from by_path import load_module


def _policy(config: MkDocsConfig) -> ModuleType:
    """serving/policy.py, loaded by path: the same module the tests and the nginx command use."""
    return load_module("lossguide_serving_policy", Path(config.config_file_path).parent / "serving" / "policy.py")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    policy = _policy(config)
    source = Path(policy.HERE) / "offline.js"
    files.append(File.generated(config, policy.OFFLINE_SCRIPT, abs_src_path=str(source)))
    return files


def _search_langs(site: Path) -> list[str]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return ["en"]
    return list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])


def on_post_build(config: MkDocsConfig) -> None:
    policy = _policy(config)
    site = Path(config.site_dir)
    try:
        policy.finalize_site(site, _search_langs(site))
    except policy.ServingError as exc:
        raise PluginError(str(exc)) from None
