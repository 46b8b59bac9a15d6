"""The editors' guide: generated lists that follow the data, literal shortcodes, and an edit link on every page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

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


def _reference_shortcodes(page: str) -> dict[str, bool]:
    """Shortcode name -> needs an id, as the generated reference shows them ('{{ contact ID }}')."""
    return {name: bool(needs_id) for name, needs_id in re.findall(r"<code>\{\{ ([a-z-]+)( ID)? \}\}</code>", page)}


def test_every_shortcode_the_reference_lists_is_accepted_and_no_other(site: Path, hooks, build_data) -> None:
    page = _text(site / "editors/reference/index.html")
    listed = _reference_shortcodes(page)
    assert {"contact", "channel", "hours", "checklist", "step"} <= set(listed)
    example_ids = {kind: re.search(r"\{\{ " + kind + r" ([a-z0-9_]+) \}\}", page).group(1) for kind in ("contact", "channel", "step")}
    guide = SimpleNamespace(file=SimpleNamespace(src_uri="lost/card.md"))
    for name, needs_id in listed.items():
        ident = example_ids["channel" if name == "hours" else name] if needs_id else None
        written = f"{{{{ {name} {ident} }}}}" if ident else f"{{{{ {name} }}}}"
        expanded = hooks.shortcodes.expand(written, build_data, guide, "docs/lost/card.md")
        assert "{{" not in expanded, written
    with pytest.raises(PluginError) as unknown:
        hooks.shortcodes.expand("\n{{ phonebook }}", build_data, guide, "docs/lost/card.md")
    allowed = re.search(r"쓸 수 있는 것: ([a-z, -]+)", str(unknown.value)).group(1)
    assert str(unknown.value).startswith("docs/lost/card.md:2: ")
    assert {n.strip() for n in allowed.split(",")} == set(listed)


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
