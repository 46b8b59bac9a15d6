"""MkDocs hook: docs/data is loaded and checked once per build, into one frozen object for every hook.

``on_config`` runs before every other hook's (event priority): it forgets the engine modules so a
`mkdocs serve` rebuild uses the engine as it is on disk now, then loads contacts.yml, checklist.yml
and the holidays through the engine and stores one :class:`BuildData` under ``config.extra["lossguide"]``.
Other hooks read it with ``site_data(config)`` (this file is also importable as a helper: hooks load
with their folder on sys.path).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from lossguide.bundle import Bundle
    from lossguide.model import Checklist, Directory
    from lossguide.sources import LoadedYaml
# The engine itself is imported inside on_config, after the stale modules are forgotten.

KEY = "lossguide"  # the one config.extra key the hooks share
BUILD_DATE_ENV = "LOSSGUIDE_BUILD_DATE"  # YYYY-MM-DD: pretend the build runs that day (tests, previews)
MAX_AGE_DAYS = 180  # a verified fact older than this is listed for re-checking
FIRST = 100  # event priority: before every hook that reads the data


@dataclass(frozen=True)
class BuildData:
    """Everything the hooks need from docs/data, checked: engine objects, browser JSON, YAML lines.

    ``stale``: facts verified more than MAX_AGE_DAYS before ``today``, oldest first, each a dict
    with section, id, name, verified_on, age (days) and line (in contacts.yml).
    """

    bundle: Bundle
    raw: dict[str, Any]
    contacts_yaml: LoadedYaml
    checklist_yaml: LoadedYaml
    today: dt.date
    repo: Path
    stale: tuple[dict[str, Any], ...]

    @property
    def directory(self) -> Directory:
        return self.bundle.directory

    @property
    def checklist(self) -> Checklist:
        return self.bundle.checklist

    @property
    def contacts_file(self) -> str:
        return self.contacts_yaml.file

    @property
    def checklist_file(self) -> str:
        return self.checklist_yaml.file


def site_data(config: MkDocsConfig) -> BuildData:
    """The build's data, loaded by this hook's on_config."""
    return config.extra[KEY]


def build_date() -> dt.date:
    """The day the build counts from: LOSSGUIDE_BUILD_DATE if set, else today."""
    value = os.environ.get(BUILD_DATE_ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"환경 변수 {BUILD_DATE_ENV}의 값 '{value}'은(는) YYYY-MM-DD 형식이어야 합니다") from None


def stale_facts(directory: Directory, today: dt.date, max_age_days: int = MAX_AGE_DAYS) -> list[dict[str, Any]]:
    """Facts verified more than ``max_age_days`` before ``today``, oldest first."""
    stale = []
    for section, table in (("contacts", directory.contacts), ("channels", directory.channels)):
        for ident, fact in table.items():
            checked = fact.verification.verified_on
            if not fact.verification.verified or not checked:
                continue
            age = (today - dt.date.fromisoformat(checked)).days
            if age > max_age_days:
                stale.append({"section": section, "id": ident, "name": fact.name, "verified_on": checked, "age": age})
    return sorted(stale, key=lambda f: (-int(f["age"]), str(f["id"])))


def _forget_engine() -> None:
    # `mkdocs serve` rebuilds in one process: without this, Python keeps the engine as it was at start.
    for name in [m for m in sys.modules if m == "lossguide" or m.startswith("lossguide.")]:
        del sys.modules[name]


@event_priority(FIRST)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _forget_engine()
    from lossguide import DataError, render
    from lossguide.sources import guide_pages, load_site_data

    repo = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    today = build_date()
    try:
        data = load_site_data(docs / "data", (today.year, today.year + 1), pages=guide_pages(docs), display_root=repo)
    except DataError as exc:
        raise PluginError(f"데이터 파일 오류: {exc}") from None
    stale = [
        {**fact, "line": data.contacts_yaml.locate((fact["section"], fact["id"], "verified_on"))[1]}
        for fact in stale_facts(data.bundle.directory, today)
    ]
    built = BuildData(
        bundle=data.bundle,
        raw=dict(data.raw),
        contacts_yaml=data.contacts_yaml,
        checklist_yaml=data.checklist_yaml,
        today=today,
        repo=repo,
        stale=tuple(stale),
    )
    config.extra[KEY] = built
    # For the theme template (docs/overrides/main.html), not for hooks.
    config.extra["hotline_html"] = render.hotline_html(built.directory)
    config.extra["update_notice_html"] = render.update_notice_html()
    return config
