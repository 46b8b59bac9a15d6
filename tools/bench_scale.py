"""Scale benchmark: build the site with 1,000 extra generated pages and print build time and peak memory.

Works in a scratch copy (tests/site_copy.py), never in docs/. Goal: the strict build stays under 30 s.
Material's `navigation.prune` (mkdocs.yml) keeps each page's HTML from carrying the whole navigation;
the extra pages sit in sections of 25 under one nav entry, as a large help centre would organise them.

    .venv/bin/python tools/bench_scale.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from site_copy import copy_site  # noqa: E402

GOAL_S = 30.0
SECTION_SIZE = 25  # pages per generated section, like a large help centre (one flat list of 1,000 is no navigation)
TOPICS = ["체크카드", "휴대폰", "신분증", "OTP", "계좌 정보", "해외 분실", "보이스피싱", "재발급"]


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav, ignoring !ENV and python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def generated_page(i: int, pages: int) -> str:
    topic = TOPICS[i % len(TOPICS)]
    following = f"p{(i + 1) % pages:04d}.md"
    return (
        f"# 예시 안내 {i:04d}: {topic}\n\n"
        "!!! danger \"지금 바로\"\n"
        "    {{ channel kbank_loss_phone }}로 먼저 신고하고 접수번호를 적어 두세요.\n\n"
        f"## {topic} 분실 신고 순서\n\n"
        + "".join(f"{n}. {topic}을(를) 잃어버렸다면 신고한 시각과 접수번호를 적어 두세요.\n" for n in range(1, 6))
        + f"\n## 운영 시간\n\n분실 신고 전화는 {{{{ hours kbank_loss_phone }}}} 운영합니다.\n\n"
        f"## 다음 안내\n\n[다음 예시]({following}#운영-시간)와 [분실 신고하기](../report/index.md)를 보세요.\n"
    )


def add_pages(site: Path, pages: int) -> Path:
    """Write the pages into the copy's docs/extra/ and a config that adds them to the navigation."""
    extra = site / "docs" / "extra"
    extra.mkdir()
    for i in range(pages):
        (extra / f"p{i:04d}.md").write_text(generated_page(i, pages), encoding="utf-8")
    nav = yaml.load((site / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)["nav"]
    sections = [
        {f"예시 {n + 1:02d}": [f"extra/p{i:04d}.md" for i in range(start, min(start + SECTION_SIZE, pages))]}
        for n, start in enumerate(range(0, pages, SECTION_SIZE))
    ]
    nav.append({"예시 페이지": sections})
    config = site / "mkdocs.scale.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "nav": nav}, allow_unicode=True), encoding="utf-8")
    return config


def timed_build(config: Path) -> tuple[float, float, int]:
    """(seconds, peak resident memory in MB, HTML pages) of one `mkdocs build --strict` child process."""
    site_dir = config.parent / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=config.parent, env=env, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    errors = child.stderr.read() if child.stderr else ""
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"build failed:\n{errors}")
    return seconds, usage.ru_maxrss / 1024, len(list(site_dir.rglob("*.html")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = copy_site(REPO, Path(tmp) / "base")
        seconds, mb, html = timed_build(base / "mkdocs.yml")
        print(f"site as is:          {html:5d} pages  {seconds:6.1f} s  peak {mb:6.0f} MB")
        scaled = copy_site(REPO, Path(tmp) / "scaled")
        seconds, mb, html = timed_build(add_pages(scaled, args.pages))
        verdict = "OK" if seconds < GOAL_S else "TOO SLOW"
        goal = f"goal < {GOAL_S:.0f} s: {verdict}"
        print(f"+{args.pages} pages:         {html:5d} pages  {seconds:6.1f} s  peak {mb:6.0f} MB  ({goal})")


if __name__ == "__main__":
    main()
