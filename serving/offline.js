// Registers the site's service worker (sw.js at the site root) so every page works offline after one visit.
// State for people and tests on <html>: data-offline = saving | ready | unavailable | skipped,
// and data-offline-update = waiting while a newer build is stored and waits for this page to close.
(function () {
  const root = document.documentElement;
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) {
    root.dataset.offline = "unavailable";
    return;
  }
  // Data saver on: the offline copy (about 25 MB with the checklist engine) is not downloaded.
  if (navigator.connection && navigator.connection.saveData) {
    root.dataset.offline = "skipped";
    return;
  }
  const script = new URL("../sw.js", document.currentScript.src);

  function watch(registration) {
    const settle = () => {
      if (registration.active && registration.active.state === "activated") root.dataset.offline = "ready";
      if (registration.waiting) root.dataset.offlineUpdate = "waiting";
      else delete root.dataset.offlineUpdate;
    };
    for (const worker of [registration.installing, registration.waiting, registration.active]) {
      if (worker) worker.addEventListener("statechange", settle);
    }
    registration.addEventListener("updatefound", () => {
      registration.installing.addEventListener("statechange", settle);
    });
    settle();
  }

  function register() {
    root.dataset.offline = "saving";
    sw.register(script.href, { scope: new URL("./", script).pathname, updateViaCache: "none" })
      .then(watch)
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
