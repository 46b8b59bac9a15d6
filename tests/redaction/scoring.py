"""Score redaction against the labelled corpus: leaked sensitive digits, changed kept numbers.

Used by tools/bench_redact.py and tests/engine/test_redact_corpus.py (also inside Pyodide, so it is
pure Python and reads the corpus next to this file).

A mask is any ``[...가림...]`` the redactor wrote. Output and input are aligned character by character
(masks stand for one placeholder), so a digit of the input counts as *visible* only where the output
kept that very character, and a kept span counts as *over-masked* when any of its characters changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

CORPUS = Path(__file__).resolve().with_name("corpus.jsonl")
SENSITIVE = ("card", "rrn", "account")
KEPT = ("phone", "date", "time", "amount", "receipt", "number")
_MASK = re.compile(r"\[[^\[\]\n]*가림[^\[\]\n]*\]")
_PLACEHOLDER = "\ue000"


def load(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def preserved(text: str, output: str) -> set[int]:
    """Indices of ``text`` whose character the output still shows unchanged (outside any mask)."""
    flat = _MASK.sub(_PLACEHOLDER, output)
    matcher = SequenceMatcher(None, text, flat, autojunk=False)
    kept: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return kept


@dataclass
class ClassScore:
    spans: int = 0
    bad: int = 0  # sensitive: spans with a visible digit; kept: spans changed
    digits: int = 0  # sensitive: visible digits
    examples: list[str] = field(default_factory=list)


@dataclass
class Score:
    classes: dict[str, ClassScore] = field(default_factory=lambda: {k: ClassScore() for k in SENSITIVE + KEPT})
    lines: int = 0

    @property
    def leaked(self) -> int:
        return sum(self.classes[k].bad for k in SENSITIVE)

    @property
    def over_masked_rate(self) -> float:
        kept = [self.classes[k] for k in KEPT]
        total = sum(c.spans for c in kept)
        return sum(c.bad for c in kept) / total if total else 0.0


def score(redact: Callable[[str], str], corpus: Iterable[dict], examples: int = 3) -> Score:
    result = Score()
    for line in corpus:
        text = line["text"]
        output = redact(text)
        shown = preserved(text, output)
        result.lines += 1
        for start, end, kind in line["spans"]:
            cls = result.classes[kind]
            cls.spans += 1
            if kind in SENSITIVE:
                visible = sum(1 for i in range(start, end) if i in shown and text[i].isdigit())
                cls.digits += visible
                failed = visible > 0
            else:
                failed = any(i not in shown for i in range(start, end))
            if failed:
                cls.bad += 1
                if len(cls.examples) < examples:
                    cls.examples.append(f"{text!r} -> {output!r}")
    return result
