// Loader for the in-page checklist: starts the Python engine in a Web Worker after first paint,
// queues every input (first in, first out) until Python answers, and only moves JSON and HTML.
// Every rule, word, limit and stall budget comes from Python: the page's JSON config
// (lossguide.texts.client_config) and the answers of lossguide.browser.Session.

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

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ""));
}

const megabytes = (bytes) => (bytes / 1048576).toFixed(1);

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
  const config = JSON.parse(root.querySelector("script[data-lg-config]").textContent);
  const absolute = (path) => new URL(path, document.baseURI).href;
  const queue = readPending();  // events not yet answered by Python, oldest first
  let worker = null;
  let ready = false;
  let halted = false;  // a newer version of the site saved the state: this tab never writes it again
  let exportText = "";
  let lastId = 0;
  let inFlight = null;  // {id, count, stored, search}: the one request Python is working on
  let again = null;  // an op asked for while busy, sent when the answer is in
  let afterAnswer = null;  // copy or print, once the answer with what is saved is in
  let stallTimer = 0;
  let stageIndex = 0;
  let retriesLeft = config.retries;
  let runtimeModule = null;  // the page's download and compilation of the runtime, kept across retries
  // Bytes of the runtime download, from the page's own fetch and from the worker's (reset on a retry).
  const counted = () => ({ loaded: 0, total: 0, known: true });
  const bytes = { page: counted(), worker: counted() };
  // When several requests wait, the one that carries the most wins: a new start, then the URL.
  const WEIGHT = { init: 4, location: 3, sync: 2, events: 1, refresh: 0 };

  const status = () => root.querySelector("[data-lg-status]");
  const setState = (state, text) => {
    root.dataset.state = state;
    const el = status();
    if (el && text) el.textContent = text;
  };

  // What the customer typed into the report form is kept in memory only, never stored unredacted:
  // Python redacts it before the state is saved.
  function keepPending() {
    store.set(STORE_PENDING, JSON.stringify(queue.filter((event) => event.type === "tick" || event.type === "situation")));
  }

  function record(event) {
    queue.push(event);
    keepPending();
    if (ready) send("events");
    else start();
  }

  function send(op) {
    if (inFlight) {
      if (again === null || WEIGHT[op] > WEIGHT[again]) again = op;
      return;
    }
    lastId += 1;
    const stored = store.get(STORE_STATE);
    inFlight = { id: lastId, count: queue.length, stored, search: window.location.search };
    const request = {
      id: lastId,
      op,
      stored_situation: store.get(STORE_SITUATION),
      events: queue.slice(),
      query: window.location.search,
      now: new Date().toISOString(),
      view: root.dataset.lossguide,
      base: root.dataset.base,
    };
    worker.postMessage({ type: "request", id: lastId, request: JSON.stringify(request), stored });
  }

  function persist(answer) {
    if (!answer.persist) return true;
    store.set(STORE_SITUATION, answer.persist.situation);
    if (halted || answer.persist.state === null) return true;
    // Another tab wrote while Python worked: write nothing now, ask Python to merge that first.
    if (store.get(STORE_STATE) !== inFlight.stored) {
      again = "sync";
      return true;
    }
    return store.set(STORE_STATE, answer.persist.state);
  }

  function apply(answer) {
    const focused = document.activeElement && document.activeElement.id;
    for (const [name, html] of Object.entries(answer.regions)) {
      for (const region of root.querySelectorAll(`[data-lg-region="${name}"]`)) region.innerHTML = html;
    }
    if (answer.halt) halted = true;
    let message = answer.message;
    if (!persist(answer)) message = config.status.storage_refused;
    // Events that arrived while Python worked stay queued for the next round.
    queue.splice(0, inFlight.count);
    keepPending();
    if (answer.export !== null) exportText = answer.export;
    // If the reader went Back or Forward meanwhile, that newer URL wins (a "location" request follows).
    const history = answer.history;
    if (history && window.location.search === inFlight.search && history.query !== window.location.search) {
      const url = window.location.pathname + history.query + window.location.hash;
      if (history.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    if (focused) document.getElementById(focused)?.focus();
    if (root.dataset.state !== "ready") setState("ready", message || config.status.ready);
    else if (message) setState("ready", message);
    if (afterAnswer && again === null) {
      const action = afterAnswer;
      afterAnswer = null;
      action();
    }
    inFlight = null;
    if (again || queue.length) {
      const op = again || "events";
      again = null;
      send(op);
    }
  }

  function fail(text) {
    if (worker) worker.terminate();
    worker = null;
    ready = false;  // from now on ticks are only kept, for the next visit
    inFlight = null;
    window.clearTimeout(stallTimer);
    setState("failed", fill(config.status.failed, { stage: text }));
  }

  // A stalled start is tried again: the runtime download on this page goes on where it was, and
  // files the browser has already received come from its HTTP cache.
  function stalled(stage) {
    if (retriesLeft <= 0) {
      fail(`${stage.text}: ${config.status.stalled}`);
      return;
    }
    retriesLeft -= 1;
    bytes.worker = counted();
    if (worker) worker.terminate();
    worker = null;
    setState("loading", config.status.retrying);
    start();
  }

  function armStallTimer() {
    window.clearTimeout(stallTimer);
    const stage = config.stages[stageIndex] || config.stages[0];
    const ms = stage.id === "download" ? config.download_stall_ms : config.stall_ms;
    stallTimer = window.setTimeout(() => stalled(stage), ms);
  }

  function showStage(index) {
    stageIndex = index;
    const stage = config.stages[index];
    const bar = root.querySelector("[data-lg-progress]");
    let text = stage.text;
    const loaded = bytes.page.loaded + bytes.worker.loaded;
    const total = bytes.page.total + bytes.worker.total;
    if (stage.progress && loaded > 0) {
      const known = bytes.page.known && bytes.worker.known && total >= loaded;
      text = fill(known ? stage.progress : stage.progress_unknown, { done: megabytes(loaded), total: megabytes(total) });
      if (bar && known) { bar.max = total; bar.value = loaded; }
    } else if (bar) {
      bar.max = config.stages.length;
      bar.value = index;
    }
    setState("loading", text);
  }

  // Bytes arriving, from the page's own download or the worker's: the stall timer starts again.
  function progress({ loaded = 0, total = 0, known = true }, source = "worker") {
    const count = bytes[source];
    count.loaded += loaded;
    count.total += total;
    count.known = count.known && known;
    armStallTimer();
    if (config.stages[stageIndex].id === "download") showStage(stageIndex);
  }

  // The runtime's WebAssembly is compiled here and handed to the worker: streaming compilation runs on
  // background threads, and Chromium's compiled-code cache applies on the page but not in workers.
  // The body is passed through a counter so the reader sees bytes arrive.
  async function compileRuntime(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (!(response.headers.get("content-type") || "").startsWith("application/wasm")) throw new Error("MIME");
    const size = Number(response.headers.get("content-length")) || 0;
    const identity = !response.headers.get("content-encoding");
    progress({ total: identity ? size : 0, known: identity && size > 0 }, "page");
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) { controller.close(); return; }
        progress({ loaded: value.byteLength }, "page");
        controller.enqueue(value);
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    return WebAssembly.compileStreaming(new Response(body, { headers: { "content-type": "application/wasm" } }));
  }

  function onWorkerMessage({ data }) {
    if (data.type === "stage") {
      showStage(Math.max(0, config.stages.findIndex((s) => s.id === data.stage)));
      armStallTimer();
    } else if (data.type === "progress") {
      progress(data, "worker");
    } else if (data.type === "failed") {
      const stage = config.stages.find((s) => s.id === data.stage) || config.stages[0];
      fail(`${stage.text}: ${data.message}`);
    } else if (data.type === "booted") {
      window.clearTimeout(stallTimer);
      ready = true;
      send("init");
    } else if (data.type === "response" && inFlight && data.id === inFlight.id) {
      apply(JSON.parse(data.response));
    } else if (data.type === "error" && inFlight && data.id === inFlight.id) {
      // The worker itself could not run Python: answered like Python's own refusal. The typed report
      // stays in its form (no region is replaced), so it can be sent again.
      apply({ regions: {}, persist: null, history: null, export: null, message: config.status.engine_error });
    }
  }

  function start() {
    if (worker || root.dataset.state === "failed") return;
    showStage(0);
    armStallTimer();
    const runtime = absolute(root.dataset.pyodide);
    // What to load travels in the fragment (never sent to the server): the worker starts on it at once.
    const address = new URL(absolute(root.dataset.worker));
    address.hash = new URLSearchParams({ pyodide: runtime, bundle: absolute(root.dataset.bundle) }).toString();
    try {
      worker = new Worker(address, { type: "module" });
    } catch (error) {
      fail(String(error));
      return;
    }
    worker.onerror = (event) => fail(event.message || "");
    worker.onmessage = onWorkerMessage;
    if (!runtimeModule) {
      runtimeModule = compileRuntime(new URL("pyodide.asm.wasm", runtime));
      runtimeModule.catch(() => { runtimeModule = null; });
    }
    const current = worker;
    runtimeModule
      .then((module) => { if (worker === current) worker.postMessage({ type: "module", module }); })
      .catch((error) => { if (worker === current) fail(`${config.stages[0].text}: ${error.message}`); });
  }

  // The one place a situation change goes through (contract C1: a static plan may be shown here too).
  function chooseSituation(form) {
    record({ type: "situation", query: new URLSearchParams(new FormData(form)).toString() });
    if (!ready) showStaticPlan(root, form, () => ready);
  }

  root.addEventListener("change", (event) => {
    const input = event.target;
    if (input.dataset.step) {
      record({ type: "tick", step: input.dataset.step, checked: input.checked, at: new Date().toISOString() });
    } else if (input.form && input.form.dataset.lg === "situation") {
      chooseSituation(input.form);
    }
  });
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.lg === "situation") {
      event.preventDefault();
      chooseSituation(form);
    } else if (form.dataset.lg === "report") {
      event.preventDefault();
      record({ type: "report", fields: Object.fromEntries(new FormData(form)), at: new Date().toISOString() });
    }
  });
  // Live counters: the limit is the field's maxlength, rendered by Python.
  root.addEventListener("input", (event) => {
    const field = event.target;
    const counter = field.id && root.querySelector(`[data-lg-count-for="${field.id}"]`);
    if (counter) counter.textContent = `${field.value.length.toLocaleString()}/${field.maxLength.toLocaleString()}`;
  });

  // Copy and print use what is saved: ask Python first (another tab may have written), then act.
  function withSaved(action) {
    if (!ready) { action(); return; }
    afterAnswer = action;
    send("sync");
  }
  async function copy() {
    if (!exportText) {  // the saved log was never read (the checklist is not ready): never copy nothing
      setState(root.dataset.state, config.status.copy_unavailable);
      return;
    }
    try {
      await navigator.clipboard.writeText(exportText);
      setState(root.dataset.state, config.status.copied);
    } catch {
      setState(root.dataset.state, config.status.copy_failed);
    }
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-lg-action]");
    if (!button) return;
    const action = button.dataset.lgAction;
    if (button.dataset.lgConfirm && !window.confirm(button.dataset.lgConfirm)) return;
    if (action === "print") withSaved(() => window.print());
    else if (action === "copy") withSaved(copy);
    else if (action === "reload") window.location.reload();
    else record({ type: action, id: button.dataset.lgEntry });
  });
  window.addEventListener("popstate", () => { if (ready) send("location"); });
  // Another tab saved: Python merges it into this tab's state (entries by id) within a moment.
  window.addEventListener("storage", (event) => {
    if (ready && (event.key === STORE_STATE || event.key === null)) send("sync");
  });
  // Opening hours depend on the clock: refresh the open-now status every minute.
  window.setInterval(() => { if (ready && !document.hidden) send("refresh"); }, 60000);

  if (root.dataset.start === "interaction") {
    root.addEventListener("focusin", start, { once: true });
    root.addEventListener("pointerdown", start, { once: true });
  } else if (performance.getEntriesByType("paint").length > 0) {
    start();  // the page has been painted already (it usually has, by the time this module runs)
  } else {
    // After first paint: the page is readable and usable before any Python byte arrives.
    window.requestAnimationFrame(() => window.setTimeout(start, 0));
  }
}

const root = document.querySelector("[data-lossguide]");
if (root) boot(root);
