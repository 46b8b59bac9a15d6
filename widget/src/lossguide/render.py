"""Escaped HTML fragments, the same in both runtimes: facts (contacts, channels, hours) for pages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from html import escape

from . import texts
from .checklist import ChecklistState
from .model import PHASES, Channel, Contact, Directory, Schedule, Verification
from .plan import HOURS_REPORTED, HOURS_UNKNOWN, ChannelStatus, Plan, hours_claim
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
    "update_notice_html",
    "when_text",
]

_DAY_LABELS = {"weekdays": "평일", "saturday": "토요일", "sunday": "일요일", "holidays": "공휴일"}
# words: hours on record that nobody checked on an official page (hours_claim: reported).
_REPORTED_ALWAYS = "24시간 운영으로 알려짐"
_REPORTED_WEEKLY = "알려진 운영 시간"
# words: the one mark beside a fact the reader acts on, and the one note per plan that explains it.
_MARK = "확인 필요"
_MARK_TITLE = "아직 공식 출처에서 확인하지 않은 정보입니다"
_PLAN_NOTE = "‘확인 필요’가 붙은 번호와 시간은 아직 공식 출처에서 확인하지 못했습니다. 이용하기 전에 공식 안내에서 한 번 더 확인하세요"
_HOTLINE_LABEL = "케이뱅크 분실 신고"
_UNKNOWN_HOURS_NOTE = "운영 시간이 적혀 있지 않은 곳은 아직 운영 시간을 모릅니다"
_DOMESTIC_ONLY = "국내 전용 번호: 해외에서는 걸리지 않거나 현지 긴급 전화로 연결될 수 있어요"


def _e(text: str) -> str:
    return escape(text, quote=True)


def hours_text(schedule: Schedule) -> str:
    """Korean description of opening hours, e.g. '24시간 365일' or '평일 09:00~18:00 · 토요일 휴무'.

    Hours nobody checked (``hours_claim: reported``) say so: '24시간 운영으로 알려짐'.
    """
    if schedule.kind == "unknown":
        return "운영 시간 확인 필요"
    if schedule.kind == "always":
        return _REPORTED_ALWAYS if schedule.reported else "24시간 365일"
    labels = {kind: ", ".join(r.label() for r in schedule.ranges(kind)) or "휴무" for kind in _DAY_LABELS}
    if len(set(labels.values())) == 1:
        text = f"매일 {labels['weekdays']}"
    else:
        text = " · ".join(f"{_DAY_LABELS[kind]} {text}" for kind, text in labels.items())
    return f"{_REPORTED_WEEKLY}: {text}" if schedule.reported else text


def _value_html(contact: Contact, abroad: bool = False) -> str:
    """The number or address; abroad, a domestic-only number is a warning and plain text, never a tel: link."""
    if contact.value is None:
        return f'<span class="lg-fact lg-fact--unknown">{_e(contact.name)}</span>'
    if abroad and contact.domestic_only:
        return (
            f'<span class="lg-warning lg-warning--domestic" role="note">{_e(_DOMESTIC_ONLY)}</span> '
            f'<span class="lg-fact lg-fact--domestic">{_e(contact.value)}</span>'
        )
    if contact.kind == "phone":
        digits = "".join(ch for ch in contact.value if ch.isdigit())
        return f'<a class="lg-fact lg-fact--phone" href="tel:{digits}">{_e(contact.value)}</a>'
    if contact.kind == "web":
        shown = contact.value.removeprefix("https://").removeprefix("http://").rstrip("/")
        return f'<a class="lg-fact lg-fact--web" href="{_e(contact.value)}" rel="noopener">{_e(shown)}</a>'
    return f'<span class="lg-fact">{_e(contact.value)}</span>'


def _check_targets(directory: Directory, verifications: Iterable[Verification]) -> list[Contact]:
    """The official places (check_at) to confirm the unverified facts among ``verifications``, once each."""
    ids = dict.fromkeys(v.check_at for v in verifications if not v.verified and v.check_at)
    return [directory.contacts[i] for i in ids if i in directory.contacts]


def _pointer_html(directory: Directory, verifications: Iterable[Verification]) -> str:
    targets = _check_targets(directory, verifications)[:1]
    if not targets:
        return ""
    target = targets[0]
    if target.value:
        return f' <span class="lg-check">(공식 확인: {_value_html(target)})</span>'
    return f' <span class="lg-check">({_e(target.name)} 공식 안내에서 확인)</span>'


def _badge_html(directory: Directory, *verifications: Verification) -> str:
    """'확인 필요' plus where to check, once, if any of the facts involved is unverified."""
    if all(v.verified for v in verifications):
        return ""
    return _mark_html() + _pointer_html(directory, verifications)


def _mark_html() -> str:
    return f' <span class="lg-badge lg-badge--unverified" title="{_e(_MARK_TITLE)}">{_e(_MARK)}</span>'


def contact_html(directory: Directory, contact_id: str) -> str:
    """A contact's value (tel:/https link), with the '확인 필요' badge when unverified."""
    contact = directory.contacts[contact_id]
    return _value_html(contact) + _badge_html(directory, contact.verification)


