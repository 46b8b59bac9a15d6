"""Frozen domain records shared by every module; plain data, no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Channel",
    "Contact",
    "Directory",
    "Schedule",
    "TimeRange",
    "Verification",
    "DAY_KINDS",
]

# Keys of a weekly schedule in the data file: Monday-Friday, Saturday, Sunday, public holidays.
DAY_KINDS = ("weekdays", "saturday", "sunday", "holidays")


@dataclass(frozen=True, slots=True)
class Verification:
    """How sure we are of a fact: verified on a date from a source, or flagged '확인 필요'."""

    verified: bool
    source: str
    verified_on: str | None = None  # ISO date, only when verified
    check_at: str | None = None  # contact id of the official place to check, when unverified


@dataclass(frozen=True, slots=True)
class TimeRange:
    """Minutes after midnight; ``end`` may be 1440 (24:00). Ranges never cross midnight."""

    start: int
    end: int

    def contains(self, minute: int) -> bool:
        return self.start <= minute < self.end

    def label(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}~{self.end // 60:02d}:{self.end % 60:02d}"


@dataclass(frozen=True, slots=True)
class Schedule:
    """``kind`` is 'always', 'unknown' or 'weekly'; ``days`` maps a DAY_KINDS key to its ranges."""

    kind: str
    days: tuple[tuple[str, tuple[TimeRange, ...]], ...] = ()

    def ranges(self, day_kind: str) -> tuple[TimeRange, ...]:
        return dict(self.days).get(day_kind, ())


@dataclass(frozen=True, slots=True)
class Contact:
    """A phone number, web address or app: one fact, stated once."""

    id: str
    name: str
    kind: str  # phone | web | app | chat
    value: str | None
    verification: Verification


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to get something done (report, stop payments), through a contact, at certain hours."""

    id: str
    name: str
    contact: str | None
    schedule: Schedule
    verification: Verification


@dataclass(frozen=True, slots=True)
class Directory:
    """Everything in contacts.yml, cross-checked: ids resolve, the hotline exists."""

    hotline: str
    contacts: dict[str, Contact] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)

    def contact_of(self, channel: Channel) -> Contact | None:
        return self.contacts.get(channel.contact) if channel.contact else None
