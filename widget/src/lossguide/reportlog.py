"""The customer's report log: when, where and with which receipt number (접수번호) they reported.

Under the card and electronic-finance laws the time of the report decides who bears later losses,
so this record is evidence: what the reader typed is kept as typed (the time is never replaced by
the device clock, text is never cut), refused with a Korean message when it cannot be kept, and
every text field is redacted (card, resident and account numbers) before it is stored or exported.

Each entry has a stable ``id`` and a revision ``rev``; a deleted entry stays as a tombstone
(``deleted``) so that two tabs merging their logs never bring back what one of them deleted, and
an undo can restore it. Entries saved before ids existed get an id derived from their content, so
every tab migrating the same old save gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from . import texts
from .errors import DataError
from .hours import to_kst
from .model import Directory
from .redact import redact

__all__ = [
    "TEXT_FIELDS",
    "EntryError",
    "ReportEntry",
    "device_now",
    "entry_from_dict",
    "entry_from_form",
    "entry_to_dict",
    "export_text",
    "live",
    "merge_logs",
    "needs_confirmation",
    "new_entry",
    "parse_report_time",
    "revise",
    "when_label",
]

TEXT_FIELDS = ("channel", "receipt_number", "agent", "memo")
_FIELD_NAMES = {"channel": texts.FORM_CHANNEL, "receipt_number": texts.FORM_RECEIPT, "agent": texts.FORM_AGENT, "memo": "메모"}
# Stored text may be longer than typed text (masks are longer than what they hide); far longer is not ours.
_STORED_SLACK = 3
# A report is made at a real moment; outside these years a time is a typing or clock mistake.
_FIRST_YEAR, _LAST_YEAR = 2000, 2099
# Beyond this distance from the device clock the reader confirms the typed time (it is never replaced).
CONFIRM_AFTER = timedelta(days=1)
_ID_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz-")


class EntryError(DataError):
    """What was typed cannot be stored as it is; ``message`` is the Korean sentence for the reader."""


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One report made; ``reported_at`` is ISO-8601 in KST as typed. All text is already redacted."""

    channel: str  # a channel id from contacts.yml, or the customer's own words
    reported_at: str
    receipt_number: str = ""
    agent: str = ""
    memo: str = ""
    id: str = ""
    rev: int = 1
    deleted: bool = False

    def content(self) -> tuple[str, ...]:
        """What the reader typed: two entries with the same content are the same report."""
        return (self.channel, self.reported_at, self.receipt_number, self.agent, self.memo)


def _clean(field: str, value: str) -> str:
    # One-line fields lose their line breaks and runs of spaces; a memo keeps its lines. A receipt
    # number loses invisible format characters (zero-width space, direction marks): copied into a
    # bank's search box they would make the number not match.
    if field == "receipt_number":
        value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    return " ".join(value.split()) if field != "memo" else value.strip()


def parse_report_time(typed: str) -> datetime:
    """'2026-11-26T03:05' (the form's datetime-local, KST) -> aware KST datetime; EntryError if impossible."""
    if not typed.strip():
        raise EntryError(texts.MSG_NO_TIME)
    shown = typed.strip()[:40]
    try:
        at = datetime.fromisoformat(typed.strip())
        if not _FIRST_YEAR <= at.year <= _LAST_YEAR:
            raise ValueError(typed)
        return to_kst(at)
    except (ValueError, OverflowError, TypeError):
        raise EntryError(texts.MSG_BAD_TIME.format(typed=shown)) from None


def _new_id() -> str:
    return uuid.uuid4().hex[:16]


def _content_id(raw: Mapping[str, Any]) -> str:
    canonical = json.dumps([str(raw.get(name, "")) for name in ("reported_at", *TEXT_FIELDS)], ensure_ascii=False)
    return "m" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:15]


