"""Situation -> plan: which steps apply, in which order, and which channels are open at that time.

The policy (which step applies when) lives in checklist.yml as named rules; this module only
applies it, so editors change the rules without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .hours import HolidayCalendar, is_open, next_open, to_kst
from .model import PHASES, Checklist, Directory, Situation, Step

__all__ = ["ChannelStatus", "Plan", "Situation", "channel_status", "make_plan", "steps_for"]


@dataclass(frozen=True, slots=True)
class ChannelStatus:
    """A channel at the plan's time: ``open`` is None when its hours or the day are unknown."""

    id: str
    name: str
    open: bool | None
    always_open: bool
    next_open: datetime | None
    verified: bool


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
    always = channel.schedule.kind == "always"
    return ChannelStatus(
        id=channel.id,
        name=channel.name,
        open=True if always else (is_open(channel, at, calendar) if at is not None else None),
        always_open=always,
        next_open=next_open(channel, at, calendar) if at is not None else None,
        verified=verified,
    )


def make_plan(directory: Directory, checklist: Checklist, calendar: HolidayCalendar, situation: Situation) -> Plan:
    """The whole plan for a situation; channels listed in the order the steps first use them."""
    at = to_kst(situation.at) if situation.at is not None else None
    steps = steps_for(checklist, situation)
    channel_ids = list(dict.fromkeys(step.channel for step in steps if step.channel is not None))
    statuses = tuple(channel_status(directory, cid, at, calendar) for cid in channel_ids)
    return Plan(situation=situation, at=at, steps=steps, channels=statuses)
