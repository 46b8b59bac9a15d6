"""Offline after one visit (service worker), and a new build replacing the offline copy whole."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from serving_support import FAULT_RECORDER, Nginx, load_policy
from support import site_pages, wait_for_state

pytestmark = pytest.mark.browser

PRECACHE_S = 90  # ~25 MB over loopback, compressed by nginx on the fly


def poll(page, script: str, timeout_s: float = 30.0) -> object:
    """Like support.wait_until, but survives the page navigating (or reloading itself) meanwhile."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            value = page.evaluate(script)
            if value:
                return value
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
        page.wait_for_timeout(50)
    raise AssertionError(f"never true within {timeout_s}s: {script}")


def wait_offline_ready(page) -> None:
    poll(page, "document.documentElement.dataset.offline === 'ready'", timeout_s=PRECACHE_S)


def cache_names(page) -> list[str]:
    """The offline copies kept, one per build (the service worker's own bookkeeping left out)."""
    return [name for name in page.evaluate("caches.keys()") if name.startswith("lossguide-")]


@pytest.fixture
def deploy(site: Path, tmp_path: Path) -> Iterator[dict]:
    """A deploy folder whose 'current' symlink nginx serves (swapped atomically, as real deploys do)."""
    builds = tmp_path / "builds"
    builds.mkdir()
    current = tmp_path / "current"
    first = builds / "a"
    shutil.copytree(site, first)
    current.symlink_to(first)

    def switch_to(build: Path) -> None:
        link = tmp_path / "current.new"
        link.symlink_to(build)
        os.replace(link, current)

    with Nginx(current) as server:  # tests may stop it early: "the network is gone"
        yield {"server": server, "url": server.url, "first": first, "builds": builds, "switch_to": switch_to}


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.add_init_script(FAULT_RECORDER)
    yield context
    context.close()


def use_the_checklist(page, url: str) -> None:
    """Open the checklist until the engine is ready: from then on the runtime is kept offline too."""
    page.goto(url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed"), timeout_s=40) == "ready"
    poll(page, "document.documentElement.dataset.offlineRuntime === 'saved'", timeout_s=PRECACHE_S)


def test_after_one_visit_every_page_search_and_the_checklist_work_with_the_network_off(context, deploy, site: Path) -> None:
    url = deploy["url"]
    page = context.new_page()
    page.goto(url + "/lost/card/")
    wait_offline_ready(page)
    use_the_checklist(page, url)
    deploy["server"].stop()  # the network is really gone: nothing can come from the server any more
    context.set_offline(True)
    for path in site_pages(site):
        if path.startswith("/checklist/s/"):
            continue  # situation pages are kept offline once opened (like the runtime), not at install
        response = page.goto(url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("h1").count() >= 1, path
    page.goto(url + "/checklist/?lost=phone")
    assert wait_for_state(page, ("ready", "failed"), timeout_s=40) == "ready"
    assert page.is_checked("#lg-lost-phone")
    page.goto(url + "/")
    page.keyboard.press("/")
    page.fill(".md-search__input", "분실")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached")
    page.goto(url + "/no/such/page/")
    assert "404" in page.text_content("body")
    assert page.evaluate("window.__lgFaults") == []


def _new_build(first: Path, builds: Path) -> Path:
    """Build B: build A with a changed stylesheet, a changed page and changed data (every step title
    ends in "(B)"), finalised like the MkDocs hook does."""
    second = builds / "b"
    shutil.copytree(first, second)
    (second / "assets/stylesheets/site.css").write_text(
        (second / "assets/stylesheets/site.css").read_text(encoding="utf-8") + "\n/* build B */\n", encoding="utf-8"
    )
    page = second / "lost/card/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<h1", '<h1 data-build="B"', 1), encoding="utf-8")
    bundle_file = second / "assets/widget/bundle.json"
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    for step in bundle["checklist"]["steps"]:
        step["title"] += " (B)"
    bundle_file.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    load_policy().finalize_site(second, ["ko"])
    return second


