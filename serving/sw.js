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
// - update: a new build takes over as soon as it is stored, so every page opened from then on, in any
//   tab, is the new build whole. A page already open keeps its own build: each page, and each worker
//   it starts, is pinned to the build that served it, and everything it loads comes from that build.
//   An older build's cache is deleted once no open page or worker is pinned to it.
// - fetch: cache first for every listed file; the network only for what is not listed.
// - addresses: a query, 'index.html' or a missing trailing slash reach the page (the last by a
//   redirect, as the server does, so relative links stay right); an unknown page is the 404 page, 404.

const BUILD = "__LOSSGUIDE_BUILD__";
const FILES = [/*__LOSSGUIDE_FILES__*/];
const PREFIX = "lossguide-";
const CACHE = PREFIX + BUILD;
const INTEGRITY = "x-lossguide-integrity";
const SCOPE = new URL("./", self.location.href).href;
const PARALLEL = 4;
// Pins outlive this worker (it is stopped when idle, and replaced by the next build), so they are kept
// in a cache of their own, outside PREFIX: client id -> {build, parent, at}.
const PINS = "lossguide.pins";
// A page being opened is not yet among the clients; its pin is kept at least this long.
const PIN_GRACE_MS = 10_000;

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

const pins = new Map();
const pinKey = (id) => new URL(`__pin/${encodeURIComponent(id)}`, SCOPE).href;

async function pin(id, build, parent) {
  pins.set(id, build);
  const cache = await caches.open(PINS);
  await cache.put(pinKey(id), new Response(JSON.stringify({ build, parent, at: Date.now() })));
}

// The build a page (or a worker of a page) was served from; this build for a client never pinned.
async function buildOf(id) {
  if (!id) return BUILD;
  if (!pins.has(id)) {
    const hit = await caches.match(pinKey(id), { cacheName: PINS });
    pins.set(id, hit ? (await hit.json()).build : BUILD);
  }
  const build = pins.get(id);
  return build === BUILD || (await caches.has(PREFIX + build)) ? build : BUILD;
}

// Builds in the order they took over. Only a build that took over and was then replaced is ever deleted:
// never one still being stored, whichever worker (old or new) happens to be pruning.
const ORDER_KEY = new URL("__builds", SCOPE).href;

async function takeoverOrder() {
  const hit = await caches.match(ORDER_KEY, { cacheName: PINS });
  return hit ? hit.json() : [];
}

async function recordTakeover() {
  let order = await takeoverOrder();
  // The first build that keeps an order: every other cache is from a build before it.
  if (order.length === 0) order = await olderCaches().then((names) => names.map((name) => name.slice(PREFIX.length)));
  const stored = new Set(await caches.keys());  // builds already deleted leave the order
  order = [...order.filter((build) => build !== BUILD && stored.has(PREFIX + build)), BUILD];
  await (await caches.open(PINS)).put(ORDER_KEY, new Response(JSON.stringify(order)));
}

// Forget pins of closed pages and workers, then delete the caches of replaced builds nobody is pinned to.
async function prune() {
  const live = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: "all" })).map((c) => c.id));
  const store = await caches.open(PINS);
  const kept = new Set();
  for (const request of await store.keys()) {
    if (!request.url.startsWith(pinKey(""))) continue;
    const id = decodeURIComponent(request.url.slice(pinKey("").length));
    const hit = await store.match(request);
    if (!hit) continue;  // another prune took it meanwhile
    const { build, parent, at } = await hit.json();
    // abs(): a device clock moved back must not keep a pin forever.
    if (live.has(id) || live.has(parent) || Math.abs(Date.now() - at) < PIN_GRACE_MS) kept.add(build);
    else {
      pins.delete(id);
      await store.delete(request);
    }
  }
  const order = await takeoverOrder();
  const replaced = new Set(order.slice(0, -1));
  for (const name of await caches.keys()) {
    const build = name.slice(PREFIX.length);
    if (name.startsWith(PREFIX) && replaced.has(build) && !kept.has(build)) await caches.delete(name);
  }
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
  // A failed install leaves no partial cache behind. Once stored, this build serves the next page
  // opened at once: open pages keep theirs (see the pins), so nothing waits for tabs to close.
  event.waitUntil(precache().then(() => self.skipWaiting(), async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

// Pages and workers this build is about to take over that no build pinned (the reader's first visit,
// loaded before any offline copy existed): they came from this build's deploy.
async function pinUnpinned() {
  const store = await caches.open(PINS);
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "all" })) {
    if (!(await store.match(pinKey(client.id)))) await pin(client.id, BUILD, null);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(recordTakeover().then(pinUnpinned).then(() => self.clients.claim()).then(prune));
});

self.addEventListener("message", (event) => {
  if (!event.source) return;
  if (event.data === "which-build") {
    event.waitUntil(buildOf(event.source.id).then((build) => event.source.postMessage({ build })));
    return;
  }
  if (event.data && event.data.restored) {
    // A page back from the back/forward cache (not a client meanwhile, so its pin may be gone): pinned
    // again while its build is kept, else it is told its build is gone.
    const build = String(event.data.restored);
    event.waitUntil(caches.has(PREFIX + build).then(async (kept) => {
      if (kept) await pin(event.source.id, build, null);
      event.source.postMessage({ restored: kept ? "kept" : "gone" });
    }));
    return;
  }
  if (event.data !== "save-runtime") return;
  const reply = (runtime) => event.source.postMessage({ runtime });
  event.waitUntil(buildOf(event.source.id).then((build) => {
    // A page of an older build keeps its runtime in memory; the newest build's runtime is saved when a
    // page of the newest build uses the checklist (downloading it now would cost the reader's data).
    if (build !== BUILD) return reply("outdated");
    return saveLazy(new URL("pyodide/", SCOPE).href).then(() => reply("saved"), () => reply("failed"));
  }));
});

function looksLikeFolder(url) {
  const path = new URL(url).pathname;
  return !path.endsWith("/") && !path.slice(path.lastIndexOf("/") + 1).includes(".");
}

async function respond(event) {
  const request = event.request;
  const navigation = request.mode === "navigate";
  // A page opened now is this build; what a page or its workers load comes from the page's own build.
  const build = navigation ? BUILD : await buildOf(event.clientId);
  if (event.resultingClientId) {  // a page or a worker being created: pin it to that build
    event.waitUntil(pin(event.resultingClientId, build, event.clientId || null));
  }
  if (navigation) event.waitUntil(prune());
  const key = cacheKey(request.url);
  const hit = await caches.match(key, { cacheName: PREFIX + build });
  if (hit) return hit;
  if (navigation && looksLikeFolder(key) && (await caches.match(key + "/", { cacheName: PREFIX + build }))) {
    return Response.redirect(new URL(request.url).pathname + "/" + new URL(request.url).search, 301);
  }
  try {
    // A lazy file of this build, fetched by one of its pages: checked, handed over, and kept for offline.
    // (An older build's pages get what the network has: its own list of files is not known here.)
    const integrity = build === BUILD && LAZY.get(key);
    if (integrity) {
      try {
        const response = await download(key, integrity, "default");
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        return response;
      } catch {
        // Not this build's file any more (a newer deploy is on the server): what the server has,
        // not kept. A plan page during a deploy is better than the 404 page.
      }
    }
    return await fetch(request);
  } catch (error) {
    if (navigation) {
      const notFound = await caches.match(new URL("404.html", SCOPE).href, { cacheName: PREFIX + build });
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
