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

  // After the page has loaded: the offline copy never competes with what the reader needs now.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
