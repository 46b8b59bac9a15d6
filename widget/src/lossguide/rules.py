"""checklist.yml as a plain dict -> checked Checklist (steps bound to named rules).

Like ``data``, this checks what a schema cannot: ids that must exist (channels, rules, pages), ids
that must be unique, every rule used, and that every possible situation gets a plan whose first
step can be taken right away: on a 24-hour channel at home (checked, or explicitly only reported),
on a route that works from abroad when the customer is abroad. No dependencies, so the browser can
load the same dict.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from itertools import combinations, product
from typing import Any

from .data import Locate, Path, _fail, _nowhere
from .model import FLAGS, LOST_ITEMS, Checklist, Condition, Directory, Rule, Situation, Step
from .plan import steps_for

__all__ = ["all_situations", "checklist_from_dict", "describe_situation", "first_step_problem"]

# Phone numbers and times belong in contacts.yml; names such as '정부24' stay allowed.
_NUMBER_LIKE = re.compile(r"\d{3,}|\d\s*[:시]\s*\d|\d-\d")
_LOST_KO = {"card": "카드", "phone": "휴대폰", "id": "신분증", "otp": "OTP", "account-info": "계좌 정보"}
_FLAG_KO = {"stolen": "도난", "suspicious": "수상한 거래", "abroad": "해외"}


def all_situations() -> Iterator[Situation]:
    """Every non-empty combination of lost items and flags (time left out: it changes no step)."""
    for size in range(len(LOST_ITEMS) + 1):
        for lost in combinations(LOST_ITEMS, size):
            for values in product((False, True), repeat=len(FLAGS)):
                situation = Situation(lost=lost, **dict(zip(FLAGS, values, strict=True)))
                if not situation.is_empty():
                    yield situation


def describe_situation(situation: Situation) -> str:
    """Korean words for a situation, e.g. '카드, 휴대폰 분실 · 도난'."""
    parts = []
    if situation.lost:
        parts.append(", ".join(_LOST_KO[item] for item in situation.lost) + " 분실")
    parts += [_FLAG_KO[name] for name in FLAGS if name in situation.flags()]
    return " · ".join(parts)


def _condition(raw: Any) -> Condition:
    if raw == "always":
        return Condition(always=True)
    if raw is None:
        return Condition()
    if isinstance(raw, list):  # every condition in the list must hold
        return Condition(all_of=tuple(_condition(part) for part in raw))
    return Condition(
        lost=frozenset(raw.get("lost", ())),
        flags=frozenset(name for name in FLAGS if raw.get(name) is True),
    )


def _rules(raw: Mapping[str, Any]) -> dict[str, Rule]:
    return {
        rid: Rule(
            id=rid,
            description=str(item.get("description", "")),
            when=_condition(item["when"]),
            unless=_condition(item.get("unless")),
        )
        for rid, item in raw.items()
    }


def first_step_problem(situation: Situation, first: Step, directory: Directory) -> str | None:
    """Why a plan's first step cannot be taken at once, in Korean; None when it can.

    At home the first step is on a 24-hour channel: hours checked on an official page, or
    explicitly known to be 24 hours but unchecked (``hours: always`` + ``hours_claim: reported``);
    the build never needs the data to claim more than that. Abroad, a route that works from there
    (the app, an overseas number) beats a 24-hour number that cannot be dialled, so the first step
    must be on a channel whose contact is not ``domestic_only``.
    """
    channel = directory.channels.get(first.channel or "")
    if first.phase != "now" or channel is None:
        return f"첫 단계 '{first.id}'는 phase: now이고 채널(channel)이 있어야 합니다"
    if situation.abroad:
        contact = directory.contact_of(channel)
        if contact is None or contact.domestic_only:
            shown = f"연락처 '{contact.id}'는 domestic_only: true(국내 전용)입니다" if contact is not None else "연락처가 없습니다"
            return (
                f"해외에 있는 상황의 첫 단계 '{first.id}'는 해외에서도 쓸 수 있는 채널이어야 합니다 "
                f"(앱, 해외에서 거는 번호 등). 채널 '{channel.id}'의 {shown}"
            )
        return None
    if channel.schedule.kind != "always":
        return (
            f"첫 단계 '{first.id}'는 24시간 채널이어야 합니다: 확인한 24시간(hours: always) 또는 "
            f"24시간으로 알려짐(hours: always와 hours_claim: reported). 채널 '{channel.id}'는 24시간이 아닙니다"
        )
    return None


def _check_plans(checklist: Checklist, directory: Directory, locate: Locate) -> None:
    """Every situation must get a plan whose first step can be taken now (see first_step_problem)."""
    for situation in all_situations():
        steps = steps_for(checklist, situation)
        where = f"상황 '{describe_situation(situation)}'"
        if not steps:
            raise _fail(locate, ("steps",), f"{where}에 해당하는 단계가 하나도 없습니다. 모든 상황에 맞는 규칙(when: always)이 필요합니다")
        problem = first_step_problem(situation, steps[0], directory)
        if problem is not None:
            raise _fail(locate, ("steps",), f"{where}: {problem}")


def checklist_from_dict(
    raw: Mapping[str, Any],
    directory: Directory,
    locate: Locate = _nowhere,
    pages: Collection[str] | None = None,
    *,
    check_every_situation: bool = True,
) -> Checklist:
    """Build the checked Checklist; raise DataError naming the place of the first problem.

    ``pages`` are the guide pages that exist (docs paths); None skips that check (in the browser).
    """
    rules = _rules(raw["rules"])
    steps: list[Step] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["steps"]):
        path: Path = ("steps", i)
        sid = item["id"]
        if sid in seen:
            raise _fail(locate, path + ("id",), f"단계 id '{sid}'가 두 번 나옵니다. id는 한 번만 써야 합니다")
        seen.add(sid)
        if _NUMBER_LIKE.search(item["title"]):
            raise _fail(
                locate,
                path + ("title",),
                "단계 제목에 전화번호나 시간처럼 보이는 숫자가 있습니다. 번호와 시간은 contacts.yml에만 적고 채널(channel)로 연결하세요",
            )
        if item["rule"] not in rules:
            raise _fail(locate, path + ("rule",), f"rules에 없는 규칙 '{item['rule']}'을(를) 가리킵니다. 있는 규칙: {', '.join(rules)}")
        channel = item.get("channel")
        if channel is not None and channel not in directory.channels:
            raise _fail(locate, path + ("channel",), f"contacts.yml의 channels에 없는 채널 id '{channel}'입니다")
        if pages is not None and item["page"] not in pages:
            raise _fail(locate, path + ("page",), f"안내 문서 '{item['page']}'가 docs/에 없습니다. 'lost/phone.md'처럼 docs/ 아래 경로로 적어 주세요")
        steps.append(Step(id=sid, title=item["title"], phase=item["phase"], channel=channel, page=item["page"], rule=item["rule"]))
    used = {step.rule for step in steps}
    for rid in rules:
        if rid not in used:
            raise _fail(locate, ("rules", rid), f"규칙 '{rid}'을(를) 쓰는 단계가 없습니다. 단계를 추가하거나 규칙을 지우세요")
    checklist = Checklist(steps=tuple(steps), rules=rules)
    if check_every_situation:
        _check_plans(checklist, directory, locate)
    return checklist

