"""The labelled memo corpus (tests/redaction/corpus.jsonl, 500+ lines): no card, resident or account
number leaks, and under 2 % of the phone numbers, dates, times, amounts and receipt numbers change.
tools/bench_redact.py prints the same figures per class."""

from __future__ import annotations

import json

import pytest
from redaction.make_corpus import parse_markup
from redaction.scoring import CORPUS, KEPT, SENSITIVE, load, score

from lossguide.redact import redact

CLASSES = SENSITIVE + KEPT


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    lines = load()
    assert len(lines) >= 500 and sum(1 for line in lines if line["source"] == "hand") >= 60
    return lines


def test_every_class_is_in_the_corpus_with_its_neighbours(corpus: list[dict]) -> None:
    kinds = {kind for line in corpus for _, _, kind in line["spans"]}
    assert kinds == set(CLASSES)
    mixed = [
        line
        for line in corpus
        if {k for *_, k in line["spans"]} & set(SENSITIVE) and {k for *_, k in line["spans"]} & set(KEPT)
    ]
    assert len(mixed) >= len(corpus) // 2


def test_no_sensitive_number_leaks_and_kept_numbers_stay(corpus: list[dict]) -> None:
    result = score(redact, corpus, examples=5)
    leaks = {k: result.classes[k].examples for k in SENSITIVE if result.classes[k].bad}
    assert not leaks
    assert result.over_masked_rate < 0.02, {k: result.classes[k].examples for k in KEPT}


def test_the_scorer_sees_a_leak_and_an_over_mask() -> None:
    """The measure itself can fail: keeping everything leaks, masking every digit over-masks."""
    text, spans = parse_markup("카드 {card:4111 1111 1111 1111} 콜백 {phone:010-2345-6789}")
    line = [{"text": text, "spans": spans, "source": "test"}]
    assert score(lambda t: t, line).leaked == 1
    assert score(lambda t: "".join("#" if c.isdigit() else c for c in t), line).over_masked_rate == 1.0


def test_the_corpus_file_matches_its_generator() -> None:
    from redaction.make_corpus import build

    written = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert written == json.loads(json.dumps(build()))
