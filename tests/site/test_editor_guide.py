"""The editors' guide: generated lists that follow the data, literal shortcodes, and an edit link on every page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from lossguide.sources import load_checklist, load_directory


def _text(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8"))


def test_the_reference_lists_every_fact_channel_and_step_id_from_the_data(repo: Path, site: Path) -> None:
    directory, _ = load_directory(repo / "docs/data/contacts.yml")
    checklist, _ = load_checklist(repo / "docs/data/checklist.yml", directory)
    page = _text(site / "editors/reference/index.html")
    expected = [
        *(f"{{{{ contact {i} }}}}" for i in directory.contacts),
        *(f"{{{{ channel {i} }}}}" for i in directory.channels),
        *(f"{{{{ step {s.id} }}}}" for s in checklist.steps),
    ]
    assert [code for code in expected if code not in page] == []


def test_the_reference_lists_every_shortcode_the_hooks_accept(repo: Path, site: Path) -> None:
    page = _text(site / "editors/reference/index.html")
    facts_names = re.search(r"쓸 수 있는 것: ([a-z, -]+)", (repo / "widget/hooks/facts.py").read_text(encoding="utf-8"))
    assert facts_names
    names = [n.strip() for n in facts_names.group(1).split(",")] + ["checklist", "checklist-compact", "step"]
    assert [n for n in names if not re.search(r"\{\{ " + re.escape(n) + r"( ID)? \}\}", page)] == []


def test_shortcodes_in_code_are_shown_as_written(site: Path) -> None:
    guide = _text(site / "editors/index.html")
    assert "<code>{{ channel kbank_loss_phone }}</code>" in guide
    assert "<code>{{ step call_loss_line }}</code>" in guide


def test_editor_pages_are_left_out_of_search(site: Path) -> None:
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert '"location":"editors/' not in index


def test_without_lossguide_edit_uri_no_page_has_an_edit_link_or_a_placeholder_host(site: Path) -> None:
    # The session build runs without LOSSGUIDE_EDIT_URI (tests/support.py drops it).
    for html_file in sorted(site.rglob("*.html")):
        path = html_file.relative_to(site).as_posix()
        page = html_file.read_text(encoding="utf-8")
        assert 'rel="edit"' not in page, f"{path}: edit link without LOSSGUIDE_EDIT_URI"
        assert ".invalid" not in page and "example." not in page, f"{path}: placeholder host"
        assert "md-source" not in page, f"{path}: repository widget (calls an API) is on"


def test_lossguide_edit_uri_becomes_the_edit_link_base(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOSSGUIDE_EDIT_URI", "https://git.test/kbank/edit/main/docs/")
    config = load_config(str(repo / "mkdocs.yml"))
    assert config["edit_uri"] == "https://git.test/kbank/edit/main/docs/"
    assert "content.action.edit" in config["theme"]["features"]
    assert not config.get("repo_url")
