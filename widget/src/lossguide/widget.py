"""HTML of the whole in-page checklist widget, the same at build time and in the browser.

The build renders it into the page (so it works without JavaScript); in the browser the engine
re-renders its regions (``data-lg-region``) after every change. Stable element ids keep keyboard
focus where it was when a region is replaced.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import parse_qs, urlencode

from .bundle import Bundle
from .checklist import ChecklistState
from .model import FLAGS, LOST_ITEMS, PHASES, Situation
from .plan import Plan
from .render import page_href, plan_html, report_log_html
from .rules import describe_situation

__all__ = [
    "DEFAULT_SITUATION",
    "all_steps_html",
    "log_form_html",
    "situation_form_html",
    "situation_from_query",
    "situation_query",
    "widget_html",
]

# What most visitors come for: a lost card. Shown before any choice (and without JavaScript).
DEFAULT_SITUATION = Situation(lost=("card",))

_LOST_LABELS = {
    "card": "체크카드",
    "phone": "휴대폰(케이뱅크 앱)",
    "id": "신분증",
    "otp": "OTP·보안매체",
    "account-info": "계좌·비밀번호 정보",
}
_FLAG_LABELS = {
    "stolen": "도난당한 것 같아요",
    "suspicious": "모르는 거래(출금·결제)가 보여요",
    "abroad": "지금 해외에 있어요",
}
_PHASE_LABELS = {"now": "지금 바로", "today": "오늘 안에", "later": "며칠 안에"}


def _e(text: str) -> str:
    return escape(text, quote=True)


def situation_query(situation: Situation) -> str:
    """Situation -> 'lost=card&lost=phone&stolen=1' (the shareable part of the URL)."""
    pairs = [("lost", item) for item in LOST_ITEMS if item in situation.lost]
    pairs += [(flag, "1") for flag in FLAGS if flag in situation.flags()]
    return urlencode(pairs)


# Parameters the theme itself puts in the URL (search highlighting): not ours, not a mistake.
_THEME_PARAMETERS = ("h", "q")
_TRUE = ("1", "true", "on", "yes", "")


def situation_from_query(query: str) -> tuple[Situation | None, bool]:
    """'?lost=card&stolen=1' -> (Situation or None if it names nothing, whether anything was ignored)."""
    fields = parse_qs(query.lstrip("?"), keep_blank_values=True)
    ignored = any(key not in ("lost", *FLAGS, *_THEME_PARAMETERS) for key in fields)
    lost = fields.get("lost", [])
    ignored = ignored or any(item not in LOST_ITEMS for item in lost)
    # 'stolen=1' in shared addresses, 'stolen=stolen' from the form (its value is the flag's name).
    flags = {flag: any(value.lower() in (*_TRUE, flag) for value in fields.get(flag, [])) for flag in FLAGS}
    ignored = ignored or any(value.lower() not in (*_TRUE, f, "0", "false", "off", "no") for f in FLAGS for value in fields.get(f, []))
    situation = Situation(lost=tuple(item for item in LOST_ITEMS if item in lost), **flags)
    return (None if situation.is_empty() else situation), ignored


def situation_form_html(situation: Situation) -> str:
    """The inner part of the 'what happened' form: checkboxes that keep their ids."""

    def box(name: str, value: str, label: str, checked: bool) -> str:
        box_id = f"lg-{name}-{value}" if name == "lost" else f"lg-{name}"
        mark = " checked" if checked else ""
        return (
            f'<li><input type="checkbox" id="{box_id}" name="{name}" value="{_e(value)}"{mark}>'
            f' <label for="{box_id}">{_e(label)}</label></li>'
        )

    lost = "".join(box("lost", item, _LOST_LABELS[item], item in situation.lost) for item in LOST_ITEMS)
    # A flag's value is its own name: the checked values, in order, make the situation's slug (situations.py).
    flags = "".join(box(flag, flag, _FLAG_LABELS[flag], flag in situation.flags()) for flag in FLAGS)
    return (
        f'<fieldset><legend>무엇을 잃어버렸나요? (여러 개 고를 수 있어요)</legend><ul class="lg-choices">{lost}</ul></fieldset>'
        f'<fieldset><legend>해당하는 상황</legend><ul class="lg-choices">{flags}</ul></fieldset>'
        '<button type="submit" class="md-button">내 계획 보기</button>'
    )


def log_form_html(bundle: Bundle, now: datetime | None, enabled: bool) -> str:
    """The form to note a report: where, when (KST), receipt number, agent, memo."""
    options = "".join(
        f'<option value="{_e(c.id)}">{_e(c.name)}</option>' for c in bundle.directory.channels.values()
    )
    when = now.strftime("%Y-%m-%dT%H:%M") if now is not None else ""
    # Before the engine is ready the whole form is disabled: text typed then would be lost when the
    # engine renders the form, and it must be redacted by the engine before it is kept anywhere.
    disabled = "" if enabled else " disabled"
    note = "" if enabled else '<p class="lg-note">신고 기록은 체크리스트 엔진이 준비되면 쓸 수 있습니다.</p>'
    return (
        f'<form data-lg="report" class="lg-report-form"><fieldset{disabled}>'
        '<p><label for="lg-report-channel">신고한 곳</label> '
        f'<select id="lg-report-channel" name="channel">{options}</select></p>'
        '<p><label for="lg-report-at">신고한 시각 (한국 시간)</label> '
        f'<input type="datetime-local" id="lg-report-at" name="reported_at" value="{when}"></p>'
        '<p><label for="lg-report-receipt">접수번호</label> '
        '<input type="text" id="lg-report-receipt" name="receipt_number" maxlength="60" autocomplete="off"></p>'
        '<p><label for="lg-report-agent">상담원 이름</label> '
        '<input type="text" id="lg-report-agent" name="agent" maxlength="60" autocomplete="off"></p>'
        '<p><label for="lg-report-memo">메모 (카드·주민등록·계좌 번호는 자동으로 가려집니다)</label> '
        '<textarea id="lg-report-memo" name="memo" rows="3" maxlength="2000"></textarea></p>'
        f'{note}<p><button type="submit" class="md-button">기록 추가</button></p>'
        "</fieldset></form>"
    )


def all_steps_html(bundle: Bundle, base: str) -> str:
    """Every step of every situation, for readers without JavaScript."""
    out = []
    for phase in PHASES:
        steps = [s for s in bundle.checklist.steps if s.phase == phase]
        items = "".join(
            f'<li>{_e(s.title)} <a href="{_e(page_href(s.page, base))}">자세한 안내</a>'
            f' <span class="lg-when">({_e(bundle.checklist.rules[s.rule].description)})</span></li>'
            for s in steps
        )
        out.append(f"<h4>{_PHASE_LABELS[phase]}</h4><ul>{items}</ul>")
    return "".join(out)


def widget_html(
    bundle: Bundle,
    plan: Plan,
    state: ChecklistState,
    *,
    view: str,
    base: str,
    now: datetime | None,
    live: bool,
) -> str:
    """The widget's inner HTML. ``live`` is True in the browser (engine ready), False at build time."""
    from .situations import situation_links_html  # here: situations.py builds on this module

    situation = plan.situation
    static_plans = page_href("checklist.md", base) + "s/"  # pre-rendered plan pages (situations.py)
    regions = widget_regions(bundle, plan, state, base=base, now=now, live=live, with_log=view == "full")
    status = "체크리스트 엔진 준비 완료" if live else "스크립트가 없어도 아래 안내를 그대로 볼 수 있습니다."
    parts = [
        '<p class="lg-privacy"><strong>입력한 내용은 이 브라우저에만 저장되고 어디로도 보내지 않습니다.</strong> '
        "쿠키도 쓰지 않습니다.</p>",
        '<div class="lg-engine" aria-live="polite"><progress data-lg-progress max="3" value="0"'
        ' aria-label="체크리스트 엔진 준비"></progress> '
        f'<span data-lg-status role="status">{_e(status)}</span></div>',
        # Without scripts the form is hidden and its answers are links to the pre-rendered situation pages.
        f'<div class="lg-nojs-note"><p>아래는 <strong>{_e(describe_situation(situation))}</strong>의 계획입니다. '
        "내 상황이 다르면 아래에서 고르세요.</p>"
        f"{situation_links_html(situation, static_plans)}</div>",
        f'<form data-lg="situation" class="lg-situation" data-lg-region="situation"'
        f' data-lg-static-plans="{_e(static_plans)}">{regions["situation"]}</form>',
        f'<div data-lg-region="plan">{regions["plan"]}</div>',
    ]
    if view == "full":
        parts += [
            '<section class="lg-log-section" aria-labelledby="lg-log-title">'
            '<h3 id="lg-log-title">신고 기록</h3>'
            "<p>신고한 시각, 신고한 곳, 접수번호를 적어 두세요. 나중에 책임을 따질 때 중요한 증거가 됩니다.</p>"
            f'<div data-lg-region="log">{regions["log"]}</div>'
            '<p class="lg-actions">'
            '<button type="button" class="md-button" data-lg-action="copy">기록 복사</button> '
            '<button type="button" class="md-button" data-lg-action="print">인쇄</button> '
            '<button type="button" class="md-button" data-lg-action="reset">모두 지우기</button></p>'
            "</section>",
            '<details class="lg-all-steps"><summary>모든 상황의 모든 단계 보기</summary>'
            f"{all_steps_html(bundle, base)}</details>",
        ]
    else:
        parts.append(
            f'<p><a class="md-button md-button--primary" href="{_e(page_href("checklist.md", base))}'
            f'?{_e(situation_query(situation))}">체크리스트와 신고 기록 열기</a></p>'
        )
    return "".join(parts)


def widget_regions(
    bundle: Bundle,
    plan: Plan,
    state: ChecklistState,
    *,
    base: str,
    now: datetime | None,
    live: bool,
    with_log: bool,
) -> dict[str, str]:
    """The replaceable regions: the situation form, the plan, and (full view) the report log."""
    shown_for = f'<p class="lg-plan__for">이 계획의 상황: {_e(describe_situation(plan.situation))}</p>'
    regions = {
        "situation": situation_form_html(plan.situation),
        "plan": shown_for + plan_html(bundle.directory, plan, state, base),
    }
    if with_log:
        regions["log"] = report_log_html(bundle.directory, state.log) + log_form_html(bundle, now, live)
    return regions
