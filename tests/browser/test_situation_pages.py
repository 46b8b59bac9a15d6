"""The plan never waits for the runtime: every situation's plan is a pre-rendered page (checklist/s/<slug>/).

Without scripts the reader reaches their plan by links; with scripts, while the Python runtime loads or
after it failed, choosing a situation shows that situation's plan from its page.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from support import REPO, wait_for_state, wait_until

PHONE = {"width": 390, "height": 844}
# A step's link to its guide page (not a tel: or official web link).
GUIDE_LINK = "[data-lg-region=plan] .lg-step a[href]:not([href^='tel:']):not([href^='https:'])"


@pytest.fixture(scope="module")
def bundle():
    from lossguide.bundle import load_bundle
    from lossguide.sources import build_bundle

    year = date.today().year
    return load_bundle(build_bundle(REPO / "docs", years=(year, year + 1)))


def engine_steps(bundle, slug: str) -> list[str]:
    from lossguide.situations import situation_from_slug

    return [step.id for step in bundle.plan(situation_from_slug(slug, bundle.checklist.kinds)).steps]


def step_ids(page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('[data-lg-region=plan] li.lg-step')].map(li => li.dataset.step)"
    )


# --- the pages in the build ---------------------------------------------------------------------


def test_every_situation_has_a_page_kept_out_of_search_and_the_sitemap(site: Path, bundle) -> None:
    from lossguide.rules import all_situations
    from lossguide.situations import situation_slug

    kinds = bundle.checklist.kinds
    slugs = {situation_slug(s, kinds) for s in all_situations(kinds)}
    built = {p.name for p in (site / "checklist" / "s").iterdir() if (p / "index.html").is_file()}
    assert built == slugs
    assert "checklist/s/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "checklist/s/" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for slug in ("card", "account-info-abroad", "card-phone-id-otp-account-info-stolen-suspicious-abroad"):
        html = (site / "checklist" / "s" / slug / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
        assert html.count('data-lg-region="plan"') == 1


# --- without scripts: links, one answer at a time ------------------------------------------------

# (links followed from the checklist page, by their label, the situation reached)
PATHS = [
    pytest.param(["휴대폰(케이뱅크 앱)"], "card-phone", id="add-phone"),
    pytest.param(["휴대폰(케이뱅크 앱)", "체크카드", "도난당한 것 같아요"], "phone-stolen", id="phone-instead-of-card-stolen"),
    pytest.param(["지금 해외에 있어요", "모르는 거래(출금·결제)가 보여요"], "card-suspicious-abroad", id="abroad-suspicious"),
    pytest.param(["계좌·비밀번호 정보", "체크카드"], "account-info", id="account-info-only"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("labels", "slug"), PATHS)
def test_without_javascript_links_lead_to_the_plan_of_the_chosen_situation(
    browser, base_url: str, bundle, labels: list[str], slug: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    for label in labels:
        nav = page.locator("nav.lg-situation-links").first
        assert nav.is_visible()
        nav.get_by_role("link", name=re.compile(re.escape(label))).click()
        page.wait_for_load_state()
    assert page.url.endswith(f"/checklist/s/{slug}/")
    assert step_ids(page) == engine_steps(bundle, slug)
    # The plan's links lead to guide pages that exist.
    href = page.locator(GUIDE_LINK).first.get_attribute("href")
    assert href.startswith("../") and page.request.get(page.url + href).ok
    context.close()


# --- with scripts, before or without the runtime -------------------------------------------------


def hold(route) -> None:
    """Never answer: the runtime is still loading, as on a very slow link."""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("runtime", "state"),
    [pytest.param(hold, "loading", id="runtime-loading"), pytest.param(lambda route: route.abort(), "failed", id="runtime-failed")],
)
def test_with_the_runtime_loading_or_failed_choosing_shows_the_own_plan(browser, base_url: str, bundle, runtime, state) -> None:
    context = browser.new_context(viewport=PHONE)
    context.route(re.compile(r".*/pyodide/.*"), runtime)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/checklist/")
    if state == "failed":
        assert wait_for_state(page, ("failed", "ready")) == "failed"
    else:
        wait_for_state(page, ("loading",))
    page.uncheck("#lg-lost-card")
    page.check("#lg-lost-phone")
    page.check("#lg-stolen")
    # Goal (tools/bench_widget.py measures it): within a second. Here the state, with room for a busy machine.
    wait_until(page, "document.querySelector('[data-lossguide]').dataset.planShown === 'phone-stolen'", timeout_s=10)
    assert step_ids(page) == engine_steps(bundle, "phone-stolen")
    assert page.locator("[data-lossguide]").get_attribute("data-state") == state
    # Links inside the shown plan still lead to the right guide pages from this address.
    href = page.locator(GUIDE_LINK).first.get_attribute("href")
    assert href.startswith(base_url) and "/checklist/s/" not in href and page.request.get(href).ok
    assert errors == []
    context.close()
