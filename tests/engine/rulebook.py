"""A small fixture rulebook for engine tests: three rules, three steps, two channels.

Engine tests check the engine on data made for them; the production data (docs/data) has its own
content tests. The fixture keeps any other key of the production bundle's sections (so a new field
added to the bundle format reaches it) and replaces the contacts, rules, steps and holidays.
"""

from __future__ import annotations

import copy
from typing import Any

UNVERIFIED = {"unverified": True, "source": "시험용 자료", "check_at": "bank_web"}

CONTACTS = {
    "hotline": "loss_line",
    "contacts": {
        "bank_phone": {"name": "시험 은행 전화", "kind": "phone", "value": "02-000-0000", **UNVERIFIED},
        "bank_web": {"name": "시험 은행 누리집", "kind": "web", "value": "https://bank.example", **UNVERIFIED},
    },
    "channels": {
        "loss_line": {"name": "시험 분실 신고 전화", "contact": "bank_phone", "hours": "always", "hours_claim": "reported", **UNVERIFIED},
        "branch": {
            "name": "시험 창구",
            "contact": "bank_web",
            "hours": {"weekdays": "09:00-16:00", "saturday": "09:00-12:00", "sunday": "09:00-12:00", "holidays": "09:00-12:00"},
            "hours_claim": "reported",
            **UNVERIFIED,
        },
    },
}
RULES = {
    "any": {"description": "어떤 상황이든", "when": "always"},
    "card": {"description": "카드를 잃어버렸다", "when": {"lost": ["card"]}},
    "theft": {"description": "도난당했다", "when": {"stolen": True}},
}
STEPS = [
    {"id": "call_line", "title": "분실 신고 전화로 신고하기", "phase": "now", "channel": "loss_line", "page": "index.md", "rule": "any"},
    {"id": "police", "title": "경찰에 알리기", "phase": "today", "channel": "loss_line", "page": "index.md", "rule": "theft"},
    {"id": "new_card", "title": "창구에서 새 카드 받기", "phase": "later", "channel": "branch", "page": "index.md", "rule": "card"},
]
HOLIDAYS = {"first_year": 2026, "last_year": 2027, "dates": {"2026-12-25": "성탄절", "2027-12-25": "성탄절"}, "source": "시험용"}


def small_bundle(production: dict[str, Any]) -> dict[str, Any]:
    """The fixture rulebook in the bundle format of ``production`` (same version and extra keys)."""
    bundle = copy.deepcopy(production)
    bundle["contacts"] = {**bundle["contacts"], **copy.deepcopy(CONTACTS)}
    bundle["checklist"] = {**bundle["checklist"], "rules": copy.deepcopy(RULES), "steps": copy.deepcopy(STEPS)}
    bundle["holidays"] = {**bundle["holidays"], **copy.deepcopy(HOLIDAYS)}
    return bundle
