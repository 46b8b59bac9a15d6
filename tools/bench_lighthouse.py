"""Benchmark: Lighthouse (npm, Debian Chromium) through the real nginx with the production headers.

Prints performance, accessibility, best practices and SEO for the home page, a guide page and the
checklist page with Lighthouse's mobile settings (emulated phone, simulated slow 4G and CPU), the median
of --runs runs, and every audit that cost points.

Usage: .venv/bin/python tools/bench_lighthouse.py [--runs N] [--site DIR]   (builds the site if no --site)
Goal: 100 / 100 / 100 / 100 on every page (performance at least 98).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from serving_support import Nginx  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, mkdocs_build  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "/", "guide": "/lost/card/", "checklist": "/checklist/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--max-wait-for-load=60000"],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def lost_points(report: dict) -> dict[str, float]:
    """'category: audit' -> score, for every weighted audit below 1."""
    lost = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost[f"{category}: {ref['id']}"] = audit["score"]
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run tools/setup.sh", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lossguide-lh-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = mkdocs_build(REPO, site)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return 1
        scores: dict[str, dict[str, list[int]]] = {}
        lost: dict[str, dict[str, float]] = {}
        with Nginx(site) as server:
            for name, path in PAGES.items():
                for run in range(args.runs):
                    report = lighthouse(server.url + path, Path(tmp) / f"{name}-{run}.json")
                    for category in CATEGORIES:
                        score = round(100 * (report["categories"][category]["score"] or 0))
                        scores.setdefault(name, {}).setdefault(category, []).append(score)
                    for audit, score in lost_points(report).items():
                        worst = lost.setdefault(name, {})
                        worst[audit] = min(score, worst.get(audit, 1.0))
    print(f"Lighthouse 12 (mobile), nginx with production headers, median of {args.runs} run(s)")
    print(f"{'page':<10} {'path':<14} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    below = False
    for name, path in PAGES.items():
        row = {c: int(statistics.median(scores[name][c])) for c in CATEGORIES}
        below |= any(row[c] < GOALS[c] for c in CATEGORIES)
        print(f"{name:<10} {path:<14} " + " ".join(f"{row[c]:>15}" for c in CATEGORIES))
    for name, audits in lost.items():
        for audit, score in sorted(audits.items()):
            print(f"  {name}: {audit} (worst run {score:.2f})")
    print("goal met" if not below else "below goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
