"""Where a page's Markdown stands in its source file, for error messages (shared by the hooks).

Not a hook itself: MkDocs puts this folder on sys.path while it loads the hook files.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page


def first_line(page: Page, markdown: str) -> int:
    """Line of the Markdown's first line in the source file (front matter comes before it)."""
    source = page.file.content_string
    at = source.find(markdown[:200]) if markdown else -1
    return source.count("\n", 0, at) + 1 if at > 0 else 1


def where(page: Page) -> str:
    """The page's source as editors see it, e.g. 'docs/lost/card.md'."""
    return f"docs/{page.file.src_uri}"
