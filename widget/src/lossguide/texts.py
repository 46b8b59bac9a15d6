"""Interface words and field limits: the one home of every Korean label, status text and message
the engine, the CLI and the widget show (contract C3), and of the limits the form and the engine share.

Words editors may change (kinds of lost items, situation flags) live in docs/data/checklist.yml, not here.
Nothing here is a rule; renderers and the page's loader read these names.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CLIENT_CONFIG_VERSION",
    "FIELD_LIMITS",
    "MAX_LOG_ENTRIES",
    "MAX_REQUEST_CHARS",
    "MAX_STATE_CHARS",
    "PHASE_LABELS",
    "client_config",
]

# --- Plan phases --------------------------------------------------------------------------------
PHASE_LABELS = {"now": "지금 바로", "today": "오늘 안에", "later": "며칠 안에"}

# --- Field limits (characters, counted as Python counts them). The form's maxlength is these. ----
FIELD_LIMITS = {"channel": 100, "receipt_number": 60, "agent": 60, "memo": 2000}
# The saved state must stay far below what a browser lets one origin store (about 5 MB, counted in
# UTF-16 units) and below what restore() accepts; new input is refused before that, with a message.
MAX_LOG_ENTRIES = 300
MAX_STATE_CHARS = 1_000_000
# A request carries the saved state plus a few events; anything far bigger is not from our page.
MAX_REQUEST_CHARS = 3_000_000
MAX_JSON_DEPTH = 32

# --- Report log -----------------------------------------------------------------------------------
PLAN_FOR_SUFFIX = "일 때의 계획"  # the plan heading: "카드 분실 · 도난" + this
PLAN_AT = "{when} 한국 시간 기준"  # the device clock the open-now marks are worked out from (one line on a 360 px phone)
# The device's date is outside the years whose public holidays the site knows (a clock set wrong, or
# a copy of the site far older than today): the open-now marks may be wrong, so the reader is told.
CLOCK_OUTSIDE_CALENDAR = (
    "이 기기의 시계로는 지금 한국 날짜가 {date}입니다. 날짜가 틀리면 아래의 ‘지금 열림’, ‘지금 닫힘’ 표시도 틀릴 수"
    " 있으니 기기의 날짜와 시간을 확인하세요."
)
PRIVACY_STRONG = "입력한 내용은 이 브라우저에만 저장되고 어디로도 보내지 않습니다."
PRIVACY_MORE = "쿠키도 쓰지 않습니다."
PROGRESS_LABEL = "체크리스트 기능 준비"
OPEN_FULL_CHECKLIST = "체크리스트와 신고 기록 열기"
LOG_TITLE = "신고 기록"
LOG_INTRO = "신고한 시각, 신고한 곳, 접수번호를 적어 두세요. 나중에 책임을 따질 때 중요한 증거가 됩니다."
LOG_COPY = "기록 복사"
LOG_PRINT = "인쇄"
LOG_RESET = "모두 지우기"
LOG_EMPTY = "아직 적어 둔 신고가 없습니다."
# Before the checklist runs (or when it could not start) the saved log is not read yet: never say it is empty.
LOG_NOT_LOADED = "이 기기에 저장해 둔 신고 기록은 체크리스트 기능이 준비되면 여기에 나옵니다. 기능을 불러오지 못해도 기록은 이 기기에 그대로 남아 있으니 나중에 다시 열어 보세요."
LOG_CAPTION = "신고 기록 (한국 시간)"
LOG_COLUMNS = ("신고 시각", "신고한 곳", "접수번호", "상담원", "메모", "고치기·지우기")
LOG_EDIT = "고치기"
LOG_DELETE = "지우기"
LOG_DELETE_CONFIRM = "이 신고 기록 한 건을 지울까요? 지운 뒤에 되돌리기를 누르면 다시 살아납니다."
LOG_RESET_CONFIRM = "체크 표시와 신고 기록을 모두 지울까요?"
LOG_UNDO = "되돌리기"
EXPORT_TITLE = "분실·사고 신고 기록"
EXPORT_NOTE = "이 기록은 이 기기의 브라우저에만 저장됩니다. 카드번호와 주민등록번호로 보이는 숫자는 모든 칸에서, 계좌번호로 보이는 숫자는 접수번호 칸과 접수번호라고 적은 번호를 빼고 가렸습니다."
EXPORT_NONE = "(없음)"

FORM_CHANNEL = "신고한 곳"
FORM_REPORTED_AT = "신고한 시각 (한국 시간)"
FORM_RECEIPT = "접수번호"
FORM_AGENT = "상담원 이름"
FORM_MEMO = "메모 (카드·주민등록·계좌 번호는 자동으로 가려집니다)"
FORM_COUNT_UNIT = "자"  # shown after the live counter "12/2000"
FORM_ADD = "기록 추가"
FORM_SAVE_EDIT = "고친 내용 저장"
FORM_CANCEL_EDIT = "고치기 취소"
FORM_EDITING = "신고 기록 한 건을 고치는 중입니다."
# Shown while the engine loads (on a slow link that can take minutes): what was said on the phone must
# not wait for it.
FORM_NOT_READY = (
    "신고 기록은 체크리스트 기능이 준비되면 쓸 수 있습니다. 그 전에 신고했다면 신고 시각, 신고한 곳, 접수번호, 상담원 이름을"
    " 종이나 메모 앱에 먼저 적어 두세요."
)

CONFIRM_TIME = (
    "적은 신고 시각 {typed}이(가) 이 기기의 시계 {device}와(과) 하루 넘게 다릅니다. "
    "적은 시각이 맞으면 그대로 저장하세요. 기기 시계가 틀려도 적은 시각은 바뀌지 않습니다."
)
CONFIRM_SAVE = "적은 시각 그대로 저장"
CONFIRM_CANCEL = "시각 고치기"

# --- Messages (answers to what the reader did) ------------------------------------------------------
MSG_ADDED = "신고 기록을 추가했습니다."
MSG_EDITED = "신고 기록을 고쳤습니다."
MSG_DELETED = "신고 기록 한 건을 지웠습니다."
MSG_UNDONE = "지운 신고 기록을 되살렸습니다."
MSG_RESET = "체크 표시와 신고 기록을 모두 지웠습니다."
MSG_COPY_UNAVAILABLE = "체크리스트 기능이 준비되지 않아 저장된 기록을 아직 복사할 수 없습니다. 잠시 뒤 다시 누르거나 페이지를 새로 고쳐 보세요."
MSG_DUPLICATE = "같은 내용의 신고 기록이 이미 있어 한 번만 저장했습니다."
MSG_NO_ENTRY = "그 신고 기록을 찾을 수 없습니다. 다른 창에서 지웠을 수 있습니다."
MSG_TOO_LONG = "{field} 칸이 {limit}자를 넘습니다({length}자). 줄여서 다시 저장해 주세요. 아무것도 저장하지 않았습니다."
MSG_BAD_TIME = "신고 시각 '{typed}'을(를) 날짜와 시각으로 읽을 수 없습니다. 2000년부터 내일까지의 시각을 적어 주세요. 아무것도 저장하지 않았습니다."
MSG_NO_TIME = "신고 시각을 적어 주세요. 아무것도 저장하지 않았습니다."
MSG_BAD_TICK_TIME = "체크한 시각을 읽을 수 없어 체크 표시를 건너뛰었습니다."
MSG_RECEIPT_MASKED = "접수번호 칸에 카드 번호나 주민등록번호처럼 보이는 숫자가 있어 가려서 저장했습니다. 접수번호가 맞는지 확인해 주세요."
MSG_LOG_FULL = "신고 기록이 너무 많거나 길어 더 저장할 수 없습니다. 기록을 복사하거나 인쇄해 둔 뒤 필요 없는 기록을 지워 주세요. 아무것도 저장하지 않았습니다."
MSG_UNREADABLE_FIELDS = "기록할 내용을 읽을 수 없어 건너뛰었습니다."
MSG_UNKNOWN_EVENT = "알 수 없는 입력은 건너뛰었습니다."
MSG_UNKNOWN_STEP = "이 사이트의 새 버전에 없는 단계라 체크 표시를 건너뛰었습니다."
MSG_NOTHING_CHOSEN = "하나 이상 골라 주세요. 고르기 전까지는 이전 계획을 보여 줍니다."
MSG_URL_IGNORED = "주소에 있던 알 수 없는 항목은 무시했습니다."
MSG_ENGINE_ERROR = "방금 입력을 처리하지 못했습니다. 적던 내용은 그대로 있으니 다시 눌러 보세요. 계속되면 페이지를 새로 고쳐 주세요."
MSG_REQUEST_REFUSED = "입력이 너무 크거나 복잡해 처리하지 않았습니다."
MSG_NEWER_VERSION = "새 버전이 있습니다 · 새로 고침"
MSG_NEWER_VERSION_DETAIL = "다른 창에서 더 새로운 버전의 사이트가 기록을 저장했습니다. 이 창은 기록을 덮어쓰지 않도록 저장을 멈췄습니다."
MSG_RELOAD = "새로 고침"
MSG_CHANGED_ELSEWHERE = (
    "이 기록은 고치는 동안 다른 창에서 바뀌었거나 지워졌습니다. 방금 적은 내용은 새 기록으로 따로 저장했으니,"
    " 맞는 것을 확인하고 필요 없는 것은 지우세요."
)
MSG_BOTH_VERSIONS_KEPT = "다른 창에서 같은 신고 기록을 동시에 고쳐 두 내용을 모두 남겼습니다. 맞는 것을 확인하고 필요 없는 것은 지우세요."
# On every page, shown once a newer version of the site has been stored while the page was open.
SITE_UPDATED = "이 안내의 새 버전이 나왔습니다."
SITE_UPDATED_RELOAD = "새로 고쳐 최신 안내 보기"
MSG_UNREADABLE_STATE = "저장된 체크리스트를 읽을 수 없어 빈 체크리스트로 새로 시작합니다."
MSG_STORAGE_REFUSED = "이 브라우저에 저장할 수 없어 창을 닫으면 체크 표시와 기록이 사라집니다. 신고 기록은 복사하거나 인쇄해 두세요."
MSG_COPIED = "신고 기록을 복사했습니다."
MSG_COPY_FAILED = "복사하지 못했습니다. 인쇄하기를 이용하세요."

# --- Start-up status (what the reader sees while the checklist feature loads) ----------------------
STATUS_STATIC = "스크립트가 없어도 아래 안내를 그대로 볼 수 있습니다."
STATUS_READY = "체크리스트가 준비되었습니다."
STATUS_LOADING = "체크리스트 기능 준비 중"
# Stage ids are the worker's; texts are the reader's. {done}/{total} are megabytes; without a known
# total (a compressed response does not say its unpacked size) only {done} is shown.
STAGES = (
    ("download", "체크리스트 기능 내려받는 중", "체크리스트 기능 내려받는 중 {done}/{total} MB", "체크리스트 기능 내려받는 중 {done} MB"),
    ("install", "체크리스트 기능 설치 중", None, None),
    ("data", "연락처와 체크리스트 읽는 중", None, None),
)
STATUS_RETRYING = "연결이 느려 다시 시도하는 중입니다. 이미 받은 부분은 다시 받지 않습니다."
# After a stall the start is tried again this many times (what was downloaded is kept) before giving up.
RETRIES = 2
FAILED = (
    "체크리스트 기능을 불러오지 못했습니다 ({stage}). 아래의 기본 안내와 체크 표시는 그대로 쓸 수 있고, "
    "표시한 내용은 이 기기에 보관됩니다. 연결이 좋아지면 새로 고쳐 보세요."
)
FAILED_STALLED = "더 받아지는 내용이 없어 멈춤"
# Budgets: give up when nothing arrives for this long (downloads reset the timer on every chunk).
STALL_MS = 15_000
DOWNLOAD_STALL_MS = 30_000

CLIENT_CONFIG_VERSION = 1


def client_config(stall_ms: int = STALL_MS, download_stall_ms: int = DOWNLOAD_STALL_MS) -> dict[str, Any]:
    """Everything the page's loader shows or waits for, as one JSON-able dict (rendered into the page).

    Shape: {"version", "stages": [{"id", "text", "progress": str|null, "progress_unknown": str|null}],
    "stall_ms", "download_stall_ms", "retries", "status": {name: text}}. ``progress`` has {done} and
    {total} placeholders (megabytes, one decimal); ``progress_unknown`` only {done}.
    """
    return {
        "version": CLIENT_CONFIG_VERSION,
        "stages": [
            {"id": sid, "text": text, "progress": prog, "progress_unknown": unknown} for sid, text, prog, unknown in STAGES
        ],
        "stall_ms": stall_ms,
        "retries": RETRIES,
        "download_stall_ms": download_stall_ms,
        "status": {
            "loading": STATUS_LOADING,
            "ready": STATUS_READY,
            "failed": FAILED,
            "stalled": FAILED_STALLED,
            "retrying": STATUS_RETRYING,
            "storage_refused": MSG_STORAGE_REFUSED,
            "copied": MSG_COPIED,
            "copy_failed": MSG_COPY_FAILED,
            "copy_unavailable": MSG_COPY_UNAVAILABLE,
            "engine_error": MSG_ENGINE_ERROR,
        },
    }
