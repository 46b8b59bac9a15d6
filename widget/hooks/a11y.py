"""MkDocs hook: two accessible names the theme leaves out (found by axe-core, tests/browser/test_accessibility.py).

- The search dialog gets a Korean name (axe: aria-dialog-name).
- A section's sub-navigation is named by the section's title instead of the empty expand toggle, so every
  navigation landmark has its own name (axe: landmark-unique).
The theme's markup is matched exactly; if a theme update changes it, the build stops here instead of the
page quietly losing the names.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = "사이트 검색"
SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(?P<path>__nav_[\d_]+)_label("[^>]*>\s*)'
    r'<label class="md-nav__title" for="(?P=path)">'
)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _name_landmarks(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a static template, not a page.
    return _name_landmarks(output_content, template_name) if template_name.endswith(".html") else output_content


def _name_landmarks(output: str, where: str) -> str:
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{where}: the theme's search dialog markup changed: update widget/hooks/a11y.py")
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{SEARCH_NAME}"'))
    return SECTION_NAV.sub(
        lambda m: f'{m.group(1)}{m.group("path")}_title{m.group(3)}'
        f'<label class="md-nav__title" for="{m.group("path")}" id="{m.group("path")}_title">',
        output,
    )
