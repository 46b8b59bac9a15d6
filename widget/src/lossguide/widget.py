"""HTML of the whole in-page checklist widget, the same at build time and in the browser.

The build renders it into the page (so it works without JavaScript); in the browser the engine
re-renders its regions (``data-lg-region``) after every change. Stable element ids keep keyboard
focus where it was when a region is replaced.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from urllib.parse import parse_qs, urlencode

from . import texts
from .bundle import Bundle
from .checklist import ChecklistState
from .model import PHASES, Kinds, Situation
from .plan import Plan
from .render import page_href, plan_html, report_log_html
from .reportlog import ReportEntry
from .rules import describe_situation

__all__ = [
    "DEFAULT_SITUATION",
    "all_steps_html",
    "log_form_html",
    "notice_html",
    "situation_form_html",
    "situation_from_query",
    "situation_query",
    "widget_html",
]

# What most visitors come for: a lost card. Shown before any choice (and without JavaScript).
DEFAULT_SITUATION = Situation(lost=("card",))



def _e(text: str) -> str:
    return escape(text, quote=True)


def situation_query(situation: Situation, kinds: Kinds) -> str:
    """Situation -> 'lost=card&lost=phone&stolen=1' (the shareable part of the URL), in the data's order."""
    pairs = [("lost", item) for item in kinds.lost_ids if item in situation.lost]
    pairs += [(flag, "1") for flag in kinds.flag_ids if flag in situation.flags]
    return urlencode(pairs)


# Parameters the theme itself puts in the URL (search highlighting): not ours, not a mistake.
_THEME_PARAMETERS = ("h", "q")
_TRUE = ("1", "true", "on", "yes", "")


def situation_from_query(query: str, kinds: Kinds) -> tuple[Situation | None, bool]:
    """'?lost=card&stolen=1' -> (Situation or None if it names nothing, whether anything was ignored).

    Ids are the data's (``kinds``); unknown ones are ignored and reported, so an old link still opens.
    """
    fields = parse_qs(query.lstrip("?"), keep_blank_values=True)
    flag_ids = kinds.flag_ids
    ignored = any(key not in ("lost", *flag_ids, *_THEME_PARAMETERS) for key in fields)
    lost = fields.get("lost", [])
    ignored = ignored or any(item not in kinds.lost_ids for item in lost)
    # 'stolen=1' in shared addresses, 'stolen=stolen' from the form (its value is the flag's id).
    flags = frozenset(flag for flag in flag_ids if any(value.lower() in (*_TRUE, flag) for value in fields.get(flag, [])))
    ignored = ignored or any(value.lower() not in (*_TRUE, f, "0", "false", "off", "no") for f in flag_ids for value in fields.get(f, []))
    situation = Situation(lost=tuple(item for item in kinds.lost_ids if item in lost), flags=flags)
    return (None if situation.is_empty() else situation), ignored


def situation_form_html(situation: Situation, kinds: Kinds) -> str:
    """The inner part of the 'what happened' form: one checkbox per kind of the data, ids kept stable."""

    def box(name: str, value: str, label: str, checked: bool) -> str:
        box_id = f"lg-{name}-{value}" if name == "lost" else f"lg-{name}"
        mark = " checked" if checked else ""
        return (
            f'<li><input type="checkbox" id="{_e(box_id)}" name="{_e(name)}" value="{_e(value)}"{mark}>'
            f' <label for="{_e(box_id)}">{_e(label)}</label></li>'
        )

    lost = "".join(box("lost", kind.id, kind.label, kind.id in situation.lost) for kind in kinds.lost)
    # A flag's value is its own id: the checked values, in order, make the situation's slug (situations.py).
    flags = "".join(box(kind.id, kind.id, kind.question, kind.id in situation.flags) for kind in kinds.flags)
    return (
        f'<fieldset><legend>무엇을 잃어버렸나요? (여러 개 고를 수 있어요)</legend><ul class="lg-choices">{lost}</ul></fieldset>'
        f'<fieldset><legend>해당하는 상황</legend><ul class="lg-choices">{flags}</ul></fieldset>'
        '<button type="submit" class="md-button">내 계획 보기</button>'
    )


