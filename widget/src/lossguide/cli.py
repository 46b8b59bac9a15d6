"""Command line: ``python -m lossguide plan [--lost ITEM]... [--stolen] [--suspicious] [--abroad]
[--at ISO-8601] --json``. The JSON shape is a contract other tools rely on (architecture.md).

``python -m lossguide bundle [--years FIRST LAST]`` prints the data bundle the browser (and the
Pyodide tests, via LOSSGUIDE_BUNDLE) load.

Exit codes: 0 plan printed, 1 data files broken, 2 bad input (one Korean line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from .bundle import load_bundle
from .errors import DataError
from .hours import KST, to_kst
from .model import LOST_ITEMS, PHASES, Situation
from .plan import Plan

__all__ = ["main", "plan_json"]

EXIT_DATA = 1
EXIT_USAGE = 2
_PHASE_KO = {"now": "지금 바로", "today": "오늘 안에", "later": "며칠 안에"}


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


def _lost_item(text: str) -> str:
    if text not in LOST_ITEMS:
        raise argparse.ArgumentTypeError(f"알 수 없는 분실 항목 '{text}'입니다. 쓸 수 있는 값: {', '.join(LOST_ITEMS)}")
    return text


def _instant(text: str) -> datetime:
    try:
        return to_kst(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: a year at the edge of what dates allow
        raise argparse.ArgumentTypeError(
            f"시각 '{text}'을(를) 읽을 수 없습니다. 예: 2026-12-25T03:00:00+09:00 (시간대를 빼면 한국 시간으로 봅니다)"
        ) from None


def _parser() -> _KoreanParser:
    parser = _KoreanParser(prog="python -m lossguide", description="케이뱅크 분실 신고 계획을 만듭니다")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_KoreanParser)
    plan = commands.add_parser("plan", help="상황에 맞는 신고 계획")
    plan.add_argument("--lost", action="append", default=[], type=_lost_item, help=f"잃어버린 것 ({', '.join(LOST_ITEMS)}), 여러 번 가능")
    plan.add_argument("--stolen", action="store_true", help="도난당했다")
    plan.add_argument("--suspicious", action="store_true", help="모르는 거래가 보인다")
    plan.add_argument("--abroad", action="store_true", help="지금 해외에 있다")
    plan.add_argument("--at", type=_instant, help="기준 시각 (ISO-8601, 기본: 지금)")
    plan.add_argument("--json", action="store_true", help="JSON으로 출력")
    plan.add_argument("--data", type=Path, help="데이터 폴더 (기본: LOSSGUIDE_DATA 또는 docs/data)")
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
    from .sources import build_bundle  # build-time dependencies, only needed by the CLI

    return build_bundle(data_dir.parent, years=years, display_root=Path.cwd())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    now = datetime.now(KST).replace(microsecond=0)
    try:
        args = _parser().parse_args(argv)
        if args.command == "bundle" and args.years and args.years[0] > args.years[1]:
            raise _UsageError("--years는 앞의 해가 뒤의 해보다 늦을 수 없습니다")
        if args.command == "plan":
            situation = Situation(
                lost=tuple(dict.fromkeys(args.lost)),
                stolen=args.stolen,
                suspicious=args.suspicious,
                abroad=args.abroad,
                at=args.at if args.at is not None else now,
            )
            if situation.is_empty():
                raise _UsageError("상황을 하나 이상 알려 주세요: --lost 항목, --stolen, --suspicious, --abroad 중 하나 이상")
    except _UsageError as exc:
        print(f"lossguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # Holidays for this year and next, like the site build; other dates are reported as unknown.
    years = tuple(args.years) if getattr(args, "years", None) else (now.year, now.year + 1)
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
