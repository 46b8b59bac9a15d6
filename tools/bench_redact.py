"""Benchmark redaction on the labelled corpus: leaks, over-masking and time.

    .venv/bin/python tools/bench_redact.py [--examples N] [--redact-from OLD_REDACT.py]

Prints, per class, how many labelled spans there are and how many went wrong: for card, resident
(rrn) and account numbers a span *leaked* when any of its digits is still visible; for phone numbers,
dates, times, amounts, receipt numbers and small counts a span is *over-masked* when any of its
characters changed. Then the time per KB of memo text, and for one 1 MB memo.
Goal (issue 11): 0 leaks, over-masking under 2 %.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "widget" / "src"))

from redaction.scoring import KEPT, SENSITIVE, load, score  # noqa: E402


def load_redactor(path: Path | None) -> tuple[Callable[[str], str], int]:
    """``redact`` and its cap, from lossguide or from another copy of redact.py (before/after runs)."""
    if path is None:
        module: object = importlib.import_module("lossguide.redact")
    else:
        spec = importlib.util.spec_from_file_location("redact_under_test", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[arg-type]
    return module.redact, getattr(module, "MAX_REDACT_CHARS", 0)  # type: ignore[attr-defined]


def timed(redact: Callable[[str], str], text: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        redact(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2, help="failing lines to print per class")
    parser.add_argument("--redact-from", type=Path, help="a redact.py to measure instead (e.g. the old one)")
    args = parser.parse_args()
    redact, cap = load_redactor(args.redact_from)

    corpus = load()
    result = score(redact, corpus, examples=args.examples)
    print(f"corpus: {result.lines} lines ({sum(1 for c in corpus if c['source'] == 'hand')} hand-written)")
    print(f"{'class':<10}{'spans':>7}{'leaked':>8}{'digits':>8}")
    for kind in SENSITIVE:
        cls = result.classes[kind]
        print(f"{kind:<10}{cls.spans:>7}{cls.bad:>8}{cls.digits:>8}")
    print(f"{'class':<10}{'spans':>7}{'changed':>8}{'rate':>8}")
    for kind in KEPT:
        cls = result.classes[kind]
        rate = cls.bad / cls.spans if cls.spans else 0.0
        print(f"{kind:<10}{cls.spans:>7}{cls.bad:>8}{rate:>8.1%}")
    print(f"total: leaked spans {result.leaked}, over-masked {result.over_masked_rate:.2%} of kept spans")
    for kind in SENSITIVE + KEPT:
        for example in result.classes[kind].examples:
            print(f"  {kind}: {example}")

    # Time: every corpus line as its own memo (best of 5 rounds), a memo as long as redaction reads,
    # and one 1 MB memo (corpus lines repeated), which is cut to MAX_REDACT_CHARS first.
    texts = [line["text"] for line in corpus]
    kb = sum(len(t.encode()) for t in texts) / 1024
    seconds = min(sum(timed(redact, t) for t in texts) for _ in range(5))
    print(f"time: {seconds * 1000 / kb:.3f} ms per KB over the corpus lines ({kb:.0f} KB in {seconds * 1000:.1f} ms)")
    text = "\n".join(texts)
    longest = text[: cap or 4096]
    print(f"time: {len(longest):,}-character memo (the cap) {timed(redact, longest, repeat=5) * 1000:.1f} ms")
    memo = (text + "\n") * (1024 * 1024 // len(text.encode()) + 1)
    memo = memo.encode()[: 1024 * 1024].decode(errors="ignore")
    print(f"time: 1 MB memo {timed(redact, memo, repeat=5) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
