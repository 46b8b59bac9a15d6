"""Situations as readable addresses: one pre-rendered plan page per situation (``checklist/s/<slug>/``).

The slug is the values of the situation form's checked inputs in the form's order, joined by '-'
(``card-phone-stolen``), so the loader can find a situation's page from the form alone, without a
rule of its own. Without scripts, the situation form becomes links that add or remove one answer.
"""

from __future__ import annotations

from html import escape

from .bundle import Bundle
from .checklist import ChecklistState
from .model import FLAGS, LOST_ITEMS, Situation
from .render import page_href
from .rules import describe_situation

# The form's own labels, so the links read exactly like the form (branch words moves them into data).
from .widget import _FLAG_LABELS as FLAG_LABELS
from .widget import _LOST_LABELS as LOST_LABELS
from .widget import situation_query, widget_regions

__all__ = [
    "situation_from_slug",
    "situation_links_html",
    "situation_page_html",
    "situation_slug",
]


def situation_slug(situation: Situation) -> str:
    """Situation -> 'card-phone-stolen' (lost items, then flags, each in the form's order).

    Raises ValueError for the empty situation, which has no page.
    """
    if situation.is_empty():
        raise ValueError("an empty situation has no page")
    parts = [item for item in LOST_ITEMS if item in situation.lost]
    parts += [flag for flag in FLAGS if flag in situation.flags()]
    return "-".join(parts)


def situation_from_slug(slug: str) -> Situation:
    """'card-phone-stolen' -> Situation; raises ValueError for anything that is not a situation's slug.

    Item names may contain '-' themselves ('account-info'), so the slug is matched against the known
    names in order rather than split.
    """
    names = [*LOST_ITEMS, *FLAGS]
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
        lost=tuple(name for name in chosen if name in LOST_ITEMS),
        **{flag: flag in chosen for flag in FLAGS},
    )
    if situation.is_empty() or situation_slug(situation) != slug:
        raise ValueError(f"not a situation: {slug!r}")
    return situation


def _toggled(situation: Situation, name: str) -> Situation:
    if name in LOST_ITEMS:
        lost = set(situation.lost) ^ {name}
        return Situation(
            lost=tuple(item for item in LOST_ITEMS if item in lost),
            stolen=situation.stolen,
            suspicious=situation.suspicious,
            abroad=situation.abroad,
        )
    return Situation(
        lost=situation.lost, **{flag: (flag in situation.flags()) != (flag == name) for flag in FLAGS}
    )


def situation_links_html(situation: Situation, prefix: str) -> str:
    """The situation form as links (for readers without scripts): each answer adds or removes itself.

    ``prefix`` is the relative address of ``checklist/s/`` from the page the links are on.
    """

    def item(name: str, label: str) -> str:
        chosen = name in situation.lost or name in situation.flags()
        other = _toggled(situation, name)
        mark = "☑" if chosen else "☐"
        state = SELECTED if chosen else NOT_SELECTED
        text = f'<span aria-hidden="true">{mark}</span> {escape(label)} <span class="lg-toggle__state">({state})</span>'
        if other.is_empty():  # the last answer cannot be taken away: there is no plan for nothing
            return f'<li class="lg-toggle lg-toggle--on">{text}</li>'
        href = f"{prefix}{situation_slug(other)}/"
        return f'<li class="lg-toggle{" lg-toggle--on" if chosen else ""}"><a href="{escape(href)}">{text}</a></li>'

    lost = "".join(item(name, LOST_LABELS[name]) for name in LOST_ITEMS)
    flags = "".join(item(name, FLAG_LABELS[name]) for name in FLAGS)
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
        f'<p class="lg-plan__for"><strong>{escape(describe_situation(situation))}</strong></p>'
        f"{situation_links_html(situation, base + 'checklist/s/')}"
        f'<div data-lg-region="plan">{region}</div>'
        f'<p><a class="md-button md-button--primary" href="{escape(checklist)}?{escape(situation_query(situation))}">'
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
