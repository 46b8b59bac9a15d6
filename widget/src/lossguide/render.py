"""Escaped HTML fragments, the same in both runtimes: facts (contacts, channels, hours) for pages."""

from __future__ import annotations

from html import escape

from .model import Channel, Contact, Directory, Schedule, Verification

__all__ = [
    "channel_html",
    "contact_html",
    "contacts_table_html",
    "hotline_html",
    "hours_text",
    "sources_table_html",
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
        '<p class="lg-hotline"><span class="lg-hotline__label">카드·통장·앱 분실 신고</span> '
        f"{_e(channel.name)} <strong>{value}</strong>"
        f" <span class=\"lg-hours\">({_e(hours_text(channel.schedule))})</span>"
        f"{_badge_html(directory, *_verifications(directory, channel))}</p>"
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


def sources_table_html(directory: Directory) -> str:
    """Every fact with its source and check date: how we know what we say."""
    rows = []
    items: list[tuple[str, str, Verification]] = [
        (c.name, c.value or "—", c.verification) for c in directory.contacts.values()
    ] + [(ch.name, hours_text(ch.schedule), ch.verification) for ch in directory.channels.values()]
    for name, value, v in items:
        state = f"확인함 ({_e(v.verified_on)})" if v.verified else '<span class="lg-badge lg-badge--unverified">확인 필요</span>'
        rows.append(f"<tr><td>{_e(name)}</td><td>{_e(value)}</td><td>{state}</td><td>{_e(v.source)}</td></tr>")
    return (
        '<table class="lg-sources"><thead><tr><th scope="col">항목</th><th scope="col">내용</th>'
        '<th scope="col">상태</th><th scope="col">출처</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
