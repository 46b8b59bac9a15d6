"""Command line: ``python -m lossguide plan [--lost ITEM]... [--stolen] [--suspicious] [--abroad]
[--at ISO-8601] --json``. The ITEM values and the flag options come from the data file (checklist.yml,
section ``situation``): a kind an editor adds there is an option here without code. The JSON shape is a contract other tools rely on (architecture.md).

``python -m lossguide bundle [--years FIRST LAST]`` prints the data bundle the browser (and the
Pyodide tests, via LOSSGUIDE_BUNDLE) load.

Exit codes: 0 plan printed, 1 data files broken, 2 bad input (one Korean line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from . import texts
from .bundle import load_bundle
from .errors import DataError
from .hours import KST, to_kst
from .model import PHASES, Kinds, Situation
from .plan import Plan

__all__ = ["main", "plan_json"]

EXIT_DATA = 1
EXIT_USAGE = 2
_PHASE_KO = texts.PHASE_LABELS


class _UsageError(Exception):
    """Bad command-line input; the message is the one Korean line to print."""


class _KoreanParser(argparse.ArgumentParser):
    """argparse with Korean, one-line errors (its own messages are English and multi-line)."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("argument ") and ": " in message:
            option, _, detail = message.partition(": ")
            option = option.removeprefix("argument ")
            if option == "command":
                raise _UsageError("알 수 없는 명령입니다. 쓸 수 있는 명령: plan")
            if "expected one argument" in detail:
                raise _UsageError(f"{option} 뒤에 값이 필요합니다")
            raise _UsageError(detail if not detail.isascii() else f"{option}의 값이 올바르지 않습니다")
        if message.startswith("unrecognized arguments: "):
            raise _UsageError(f"알 수 없는 옵션입니다: {message.removeprefix('unrecognized arguments: ')}")
        if message.startswith("the following arguments are required"):
            raise _UsageError("명령이 필요합니다. 예: python -m lossguide plan --lost card --json")
        raise _UsageError("명령을 이해하지 못했습니다. 예: python -m lossguide plan --lost card --json")


def _lost_item(kinds: Kinds) -> Callable[[str], str]:
    """argparse type for --lost: one of the data's kinds of lost items, or a Korean error naming them."""
    allowed = ", ".join(f"{k.id}({k.label})" for k in kinds.lost)

    def check(text: str) -> str:
        if text not in kinds.lost_ids:
            raise argparse.ArgumentTypeError(f"알 수 없는 분실 항목 '{text}'입니다. 쓸 수 있는 값: {allowed}")
        return text

    return check


def _situation_options(plan: argparse.ArgumentParser, kinds: Kinds) -> None:
    """--lost ITEM (repeatable) and one --FLAG option per flag, all from the data's ``situation`` section."""
    plan.add_argument("--lost", action="append", default=[], type=_lost_item(kinds), help=f"잃어버린 것 ({', '.join(kinds.lost_ids)}), 여러 번 가능")
    for flag in kinds.flags:
        plan.add_argument(f"--{flag.id}", action="store_true", dest=f"flag:{flag.id}", help=flag.question)


def _situation(args: argparse.Namespace, kinds: Kinds, at: datetime) -> Situation:
    situation = Situation(
        lost=tuple(dict.fromkeys(args.lost)),
        flags=frozenset(f for f in kinds.flag_ids if getattr(args, f"flag:{f}")),
        at=at,
    )
    if situation.is_empty():
        options = ", ".join(["--lost 항목", *(f"--{f}" for f in kinds.flag_ids)])
        raise _UsageError(f"상황을 하나 이상 알려 주세요: {options} 중 하나 이상")
    return situation


def _kinds(argv: Sequence[str] | None) -> Kinds:
    """The kinds of the data folder the command line names (read before parsing: they are options)."""
    from .sources import load_kinds  # build-time dependencies, only needed by the CLI

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--data", type=Path)
    known, _ = early.parse_known_args(argv)
    path = _data_dir(known.data) / "checklist.yml"
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = str(path)
    return load_kinds(path, shown)


def _instant(text: str) -> datetime:
    try:
        return to_kst(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: a year at the edge of what dates allow
        raise argparse.ArgumentTypeError(
            f"시각 '{text}'을(를) 읽을 수 없습니다. 예: 2026-12-25T03:00:00+09:00 (시간대를 빼면 한국 시간으로 봅니다)"
        ) from None


def _parser(kinds: Kinds) -> _KoreanParser:
    parser = _KoreanParser(prog="python -m lossguide", description="케이뱅크 분실 신고 계획을 만듭니다")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_KoreanParser)
    plan = commands.add_parser("plan", help="상황에 맞는 신고 계획")
    _situation_options(plan, kinds)
    plan.add_argument("--at", type=_instant, help="기준 시각 (ISO-8601, 기본: 지금)")
    plan.add_argument("--json", action="store_true", help="JSON으로 출력")
    plan.add_argument("--data", type=Path, help="데이터 폴더: contacts.yml과 checklist.yml이 있는 곳 (기본: LOSSGUIDE_DATA 또는 docs/data)")
    bundle = commands.add_parser("bundle", help="브라우저용 데이터 묶음(JSON)")
    bundle.add_argument("--years", nargs=2, type=_year, metavar=("FIRST", "LAST"), help="공휴일을 넣을 해 (기본: 올해와 내년)")
    bundle.add_argument("--data", type=Path, help="데이터 폴더 (기본: LOSSGUIDE_DATA 또는 docs/data)")
    return parser


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"연도 '{text}'을(를) 읽을 수 없습니다. 예: 2026")
    return int(text)


