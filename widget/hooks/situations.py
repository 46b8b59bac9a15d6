"""MkDocs hook: one pre-rendered plan page per situation, at ``checklist/s/<slug>/``.

The plan never waits for the Python runtime: without scripts the reader moves between these pages by
links (one answer added or removed per link); with scripts, while the runtime loads or after it
failed, the loader shows the chosen situation's plan from its page. The pages are kept out of the
navigation, the search index and the sitemap, and ask search engines not to index them.
Situations come only from the engine (``rules.all_situations(kinds)``); the bundle from the widget hook.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from sitedata import site_data

FOLDER = "checklist/s/"
PLACEHOLDER = "<!--lossguide-situation-page-->"
NOINDEX = '<meta name="robots" content="noindex">'
_SITEMAP_ENTRY = re.compile(r"\s*<url>(?:(?!</url>).)*?/" + re.escape(FOLDER) + r".*?</url>", re.S)


def _slug(page: Page) -> str | None:
    uri = page.file.src_uri
    return uri.removeprefix(FOLDER).removesuffix(".md") if uri.startswith(FOLDER) else None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from lossguide.rules import all_situations, describe_situation
    from lossguide.situations import PAGE_TITLE, situation_slug

    kinds = site_data(config).bundle.checklist.kinds
    for situation in all_situations(kinds):
        # Material's search plugin honours 'search: exclude'; the page body goes in after Markdown.
        content = (
            f"---\nsearch:\n  exclude: true\n---\n\n# {PAGE_TITLE}: {describe_situation(situation, kinds)}\n\n{PLACEHOLDER}\n"
        )
        files.append(
            File.generated(
                config, f"{FOLDER}{situation_slug(situation, kinds)}.md", content=content, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _slug(page) is not None:
        page.edit_url = None  # made by the build: there is no file to edit
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _slug(page)
    if slug is None:
        return html
    from lossguide.situations import situation_from_slug, situation_page_html

    base = "../" * page.url.count("/")
    bundle = site_data(config).bundle
    body = situation_page_html(bundle, situation_from_slug(slug, bundle.checklist.kinds), base)
    return html.replace(f"<p>{PLACEHOLDER}</p>", body).replace(PLACEHOLDER, body)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _slug(page) is None:
        return output
    return output.replace("<head>", f"<head>{NOINDEX}", 1)


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = _SITEMAP_ENTRY.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