def entry_from_form(fields: Mapping[str, Any], *, entry_id: str | None = None, rev: int = 1) -> tuple[ReportEntry, list[str]]:
    """What the form sent -> (redacted entry, notes for the reader). EntryError if it cannot be kept.

    Nothing is cut: a field over its limit (``texts.FIELD_LIMITS``) is refused. The limit is checked
    before redaction, so masking never runs on unbounded text.
    """
    typed: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = fields.get(name)
        text = _clean(name, value if isinstance(value, str) else "")
        limit = texts.FIELD_LIMITS[name]
        if len(text) > limit:
            raise EntryError(texts.MSG_TOO_LONG.format(field=_FIELD_NAMES[name], limit=f"{limit:,}", length=f"{len(text):,}"))
        typed[name] = text
    raw_time = fields.get("reported_at")
    at = parse_report_time(raw_time if isinstance(raw_time, str) else "")
    notes = []
    masked = {name: _redacted(name, value) for name, value in typed.items()}
    if masked["receipt_number"] != typed["receipt_number"]:
        notes.append(texts.MSG_RECEIPT_MASKED)
    entry = ReportEntry(
        reported_at=at.isoformat(timespec="seconds"), id=entry_id or _new_id(), rev=rev, **masked
    )
    return entry, notes


def new_entry(channel: str, reported_at: datetime, receipt_number: str = "", agent: str = "", memo: str = "") -> ReportEntry:
    """A redacted entry from Python values (naive time = KST); EntryError if it cannot be kept."""
    fields = {"channel": channel, "receipt_number": receipt_number, "agent": agent, "memo": memo}
    entry, _ = entry_from_form({**fields, "reported_at": to_kst(reported_at).isoformat(timespec="minutes")})
    return entry


def needs_confirmation(entry: ReportEntry, device_now: datetime) -> bool:
    """True when the typed time is more than a day away from the device clock (either may be wrong)."""
    return abs(datetime.fromisoformat(entry.reported_at) - device_now) > CONFIRM_AFTER


def entry_to_dict(entry: ReportEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": entry.id,
        "rev": entry.rev,
        "channel": entry.channel,
        "reported_at": entry.reported_at,
        "receipt_number": entry.receipt_number,
        "agent": entry.agent,
        "memo": entry.memo,
    }
    if entry.deleted:
        out["deleted"] = True
    return out


def entry_from_dict(raw: Mapping[str, Any]) -> ReportEntry:
    """Read a stored entry, redacting again (stored data may come from anywhere); DataError if bad."""
    bad = DataError("신고 기록 항목의 형식이 맞지 않습니다")
    if not isinstance(raw, Mapping) or not isinstance(raw.get("channel"), str):
        raise bad
    try:
        reported_at = to_kst(datetime.fromisoformat(str(raw.get("reported_at"))))
    except (ValueError, OverflowError):
        raise DataError("신고 기록의 시각을 읽을 수 없습니다") from None
    if not _FIRST_YEAR <= reported_at.year <= _LAST_YEAR:
        raise DataError("신고 기록의 시각을 읽을 수 없습니다")
    texts_in = {name: raw.get(name, "") for name in TEXT_FIELDS}
    if not all(isinstance(v, str) and len(v) <= texts.FIELD_LIMITS[k] * _STORED_SLACK for k, v in texts_in.items()):
        raise bad
    entry_id, rev, deleted = raw.get("id"), raw.get("rev", 1), raw.get("deleted", False)
    if entry_id is None:
        entry_id = _content_id(raw)  # a save from before ids: the same id in every tab
    if not isinstance(entry_id, str) or not 1 <= len(entry_id) <= 40 or not set(entry_id) <= _ID_CHARS:
        raise bad
    if not isinstance(rev, int) or isinstance(rev, bool) or not 1 <= rev < 2**31 or not isinstance(deleted, bool):
        raise bad
    return ReportEntry(
        reported_at=reported_at.isoformat(timespec="seconds"),
        id=entry_id,
        rev=rev,
        deleted=deleted,
        **{name: _redacted(name, value) for name, value in texts_in.items()},
    )


def _newer(a: ReportEntry, b: ReportEntry) -> ReportEntry:
    """Of two versions of one entry, the later revision; on a tie a deletion wins, then a fixed order."""
    return max(a, b, key=lambda e: (e.rev, e.deleted, e.content()))


def _edited_meanwhile(winner: ReportEntry, loser: ReportEntry) -> bool:
    """Two tabs made the same revision of one entry differently (both edited it, or one edited while
    the other deleted): the version that lost still holds words the reader typed."""
    return winner.rev == loser.rev and not loser.deleted and winner.content() != loser.content()