# What a page loads, asked from the page: build A's or build B's stylesheet.
SITE_CSS_IS_B = "fetch(document.querySelector('link[href*=\"site.css\"]').href).then(r => r.text()).then(t => t.includes('build B'))"
STEP_TITLES_OF_B = "document.querySelectorAll('[data-lossguide] .lg-step').length > 0 && [...document.querySelectorAll('[data-lossguide] .lg-step')].every(s => s.textContent.includes('(B)'))"
STEP_TITLES_OF_A = "document.querySelectorAll('[data-lossguide] .lg-step').length > 0 && ![...document.querySelectorAll('[data-lossguide] .lg-step')].some(s => s.textContent.includes('(B)'))"


def wait_until_one_build_is_kept(page, url: str) -> None:
    """Open pages until only one build's offline copy is left: the service worker tidies up when a page
    is opened, and keeps a pin made in the last seconds (a page being opened is not a client yet)."""
    deadline = time.monotonic() + 40
    while True:
        page.goto(url + "/lost/card/")
        if len(cache_names(page)) == 1:
            return
        assert time.monotonic() < deadline, cache_names(page)
        page.wait_for_timeout(500)


def offline_it_is_build_b_whole(page, context, deploy) -> None:
    """With the server gone: the checklist works on build B's data, and pages and styles are build B's."""
    deploy["server"].stop()
    context.set_offline(True)
    page.goto(deploy["url"] + "/checklist/")
    assert wait_for_state(page, ("ready", "failed"), timeout_s=40) == "ready"
    poll(page, STEP_TITLES_OF_B)
    page.goto(deploy["url"] + "/lost/card/")
    assert page.locator("h1[data-build='B']").count() == 1
    assert page.evaluate(SITE_CSS_IS_B) is True
    assert page.evaluate("window.__lgFaults") == []


def _has_new_build(page) -> bool:
    return page.evaluate(
        "navigator.serviceWorker.getRegistration().then(r => Boolean(r && r.active && !r.installing && !r.waiting))"
    )


def test_a_new_build_serves_every_new_page_whole_while_open_pages_keep_their_own(context, deploy) -> None:
    """One tab, then a deploy: the open page stays build A whole (told that a newer version is there),
    the next page is build B whole, and build A's cache goes once no page uses it."""
    url = deploy["url"]
    page = context.new_page()
    page.goto(url + "/lost/card/")
    wait_offline_ready(page)
    use_the_checklist(page, url)
    page.goto(url + "/lost/card/")
    [old_cache] = cache_names(page)
    assert page.locator("[data-lg-update]").is_hidden()

    deploy["switch_to"](_new_build(deploy["first"], deploy["builds"]))
    page.goto(url + "/lost/card/")  # served by build A; the browser checks sw.js and stores build B
    poll(page, "document.documentElement.dataset.offlineUpdate === 'available'", timeout_s=PRECACHE_S)
    # Build B has taken over, and this page is still build A, whole, and says a newer version is there.
    assert page.locator("h1[data-build]").count() == 0
    assert page.evaluate(SITE_CSS_IS_B) is False
    assert page.locator("[data-lg-update]").is_visible()
    assert len(cache_names(page)) == 2

    page.click("[data-lg-update] a")  # the reader reloads: build B, whole
    poll(page, "document.querySelector('h1[data-build=\"B\"]') !== null")
    assert page.evaluate(SITE_CSS_IS_B) is True
    assert page.locator("[data-lg-update]").is_hidden()
    wait_until_one_build_is_kept(page, url)
    [new_cache] = cache_names(page)
    assert new_cache != old_cache
    # The unchanged runtime was copied from the old cache, not downloaded again.
    log = (deploy["server"].prefix / "access.log").read_text()
    assert log.count("pyodide.asm.wasm HTTP") == 1

    offline_it_is_build_b_whole(page, context, deploy)


