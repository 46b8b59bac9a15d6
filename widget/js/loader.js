// Loader for the in-page checklist: starts the Python engine in a Web Worker after first paint,
// records every input until the engine is ready, and only moves JSON strings and HTML in and out.
// All rules, rendering and state handling live in Python (lossguide.browser).

const STORE_STATE = "lossguide:state";
const STORE_PENDING = "lossguide:pending";
const STORE_SITUATION = "lossguide:situation";

// localStorage may be disabled, full or throw (private modes): never let that break the page, and
// keep the newest value in memory when it was refused, so nothing ticked is lost while the page is open.
const memory = new Map();
const store = {
  get(key) {
    if (memory.has(key)) return memory.get(key);
    try { return window.localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try {
      window.localStorage.setItem(key, value);
      memory.delete(key);
      return true;
    } catch {
      memory.set(key, value);
      return false;
    }
  },
};

function readPending() {
  try {
    const list = JSON.parse(store.get(STORE_PENDING) || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

// While Python is not ready (loading, failed or not started), show the chosen situation's plan from its
// pre-rendered page (widget/hooks/situations.py) at once. No rule here: the page's address is the form's
// checked values in order, under the form's data-lg-static-plans; links are made absolute to work here.
async function showStaticPlan(root, form, isReady) {
  const slug = [...form.querySelectorAll("input:checked")].map((input) => input.value).join("-");
  const region = root.querySelector('[data-lg-region="plan"]');
  if (!form.dataset.lgStaticPlans || !slug || !region) return;
  const url = new URL(`${form.dataset.lgStaticPlans}${slug}/`, document.baseURI);
  root.dataset.planWanted = slug;
  try {
    const response = await fetch(url);
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const plan = page.querySelector('[data-lg-region="plan"]');
    if (!plan || isReady() || root.dataset.planWanted !== slug) return;  // Python or a newer choice won
    for (const link of plan.querySelectorAll("a[href]")) link.href = new URL(link.getAttribute("href"), url).href;
    region.innerHTML = plan.innerHTML;
    root.dataset.planShown = slug;
  } catch {
    // Offline and never saved: the plan already on the page stays.
  }
}

function boot(root) {
  root.dataset.js = "on";  // scripts run: show the situation form, hide the no-script note
  const absolute = (path) => new URL(path, document.baseURI).href;
  const stallMs = Number(root.dataset.stallMs) || 15000;
  const downloadMs = Number(root.dataset.downloadMs) || 120000;
  let pending = readPending();
  let worker = null;
  let ready = false;
  let exportText = "";
  let lastRequest = 0;
  let stallTimer = 0;
  let inFlight = 0;  // events sent with the request Python is working on (one request at a time)
  let busy = false;
  let again = null;  // an op asked for while busy, sent when the answer is in
  let sentSearch = "";  // the URL's query when the request in flight was sent
  const shown = new Map();  // region name -> HTML now on the page, to leave unchanged regions alone
  // When several requests wait, the one that carries the most wins: a new start, then the URL.
  const WEIGHT = { init: 3, location: 2, events: 1, refresh: 0 };

  const status = () => root.querySelector("[data-lg-status]");
  const setState = (state, text) => {
    root.dataset.state = state;
    const el = status();
    if (el && text !== undefined) el.textContent = text;
  };

  // What the customer typed into the report form is kept in memory only, never stored unredacted:
  // Python redacts it before the state is saved.
  function keepPending() {
    store.set(STORE_PENDING, JSON.stringify(pending.filter((event) => event.type !== "report")));
  }

  function record(event) {
    pending.push(event);
    keepPending();
    if (ready) send("events");
    else start();
  }

  function send(op) {
    if (busy) {
      if (again === null || WEIGHT[op] > WEIGHT[again]) again = op;
      return;
    }
    busy = true;
    inFlight = pending.length;
    sentSearch = window.location.search;
    const request = {
      op,
      stored: store.get(STORE_STATE),
      stored_situation: store.get(STORE_SITUATION),
      events: pending,
      query: window.location.search,
      now: new Date().toISOString(),
      view: root.dataset.lossguide,
      base: root.dataset.base,
    };
    lastRequest += 1;
    worker.postMessage({ id: lastRequest, request: JSON.stringify(request) });
  }

  function apply(response) {
    const focused = document.activeElement && document.activeElement.id;
    for (const [name, html] of Object.entries(response.regions)) {
      const region = root.querySelector(`[data-lg-region="${name}"]`);
      // Replacing an unchanged region would move keyboard focus and repeat screen-reader announcements.
      if (region && shown.get(name) !== html) {
        region.innerHTML = html;
        shown.set(name, html);
      }
    }
    const saved = store.set(STORE_STATE, response.state);
    store.set(STORE_SITUATION, response.situation);
    if (!saved) response.message = "이 브라우저에 저장할 수 없어 창을 닫으면 체크 표시와 기록이 사라집니다. 신고 기록은 복사하거나 인쇄해 두세요.";
    // Events that arrived while Python worked stay queued for the next round.
    pending = pending.slice(inFlight);
    keepPending();
    exportText = response.export;
    // If the reader went Back or Forward meanwhile, that newer URL wins (a "location" request follows).
    if (window.location.search === sentSearch && response.query !== window.location.search) {
      const url = window.location.pathname + response.query + window.location.hash;
      if (response.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    if (focused) document.getElementById(focused)?.focus();
    sendNext();
  }

  function sendNext() {
    busy = false;
    if (again || pending.length) {
      const op = again || "events";
      again = null;
      send(op);
    }
  }

  function fail(message) {
    if (worker) worker.terminate();
    worker = null;
    ready = false;  // from now on ticks are only kept, for the next visit
    busy = false;
    window.clearTimeout(stallTimer);
    setState("failed", message);
  }

  function armStallTimer(stage, ms = stallMs) {
    window.clearTimeout(stallTimer);
    stallTimer = window.setTimeout(
      () => fail(`체크리스트 엔진을 불러오지 못했습니다 (${stage} 단계에서 멈춤). 아래의 기본 안내와 체크 표시는 그대로 쓸 수 있고, 표시한 내용은 이 기기에 보관됩니다.`),
      ms,
    );
  }

  function start() {
    if (worker || root.dataset.state === "failed") return;
    setState("loading", "체크리스트 엔진 준비 중");
    armStallTimer("시작");
    try {
      worker = new Worker(absolute(root.dataset.worker), { type: "module" });
    } catch (error) {
      fail(`체크리스트 엔진을 시작하지 못했습니다: ${error}`);
      return;
    }
    worker.onerror = (event) => fail(`체크리스트 엔진 오류: ${event.message || "알 수 없는 오류"}`);
    worker.onmessage = ({ data }) => {
      if (data.stage) {
        // Downloading the runtime may take long on a slow connection; later stages must not.
        armStallTimer(data.stage, data.index === 1 ? downloadMs : stallMs);
        const bar = root.querySelector("[data-lg-progress]");
        if (bar) { bar.max = data.total; bar.value = data.index; }
        setState("loading", `${data.index}/${data.total} ${data.stage}`);
      } else if (data.failed) {
        fail(`체크리스트 엔진을 불러오지 못했습니다 (${data.failed}): ${data.message}`);
      } else if (data.booted) {
        window.clearTimeout(stallTimer);
        ready = true;
        send("init");
      } else if (data.error) {
        // An engine error on some input: drop what was sent so it cannot fail again on every visit.
        pending = pending.slice(inFlight);
        keepPending();
        setState("ready", "방금 입력을 처리하지 못했습니다. 페이지를 새로 고친 뒤 다시 해 보세요.");
        sendNext();
      } else if (data.response) {
        const response = JSON.parse(data.response);
        apply(response);
        if (root.dataset.state !== "ready") setState("ready", response.message || "체크리스트가 준비되었습니다.");
        else if (response.message) setState("ready", response.message);
      }
    };
    const runtime = absolute(root.dataset.pyodide);
    worker.postMessage({ boot: { pyodide: runtime, bundle: absolute(root.dataset.bundle) } });
    // Compile the runtime's WebAssembly here and hand the module to the worker: streaming compilation
    // runs on background threads, and Chromium's compiled-code cache applies on the page but not in
    // workers, which halves a warm start. A wrong MIME type or a failed download rejects at once here,
    // where inside Pyodide it would hang.
    WebAssembly.compileStreaming(fetch(new URL("pyodide.asm.wasm", runtime)))
      .then((module) => { if (worker) worker.postMessage({ module }); })
      .catch((error) => fail(`파이썬 런타임 파일을 받지 못했습니다 (${error.message}). 아래의 기본 안내와 체크 표시는 그대로 쓸 수 있고, 표시한 내용은 이 기기에 보관됩니다.`));
  }

  root.addEventListener("change", (event) => {
    const input = event.target;
    if (input.dataset.step) {
      record({ type: "tick", step: input.dataset.step, checked: input.checked, at: new Date().toISOString() });
    } else if (input.form && input.form.dataset.lg === "situation") {
      record({ type: "situation", query: new URLSearchParams(new FormData(input.form)).toString() });
      if (!ready) showStaticPlan(root, input.form, () => ready);
    }
  });
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.lg === "situation") {
      event.preventDefault();
      record({ type: "situation", query: new URLSearchParams(new FormData(form)).toString() });
    } else if (form.dataset.lg === "report") {
      event.preventDefault();
      record({ type: "report", fields: Object.fromEntries(new FormData(form)), at: new Date().toISOString() });
    }
  });
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-lg-action]");
    if (!button) return;
    const action = button.dataset.lgAction;
    if (action === "print") window.print();
    else if (action === "reset" && window.confirm("체크 표시와 신고 기록을 모두 지울까요? 되돌릴 수 없습니다.")) {
      record({ type: "reset" });
    } else if (action === "copy") {
      try {
        await navigator.clipboard.writeText(exportText);
        setState(root.dataset.state, "신고 기록을 복사했습니다.");
      } catch {
        setState(root.dataset.state, "복사하지 못했습니다. 인쇄하기를 이용하세요.");
      }
    }
  });
  window.addEventListener("popstate", () => { if (ready) send("location"); });
  // Opening hours depend on the clock: refresh the open-now status every minute.
  window.setInterval(() => { if (ready && !document.hidden) send("refresh"); }, 60000);

  if (root.dataset.start === "interaction") {
    root.addEventListener("focusin", start, { once: true });
    root.addEventListener("pointerdown", start, { once: true });
  } else {
    // After first paint: the page is readable and usable before any Python byte arrives.
    window.requestAnimationFrame(() => window.setTimeout(start, 0));
  }
}

const root = document.querySelector("[data-lossguide]");
if (root) boot(root);