def _counted(field: str, box_id: str) -> str:
    """A live length counter for a text field; the page fills in '12/2000' as the reader types."""
    limit = texts.FIELD_LIMITS[field]
    return (
        f' <span class="lg-count"><output data-lg-count-for="{box_id}" for="{box_id}">0/{limit:,}</output>'
        f"{_e(texts.FORM_COUNT_UNIT)}</span>"
    )


def log_form_html(bundle: Bundle, now: datetime | None, enabled: bool, editing: ReportEntry | None = None) -> str:
    """The form to note a report: where, when (KST), receipt number, agent, memo.

    Every ``maxlength`` is the engine's own limit (texts.FIELD_LIMITS). With ``editing`` the form holds
    that entry's values and saves a new revision of it.
    """
    chosen = editing.channel if editing is not None else ""
    known = {c.id for c in bundle.directory.channels.values()}
    options = "".join(
        f'<option value="{_e(c.id)}"{" selected" if c.id == chosen else ""}>{_e(c.name)}</option>'
        for c in bundle.directory.channels.values()
    )
    if editing is not None and chosen and chosen not in known:  # the reader's own words
        options += f'<option value="{_e(chosen)}" selected>{_e(chosen)}</option>'
    if editing is not None:
        when = editing.reported_at[:16]
    else:
        when = now.strftime("%Y-%m-%dT%H:%M") if now is not None else ""
    # Before the engine is ready the whole form is disabled: text typed then would be lost when the
    # engine renders the form, and it must be redacted by the engine before it is kept anywhere.
    disabled = "" if enabled else " disabled"
    note = "" if enabled else f'<p class="lg-note">{_e(texts.FORM_NOT_READY)}</p>'
    limits = texts.FIELD_LIMITS

    def value(name: str) -> str:
        return _e(getattr(editing, name)) if editing is not None else ""

    memo = _e(editing.memo) if editing is not None else ""
    if editing is not None:
        # The revision the form was opened at: saving over a version changed meanwhile in another tab
        # keeps both (browser.Session._report).
        hidden = (
            f'<input type="hidden" name="entry_id" value="{_e(editing.id)}">'
            f'<input type="hidden" name="entry_rev" value="{editing.rev}">'
        )
        heading = f'<p class="lg-note lg-report-form__editing">{_e(texts.FORM_EDITING)}</p>'
        buttons = (
            f'<button type="submit" class="md-button">{_e(texts.FORM_SAVE_EDIT)}</button> '
            f'<button type="button" class="md-button" data-lg-action="cancel-edit">{_e(texts.FORM_CANCEL_EDIT)}</button>'
        )
    else:
        hidden = heading = ""
        buttons = f'<button type="submit" class="md-button">{_e(texts.FORM_ADD)}</button>'
    return (
        f'<form data-lg="report" class="lg-report-form">{heading}<fieldset{disabled}>{hidden}'
        f'<p><label for="lg-report-channel">{_e(texts.FORM_CHANNEL)}</label> '
        f'<select id="lg-report-channel" name="channel">{options}</select></p>'
        f'<p><label for="lg-report-at">{_e(texts.FORM_REPORTED_AT)}</label> '
        f'<input type="datetime-local" id="lg-report-at" name="reported_at" value="{when}" required></p>'
        f'<p><label for="lg-report-receipt">{_e(texts.FORM_RECEIPT)}</label> '
        f'<input type="text" id="lg-report-receipt" name="receipt_number" maxlength="{limits["receipt_number"]}"'
        f' autocomplete="off" value="{value("receipt_number")}">{_counted("receipt_number", "lg-report-receipt")}</p>'
        f'<p><label for="lg-report-agent">{_e(texts.FORM_AGENT)}</label> '
        f'<input type="text" id="lg-report-agent" name="agent" maxlength="{limits["agent"]}" autocomplete="off"'
        f' value="{value("agent")}">{_counted("agent", "lg-report-agent")}</p>'
        f'<p><label for="lg-report-memo">{_e(texts.FORM_MEMO)}</label> '
        f'<textarea id="lg-report-memo" name="memo" rows="3" maxlength="{limits["memo"]}">{memo}</textarea>'
        f'{_counted("memo", "lg-report-memo")}</p>'
        f"{note}<p>{buttons}</p>"
        "</fieldset></form>"
    )