def test_a_second_tab_during_an_update_never_mixes_builds_and_the_old_cache_lives_while_a_tab_uses_it(
    context, deploy
) -> None:
    """Tab 1 reads build A; build B is deployed; a second tab opens (which is when the browser finds B).
    Neither tab is taken over: each keeps build A whole, pages, stylesheet and the checklist's data,
    loaded even after B is stored, and build A's offline copy lives until both are closed. A third tab
    opened after that is build B, whole, offline too."""
    url = deploy["url"]
    first = context.new_page()
    first.goto(url + "/lost/card/")
    wait_offline_ready(first)
    use_the_checklist(first, url)
    first.goto(url + "/lost/card/")

    deploy["switch_to"](_new_build(deploy["first"], deploy["builds"]))
    second = context.new_page()
    second.goto(url + "/")  # the home page's checklist starts only when the reader touches it
    for tab in (first, second):
        poll(tab, "document.documentElement.dataset.offlineUpdate === 'available'", timeout_s=PRECACHE_S)
    assert _has_new_build(second)

    for tab in (first, second):
        assert tab.locator("h1[data-build]").count() == 0
        assert tab.evaluate(SITE_CSS_IS_B) is False
    # The second tab's checklist starts now, after B took over: its worker still gets build A's data.
    second.click("#lg-lost-phone")
    assert wait_for_state(second, ("ready", "failed"), timeout_s=40) == "ready"
    poll(second, STEP_TITLES_OF_A)
    first.goto(url + "/lost/card/index.html")  # a page opened in an old tab: build B, whole
    poll(first, "document.querySelector('h1[data-build=\"B\"]') !== null")
    assert first.evaluate(SITE_CSS_IS_B) is True
    # Build A's cache lives while the second tab uses it, even offline.
    assert len(cache_names(first)) == 2
    context.set_offline(True)
    assert second.evaluate(SITE_CSS_IS_B) is False
    context.set_offline(False)

    second.close()
    wait_until_one_build_is_kept(first, url)  # build A's offline copy is deleted once nobody uses it
    offline_it_is_build_b_whole(context.new_page(), context, deploy)
    assert first.evaluate("window.__lgFaults") == []


def test_the_tab_of_a_first_visit_keeps_its_build_whole_after_a_takeover_and_is_told(context, deploy) -> None:
    """The reader's very first page was loaded before any offline copy existed (not through the service
    worker): when build B takes over, it is still build A, stylesheet and checklist data, and says so."""
    url = deploy["url"]
    first = context.new_page()
    first.goto(url + "/")
    wait_offline_ready(first)
    deploy["switch_to"](_new_build(deploy["first"], deploy["builds"]))
    second = context.new_page()
    second.goto(url + "/lost/card/")  # the browser finds build B, which takes over
    poll(first, "document.documentElement.dataset.offlineUpdate === 'available'", timeout_s=PRECACHE_S)
    assert first.locator("[data-lg-update]").is_visible()
    assert first.evaluate(SITE_CSS_IS_B) is False
    first.click("#lg-lost-phone")  # the home checklist starts now, after the takeover
    assert wait_for_state(first, ("ready", "failed"), timeout_s=60) == "ready"
    poll(first, STEP_TITLES_OF_A)
    assert first.evaluate("window.__lgFaults") == []


def test_a_page_back_from_the_back_forward_cache_after_its_build_was_deleted_is_loaded_anew(browser, deploy) -> None:
    """Back to a build A page kept in the browser's back/forward cache (Playwright turns that cache off
    by default) after build A's offline copy is gone: the page is loaded again, build B whole."""
    from support import CHROMIUM, CHROMIUM_ARGS

    with_cache = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        context = with_cache.new_context()
        context.add_init_script(FAULT_RECORDER)
        url = deploy["url"]
        page = context.new_page()
        page.goto(url + "/")
        wait_offline_ready(page)
        page.goto(url + "/lost/phone/")  # build A, controlled
        deploy["switch_to"](_new_build(deploy["first"], deploy["builds"]))
        page.goto(url + "/lost/card/")  # build A still; the browser finds B, which takes over
        poll(page, "document.documentElement.dataset.offlineUpdate === 'available'", timeout_s=PRECACHE_S)
        assert page.locator("h1[data-build]").count() == 0
        page.goto(url + "/lost/id/")  # build B; the build A page is only in history now
        wait_until_one_build_is_kept(context.new_page(), url)
        page.go_back(wait_until="commit")  # /lost/card/ of build A, from the back/forward cache
        poll(page, "location.pathname === '/lost/card/' && document.readyState === 'complete'")
        poll(page, "document.querySelector('h1[data-build=\"B\"]') !== null")
        assert page.evaluate(SITE_CSS_IS_B) is True
        assert page.locator("[data-lg-update]").is_hidden()
        assert page.evaluate("window.__lgFaults") == []
    finally:
        with_cache.close()


