"""Write tests/redaction/corpus.jsonl: labelled Korean memo lines for the redaction benchmark and tests.

    python tests/redaction/make_corpus.py          # rewrite corpus.jsonl (deterministic, seeded)

Each line of the corpus is one JSON object: {"text": ..., "spans": [[start, end, kind], ...], "source": ...}.
Kinds that must be masked: card, rrn, account. Kinds that must stay exactly as typed: phone, date, time,
amount, receipt, number. Offsets are Python string indices into ``text``.

Lines come from hand.txt (written by hand, markup ``{kind:text}``, ``\\uXXXX`` for invisible characters)
and from the templates below, which put every sensitive class beside every kept class with the
separators people and keyboards produce (full-width space, no-break space, line breaks, commas,
zero-width characters, dashes of every kind).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENSITIVE = ("card", "rrn", "account")
KEPT = ("phone", "date", "time", "amount", "receipt", "number")
_MARK = re.compile(r"\{(card|rrn|account|phone|date|time|amount|receipt|number):([^{}]*)\}")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def parse_markup(line: str) -> tuple[str, list[list]]:
    """Text and spans from a line with ``{kind:text}`` marks."""
    line = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line)
    out, spans, pos = [], [], 0
    for match in _MARK.finditer(line):
        out.append(line[pos : match.start()])
        start = sum(map(len, out))
        out.append(match.group(2))
        spans.append([start, start + len(match.group(2)), match.group(1)])
        pos = match.end()
    out.append(line[pos:])
    return "".join(out), spans


# ---------------------------------------------------------------------- number makers


def luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body + "0")):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return body + str((10 - total % 10) % 10)


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


CARD_SEPARATORS = [" ", "-", "", "\u3000", "\u00a0", "\n", ",", "\u200b", ".", " - ", "–", "  ", "\u2011", "－"]
ACCOUNT_SEPARATORS = ["-", "-", ".", " ", "", "\u2010", " - "]
RRN_SEPARATORS = ["-", "", " ", " - ", "–", "\u00a0", "\u3000", "－"]


def card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "master", "bc", "amex", "union", "master2"])
    if kind == "amex":
        number = luhn_complete(rng.choice(["34", "37"]) + digits(rng, 12))
        groups = [number[:4], number[4:10], number[10:]]
    else:
        prefix = {"visa": "4", "master": "5" + rng.choice("12345"), "bc": "94" + rng.choice("1234"),
                  "union": "62", "master2": "2" + rng.choice("234")}[kind]  # fmt: skip
        number = luhn_complete(prefix + digits(rng, 15 - len(prefix)))
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    sep = rng.choice(CARD_SEPARATORS)
    if sep == "\u200b":
        return "\u200b".join(groups) if rng.random() < 0.5 else " \u200b".join(groups)
    return sep.join(groups)


def birth(rng: random.Random) -> str:
    return f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def rrn(rng: random.Random) -> str:
    back = rng.choice("12345678") + digits(rng, 6)
    return birth(rng) + rng.choice(RRN_SEPARATORS) + back


ACCOUNT_LAYOUTS = [
    (3, 3, 6),  # 케이뱅크, 신한
    (3, 2, 6),
    (6, 2, 6),  # 국민, 우체국
    (4, 3, 6),  # 우리
    (3, 6, 5),  # 하나
    (3, 4, 4, 2),  # 농협
    (4, 2, 7),  # 카카오뱅크
    (4, 4, 4),  # 토스뱅크
    (3, 6, 2, 3),  # 기업
    (3, 2, 4, 3),
]


def account(rng: random.Random) -> str:
    layout = rng.choice(ACCOUNT_LAYOUTS)
    sep = rng.choice(ACCOUNT_SEPARATORS)
    first = rng.choice("123456789") + digits(rng, layout[0] - 1)
    if first.startswith(("15", "16", "18")) and layout[0] == 4:
        first = "3" + first[1:]
    groups = [first] + [digits(rng, n) for n in layout[1:]]
    return sep.join(groups)


def phone(rng: random.Random) -> str:
    sep = rng.choice(["-", "-", "-", " ", "", "."])
    form = rng.choice(["mobile", "mobile", "seoul", "area", "050", "070", "080", "service", "intl"])
    mid = digits(rng, rng.choice([3, 4]))
    if form == "mobile":
        return sep.join(
            [
                rng.choice(["010", "010", "011", "016", "017", "019"]),
                rng.choice("23456789") + digits(rng, 3),
                digits(rng, 4),
            ]
        )
    if form == "seoul":
        return sep.join(["02", rng.choice("23456789") + mid[1:], digits(rng, 4)])
    if form == "area":
        code = rng.choice(
            [
                "031",
                "032",
                "033",
                "041",
                "042",
                "043",
                "044",
                "051",
                "052",
                "053",
                "054",
                "055",
                "061",
                "062",
                "063",
                "064",
            ]
        )
        return sep.join([code, rng.choice("23456789") + mid[1:], digits(rng, 4)])
    if form == "050":
        return sep.join(
            [rng.choice(["0502", "0504", "0505", "0506", "0507"]), rng.choice("123456789") + mid[1:], digits(rng, 4)]
        )
    if form in ("070", "080"):
        return sep.join([form, rng.choice("23456789") + mid[1:], digits(rng, 4)])
    if form == "service":
        return rng.choice(["15", "16", "18"]) + digits(rng, 2) + rng.choice(["-", "-", " ", ""]) + digits(rng, 4)
    local = rng.choice(["10", "10", "2", "31"])
    body = [local, rng.choice("23456789") + digits(rng, 3), digits(rng, 4)]
    return rng.choice(["+82-", "+82 ", "+82"]) + ("-" if sep == "" else sep).join(body)


def date(rng: random.Random) -> str:
    y, m, d = rng.randint(2024, 2027), rng.randint(1, 12), rng.randint(1, 28)
    form = rng.choice(["dash", "dot", "dotspace", "slash", "compact", "short"])
    return {
        "dash": f"{y}-{m:02d}-{d:02d}",
        "dot": f"{y}.{m:02d}.{d:02d}",
        "dotspace": f"{y}. {m}. {d}.",
        "slash": f"{y}/{m:02d}/{d:02d}",
        "compact": f"{y}{m:02d}{d:02d}",
        "short": f"{y % 100:02d}.{m:02d}.{d:02d}",
    }[form]


def time(rng: random.Random) -> str:
    h, m = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice([f"{h:02d}:{m:02d}", f"{h}:{m:02d}", f"{h:02d}:{m:02d}:{rng.randint(0, 59):02d}"])


def amount(rng: random.Random) -> str:
    form = rng.choice(["man", "comma", "plain", "cheon", "big"])
    if form == "man":
        return f"{rng.randint(1, 999)}만원"
    if form == "comma":
        return f"{rng.randint(1, 9999) * 1000:,}원"
    if form == "plain":
        return f"{rng.randint(1, 999) * 1000}원"
    if form == "cheon":
        return f"{rng.randint(1, 9)}만 {rng.randint(1, 9)}천원"
    return f"{rng.randint(1000, 99999) * 100000:,}원"


def receipt(rng: random.Random) -> tuple[str, str]:
    """Label and receipt number."""
    label = rng.choice(
        ["접수번호", "접수번호:", "접수번호는", "사건번호", "신고번호", "접수 번호", "처리번호", "민원번호:"]
    )
    y, m, d = rng.randint(2025, 2027), rng.randint(1, 12), rng.randint(1, 28)
    number = rng.choice([
        f"{y}{m:02d}{d:02d}-{rng.randint(1, 999999):06d}",
        f"A{y}{m:02d}{d:02d}{rng.randint(1, 99999):05d}",
        f"{rng.choice('ABKR')}{digits(rng, 11)}",
        f"{y}-{rng.randint(1, 99999):05d}",
        f"{digits(rng, 8)}",
        f"{y % 100:02d}{m:02d}{d:02d}-{digits(rng, 4)}",
    ])  # fmt: skip
    return label, number


def number(rng: random.Random) -> str:
    return str(rng.randint(1, 12))


# ---------------------------------------------------------------------- templates

# Sentences: {S} is a sensitive number (with its label word), {K...} kept items. Glued placements
# (sensitive number then a space and an amount, a count, a time) are the ones that leaked before.
TEMPLATES = [
    "{S} {amount} 빠져나감",
    "{S} {number}번 확인함",
    "{S} {time} 통화",
    "{date} {time} {S} 분실 신고",
    "{S}, 콜백 {phone} {time}",
    "{phone} / {phone} 으로 {S} 문의",
    "상담 {phone} {S} {amount} 결제 시도",
    "{S} 관련 {receipt} 받음",
    "{receipt}, {S}",
    "{date} 분실 {S} 정지 요청 {phone}",
    "오늘 {time}에 {phone}로 전화해서 {S} 말함",
    "{S}\n{phone} 회신",
    "{amount} 이체 {date} {S}",
    "{S} {date}",
    "{S} {phone}",
    "{phone} {S}",
    "{S} / {S2}",
    "{receipt} {S} {amount}",
    "{date} {time} {phone} 상담원 김OO {S}",
    "{S} {number}회 결제 {amount}",
]

SENSITIVE_LABELS = {
    "card": ["카드", "카드번호", "신용카드", "체크카드 번호", "카드 번호는", ""],
    "rrn": ["주민번호", "주민등록번호", "외국인등록번호", "주민번호는", ""],
    "account": ["계좌", "계좌번호", "입금계좌", "케이뱅크 계좌", "출금 계좌", ""],
}


def generated(rng: random.Random, count: int) -> list[dict]:
    makers = {"card": card, "rrn": rrn, "account": account, "phone": phone, "date": date, "time": time,
              "amount": amount, "number": number}  # fmt: skip
    lines = []
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        kinds = [SENSITIVE[(index // len(TEMPLATES) + k) % 3] for k in range(2)]
        markup, sensitive_seen = [], 0
        for piece in re.split(r"(\{[A-Za-z0-9]+\})", template):
            name = piece[1:-1] if piece.startswith("{") else None
            if name is None:
                markup.append(piece)
            elif name in ("S", "S2"):
                kind = kinds[sensitive_seen % 2]
                sensitive_seen += 1
                label = rng.choice(SENSITIVE_LABELS[kind])
                markup.append((label + " " if label else "") + "{" + kind + ":" + makers[kind](rng) + "}")
            elif name == "receipt":
                label, value = receipt(rng)
                markup.append(label + " {receipt:" + value + "}")
            else:
                markup.append("{" + name + ":" + makers[name](rng) + "}")
        text, spans = parse_markup("".join(markup))
        lines.append({"text": text, "spans": spans, "source": f"generated:{index % len(TEMPLATES)}"})
    return lines


def split_rrn_lines(rng: random.Random, count: int) -> list[dict]:
    """The birth date and the back seven digits typed apart."""
    forms = [
        "생년월일 {rrn:B} 뒷자리 {rrn:R}",
        "생년월일 {rrn:B}, 주민번호 뒷자리 {rrn:R} 불러줌 {time:T}",
        "주민번호 앞 {rrn:B} 뒤 {rrn:R}",
        "{rrn:B} 뒷번호 {rrn:R} {number:N}번",
    ]
    lines = []
    for index in range(count):
        form = forms[index % len(forms)]
        markup = (
            form.replace("B", birth(rng))
            .replace("R", rng.choice("12345678") + digits(rng, 6))
            .replace("T", time(rng))
            .replace("N", number(rng))
        )
        text, spans = parse_markup(markup)
        lines.append({"text": text, "spans": spans, "source": "generated:rrn-split"})
    return lines


def hand_written() -> list[dict]:
    lines = []
    for raw in (HERE / "hand.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text, spans = parse_markup(raw.replace("\\r", "\r").replace("\\n", "\n"))
        lines.append({"text": text, "spans": spans, "source": "hand"})
    return lines


def build(seed: int = 11, count: int = 480) -> list[dict]:
    rng = random.Random(seed)
    return hand_written() + generated(rng, count) + split_rrn_lines(rng, 24)


def main() -> None:
    corpus = build()
    with (HERE / "corpus.jsonl").open("w", encoding="utf-8", newline="\n") as out:
        for line in corpus:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(corpus)} lines -> {HERE / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
