"""Situations as readable addresses: one pre-rendered plan page per situation (``checklist/s/<slug>/``).

The slug is the values of the situation form's checked inputs in the form's order, joined by '-'
(``card-phone-stolen``), so the loader can find a situation's page from the form alone, without a
rule of its own. Without scripts, the situation form becomes links that add or remove one answer.
"""

from __future__ import annotations

from html import escape

from .bundle import Bundle
from .checklist import ChecklistState
from .model import Kinds, Situation
from .render import page_href
from .widget import situation_query, widget_regions

__all__ = [
    "situation_from_slug",
    "situation_links_html",
    "situation_page_html",
    "situation_slug",
]


def situation_slug(situation: Situation, kinds: Kinds) -> str:
    """Situation -> 'card-phone-stolen' (lost items, then flags, each in the data's order, as the form).

    Raises ValueError for the empty situation, which has no page.
    """
    if situation.is_empty():
        raise ValueError("an empty situation has no page")
    parts = [item for item in kinds.lost_ids if item in situation.lost]
    parts += [flag for flag in kinds.flag_ids if flag in situation.flags]
    return "-".join(parts)


def situation_from_slug(slug: str, kinds: Kinds) -> Situation:
    """'card-phone-stolen' -> Situation; raises ValueError for anything that is not a situation's slug.

    Ids may contain '-' themselves ('account-info'), so the slug is matched against the known ids in
    order rather than split.
    """
    names = [*kinds.lost_ids, *kinds.flag_ids]
    chosen: list[str] = []
    rest = slug
    start = 0
    while rest:
        for index in range(start, len(names)):
            name = names[index]
            if rest == name or rest.startswith(name + "-"):
                chosen.append(name)
                rest = rest[len(name) + 1 :]
                start = index + 1
                break
        else:
            raise ValueError(f"not a situation: {slug!r}")
    situation = Situation(
        lost=tuple(name for name in chosen if name in kinds.lost_ids),
        flags=frozenset(name for name in chosen if name in kinds.flag_ids),
    )
    if situation.is_empty() or situation_slug(situation, kinds) != slug:
        raise ValueError(f"not a situation: {slug!r}")
    return situation


def _toggled(situation: Situation, name: str, kinds: Kinds) -> Situation:
    if name in kinds.lost_ids:
        lost = set(situation.lost) ^ {name}
        return Situation(lost=tuple(item for item in kinds.lost_ids if item in lost), flags=situation.flags)
    return Situation(lost=situation.lost, flags=situation.flags ^ {name})


def situation_links_html(situation: Situation, prefix: str, kinds: Kinds) -> str:
    """The situation form as links (for readers without scripts): each answer adds or removes itself.

    ``prefix`` is the relative address of ``checklist/s/`` from the page the links are on.
    """

    def item(name: str, label: str) -> str:
        chosen = name in situation.lost or name in situation.flags
        other = _toggled(situation, name, kinds)
        mark = "☑" if chosen else "☐"
        state = SELECTED if chosen else NOT_SELECTED
        text = f'<span aria-hidden="true">{mark}</span> {escape(label)} <span class="lg-toggle__state">({state})</span>'
        if other.is_empty():  # the last answer cannot be taken away: there is no plan for nothing
            return f'<li class="lg-toggle lg-toggle--on">{text}</li>'
        href = f"{prefix}{situation_slug(other, kinds)}/"
        return f'<li class="lg-toggle{" lg-toggle--on" if chosen else ""}"><a href="{escape(href)}">{text}</a></li>'

    lost = "".join(item(kind.id, kind.label) for kind in kinds.lost)
    flags = "".join(item(kind.id, kind.question) for kind in kinds.flags)
    return (
        f'<nav class="lg-situation-links" aria-label="{escape(LINKS_LABEL)}">'
        f"<p><strong>{escape(LOST_QUESTION)}</strong> {escape(TOGGLE_HINT)}</p><ul>{lost}</ul>"
        f"<p><strong>{escape(FLAGS_QUESTION)}</strong></p><ul>{flags}</ul></nav>"
    )


def situation_page_html(bundle: Bundle, situation: Situation, base: str) -> str:
    """The body of ``checklist/s/<slug>/``: answers as links, then the plan region the widget uses.

    ``base`` is the relative address of the site root from that page ('../../../').
    """
    plan = bundle.plan(situation)
    region = widget_regions(bundle, plan, ChecklistState(), base=base, now=None, live=False, with_log=False)["plan"]
    checklist = page_href("checklist.md", base)
    return (
        f'<div class="lg-widget lg-situation-page">'
        f"{situation_links_html(situation, base + 'checklist/s/', bundle.checklist.kinds)}"
        f'<div data-lg-region="plan">{region}</div>'
        f'<p><a class="md-button md-button--primary" href="{escape(checklist)}?{escape(situation_query(situation, bundle.checklist.kinds))}">'
        f"{escape(OPEN_CHECKLIST)}</a></p></div>"
    )


# words: interface words of the situation pages and their links (the lead moves them to texts.py)
SELECTED = "골랐음, 누르면 빼기"
NOT_SELECTED = "누르면 더하기"
LINKS_LABEL = "내 상황 고르기"
LOST_QUESTION = "무엇을 잃어버렸나요?"
TOGGLE_HINT = "누를 때마다 하나씩 더하거나 빼고, 바뀐 계획이 바로 나옵니다."
FLAGS_QUESTION = "해당하는 상황"
OPEN_CHECKLIST = "이 상황으로 체크리스트와 신고 기록 열기"
PAGE_TITLE = "내 상황의 계획"