def notice_html(*, halted: bool = False, confirm: str | None = None, undo: str | None = None) -> str:
    """What waits for the reader's answer: a newer version saved (reload), a report time far from the
    device clock (save as typed or fix it), an entry just deleted (undo). Empty when nothing waits."""
    parts = []
    if halted:
        parts.append(
            f'<p class="lg-notice lg-notice--newer" role="alert">{_e(texts.MSG_NEWER_VERSION_DETAIL)} '
            f'<button type="button" class="md-button md-button--primary" data-lg-action="reload">'
            f"{_e(texts.MSG_NEWER_VERSION)}</button></p>"
        )
    if confirm is not None:
        parts.append(
            f'<p class="lg-notice lg-notice--confirm" role="alert">{_e(confirm)} '
            f'<button type="button" class="md-button md-button--primary" data-lg-action="confirm">{_e(texts.CONFIRM_SAVE)}</button> '
            f'<button type="button" class="md-button" data-lg-action="cancel">{_e(texts.CONFIRM_CANCEL)}</button></p>'
        )
    if undo is not None:
        parts.append(
            f'<p class="lg-notice lg-notice--undo">{_e(texts.MSG_DELETED)} '
            f'<button type="button" class="md-button" data-lg-action="undo" data-lg-entry="{_e(undo)}">{_e(texts.LOG_UNDO)}</button></p>'
        )
    return "".join(parts)


def all_steps_html(bundle: Bundle, base: str) -> str:
    """Every step of every situation, for readers without JavaScript: what to do, when it applies, where to read more."""
    out = []
    for phase in PHASES:
        steps = [s for s in bundle.checklist.steps if s.phase == phase]
        items = "".join(
            f'<li>{_e(s.title)} <span class="lg-when">({_e(bundle.checklist.rules[s.rule].description)})</span>'
            f' <a href="{_e(page_href(s.page, base))}">{_e(bundle.page_titles.get(s.page, "자세한 안내"))}</a></li>'
            for s in steps
        )
        out.append(f"<h4>{texts.PHASE_LABELS[phase]}</h4><ul>{items}</ul>")
    return "".join(out)


