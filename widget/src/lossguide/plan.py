"""Situation -> plan: which steps apply, in which order, and which channels are open at that time.

The policy (which step applies when) lives in checklist.yml as named rules; this module only
applies it, so editors change the rules without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .hours import HolidayCalendar, is_open, next_open, to_kst
from .model import PHASES, Channel, Checklist, Directory, Situation, Step

__all__ = [
    "HOURS_REPORTED",
    "HOURS_UNKNOWN",
    "HOURS_VERIFIED",
    "ChannelStatus",
    "Plan",
    "Situation",
    "channel_status",
    "hours_claim",
    "make_plan",
    "steps_for",
]


# How far the hours on record can be trusted: checked on an official page, only reported, or unknown.
HOURS_VERIFIED, HOURS_REPORTED, HOURS_UNKNOWN = "verified", "reported", "unknown"


@dataclass(frozen=True, slots=True)
class ChannelStatus:
    """A channel at the plan's time.

    ``open`` is True/False only when the hours were checked (``hours == 'verified'``); None when
    they are unknown, only reported, or the day is outside the holiday calendar. ``expected_open``
    and ``next_open`` say what the hours on record give, checked or not (``hours`` tells which):
    a renderer may show them as "known to be", never as an open status.
    """

    id: str
    name: str
    open: bool | None
    always_open: bool  # the hours on record say 24 hours (see ``hours`` for whether anyone checked)
    next_open: datetime | None
    verified: bool  # the channel and its contact are both verified
    hours: str = HOURS_UNKNOWN  # HOURS_VERIFIED | HOURS_REPORTED | HOURS_UNKNOWN
    expected_open: bool | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """Ordered steps (now, today, later; editor order inside a phase) and their channels' status."""

    situation: Situation
    at: datetime | None
    steps: tuple[Step, ...]
    channels: tuple[ChannelStatus, ...]

    def phase(self, name: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.phase == name)


def steps_for(checklist: Checklist, situation: Situation) -> tuple[Step, ...]:
    """The steps whose rule applies, ordered by phase and then as written in the data file."""
    chosen = [step for step in checklist.steps if checklist.rules[step.rule].applies(situation)]
    # sorted() is stable, so editor order survives inside each phase.
    return tuple(sorted(chosen, key=lambda step: PHASES.index(step.phase)))


def channel_status(directory: Directory, channel_id: str, at: datetime | None, calendar: HolidayCalendar) -> ChannelStatus:
    """Open/next opening of one channel; a channel counts as verified only if its contact is too."""
    channel = directory.channels[channel_id]
    contact = directory.contact_of(channel)
    verified = channel.verification.verified and (contact is None or contact.verification.verified)
    hours = hours_claim(channel)
    always = channel.schedule.kind == "always"
    expected = True if always else (is_open(channel, at, calendar) if at is not None else None)
    return ChannelStatus(
        id=channel.id,
        name=channel.name,
        open=expected if hours == HOURS_VERIFIED else None,
        always_open=always,
        next_open=next_open(channel, at, calendar) if at is not None else None,
        verified=verified,
        hours=hours,
        expected_open=expected,
    )


def hours_claim(channel: Channel) -> str:
    """HOURS_UNKNOWN, HOURS_REPORTED (``hours_claim: reported``) or HOURS_VERIFIED.

    data.py lets an unverified channel carry hours only with ``hours_claim: reported``, so hours not
    marked reported are hours on a verified channel.
    """
    if channel.schedule.kind == "unknown":
        return HOURS_UNKNOWN
    return HOURS_REPORTED if channel.schedule.reported or not channel.verification.verified else HOURS_VERIFIED


def make_plan(directory: Directory, checklist: Checklist, calendar: HolidayCalendar, situation: Situation) -> Plan:
    """The whole plan for a situation; channels listed in the order the steps first use them."""
    at = to_kst(situation.at) if situation.at is not None else None
    steps = steps_for(checklist, situation)
    channel_ids = list(dict.fromkeys(step.channel for step in steps if step.channel is not None))
    statuses = tuple(channel_status(directory, cid, at, calendar) for cid in channel_ids)
    return Plan(situation=situation, at=at, steps=steps, channels=statuses)
