// Service worker: after one visit every page and search work with the network off; the checklist engine
// (Pyodide) too, once the reader has used the checklist. serving/policy.py fills in the build id and the
// file list at build time: [address, integrity, lazy], lazy = 1 for the runtime and the situation pages.
//
// One build = one cache, and a page is always served with the files of its own build:
// - install: fetch every eager file of this build (a guide visit stays light), each checked against its
//   sha256 (a file changed by a newer deploy fails the check, and the install is retried later);
//   files already in the previous build's cache, lazy ones included, are copied instead of downloaded.
// - lazy files are saved when the page fetches them (checked against their sha256), or on the message
//   "save-runtime" after the checklist has started: then from the HTTP cache, not downloaded again.
// - fetch: cache first for every listed file; the network only for what is not listed.
// - update: the new build waits until the old one serves no page. When a reader follows a link while
//   only one tab is open, the old worker hands over and reloads that navigation from the new build.
// - activate: caches of older builds are deleted.
// - addresses: a query, 'index.html' or a missing trailing slash reach the page (the last by a
//   redirect, as the server does, so relative links stay right); an unknown page is the 404 page, 404.

const BUILD = "__LOSSGUIDE_BUILD__";
const FILES = [/*__LOSSGUIDE_FILES__*/];
const PREFIX = "lossguide-";
const CACHE = PREFIX + BUILD;
const INTEGRITY = "x-lossguide-integrity";
const SCOPE = new URL("./", self.location.href).href;
const PARALLEL = 4;

function cacheKey(url) {
  const parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  if (parsed.pathname.endsWith("/index.html")) parsed.pathname = parsed.pathname.slice(0, -"index.html".length);
  return parsed.href;
}

async function olderCaches() {
  const names = await caches.keys();
  return names.filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

async function copyFromOlder(older, url, integrity) {
  for (const name of older) {
    const hit = await (await caches.open(name)).match(url);
    if (hit && hit.headers.get(INTEGRITY) === integrity) return hit;
  }
  return null;
}

async function download(url, integrity, cache = "no-cache") {
  const response = await fetch(url, { integrity, cache, credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const headers = new Headers(response.headers);
  headers.set(INTEGRITY, integrity);
  // Keep the status and the headers (the page's CSP, the wasm MIME type): offline pages are as strict.
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

const LAZY = new Map(FILES.filter((file) => file[2]).map(([path, integrity]) => [new URL(path, SCOPE).href, integrity]));

async function precache() {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((request) => request.url));
  const older = await olderCaches();
  const queue = FILES.map(([path, integrity, lazy]) => [new URL(path, SCOPE).href, integrity, lazy])
    .filter(([url]) => !have.has(url));
  async function lane() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [url, integrity, lazy] = next;
      const response = (await copyFromOlder(older, url, integrity)) || (lazy ? null : await download(url, integrity));
      if (response) await cache.put(url, response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, lane));
}

// The runtime the checklist has just downloaded: taken from the HTTP cache ("force-cache"), so it is
// normally not downloaded a second time; each file still has to match its sha256.
async function saveLazy(prefix) {
  const cache = await caches.open(CACHE);
  for (const [url, integrity] of LAZY) {
    if (!url.startsWith(prefix) || (await cache.match(url))) continue;
    await cache.put(url, await download(url, integrity, "force-cache"));
  }
}

self.addEventListener("install", (event) => {
  // A failed install leaves no partial cache behind.
  event.waitUntil(precache().catch(async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await Promise.all((await olderCaches()).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  else if (event.data === "build" && event.source) event.source.postMessage({ build: BUILD });
  else if (event.data === "save-runtime") {
    const reply = (runtime) => event.source && event.source.postMessage({ runtime });
    event.waitUntil(saveLazy(new URL("pyodide/", SCOPE).href).then(() => reply("saved"), () => reply("failed")));
  }
});

function looksLikeFolder(url) {
  const path = new URL(url).pathname;
  return !path.endsWith("/") && !path.slice(path.lastIndexOf("/") + 1).includes(".");
}

async function respond(event) {
  const request = event.request;
  const navigation = request.mode === "navigate";
  if (navigation && self.registration.waiting) {
    const windows = await self.clients.matchAll({ type: "window" });
    if (windows.length <= 1) {
      // The reader is leaving the only page of the old build: switch builds, then load this address anew.
      self.registration.waiting.postMessage("skip-waiting");
      return new Response("", { headers: { Refresh: "0", "Cache-Control": "no-store" } });
    }
  }
  const cache = await caches.open(CACHE);
  const key = cacheKey(request.url);
  const hit = await cache.match(key);
  if (hit) return hit;
  if (navigation && looksLikeFolder(key) && (await cache.match(key + "/"))) {
    return Response.redirect(new URL(request.url).pathname + "/" + new URL(request.url).search, 301);
  }
  try {
    const integrity = LAZY.get(key);
    if (integrity) {
      // A lazy file of this build, fetched by the page: checked, handed over, and kept for offline.
      const response = await download(key, integrity, "default");
      event.waitUntil(cache.put(key, response.clone()));
      return response;
    }
    return await fetch(request);
  } catch (error) {
    if (navigation) {
      const notFound = await cache.match(new URL("404.html", SCOPE).href);
      if (notFound) return new Response(notFound.body, { status: 404, statusText: "Not Found", headers: notFound.headers });
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(respond(event));
});