_KEPT_COPY = "copy-"  # id prefix of a version kept beside the one that kept the id


def is_kept_copy(entry_id: str) -> bool:
    """True for the id of a version kept as its own entry when two tabs changed one entry at once."""
    return entry_id.startswith(_KEPT_COPY)


def _kept_copy(entry: ReportEntry) -> ReportEntry:
    # The id comes from the entry and its content, so every tab that merges makes the same copy.
    digest = hashlib.sha256(json.dumps([entry.id, *entry.content()], ensure_ascii=False).encode("utf-8")).hexdigest()
    return replace(entry, id=_KEPT_COPY + digest[:15], rev=1)


def merge_logs(*logs: Iterable[ReportEntry]) -> tuple[ReportEntry, ...]:
    """Entries of several tabs' logs, merged by id (later revision wins): no tab's entry is lost.

    When two tabs made the same revision of an entry differently, the later one by a fixed order keeps
    the id and the other is kept beside it as an entry of its own: no typed words are dropped, and
    every tab merging the same logs gets the same result. Order: first appearance.
    """
    merged: dict[str, ReportEntry] = {}
    for log in logs:
        for entry in log:
            have = merged.get(entry.id)
            if have is None:
                merged[entry.id] = entry
                continue
            winner = _newer(have, entry)
            loser = entry if winner is have else have
            merged[entry.id] = winner
            if _edited_meanwhile(winner, loser):
                copy = _kept_copy(loser)
                merged[copy.id] = _newer(merged[copy.id], copy) if copy.id in merged else copy
    return tuple(merged.values())


def _redacted(field: str, value: str) -> str:
    """Redact one field. The receipt-number field keeps account-shaped numbers: receipt numbers often
    have that shape (20261125-000123, 123-456-789012), and a changed receipt number is lost evidence.
    Card and resident numbers are masked in every field (the reader is told, MSG_RECEIPT_MASKED)."""
    return redact(value, accounts=field != "receipt_number")


def revise(entry: ReportEntry, **changes: Any) -> ReportEntry:
    """The entry's next revision with ``changes`` (fields, or deleted=True/False)."""
    return replace(entry, rev=entry.rev + 1, **changes)


def when_label(iso: str) -> str:
    """'2026년 12월 25일(금) 03:05' for a stored KST time: always with the year (evidence)."""
    at = datetime.fromisoformat(iso)
    return f"{at.year}년 {at.month}월 {at.day}일({'월화수목금토일'[at.weekday()]}) {at.hour:02d}:{at.minute:02d}"


def live(entries: Iterable[ReportEntry]) -> list[ReportEntry]:
    """Entries not deleted, oldest report first."""
    return sorted((e for e in entries if not e.deleted), key=lambda e: datetime.fromisoformat(e.reported_at))


def export_text(entries: Iterable[ReportEntry], directory: Directory | None = None) -> str:
    """Korean plain text for copying and printing, oldest report first (deleted entries left out)."""
    ordered = live(entries)
    lines = [texts.EXPORT_TITLE, texts.EXPORT_NOTE, ""]
    if not ordered:
        lines.append(texts.LOG_EMPTY)
    for number, entry in enumerate(ordered, start=1):
        channel = directory.channels.get(entry.channel) if directory is not None else None
        lines.append(f"{number}. {when_label(entry.reported_at)} (한국 시간)")
        lines.append(f"   신고한 곳: {channel.name if channel is not None else entry.channel}")
        lines.append(f"   접수번호: {entry.receipt_number or texts.EXPORT_NONE}")
        if entry.agent:
            lines.append(f"   상담원: {entry.agent}")
        if entry.memo:
            memo_lines = entry.memo.splitlines() or [""]
            lines.append(f"   메모: {memo_lines[0]}")
            lines += [f"         {line}" for line in memo_lines[1:]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def device_now(raw: Any) -> datetime:
    """The device clock from an ISO string, in KST; the real clock when unreadable."""
    try:
        return to_kst(datetime.fromisoformat(str(raw).replace("Z", "+00:00")))
    except (ValueError, OverflowError, TypeError):
        return to_kst(datetime.now(UTC))