def test_a_plan_page_changed_by_a_deploy_is_served_from_the_server_not_as_not_found(context, deploy) -> None:
    """Situation pages are kept offline once opened, each checked against this build's sha256. During a
    deploy the server already has the newer page: the reader gets it, never the 404 page."""
    url = deploy["url"]
    page = context.new_page()
    page.goto(url + "/lost/card/")
    wait_offline_ready(page)
    changed = deploy["first"] / "checklist/s/card/index.html"
    changed.write_text(changed.read_text(encoding="utf-8").replace("<h1", '<h1 data-build="next"', 1), encoding="utf-8")
    for copy in changed.parent.glob("index.html.*"):  # nginx would send the unchanged compressed copy
        copy.unlink()
    response = page.goto(url + "/checklist/s/card/")
    assert response is not None and response.status == 200
    assert page.locator("h1[data-build='next']").count() == 1


def test_a_guide_page_visit_with_its_offline_copy_stays_under_one_megabyte(context, deploy) -> None:
    """Reading costs kilobytes: the page, the theme, search and the offline copy of the guide pages,
    as nginx sends them (compressed); the runtime is saved only once the checklist is used."""
    page = context.new_page()
    page.goto(deploy["url"] + "/lost/card/")
    wait_offline_ready(page)
    log = (deploy["server"].prefix / "access.log").read_text().splitlines()
    assert log and not [line for line in log if "/pyodide/" in line or "/checklist/s/" in line]
    sent = sum(int(line.split('" ')[1].split()[1]) for line in log)  # combined format: status, bytes
    assert sent < 1_000_000, f"{sent} bytes"


@pytest.mark.parametrize(
    ("address", "lands_on"),
    [
        pytest.param("/checklist", "/checklist/", id="no-trailing-slash"),
        pytest.param("/lost/card", "/lost/card/", id="guide-no-trailing-slash"),
        pytest.param("/lost/card/index.html", "/lost/card/index.html", id="index-html"),
        pytest.param("/lost/card/?from=sms", "/lost/card/?from=sms", id="query"),
    ],
)
def test_offline_addresses_in_every_spelling_reach_the_page(context, deploy, address: str, lands_on: str) -> None:
    url = deploy["url"]
    page = context.new_page()
    page.goto(url + "/lost/card/")
    wait_offline_ready(page)
    deploy["server"].stop()
    context.set_offline(True)
    response = page.goto(url + address)
    assert response is not None and response.status == 200
    assert page.url == url + lands_on
    assert "404" not in page.title()
    missing = page.goto(url + "/no/such/page/")
    assert missing is not None and missing.status == 404 and "404" in page.text_content("body")


def test_a_failed_install_leaves_no_partial_cache(context, deploy) -> None:
    """A file that does not match its sha256 (a deploy changed it meanwhile) fails the install."""
    first = deploy["first"]
    page_file = first / "lost/phone/index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "<!-- changed after the build -->", encoding="utf-8")
    for copy in first.glob("lost/phone/index.html.*"):  # nginx would send the unchanged compressed copy
        copy.unlink()
    page = context.new_page()
    page.goto(deploy["url"] + "/lost/card/")
    log = deploy["server"].prefix / "access.log"
    deadline = time.monotonic() + PRECACHE_S
    while "GET /lost/phone/ " not in log.read_text():  # the install has fetched the changed page
        assert time.monotonic() < deadline, "the install never fetched the changed page"
        page.wait_for_timeout(50)
    poll(page, "navigator.serviceWorker.getRegistration().then(r => !r || (!r.installing && !r.waiting && !r.active))",
         timeout_s=PRECACHE_S)
    poll(page, "caches.keys().then(k => !k.some(n => n.startsWith('lossguide-')))")
    assert page.evaluate("document.documentElement.dataset.offline") != "ready"


def test_the_runtime_is_saved_from_what_the_checklist_downloaded_not_downloaded_again(browser, deploy, tmp_path: Path) -> None:
    """A reader's browser has a disk cache (an incognito context's memory cache is too small for the
    runtime): the offline copy of the runtime comes from it."""
    from support import CHROMIUM, CHROMIUM_ARGS

    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    try:
        page = context.new_page()
        use_the_checklist(page, deploy["url"])
        log = (deploy["server"].prefix / "access.log").read_text()
        assert log.count("pyodide.asm.wasm HTTP") == 1, log
    finally:
        context.close()