def _verifications(directory: Directory, channel: Channel) -> tuple[Verification, ...]:
    contact = directory.contact_of(channel)
    return (channel.verification,) + ((contact.verification,) if contact else ())


def _marked(directory: Directory, channel: Channel) -> tuple[bool, bool]:
    """Where a channel's one '확인 필요' mark goes: (beside the number, beside the hours).

    The reader acts on the number they dial and the hours they rely on; a line carries one mark,
    beside the number when it is unverified, else beside hours that are only reported.
    """
    contact = directory.contact_of(channel)
    number = contact is not None and contact.value is not None and not contact.verification.verified
    hours = not number and hours_claim(channel) == HOURS_REPORTED
    return number, hours


def _channel_line(directory: Directory, channel: Channel, *, abroad: bool, pointer: bool, unknown_hours: bool = True) -> str:
    """One channel as a line; ``pointer`` adds where to check, ``unknown_hours`` says '운영 시간 확인 필요'."""
    contact = directory.contact_of(channel)
    mark_number, mark_hours = _marked(directory, channel)
    value = ""
    if contact is not None and contact.value:
        value = f" {_value_html(contact, abroad)}" + (_mark_html() if mark_number else "")
    hours = ""
    if unknown_hours or channel.schedule.kind != "unknown":
        text = _e(hours_text(channel.schedule)) + (f" · {_e(_MARK)}" if mark_hours else "")
        css = "lg-hours lg-hours--reported" if hours_claim(channel) == HOURS_REPORTED else "lg-hours"
        hours = f' <span class="{css}">({text})</span>'
    where = ""
    if pointer and (mark_number or mark_hours):
        where = _pointer_html(directory, _verifications(directory, channel))
    return f'<span class="lg-channel"><strong>{_e(channel.name)}</strong>{value}{hours}{where}</span>'


def channel_html(directory: Directory, channel_id: str, *, abroad: bool = False) -> str:
    """'name value (hours)' for a channel, with at most one '확인 필요' mark (see _marked).

    ``abroad``: a domestic-only number is shown after a warning, without a tel: link.
    """
    return _channel_line(directory, directory.channels[channel_id], abroad=abroad, pointer=True)


def hotline_html(directory: Directory) -> str:
    """The banner line on every page: the loss line's number, its one mark and its hours, nothing else."""
    channel = directory.channels[directory.hotline]
    contact = directory.contact_of(channel)
    mark_number, mark_hours = _marked(directory, channel)
    value = _value_html(contact) + (_mark_html() if mark_number else "") if contact is not None and contact.value else ""
    hours = _e(hours_text(channel.schedule)) + (f" · {_e(_MARK)}" if mark_hours else "")
    return (
        f'<p class="lg-hotline"><span class="lg-hotline__label">{_e(_HOTLINE_LABEL)}</span> {value}'
        f' <span class="lg-hours">({hours})</span></p>'
    )


