"""What the editors' checks look for in a page's source text (pure functions; editors.py reports them).

Every function takes the page's whole source as written (front matter included) so lines are the
lines of the file the editor opens. Code spans and fences are blanked first: the editors' guide
shows shortcodes and examples there.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable

CODE = re.compile(r"^(```|~~~).*?^\1|(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)", re.M | re.S)
def blank_code(text: str) -> str:
    """The text with code spans and fences replaced by spaces (same length, same line breaks)."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


# --- Facts in any width or notation ---------------------------------------------------------------

# Dashes and spaces people (and input methods) type between digit groups; NFKC leaves these alone.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SEP = r"[ .\-]?"
# Korean phone numbers in any notation, once normalised: 1522-1000, 1522.1000, 15221000, 02 2222 3333,
# 010-1234-5678, +82 2 2222 3333, +82-10-1234-5678 (a ☎ or 'Tel' before it changes nothing).
PHONE_ANY = re.compile(
    rf"(?<![\d+])(?:\+82{_SEP}0?\d{{1,2}}{_SEP}\d{{3,4}}{_SEP}\d{{4}}|1[5-9]\d{{2}}{_SEP}\d{{4}}|0\d{{1,2}}{_SEP}\d{{3,4}}{_SEP}\d{{4}})(?!\d)"
)


def normalise(text: str) -> str:
    """Full-width digits and letters, every dash and space to ASCII, character by character.

    Each character maps to exactly one (NFKC where that gives one character), so positions and
    lines stay those of the file.
    """
    out = []
    for ch in text:
        if ch in _DASHES:
            out.append("-")
        elif ch in _SPACES or ch == "\t":
            out.append(" ")
        else:
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def facts_in_any_notation(text: str, contact_values: Iterable[str]) -> list[tuple[int, str]]:
    """(line, as written) of phone numbers and known addresses, whatever width or separators were used."""
    plain = normalise(blank_code(text))
    hits = [(m.start(), m.end()) for m in PHONE_ANY.finditer(plain)]
    for value in contact_values:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", normalise(value).strip(), flags=re.I).rstrip("/")
        if not host or re.fullmatch(r"[\d\s.+-]+", host):
            continue  # numbers are the phone pattern's job; short ones (112) are ordinary words
        pattern = rf"(?<![\w.-])(?:https?://)?(?:www\.)?{re.escape(host)}(?![\w-])"
        hits += [(m.start(), m.end()) for m in re.finditer(pattern, plain, re.I)]
    # Any other web address: a link to a look-alike site is as dangerous as a wrong number.
    hits += [(m.start(), m.end()) for m in WEB_ADDRESS.finditer(plain)]
    return sorted((line_of(plain, start), text[start:end]) for start, end in set(hits))


# http(s)://..., or www.something / something.co.kr-like hosts written bare; Markdown links included.
WEB_ADDRESS = re.compile(r"https?://[^\s)>\]]+|(?<![\w.@/-])www\.[\w-]+(?:\.[\w-]+)+", re.I)


# --- Times in checklist step titles -----------------------------------------------------------------

# A clock time or a range of hours: 9시, 오전 9시, 9시~18시, 09:00, 9:00-18:00, 18시 30분, 3 p.m.
TIME_LIKE = re.compile(r"\d{1,2}\s*(?:시(?!간)|:\s*\d{2})|\d\s*[~-]\s*\d|\d{3,}|\d\s*(?:a\.?m|p\.?m)\b", re.I)


def time_or_number(title: str) -> str | None:
    """The part of a step title that looks like a time, an hour range or a phone number, else None."""
    found = TIME_LIKE.search(normalise(title))
    return found.group(0) if found else None


# --- Front matter ------------------------------------------------------------------------------------

FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def front_matter_problem(text: str) -> tuple[int, str] | None:
    """(line, Korean reason) when a page starts with front matter that is not a YAML mapping, else None.

    MkDocs silently shows such a block as page text (a heading) instead of reading it.
    """
    import yaml  # MkDocs' own dependency

    if not text.startswith("---"):
        return None
    found = FRONT.match(text)
    if found is None:
        return 1, "맨 위의 '---'로 시작한 설정(front matter)을 닫는 '---' 줄이 없습니다"
    try:
        data = yaml.safe_load(found["body"] or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        return line, (
            "맨 위 설정(front matter)의 YAML 문법 오류입니다. 콜론(:) 뒤의 띄어쓰기, 들여쓰기, 따옴표와 괄호 짝을 확인하세요. "
            "예: search_keywords: [핸드폰, 폰 분실]"
        )
    if data is not None and not isinstance(data, dict):
        return 2, "맨 위 설정(front matter)은 'search_keywords: [핸드폰, 폰 분실]'처럼 '이름: 값' 줄이어야 합니다"
    return None


# --- Admonitions --------------------------------------------------------------------------------------

ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[^\s\"]+)", re.M)


def unknown_admonitions(text: str, known: Iterable[str]) -> list[tuple[int, str]]:
    """(line, type) of every '!!! type' / '??? type' box whose type the theme does not style."""
    allowed = set(known)
    plain = blank_code(text)
    return [(line_of(plain, m.start()), m["kind"]) for m in ADMONITION.finditer(plain) if m["kind"].lower() not in allowed]


# --- Where readers start ------------------------------------------------------------------------------


def linked_pages(src_uri: str, text: str) -> set[str]:
    """Docs paths ('lost/card.md') of the pages a page links to."""
    found = set()
    for match in re.finditer(r"\]\(\s*<?([^)\s>]+)>?|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", blank_code(text), re.M):
        target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
        if not target or "://" in target or target.startswith(("mailto:", "tel:")):
            continue
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target)))
    return found


def unreachable_pages(sections: Iterable[tuple[str, list[str]]], home: str, sources: dict[str, str]) -> list[str]:
    """Pages in a nav section that neither the home page nor the section's first page (its index) links to.

    ``sections``: (section title, its pages in nav order); ``sources``: docs path -> source text.
    """
    from_home = linked_pages(home, sources.get(home, ""))
    missing = []
    for _title, pages in sections:
        if not pages:
            continue
        index, rest = pages[0], pages[1:]
        from_index = linked_pages(index, sources.get(index, ""))
        missing += [p for p in rest if p not in from_home and p not in from_index]
    return missing
