"""Escaped HTML fragments, the same in both runtimes: facts (contacts, channels, hours) for pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape

from . import texts
from .checklist import ChecklistState
from .model import PHASES, Channel, Contact, Directory, Schedule, Verification
from .plan import ChannelStatus, Plan
from .reportlog import ReportEntry, live, when_label

__all__ = [
    "channel_html",
    "channel_status_html",
    "contact_html",
    "contacts_table_html",
    "hotline_html",
    "hours_text",
    "page_href",
    "plan_html",
    "report_log_html",
    "sources_table_html",
    "when_text",
]

_DAY_LABELS = {"weekdays": "평일", "saturday": "토요일", "sunday": "일요일", "holidays": "공휴일"}


def _e(text: str) -> str:
    return escape(text, quote=True)


def hours_text(schedule: Schedule) -> str:
    """Korean description of opening hours, e.g. '24시간 365일' or '평일 09:00~18:00 · 토요일 휴무'."""
    if schedule.kind == "always":
        return "24시간 365일"
    if schedule.kind == "unknown":
        return "운영 시간 확인 필요"
    labels = {kind: ", ".join(r.label() for r in schedule.ranges(kind)) or "휴무" for kind in _DAY_LABELS}
    if len(set(labels.values())) == 1:
        return f"매일 {labels['weekdays']}"
    return " · ".join(f"{_DAY_LABELS[kind]} {text}" for kind, text in labels.items())


def _value_html(contact: Contact) -> str:
    if contact.value is None:
        return f'<span class="lg-fact lg-fact--unknown">{_e(contact.name)}</span>'
    if contact.kind == "phone":
        digits = "".join(ch for ch in contact.value if ch.isdigit())
        return f'<a class="lg-fact lg-fact--phone" href="tel:{digits}">{_e(contact.value)}</a>'
    if contact.kind == "web":
        shown = contact.value.removeprefix("https://").removeprefix("http://").rstrip("/")
        return f'<a class="lg-fact lg-fact--web" href="{_e(contact.value)}" rel="noopener">{_e(shown)}</a>'
    return f'<span class="lg-fact">{_e(contact.value)}</span>'


def _badge_html(directory: Directory, *verifications: Verification) -> str:
    """'확인 필요' plus where to check, once, if any of the facts involved is unverified."""
    pending = [v for v in verifications if not v.verified]
    if not pending:
        return ""
    target = directory.contacts.get(pending[0].check_at or "")
    pointer = ""
    if target is not None:
        where = _value_html(target) if target.value else _e(target.name)
        pointer = f' <span class="lg-check">(공식 확인: {where})</span>' if target.value else f' <span class="lg-check">({where} 공식 안내에서 확인)</span>'
    return (
        ' <span class="lg-badge lg-badge--unverified" title="아직 공식 출처에서 확인하지 않은 정보입니다">확인 필요</span>'
        + pointer
    )


def contact_html(directory: Directory, contact_id: str) -> str:
    """A contact's value (tel:/https link), with the '확인 필요' badge when unverified."""
    contact = directory.contacts[contact_id]
    return _value_html(contact) + _badge_html(directory, contact.verification)


def _verifications(directory: Directory, channel: Channel) -> tuple[Verification, ...]:
    contact = directory.contact_of(channel)
    return (channel.verification,) + ((contact.verification,) if contact else ())


def channel_html(directory: Directory, channel_id: str) -> str:
    """'name value (hours)' for a channel, one badge if the channel or its contact is unverified."""
    channel = directory.channels[channel_id]
    contact = directory.contact_of(channel)
    value = f" {_value_html(contact)}" if contact is not None and contact.value else ""
    return (
        f'<span class="lg-channel"><strong>{_e(channel.name)}</strong>{value}'
        f' <span class="lg-hours">({_e(hours_text(channel.schedule))})</span>'
        f"{_badge_html(directory, *_verifications(directory, channel))}</span>"
    )


def hotline_html(directory: Directory) -> str:
    """The banner line shown at the top of every page."""
    channel = directory.channels[directory.hotline]
    contact = directory.contact_of(channel)
    value = _value_html(contact) if contact is not None else ""
    return (
        '<p class="lg-hotline"><span class="lg-hotline__label">카드·휴대폰(앱)·계좌 분실 신고</span> '
        f"{_e(channel.name)} <strong>{value}</strong>"
        f" <span class=\"lg-hours\">({_e(hours_text(channel.schedule))})</span>"
        f"{_badge_html(directory, *_verifications(directory, channel))}"
        ' <span class="lg-hotline__step">가장 빠른 방법: 지금 전화로 신고하고 접수번호를 적어 두세요.</span></p>'
    )


