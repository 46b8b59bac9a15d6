"""Plain dicts (from YAML at build time, from JSON in the browser) -> checked domain records.

Structure and types are checked by the schema at build time (``sources``); this module checks what a
schema cannot: times, the verified/unverified rule and that every referenced id exists. It has no
dependencies so the browser can use it too. ``locate`` turns a key path into (file, line) for errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .errors import DataError
from .model import DAY_KINDS, Channel, Contact, Directory, Schedule, TimeRange, Verification

__all__ = ["OFFICIAL_DOMAINS", "Locate", "directory_from_dict", "is_official_url", "parse_range"]

Path = tuple[str | int, ...]
Locate = Callable[[Path], tuple[str | None, int | None]]


OFFICIAL_DOMAINS: tuple[str, ...] = (
    "kbanknow.com",  # 케이뱅크 (the bank itself)
    "fsc.go.kr",  # 금융위원회: runs 본인계좌 일괄지급정지 and 카드 일괄 분실신고 policy
    "fss.or.kr",  # 금융감독원: 1332, 파인, 개인정보노출자 사고예방시스템 (pd.fss.or.kr)
    "payinfo.or.kr",  # 금융결제원 어카운트인포 (계좌정보통합관리서비스)
    "accountinfo.or.kr",  # 금융결제원 어카운트인포, older address
    "police.go.kr",  # 경찰청, 112
    "counterscam112.go.kr",  # 경찰청 전기통신금융사기 통합대응단
    "lost112.go.kr",  # 경찰청 유실물 종합안내
    "gov.kr",  # 정부24
    "mois.go.kr",  # 행정안전부 (주민등록증)
    "korea.kr",  # 대한민국 정책브리핑 (government announcements)
    "law.go.kr",  # 국가법령정보센터 (statute texts)
    "kait.or.kr",  # 한국정보통신진흥협회
    "msafer.or.kr",  # 엠세이퍼, run by KAIT
    "0404.go.kr",  # 외교부 해외안전여행
)
"""Domains of the bodies that run the services this site points to. A fact may be marked checked
(``verified_on``) only with a ``source.url`` on one of these or their subdomains: a blog, a news story or
a listing can repeat a wrong number (numbers of another bank circulate as K Bank's), only the body that
runs the service can confirm it. Add a domain only for a body that runs a service the site names."""


def is_official_url(url: str) -> bool:
    """True for an http(s) address whose host is an official domain or one of its subdomains."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("https", "http") or not host:
        return False
    return any(host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS)


def _nowhere(_path: Path) -> tuple[str | None, int | None]:
    return None, None


def _fail(locate: Locate, path: Path, message: str) -> DataError:
    file, line = locate(path)
    return DataError(message, file=file, line=line)


def _minutes(text: str) -> int | None:
    hours, sep, minutes = text.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        return None
    h, m = int(hours), int(minutes)
    if (h, m) == (24, 0):
        return 1440
    if h > 23 or m > 59:
        return None
    return h * 60 + m


def parse_range(text: str) -> TimeRange | None:
    """'09:00-18:00' -> TimeRange; None when malformed, empty or crossing midnight."""
    start_text, sep, end_text = text.strip().partition("-")
    start, end = _minutes(start_text.strip()), _minutes(end_text.strip())
    if not sep or start is None or end is None or start >= end:
        return None
    return TimeRange(start, end)


def _schedule(raw: Any, path: Path, locate: Locate) -> Schedule:
    if raw in ("always", "unknown"):
        return Schedule(raw)
    if not isinstance(raw, Mapping):
        raise _fail(locate, path, "hours는 always, unknown 또는 요일별 시간표여야 합니다")
    days = []
    for key, value in raw.items():
        if key not in DAY_KINDS:
            raise _fail(locate, path + (key,), f"hours에 알 수 없는 요일 '{key}'가 있습니다. 쓸 수 있는 값: {', '.join(DAY_KINDS)}")
        if value == "closed":
            days.append((key, ()))
            continue
        texts = value if isinstance(value, list) else [value]
        ranges = []
        for i, text in enumerate(texts):
            parsed = parse_range(text) if isinstance(text, str) else None
            if parsed is None:
                where = path + (key, i) if isinstance(value, list) else path + (key,)
                raise _fail(
                    locate,
                    where,
                    f"시간 '{text}'을(를) 읽을 수 없습니다. \"09:00-18:00\"처럼 시작이 끝보다 앞선 형식이나 closed로 적어 주세요",
                )
            ranges.append(parsed)
        days.append((key, tuple(ranges)))
    return Schedule("weekly", tuple(days))


def _claimed(schedule: Schedule, raw: Mapping[str, Any], verification: Verification, path: Path, locate: Locate) -> Schedule:
    """Hours nobody checked must say so (``hours_claim: reported``): the site then never shows them as open."""
    claim = raw.get("hours_claim")
    if claim is not None and claim != "reported":
        raise _fail(locate, path + ("hours_claim",), f"hours_claim에는 reported만 쓸 수 있습니다 ('{claim}')")
    if schedule.kind == "unknown":
        if claim is not None:
            raise _fail(locate, path + ("hours_claim",), "hours: unknown에는 hours_claim을 적지 않습니다")
        return schedule
    if not verification.verified and claim is None:
        raise _fail(
            locate,
            path + ("hours",),
            "확인하지 않은 채널(unverified: true)의 운영 시간은 알려진 시간일 뿐입니다. "
            "hours_claim: reported를 함께 적거나(사이트에 '운영으로 알려짐 · 확인 필요'로 나옵니다) hours: unknown으로 적어 주세요",
        )
    return Schedule(schedule.kind, schedule.days, reported=claim == "reported")


def _verification(raw: Mapping[str, Any], path: Path, locate: Locate) -> Verification:
    verified_on, unverified = raw.get("verified_on"), raw.get("unverified")
    if (verified_on is None) == (unverified is not True):
        raise _fail(
            locate,
            path,
            "확인 여부를 하나만 적어 주세요: 확인했다면 verified_on: YYYY-MM-DD, 아직이면 unverified: true",
        )
    if unverified and not raw.get("check_at"):
        raise _fail(locate, path, "unverified: true인 항목에는 확인할 공식 채널 check_at(연락처 id)이 필요합니다")
    source = raw["source"]
    if unverified:
        if isinstance(source, Mapping):
            raise _fail(
                locate,
                path + ("source",),
                "확인하지 않은 사실(unverified: true)의 source에는 독자에게 보여 줄 설명 한 문장을 적어 주세요 (url·says 묶음은 확인한 사실에만 씁니다)",
            )
        return Verification(verified=False, source=str(source), check_at=raw.get("check_at"))
    if not isinstance(source, Mapping):
        raise _fail(
            locate,
            path + ("source",),
            "verified_on을 쓰려면 source에 공식 페이지의 주소(url)와 그 페이지가 확인해 주는 내용(says)을 적어야 합니다. "
            "공식 페이지가 없으면 unverified: true와 check_at을 적어 주세요",
        )
    url = str(source.get("url", ""))
    if not is_official_url(url):
        raise _fail(
            locate,
            path + ("source", "url"),
            f"'{url}'은(는) 서비스를 운영하는 기관의 공식 주소가 아닙니다. verified_on은 공식 페이지로 확인한 사실에만 씁니다 "
            f"(공식 도메인: {', '.join(OFFICIAL_DOMAINS)}). 아니면 unverified: true와 check_at을 적어 주세요",
        )
    copy = source.get("copy")
    if copy is not None and str(copy) > str(verified_on):
        raise _fail(locate, path + ("source", "copy"), f"보관본 날짜 {copy}이(가) 확인한 날 {verified_on}보다 뒤입니다")
    return Verification(
        verified=True,
        source=str(source["says"]),
        verified_on=str(verified_on),
        source_url=url,
        source_copy=str(copy) if copy is not None else None,
    )


def directory_from_dict(raw: Mapping[str, Any], locate: Locate = _nowhere) -> Directory:
    """Build the checked Directory; raise DataError naming the place of the first problem."""
    contacts: dict[str, Contact] = {}
    for cid, item in raw["contacts"].items():
        path: Path = ("contacts", cid)
        contacts[cid] = Contact(
            id=cid,
            name=item["name"],
            kind=item["kind"],
            value=item.get("value"),
            verification=_verification(item, path, locate),
            domestic_only=item.get("domestic_only") is True,
        )
    channels: dict[str, Channel] = {}
    for chid, item in raw["channels"].items():
        path = ("channels", chid)
        contact = item.get("contact")
        if contact is not None and contact not in contacts:
            raise _fail(locate, path + ("contact",), f"contacts에 없는 연락처 id '{contact}'를 가리킵니다")
        verification = _verification(item, path, locate)
        channels[chid] = Channel(
            id=chid,
            name=item["name"],
            contact=contact,
            schedule=_claimed(_schedule(item["hours"], path + ("hours",), locate), item, verification, path, locate),
            verification=verification,
        )
    for section, items in (("contacts", contacts), ("channels", channels)):
        for iid, thing in items.items():
            check_at = thing.verification.check_at
            if check_at is not None and check_at not in contacts:
                raise _fail(locate, (section, iid, "check_at"), f"check_at이 contacts에 없는 id '{check_at}'를 가리킵니다")
    hotline = raw["hotline"]
    if hotline not in channels:
        raise _fail(locate, ("hotline",), f"hotline이 channels에 없는 id '{hotline}'를 가리킵니다")
    if channels[hotline].schedule.kind != "always":
        raise _fail(locate, ("hotline",), "hotline은 24시간 채널(hours: always)이어야 합니다")
    return Directory(hotline=hotline, contacts=contacts, channels=channels)
