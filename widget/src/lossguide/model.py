"""Frozen domain records shared by every module; plain data, no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "DAY_KINDS",
    "PHASES",
    "Channel",
    "Checklist",
    "Condition",
    "Contact",
    "Directory",
    "Kind",
    "Kinds",
    "Rule",
    "Schedule",
    "Situation",
    "Step",
    "TimeRange",
    "Verification",
]

# Keys of a weekly schedule in the data file: Monday-Friday, Saturday, Sunday, public holidays.
DAY_KINDS = ("weekdays", "saturday", "sunday", "holidays")


@dataclass(frozen=True, slots=True)
class Verification:
    """How sure we are of a fact: verified on a date from a source, or flagged '확인 필요'."""

    verified: bool
    source: str  # verified: what the official page confirms; unverified: a note for the reader
    verified_on: str | None = None  # ISO date, only when verified
    check_at: str | None = None  # contact id of the official place to check, when unverified
    source_url: str | None = None  # the official page read, only when verified
    source_copy: str | None = None  # ISO date of the stored copy read, when not read live


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
    """``kind`` is 'always', 'unknown' or 'weekly'; ``days`` maps a DAY_KINDS key to its ranges.

    ``reported`` is True when the hours are what is known or said (``hours_claim: reported``) but
    nobody has checked them on an official page: they are shown as such, never as an open status.
    """

    kind: str
    days: tuple[tuple[str, tuple[TimeRange, ...]], ...] = ()
    reported: bool = False

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
    domestic_only: bool = False  # e.g. a 15xx number or 112: may not connect (or not to us) from abroad


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


# --- Checklist rules and situations --------------------------------------------------------------

# Plan order: what to do right now, later today, and in the following days.
PHASES = ("now", "today", "later")


@dataclass(frozen=True, slots=True)
class Kind:
    """One answer the situation form offers, from checklist.yml's ``situation`` section.

    ``label`` names it everywhere (form, plan heading, CLI help); ``question`` is the form's wording
    for a flag ('도난당한 것 같아요'), empty for a kind of lost item (its label is the form's wording).
    """

    id: str
    label: str
    question: str = ""


@dataclass(frozen=True, slots=True)
class Kinds:
    """What a customer can say: kinds of lost items and yes/no flags, in the editors' order."""

    lost: tuple[Kind, ...]
    flags: tuple[Kind, ...]

    @property
    def lost_ids(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.lost)

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.flags)

    def label(self, kind_id: str) -> str:
        """The Korean label of a lost item or flag id; KeyError for an id the data does not name."""
        for kind in (*self.lost, *self.flags):
            if kind.id == kind_id:
                return kind.label
        raise KeyError(kind_id)


@dataclass(frozen=True, slots=True)
class Situation:
    """What the customer told us: lost items (ids), flags (ids such as 'stolen'), and when.

    Ids are those of the data's ``situation`` section (``Kinds``); ``at`` is an aware datetime, or
    None when no time is given; it only affects channel status.
    """

    lost: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    at: datetime | None = None

    def __post_init__(self) -> None:
        # Accept any iterable of flag ids (a tuple, a set) and keep one canonical, hashable form.
        object.__setattr__(self, "flags", frozenset(self.flags))
        object.__setattr__(self, "lost", tuple(self.lost))

    def is_empty(self) -> bool:
        return not self.lost and not self.flags


@dataclass(frozen=True, slots=True)
class Condition:
    """A set of facts; it matches a situation when any one of them holds ('always' matches all).

    With ``all_of`` (a list in the data file) it matches when every one of those conditions does.
    """

    always: bool = False
    lost: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    all_of: tuple[Condition, ...] = ()

    def matches(self, situation: Situation) -> bool:
        if self.all_of:
            return all(part.matches(situation) for part in self.all_of)
        return self.always or bool(self.lost.intersection(situation.lost)) or bool(self.flags & situation.flags)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named policy: its steps apply when ``when`` matches and ``unless`` does not."""

    id: str
    description: str
    when: Condition
    unless: Condition = Condition()

    def applies(self, situation: Situation) -> bool:
        return self.when.matches(situation) and not self.unless.matches(situation)


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do, bound to exactly one rule; ``page`` is a docs path like 'lost/phone.md'."""

    id: str
    title: str
    phase: str
    channel: str | None
    page: str
    rule: str


@dataclass(frozen=True, slots=True)
class Checklist:
    """Everything in checklist.yml, cross-checked: steps in editor order, rules by id."""

    steps: tuple[Step, ...]
    rules: dict[str, Rule] = field(default_factory=dict)
    kinds: Kinds = Kinds(lost=(), flags=())
