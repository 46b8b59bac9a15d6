// Registers the site's service worker (sw.js at the site root) so every page works offline after one visit.
// State for people and tests on <html>: data-offline = saving | ready | unavailable | skipped,
// data-offline-update = available once a newer build has taken over (this page stays on its own build;
// the notice [data-lg-update] offers a reload), and data-offline-runtime = saved | failed | outdated once
// the checklist engine, used on this page, is kept offline (outdated: this page's build was replaced).
(function () {
  const root = document.documentElement;
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) {
    root.dataset.offline = "unavailable";
    return;
  }
  // Data saver on: no offline copy at all (neither the pages nor the checklist engine).
  if (navigator.connection && navigator.connection.saveData) {
    root.dataset.offline = "skipped";
    return;
  }
  const script = new URL("../sw.js", document.currentScript.src);

  // A newer build took over while this page was open. The page keeps every file of its own build (the
  // service worker pins it), and the reader is told that a newer version is there.
  const notice = () => document.querySelector("[data-lg-update]");
  let controlled = Boolean(sw.controller);
  let build = null;  // the build that served this page, as the service worker pinned it
  sw.addEventListener("controllerchange", () => {
    if (!controlled) {  // the first visit's offline copy starting, not a new build
      controlled = true;
      sw.controller.postMessage("which-build");
      return;
    }
    root.dataset.offlineUpdate = "available";
    if (notice()) notice().hidden = false;
  });
  sw.addEventListener("message", ({ data }) => {
    if (data && data.build) build = data.build;
    if (data && data.restored === "gone") {
      // Back from the back/forward cache after this page's build was deleted: its files are gone, so
      // the page is loaded anew (from the newer build), unless the reader has typed something here.
      const fields = document.querySelectorAll(
        "[data-lossguide] textarea, [data-lossguide] input:not([type=checkbox]):not([type=radio]):not([type=hidden])");
      const typed = [...fields].some((field) => field.value !== field.defaultValue);
      if (typed) {
        root.dataset.offlineUpdate = "available";
        if (notice()) notice().hidden = false;
      } else {
        window.location.reload();
      }
    }
  });
  if (sw.controller) sw.controller.postMessage("which-build");
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && build && sw.controller) sw.controller.postMessage({ restored: build });
  });

  function watch(registration) {
    const settle = () => {
      if (registration.active && registration.active.state === "activated") root.dataset.offline = "ready";
    };
    for (const worker of [registration.installing, registration.waiting, registration.active]) {
      if (worker) worker.addEventListener("statechange", settle);
    }
    registration.addEventListener("updatefound", () => {
      registration.installing.addEventListener("statechange", settle);
    });
    settle();
  }

  // The checklist engine is kept offline only once the reader has used it on this page: the service
  // worker then takes the files this page has just downloaded from the HTTP cache.
  function saveRuntimeWhenUsed(registration) {
    const widget = document.querySelector("[data-lossguide]");
    if (!widget) return;
    const ask = () => {
      const worker = registration.active || registration.waiting || registration.installing;
      if (!worker) return;
      sw.addEventListener("message", ({ data }) => {
        if (data && data.runtime) root.dataset.offlineRuntime = data.runtime;
      });
      worker.postMessage("save-runtime");
    };
    if (widget.dataset.state === "ready") return ask();
    const observer = new MutationObserver(() => {
      if (widget.dataset.state === "ready") { observer.disconnect(); ask(); }
    });
    observer.observe(widget, { attributes: true, attributeFilter: ["data-state"] });
  }

  function register() {
    root.dataset.offline = "saving";
    sw.register(script.href, { scope: new URL("./", script).pathname, updateViaCache: "none" })
      .then((registration) => {
        watch(registration);
        sw.ready.then(saveRuntimeWhenUsed);
      })
      .catch(() => { root.dataset.offline = "unavailable"; });
  }

  // After the page has loaded, and on a page with the checklist after the checklist has started (or
  // given up): the offline copy never competes with what the reader needs now.
  function whenWidgetSettles(then) {
    const widget = document.querySelector("[data-lossguide]");
    const settled = () => !widget || widget.dataset.start === "interaction" ||
      ["ready", "failed"].includes(widget.dataset.state);
    if (settled()) return then();
    const observer = new MutationObserver(() => {
      if (settled()) { observer.disconnect(); then(); }
    });
    observer.observe(widget, { attributes: true, attributeFilter: ["data-state"] });
  }
  const afterLoad = () => whenWidgetSettles(register);
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
})();