def widget_html(
    bundle: Bundle,
    plan: Plan,
    state: ChecklistState,
    *,
    view: str,
    base: str,
    now: datetime | None,
    live: bool,
    client: dict[str, int] | None = None,
) -> str:
    """The widget's inner HTML. ``live`` is True in the browser (engine ready), False at build time.

    ``client`` overrides the loader's stall budgets (``texts.client_config`` keywords), e.g. in tests.
    """
    from .situations import situation_links_html  # here: situations.py builds on this module

    situation = plan.situation
    static_plans = page_href("checklist.md", base) + "s/"  # pre-rendered plan pages (situations.py)
    regions = widget_regions(bundle, plan, state, base=base, now=now, live=live, with_log=view == "full")
    status = texts.STATUS_READY if live else texts.STATUS_STATIC
    config = json.dumps(texts.client_config(**(client or {})), ensure_ascii=False).replace("</", "<\\/")
    # On a phone the first screen must reach the plan's first step: the situation form and the plan come
    # first, the privacy promise and the start-up status right after the plan.
    parts = [
        f'<script type="application/json" data-lg-config>{config}</script>',
        # Without scripts the form is hidden and its answers are links to the pre-rendered situation pages,
        # after the plan: on a phone the plan's first step comes first.
        f'<p class="lg-nojs-note">아래는 <strong>{_e(describe_situation(situation, bundle.checklist.kinds))}</strong>의 계획입니다. '
        "내 상황이 다르면 계획 아래에서 고르세요.</p>",
        f'<form data-lg="situation" class="lg-situation" data-lg-region="situation"'
        f' data-lg-static-plans="{_e(static_plans)}">{regions["situation"]}</form>',
        f'<div data-lg-region="plan">{regions["plan"]}</div>',
        f'<div class="lg-nojs-note">{situation_links_html(situation, static_plans, bundle.checklist.kinds)}</div>',
        '<div class="lg-engine" aria-live="polite"><progress data-lg-progress max="1" value="0"'
        f' aria-label="{_e(texts.PROGRESS_LABEL)}"></progress> '
        f'<span data-lg-status role="status">{_e(status)}</span></div>',
        f'<p class="lg-privacy"><strong>{_e(texts.PRIVACY_STRONG)}</strong> {_e(texts.PRIVACY_MORE)}</p>',
    ]
    if view != "full":
        parts.append(f'<div data-lg-region="notice">{regions["notice"]}</div>')
    if view == "full":
        parts += [
            '<section class="lg-log-section" aria-labelledby="lg-log-title">'
            f'<h3 id="lg-log-title">{_e(texts.LOG_TITLE)}</h3>'
            f"<p>{_e(texts.LOG_INTRO)}</p>"
            f'<div data-lg-region="log">{regions["log"]}</div>'
            f'<div data-lg-region="notice">{regions["notice"]}</div>'
            f'<div data-lg-region="form">{regions["form"]}</div>'
            '<p class="lg-actions">'
            f'<button type="button" class="md-button" data-lg-action="copy">{_e(texts.LOG_COPY)}</button> '
            f'<button type="button" class="md-button" data-lg-action="print">{_e(texts.LOG_PRINT)}</button> '
            f'<button type="button" class="md-button" data-lg-action="reset" data-lg-confirm="{_e(texts.LOG_RESET_CONFIRM)}">'
            f"{_e(texts.LOG_RESET)}</button></p>"
            "</section>",
            '<details class="lg-all-steps"><summary>모든 상황의 모든 단계 보기</summary>'
            f"{all_steps_html(bundle, base)}</details>",
        ]
    else:
        parts.append(
            f'<p><a class="md-button md-button--primary" href="{_e(page_href("checklist.md", base))}'
            f'?{_e(situation_query(situation, bundle.checklist.kinds))}">{_e(texts.OPEN_FULL_CHECKLIST)}</a></p>'
        )
    return "".join(parts)


def widget_regions(
    bundle: Bundle,
    plan: Plan,
    state: ChecklistState,
    *,
    base: str,
    now: datetime | None,
    live: bool,
    with_log: bool,
) -> dict[str, str]:
    """The replaceable regions: the situation form, the plan, and (full view) the report log."""
    kinds = bundle.checklist.kinds
    # A heading: the phases below are its h3s (the widget may follow the page's h1 directly).
    shown_for = f'<h2 class="lg-plan__for">{_e(describe_situation(plan.situation, kinds))}{_e(texts.PLAN_FOR_SUFFIX)}</h2>'
    clock_note = ""
    if plan.at is not None and not bundle.calendar.covers(plan.at.date()):
        on = f"{plan.at.year}년 {plan.at.month}월 {plan.at.day}일"
        clock_note = f'<p class="lg-clock-note" role="note">{_e(texts.CLOCK_OUTSIDE_CALENDAR.format(date=on))}</p>'
    regions = {
        "situation": situation_form_html(plan.situation, kinds),
        "plan": shown_for + clock_note + plan_html(bundle.directory, plan, state, base, bundle.page_titles),
    }
    regions["notice"] = ""
    if with_log:
        regions["log"] = report_log_html(bundle.directory, state.log, loaded=live)
        regions["form"] = log_form_html(bundle, now, live)
    return regions
