"""Situation slugs: the address of each situation's pre-rendered plan page (checklist/s/<slug>/)."""

from __future__ import annotations

import pytest

from lossguide.model import Situation
from lossguide.rules import all_situations
from lossguide.situations import situation_from_slug, situation_links_html, situation_slug
from lossguide.widget import situation_form_html


def test_every_situation_has_one_slug_and_it_reads_back() -> None:
    situations = list(all_situations())
    slugs = [situation_slug(s) for s in situations]
    assert len(set(slugs)) == len(situations)
    assert [situation_from_slug(slug) for slug in slugs] == situations


@pytest.mark.parametrize(
    ("situation", "slug"),
    [
        pytest.param(Situation(lost=("card",)), "card", id="card"),
        pytest.param(Situation(lost=("card", "phone"), stolen=True), "card-phone-stolen", id="card-phone-stolen"),
        pytest.param(Situation(lost=("account-info",), abroad=True), "account-info-abroad", id="dash-in-a-name"),
        pytest.param(Situation(suspicious=True), "suspicious", id="flag-only"),
    ],
)
def test_slug_is_the_checked_form_values_in_form_order(situation: Situation, slug: str) -> None:
    assert situation_slug(situation) == slug
    # What the loader does: the checked inputs' values, in document order, joined by '-'.
    import re

    form = situation_form_html(situation)
    checked = re.findall(r'<input type="checkbox" id="[^"]+" name="[^"]+" value="([^"]+)" checked>', form)
    assert "-".join(checked) == slug


@pytest.mark.parametrize(
    "slug",
    ["", "phone-card", "card-card", "stolen-card", "cards", "card-", "-card", "account", "info", "card-1"],
)
def test_what_is_not_a_slug_is_refused(slug: str) -> None:
    with pytest.raises(ValueError):
        situation_from_slug(slug)


def test_empty_situation_has_no_slug() -> None:
    with pytest.raises(ValueError):
        situation_slug(Situation())


def test_links_change_one_answer_and_never_lead_to_nothing() -> None:
    html = situation_links_html(Situation(lost=("card",), stolen=True), "s/")
    assert 'href="s/card-phone-stolen/"' in html  # add one item
    assert 'href="s/stolen/"' in html  # remove the card, keep the flag
    assert 'href="s/card/"' in html  # remove the flag
    only = situation_links_html(Situation(lost=("card",)), "s/")
    assert 'href="s/"' not in only and "href=\"s/card/\"" not in only  # the last answer is not a link