def contacts_table_html(directory: Directory) -> str:
    """Every channel with its contact, hours and verification state."""
    rows = []
    for channel in directory.channels.values():
        contact = directory.contact_of(channel)
        value = _value_html(contact) if contact is not None else "—"
        verified = all(v.verified for v in _verifications(directory, channel))
        state = "확인됨" if verified else _badge_html(directory, *_verifications(directory, channel)).strip()
        rows.append(
            f'<tr id="channel-{_e(channel.id)}"><td>{_e(channel.name)}</td><td>{value}</td>'
            f"<td>{_e(hours_text(channel.schedule))}</td><td>{state}</td></tr>"
        )
    return (
        '<table class="lg-contacts"><thead><tr><th scope="col">채널</th><th scope="col">연락처</th>'
        '<th scope="col">운영 시간</th><th scope="col">확인 상태</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _source_html(directory: Directory, v: Verification) -> str:
    """What backs a fact, for the reader: the official page and what it says, or why it is unchecked."""
    if v.verified and v.source_url:
        shown = v.source_url.removeprefix("https://").removeprefix("http://").rstrip("/")
        return (
            f"{_e(v.source)}"
            f'<br><span class="lg-source__page">공식 페이지: <a href="{_e(v.source_url)}" rel="noopener">{_e(shown)}</a></span>'
        )
    target = directory.contacts.get(v.check_at or "")
    where = ""
    if target is not None:
        place = _value_html(target) if target.value else _e(target.name)
        where = f'<br><span class="lg-source__check">확인할 곳: {place}</span>'
    return _e(v.source) + where


def _state_html(v: Verification) -> str:
    if not v.verified:
        return '<span class="lg-badge lg-badge--unverified">확인 필요</span>'
    copy = f" · 보관본({_e(v.source_copy)})" if v.source_copy else ""
    return f"확인함 · {_e(v.verified_on or '')}에 읽음{copy}"


def sources_table_html(directory: Directory) -> str:
    """Every fact, its state and what backs it: the official page (address, what it says, the day it
    was read, and the date of the stored copy when a copy was read) or, unchecked, where to check."""
    items: list[tuple[str, str, Verification]] = [
        (c.name, c.value or "—", c.verification) for c in directory.contacts.values()
    ] + [(ch.name, hours_text(ch.schedule), ch.verification) for ch in directory.channels.values()]
    rows = [
        f"<tr><td>{_e(name)}</td><td>{_e(value)}</td><td>{_state_html(v)}</td><td>{_source_html(directory, v)}</td></tr>"
        for name, value, v in items
    ]
    return (
        '<table class="lg-sources"><thead><tr><th scope="col">항목</th><th scope="col">내용</th>'
        '<th scope="col">상태</th><th scope="col">근거</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )


# --- Plan, checklist and report log (built at build time and again in the browser) -------------

_PHASE_LABELS = texts.PHASE_LABELS
_WEEKDAYS = "월화수목금토일"


def when_text(at: datetime) -> str:
    """'12월 26일(토) 09:00' for a KST time."""
    return f"{at.month}월 {at.day}일({_WEEKDAYS[at.weekday()]}) {at.hour:02d}:{at.minute:02d}"


def page_href(page: str, base: str = "") -> str:
    """'lost/phone.md' -> 'lost/phone/' (MkDocs directory URLs), prefixed by ``base`` (e.g. '../')."""
    stem = page.removesuffix(".md")
    path = "" if stem == "index" else (stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/")
    return base + path if (base + path) else "./"


def channel_status_html(directory: Directory, status: ChannelStatus) -> str:
    """Open now, closed with the next opening, or honestly unknown."""
    if status.open is None:
        unknown_hours = directory.channels[status.id].schedule.kind == "unknown"
        text = "운영 시간 확인 필요" if unknown_hours else "이 날짜의 공휴일 정보가 없어 운영 여부를 알 수 없음"
        return f'<span class="lg-status lg-status--unknown">{_e(text)}</span>'
    if status.open:
        text = "24시간 열림" if status.always_open else "지금 열림"
        return f'<span class="lg-status lg-status--open">{text}</span>'
    after = f" · 다음 열림 {_e(when_text(status.next_open))}" if status.next_open is not None else ""
    return f'<span class="lg-status lg-status--closed">지금 닫힘{after}</span>'


def _step_html(directory: Directory, plan: Plan, step_index: int, state: ChecklistState, base: str) -> str:
    step = plan.steps[step_index]
    tick = state.ticked(step.id)
    box_id = f"lg-step-{_e(step.id)}"
    checked = " checked" if tick is not None else ""
    parts = [
        f'<li class="lg-step" data-step="{_e(step.id)}">',
        f'<input type="checkbox" id="{box_id}" data-step="{_e(step.id)}"{checked}>',
        f' <label for="{box_id}">{_e(step.title)}</label>',
    ]
    if step.channel is not None:
        # Without a time (a page rendered at build time) only the hours are shown, never a stale status.
        status = next(c for c in plan.channels if c.id == step.channel)
        hours_known = directory.channels[step.channel].schedule.kind != "unknown"  # else the hours text says it
        now_open = f" {channel_status_html(directory, status)}" if plan.at is not None and hours_known else ""
        parts.append(f'<div class="lg-step__channel">{channel_html(directory, step.channel)}{now_open}</div>')
    parts.append(f'<a class="lg-step__more" href="{_e(page_href(step.page, base))}">자세한 안내</a>')
    if tick is not None and tick.at is not None:
        done_at = datetime.fromisoformat(tick.at)
        parts.append(f' <span class="lg-step__done">{_e(when_text(done_at))} 완료</span>')
    parts.append("</li>")
    return "".join(parts)


def plan_html(directory: Directory, plan: Plan, state: ChecklistState | None = None, base: str = "") -> str:
    """The plan as a checklist grouped by phase; ticks from ``state``; links relative to ``base``."""
    state = state if state is not None else ChecklistState()
    done = sum(1 for step in plan.steps if state.ticked(step.id) is not None)
    out = ['<div class="lg-plan">']
    if plan.at is not None:
        out.append(f'<p class="lg-plan__at">기준 시각: {_e(when_text(plan.at))} (한국 시간)</p>')
    out.append(f'<p class="lg-progress" role="status">{len(plan.steps)}단계 중 {done}단계 완료</p>')
    for phase in PHASES:
        indexes = [i for i, step in enumerate(plan.steps) if step.phase == phase]
        if not indexes:
            continue
        out.append(
            f'<section class="lg-phase lg-phase--{phase}" aria-labelledby="lg-phase-{phase}">'
            f'<h3 id="lg-phase-{phase}">{_PHASE_LABELS[phase]}</h3><ol class="lg-steps">'
        )
        out += [_step_html(directory, plan, i, state, base) for i in indexes]
        out.append("</ol></section>")
    out.append("</div>")
    return "".join(out)


def report_log_html(directory: Directory, entries: Iterable[ReportEntry]) -> str:
    """The report log as a table for screen and print, dates with the year; one edit and one delete
    button per entry (delete asks first). Text is already redacted, and escaped here. Deleted
    entries (tombstones) are left out."""
    ordered = live(entries)
    if not ordered:
        return f'<p class="lg-log lg-log--empty">{_e(texts.LOG_EMPTY)}</p>'
    rows = []
    for entry in ordered:
        channel = directory.channels.get(entry.channel)
        entry_id = _e(entry.id)
        rows.append(
            f'<tr data-lg-entry="{entry_id}"><td class="lg-log__when">{_e(when_label(entry.reported_at))}</td>'
            f'<td class="lg-log__channel">{_e(channel.name if channel is not None else entry.channel)}</td>'
            f'<td class="lg-log__receipt">{_e(entry.receipt_number)}</td><td class="lg-log__agent">{_e(entry.agent)}</td>'
            f'<td class="lg-log__memo">{_e(entry.memo)}</td>'
            f'<td class="lg-log__actions lg-actions"><button type="button" class="md-button lg-log__edit" data-lg-action="edit"'
            f' data-lg-entry="{entry_id}">{_e(texts.LOG_EDIT)}</button> '
            f'<button type="button" class="md-button lg-log__delete" data-lg-action="delete" data-lg-entry="{entry_id}"'
            f' data-lg-confirm="{_e(texts.LOG_DELETE_CONFIRM)}">{_e(texts.LOG_DELETE)}</button></td></tr>'
        )
    last = len(texts.LOG_COLUMNS) - 1
    action_class = ' class="lg-log__actions lg-actions"'
    heads = "".join(
        f'<th scope="col"{action_class if i == last else ""}>{_e(h)}</th>' for i, h in enumerate(texts.LOG_COLUMNS)
    )
    return (
        f'<table class="lg-log"><caption>{_e(texts.LOG_CAPTION)}</caption><thead><tr>{heads}</tr></thead>'
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )
