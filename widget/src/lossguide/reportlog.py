"""The customer's report log: when, where and with which receipt number (접수번호) they reported.

Under the card and electronic-finance laws the time of the report decides who bears later losses,
so this record is evidence. Free text is redacted before it is stored or exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .errors import DataError
from .hours import to_kst
from .model import Directory
from .redact import redact

__all__ = ["ReportEntry", "entry_from_dict", "entry_to_dict", "export_text", "new_entry"]

# Generous limits on what is typed: enough for a memo, small enough for localStorage and print.
_LIMITS = {"channel": 100, "receipt_number": 60, "agent": 100, "memo": 1000}
# Stored text may be a little longer than typed text (masks); anything far longer is not ours.
_STORED_SLACK = 2


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One report made; ``reported_at`` is ISO-8601 in KST. All text is already redacted."""

    channel: str  # a channel id from contacts.yml, or the customer's own words
    reported_at: str
    receipt_number: str = ""
    agent: str = ""
    memo: str = ""


def _clean(field: str, value: str) -> str:
    text = " ".join(value.split()) if field != "memo" else value.strip()
    # The receipt number is the customer's evidence, not a secret, and often long digits that would
    # look like a card or resident number: it is kept exactly as typed.
    return text if field == "receipt_number" else redact(text)


def new_entry(channel: str, reported_at: datetime, receipt_number: str = "", agent: str = "", memo: str = "") -> ReportEntry:
    """A redacted entry from what the customer typed (cut to sane lengths); naive time = KST."""
    typed = {"channel": channel, "receipt_number": receipt_number, "agent": agent, "memo": memo}
    # Mask, then cut (a cut number could slip past the masks), then mask what the cut left.
    cut = {name: _clean(name, _clean(name, str(value))[: _LIMITS[name]]) for name, value in typed.items()}
    return ReportEntry(channel=cut.pop("channel"), reported_at=to_kst(reported_at).isoformat(timespec="seconds"), **cut)


def entry_to_dict(entry: ReportEntry) -> dict[str, str]:
    return {
        "channel": entry.channel,
        "reported_at": entry.reported_at,
        "receipt_number": entry.receipt_number,
        "agent": entry.agent,
        "memo": entry.memo,
    }


def entry_from_dict(raw: Mapping[str, Any]) -> ReportEntry:
    """Read a stored entry, redacting again (stored data may come from anywhere); DataError if bad."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("channel"), str):
        raise DataError("신고 기록 항목의 형식이 맞지 않습니다")
    try:
        reported_at = to_kst(datetime.fromisoformat(str(raw.get("reported_at"))))
    except (ValueError, OverflowError):
        raise DataError("신고 기록의 시각을 읽을 수 없습니다") from None
    fields = {name: raw.get(name, "") for name in ("receipt_number", "agent", "memo")}
    texts = {"channel": raw["channel"], **fields}
    if not all(isinstance(v, str) and len(v) <= _LIMITS[k] * _STORED_SLACK for k, v in texts.items()):
        raise DataError("신고 기록 항목의 형식이 맞지 않습니다")
    return ReportEntry(
        channel=_clean("channel", raw["channel"]),
        reported_at=to_kst(reported_at).isoformat(timespec="seconds"),
        **{name: _clean(name, value) for name, value in fields.items()},
    )


def _when(entry: ReportEntry) -> str:
    at = datetime.fromisoformat(entry.reported_at)
    return f"{at.year}년 {at.month}월 {at.day}일 {at.hour:02d}:{at.minute:02d} (한국 시간)"


def export_text(entries: Iterable[ReportEntry], directory: Directory | None = None) -> str:
    """Korean plain text for copying and printing, oldest report first."""
    ordered = sorted(entries, key=lambda e: datetime.fromisoformat(e.reported_at))
    lines = ["분실·사고 신고 기록", "이 기록은 이 기기의 브라우저에만 저장됩니다. 카드·주민등록·계좌 번호는 가려져 있습니다.", ""]
    if not ordered:
        lines.append("아직 적어 둔 신고가 없습니다.")
    for number, entry in enumerate(ordered, start=1):
        channel = directory.channels.get(entry.channel) if directory is not None else None
        lines.append(f"{number}. {_when(entry)}")
        lines.append(f"   신고한 곳: {channel.name if channel is not None else entry.channel}")
        lines.append(f"   접수번호: {entry.receipt_number or '(없음)'}")
        if entry.agent:
            lines.append(f"   상담원: {entry.agent}")
        if entry.memo:
            memo_lines = entry.memo.splitlines() or [""]
            lines.append(f"   메모: {memo_lines[0]}")
            lines += [f"         {line}" for line in memo_lines[1:]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