def _stamp(at: datetime | None) -> str | None:
    return to_kst(at).isoformat(timespec="seconds") if at is not None else None


# Version of the JSON printed by ``plan --json`` (README, "명령줄 계약"). 2: ``open`` may be null,
# ``hours`` and ``expected_open`` added.
PLAN_CONTRACT = 2


def plan_json(plan: Plan) -> dict[str, Any]:
    """The contract's JSON object for a plan (README, contract version PLAN_CONTRACT).

    ``open`` is true/false only for hours checked on an official page, null otherwise (unknown,
    only reported, or a day outside the holiday calendar); ``expected_open`` is what the hours on
    record say, checked or not.
    """
    return {
        "contract": PLAN_CONTRACT,
        "at": _stamp(plan.at),
        "steps": [
            {"id": s.id, "title": s.title, "phase": s.phase, "channel": s.channel, "page": s.page} for s in plan.steps
        ],
        "channels": [
            {
                "id": c.id,
                "name": c.name,
                "open": c.open,
                "always_open": c.always_open,
                "next_open": _stamp(c.next_open),
                "verified": c.verified,
                "hours": c.hours,
                "expected_open": c.expected_open,
                "hours_known": c.hours != "unknown",
            }
            for c in plan.channels
        ],
    }


def _plan_text(plan: Plan) -> str:
    lines = [f"기준 시각: {_stamp(plan.at)}"]
    for phase in PHASES:
        steps = plan.phase(phase)
        if steps:
            lines.append(f"[{_PHASE_KO[phase]}]")
            lines += [f"  - {s.title} (안내: {s.page})" for s in steps]
    lines.append("[채널]")
    for c in plan.channels:
        state = "운영 시간 확인 필요" if c.open is None else ("지금 열림" if c.open else "지금 닫힘")
        if c.next_open is not None:
            state += f", 다음 열림 {_stamp(c.next_open)}"
        lines.append(f"  - {c.name}: {state}{'' if c.verified else ' (확인 필요)'}")
    return "\n".join(lines)


def _data_dir(option: Path | None) -> Path:
    """--data, then LOSSGUIDE_DATA, then docs/data in the cwd or a parent, then next to the source."""
    if option is not None:
        return option
    if os.environ.get("LOSSGUIDE_DATA"):
        return Path(os.environ["LOSSGUIDE_DATA"])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, *Path(__file__).resolve().parents):
        if (folder / "docs" / "data" / "contacts.yml").is_file():
            return folder / "docs" / "data"
    raise DataError("데이터 폴더(docs/data)를 찾을 수 없습니다. --data 폴더나 LOSSGUIDE_DATA를 지정하세요")


def _bundle_data(data_dir: Path, years: tuple[int, int]) -> dict[str, Any]:
    """The checked data of ``data_dir`` itself (no guide-page check: the CLI has no site)."""
    from .sources import load_site_data  # build-time dependencies, only needed by the CLI

    return dict(load_site_data(data_dir, years, display_root=Path.cwd()).raw)


def _holiday_years(args: argparse.Namespace, now: datetime) -> tuple[int, int]:
    """The years whose holidays are loaded: --years, else the year asked for (--at or now) and the next.

    Raises _UsageError (Korean) for a year the holidays library does not know.
    """
    from .sources import holiday_years

    first_known, last_known = holiday_years()
    if getattr(args, "years", None):
        first, last = args.years
    else:
        year = (args.at if getattr(args, "at", None) is not None else now).year
        first, last = year, (year + 1 if year < last_known else year)
    if first < first_known or last > last_known:
        asked = f"{first}년" if first == last or args.command == "plan" else f"{first}~{last}년"
        raise _UsageError(
            f"{asked}의 한국 공휴일은 알 수 없어 채널이 열려 있는지 답할 수 없습니다. "
            f"{first_known}년부터 {last_known}년 사이의 시각으로 물어 주세요"
        )
    return first, last


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    now = datetime.now(KST).replace(microsecond=0)
    try:
        kinds = _kinds(argv)
    except DataError as exc:
        print(f"lossguide: 데이터 오류: {exc}", file=sys.stderr)
        return EXIT_DATA
    try:
        args = _parser(kinds).parse_args(argv)
        if args.command == "bundle" and args.years and args.years[0] > args.years[1]:
            raise _UsageError("--years는 앞의 해가 뒤의 해보다 늦을 수 없습니다")
        if args.command == "plan":
            situation = _situation(args, kinds, args.at if args.at is not None else now)
        years = _holiday_years(args, now)
    except _UsageError as exc:
        print(f"lossguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = _bundle_data(_data_dir(args.data), years)
        bundle = load_bundle(data)
    except DataError as exc:
        print(f"lossguide: 데이터 오류: {exc}", file=sys.stderr)
        return EXIT_DATA
    if args.command == "bundle":
        print(json.dumps(data, ensure_ascii=False))
        return 0
    plan = bundle.plan(situation)
    print(json.dumps(plan_json(plan), ensure_ascii=False) if args.json else _plan_text(plan))
    return 0
