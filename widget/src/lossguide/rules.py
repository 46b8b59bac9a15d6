"""checklist.yml as a plain dict -> checked Checklist (steps bound to named rules).

Like ``data``, this checks what a schema cannot: ids that must exist (channels, rules, pages), ids
that must be unique, every rule used, and that every possible situation gets a plan whose first
step can be taken right away: on a 24-hour channel at home (checked, or explicitly only reported),
on a route that works from abroad when the customer is abroad. The kinds of lost items and the flags
come from the same file (``situation`` section): ``all_situations`` is the one way to enumerate what a
customer can say. No dependencies, so the browser can load the same dict.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from itertools import combinations, product
from typing import Any

from .data import Locate, Path, _fail, _nowhere
from .model import Checklist, Condition, Directory, Kind, Kinds, Rule, Situation, Step
from .plan import steps_for

__all__ = [
    "RESERVED_FLAG_IDS",
    "all_situations",
    "checklist_from_dict",
    "describe_situation",
    "first_step_problem",
    "kinds_from_dict",
]

# Phone numbers and times belong in contacts.yml; names such as '정부24' stay allowed.
_NUMBER_LIKE = re.compile(r"\d{3,}|\d\s*[:시]\s*\d|\d-\d")
# A flag id becomes a URL parameter (?stolen=1) and a CLI option (--stolen): these names are taken.
RESERVED_FLAG_IDS = ("lost", "h", "q", "at", "json", "data", "help", "years")


def kinds_from_dict(raw: Mapping[str, Any], locate: Locate = _nowhere) -> Kinds:
    """checklist.yml's ``situation`` section -> Kinds; DataError on a repeated or reserved id."""
    seen: set[str] = set()
    groups: dict[str, tuple[Kind, ...]] = {}
    for group in ("lost", "flags"):
        kinds = []
        for i, item in enumerate(raw[group]):
            kid = item["id"]
            path: Path = ("situation", group, i, "id")
            if kid in seen:
                raise _fail(locate, path, f"상황 id '{kid}'가 두 번 나옵니다. lost와 flags를 통틀어 id는 한 번만 써야 합니다")
            if group == "flags" and kid in RESERVED_FLAG_IDS:
                raise _fail(locate, path, f"'{kid}'는 주소와 명령줄에서 이미 쓰는 이름이라 상황 id로 쓸 수 없습니다. 쓸 수 없는 이름: {', '.join(RESERVED_FLAG_IDS)}")
            seen.add(kid)
            kinds.append(Kind(id=kid, label=str(item["label"]), question=str(item.get("question", ""))))
        groups[group] = tuple(kinds)
    return Kinds(lost=groups["lost"], flags=groups["flags"])


def all_situations(kinds: Kinds) -> Iterator[Situation]:
    """Every non-empty combination of lost items and flags (time left out: it changes no step).

    ``kinds`` is ``checklist.kinds`` (the data's ``situation`` section): 2**(items+flags) - 1 situations.
    """
    for size in range(len(kinds.lost) + 1):
        for lost in combinations(kinds.lost_ids, size):
            for values in product((False, True), repeat=len(kinds.flags)):
                flags = frozenset(f for f, on in zip(kinds.flag_ids, values, strict=True) if on)
                situation = Situation(lost=lost, flags=flags)
                if not situation.is_empty():
                    yield situation


def describe_situation(situation: Situation, kinds: Kinds) -> str:
    """Korean words for a situation in the data's order and labels, e.g. '체크카드, 휴대폰(케이뱅크 앱) 분실 · 도난'."""
    parts = []
    lost = [kind.label for kind in kinds.lost if kind.id in situation.lost]
    if lost:
        parts.append(", ".join(lost) + " 분실")
    parts += [kind.label for kind in kinds.flags if kind.id in situation.flags]
    return " · ".join(parts)


def _condition(raw: Any) -> Condition:
    if raw == "always":
        return Condition(always=True)
    if raw is None:
        return Condition()
    if isinstance(raw, list):  # every condition in the list must hold
        return Condition(all_of=tuple(_condition(part) for part in raw))
    # Every key but 'lost' is a flag id (the schema allows only the data's own ids, with true).
    return Condition(
        lost=frozenset(raw.get("lost", ())),
        flags=frozenset(name for name, value in raw.items() if name != "lost" and value is True),
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
    if "abroad" in situation.flags:
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
    for situation in all_situations(checklist.kinds):
        steps = steps_for(checklist, situation)
        where = f"상황 '{describe_situation(situation, checklist.kinds)}'"
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
    kinds = kinds_from_dict(raw["situation"], locate)
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
    checklist = Checklist(steps=tuple(steps), rules=rules, kinds=kinds)
    if check_every_situation:
        _check_plans(checklist, directory, locate)
    return checklist

