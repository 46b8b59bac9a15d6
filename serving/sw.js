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
// - every page (and its worker) stays with the build that served it: each build's cache lists the
//   clients it served, and their requests are answered from that cache, also after a newer build took
//   over. An older build's cache is deleted only when no open tab uses it any more.
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

// Not a file of the site: each build's cache keeps here the ids of the clients (tabs, workers) it served.
const CLIENTS_KEY = new URL("__lossguide-clients__", SCOPE).href;
const owner = new Map();  // client id -> name of the cache of the build that served it

async function servedClients(cache) {
  const hit = await cache.match(CLIENTS_KEY);
  return hit ? hit.json() : [];
}

async function remember(clientId, name = CACHE) {
  if (!clientId) return;
  owner.set(clientId, name);
  const cache = await caches.open(name);
  const ids = await servedClients(cache);
  if (!ids.includes(clientId)) {
    ids.push(clientId);
    await cache.put(CLIENTS_KEY, new Response(JSON.stringify(ids), { headers: { "Content-Type": "application/json" } }));
  }
}

async function cacheOf(clientId) {
  if (!clientId) return CACHE;
  if (!owner.has(clientId)) {
    owner.set(clientId, CACHE);
    for (const name of await olderCaches()) {
      if ((await servedClients(await caches.open(name))).includes(clientId)) owner.set(clientId, name);
    }
  }
  return owner.get(clientId);
}

// Only the active build, with no newer one installing or waiting (whose cache it must not touch).
async function dropUnusedCaches() {
  if (self.registration.installing || self.registration.waiting) return;
  const open = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: "all" })).map((c) => c.id));
  for (const name of await olderCaches()) {
    const ids = await servedClients(await caches.open(name));
    if (!ids.some((id) => open.has(id))) await caches.delete(name);
  }
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
    await dropUnusedCaches();
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

let lastCleanup = 0;

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
  // A page is answered by this build and stays with it; anything else by the build of its page.
  const name = navigation ? CACHE : await cacheOf(event.clientId);
  if (navigation) event.waitUntil(remember(event.resultingClientId));
  if (Date.now() - lastCleanup > 2000) {  // a page that closed or moved on frees its build's cache
    lastCleanup = Date.now();
    event.waitUntil(dropUnusedCaches());
  }
  else if (request.destination === "worker" || request.destination === "sharedworker") {
    event.waitUntil(remember(event.resultingClientId, name));
  }
  const cache = await caches.open(name);
  const key = cacheKey(request.url);
  const hit = await cache.match(key);
  if (hit) return hit;
  if (navigation && looksLikeFolder(key) && (await cache.match(key + "/"))) {
    return Response.redirect(new URL(request.url).pathname + "/" + new URL(request.url).search, 301);
  }
  try {
    const integrity = name === CACHE && LAZY.get(key);
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
