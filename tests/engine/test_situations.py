"""Situation slugs: the address of each situation's pre-rendered plan page (checklist/s/<slug>/)."""

from __future__ import annotations

import pytest

from lossguide.bundle import Bundle
from lossguide.model import Situation
from lossguide.rules import all_situations
from lossguide.situations import situation_from_slug, situation_links_html, situation_slug
from lossguide.widget import situation_form_html


def test_every_situation_has_one_slug_and_it_reads_back(engine: Bundle) -> None:
    kinds = engine.checklist.kinds
    situations = list(all_situations(kinds))
    slugs = [situation_slug(s, kinds) for s in situations]
    assert len(set(slugs)) == len(situations)
    assert [situation_from_slug(slug, kinds) for slug in slugs] == situations


@pytest.mark.parametrize(
    ("situation", "slug"),
    [
        pytest.param(Situation(lost=("card",)), "card", id="card"),
        pytest.param(Situation(lost=("card", "phone"), flags=frozenset({"stolen"})), "card-phone-stolen", id="card-phone-stolen"),
        pytest.param(Situation(lost=("account-info",), flags=frozenset({"abroad"})), "account-info-abroad", id="dash-in-a-name"),
        pytest.param(Situation(flags=frozenset({"suspicious"})), "suspicious", id="flag-only"),
    ],
)
def test_slug_is_the_checked_form_values_in_form_order(engine: Bundle, situation: Situation, slug: str) -> None:
    kinds = engine.checklist.kinds
    assert situation_slug(situation, kinds) == slug
    # What the loader does: the checked inputs' values, in document order, joined by '-'.
    import re

    form = situation_form_html(situation, kinds)
    checked = re.findall(r'<input type="checkbox" id="[^"]+" name="[^"]+" value="([^"]+)" checked>', form)
    assert "-".join(checked) == slug


@pytest.mark.parametrize(
    "slug",
    ["", "phone-card", "card-card", "stolen-card", "cards", "card-", "-card", "account", "info", "card-1"],
)
def test_what_is_not_a_slug_is_refused(engine: Bundle, slug: str) -> None:
    with pytest.raises(ValueError):
        situation_from_slug(slug, engine.checklist.kinds)


def test_empty_situation_has_no_slug(engine: Bundle) -> None:
    with pytest.raises(ValueError):
        situation_slug(Situation(), engine.checklist.kinds)


def test_links_change_one_answer_and_never_lead_to_nothing(engine: Bundle) -> None:
    kinds = engine.checklist.kinds
    html = situation_links_html(Situation(lost=("card",), flags=frozenset({"stolen"})), "s/", kinds)
    assert 'href="s/card-phone-stolen/"' in html  # add one item
    assert 'href="s/stolen/"' in html  # remove the card, keep the flag
    assert 'href="s/card/"' in html  # remove the flag
    only = situation_links_html(Situation(lost=("card",)), "s/", kinds)
    assert 'href="s/"' not in only and "href=\"s/card/\"" not in only  # the last answer is not a link