def update_notice_html() -> str:
    """The hidden line on every page that the offline script shows once a newer build has taken over.

    The link is the page's own address: following it loads the page again, from the newer build.
    """
    return (
        f'<p class="lg-update" data-lg-update hidden>{_e(texts.SITE_UPDATED)} '
        f'<a href="" class="lg-update__reload">{_e(texts.SITE_UPDATED_RELOAD)}</a></p>'
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


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _unbroken_dates(html: str) -> str:
    """A date never breaks at its hyphens in a narrow column (2024-/01-/25 reads as three numbers)."""
    return _DATE.sub(lambda m: f'<span class="lg-nowrap">{m.group(0)}</span>', html)


def _source_html(directory: Directory, v: Verification) -> str:
    """What backs a fact, for the reader: the official page and what it says, or why it is unchecked."""
    if v.verified and v.source_url:
        shown = v.source_url.removeprefix("https://").removeprefix("http://").rstrip("/")
        return (
            f"{_unbroken_dates(_e(v.source))}"
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
_MORE = "자세한 안내"  # words: a step's link when its guide's title is not known
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
    """Open now, closed with the next opening, or honestly unknown; hours nobody checked are never 'open'."""
    if status.hours == HOURS_REPORTED:
        if status.expected_open is False:
            after = f" · 다음 {_e(when_text(status.next_open))}" if status.next_open is not None else ""
            text = f"알려진 운영 시간 밖이라 지금은 닫혀 있을 수 있음{after}"
            return f'<span class="lg-status lg-status--reported lg-status--closed">{text}</span>'
        return ""  # the hours text already says '…운영으로 알려짐'; no open/closed claim to add
    if status.open is None:
        unknown_hours = status.hours == HOURS_UNKNOWN
        text = "운영 시간 확인 필요" if unknown_hours else "이 날짜의 공휴일 정보가 없어 운영 여부를 알 수 없음"
        return f'<span class="lg-status lg-status--unknown">{_e(text)}</span>'
    if status.open:
        text = "24시간 열림" if status.always_open else "지금 열림"
        return f'<span class="lg-status lg-status--open">{text}</span>'
    after = f" · 다음 열림 {_e(when_text(status.next_open))}" if status.next_open is not None else ""
    return f'<span class="lg-status lg-status--closed">지금 닫힘{after}</span>'


def _step_html(directory: Directory, plan: Plan, step_index: int, state: ChecklistState, base: str, titles: Mapping[str, str]) -> str:
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
        channel = directory.channels[step.channel]
        now = channel_status_html(directory, status) if plan.at is not None and status.hours != HOURS_UNKNOWN else ""
        line = _channel_line(directory, channel, abroad="abroad" in plan.situation.flags, pointer=False, unknown_hours=False)
        parts.append(f'<div class="lg-step__channel">{line}{" " + now if now else ""}</div>')
    # The link names where it goes (the guide's title), not a generic '자세한 안내'.
    title = titles.get(step.page, _MORE)
    parts.append(f'<a class="lg-step__more" href="{_e(page_href(step.page, base))}">{_e(title)}</a>')
    if tick is not None and tick.at is not None:
        done_at = datetime.fromisoformat(tick.at)
        parts.append(f' <span class="lg-step__done">{_e(when_text(done_at))} 완료</span>')
    parts.append("</li>")
    return "".join(parts)


def _plan_note_html(directory: Directory, plan: Plan) -> str:
    """One plain note per plan when any number or hours in it carry the '확인 필요' mark, with where to check."""
    marked: list[Verification] = []
    for status in plan.channels:
        channel = directory.channels[status.id]
        if any(_marked(directory, channel)):
            marked += _verifications(directory, channel)
    unknown = any(status.hours == HOURS_UNKNOWN for status in plan.channels)
    if not marked and not unknown:
        return ""
    targets = [_value_html(t) for t in _check_targets(directory, marked) if t.value]
    sentences = [_e(_PLAN_NOTE) + "." if marked else "", _e(_UNKNOWN_HOURS_NOTE) + "." if unknown else ""]
    where = f" 확인할 곳: {', '.join(targets)}" if targets else ""
    return f'<p class="lg-plan__note" role="note">{" ".join(t for t in sentences if t)}{where}</p>'


def plan_html(
    directory: Directory,
    plan: Plan,
    state: ChecklistState | None = None,
    base: str = "",
    titles: Mapping[str, str] | None = None,
) -> str:
    """The plan as a checklist grouped by phase; ticks from ``state``; links relative to ``base``.

    ``titles`` maps a guide page ('lost/phone.md') to its title, the text of the step's link.
    """
    state = state if state is not None else ChecklistState()
    titles = titles if titles is not None else {}
    done = sum(1 for step in plan.steps if state.ticked(step.id) is not None)
    out = ['<div class="lg-plan"><div class="lg-plan__head">']
    if plan.at is not None:
        # With the year, as the report log writes times: a clock a year off shows here.
        out.append(f'<p class="lg-plan__at">{_e(texts.PLAN_AT.format(when=when_label(plan.at.isoformat())))}</p>')
    out.append(f'<p class="lg-progress" role="status">{len(plan.steps)}단계 중 {done}단계 완료</p></div>')
    for phase in PHASES:
        indexes = [i for i, step in enumerate(plan.steps) if step.phase == phase]
        if not indexes:
            continue
        out.append(
            f'<section class="lg-phase lg-phase--{phase}" aria-labelledby="lg-phase-{phase}">'
            f'<h3 id="lg-phase-{phase}">{_PHASE_LABELS[phase]}</h3><ol class="lg-steps">'
        )
        out += [_step_html(directory, plan, i, state, base, titles) for i in indexes]
        out.append("</ol></section>")
    out.append(_plan_note_html(directory, plan))  # after the steps: the first step stays on the first screen
    out.append("</div>")
    return "".join(out)


def report_log_html(directory: Directory, entries: Iterable[ReportEntry], *, loaded: bool = True) -> str:
    """The report log as a table for screen and print, dates with the year; one edit and one delete
    button per entry (delete asks first). Text is already redacted, and escaped here. Deleted
    entries (tombstones) are left out. ``loaded`` is False before the saved log was read (build time)."""
    ordered = live(entries)
    if not ordered:
        return f'<p class="lg-log lg-log--empty">{_e(texts.LOG_EMPTY if loaded else texts.LOG_NOT_LOADED)}</p>'
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
