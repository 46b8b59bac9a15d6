// Web Worker: runs Pyodide and the lossguide engine off the main thread, so the page never freezes.
// It starts at once on what its address's fragment names (#pyodide=<runtime folder>&bundle=<data file>,
// absolute URLs): waiting for a first message would wait on the page, which is busy while the worker
// starts. Every message has a `type`. In: {type: "module", module} once,
// then {type: "request", id, request: JSON string, stored: string|null}. Out: {type: "stage", stage}, {type: "progress",
// loaded, total, known}, {type: "booted"}, {type: "failed", stage, message}, and for each request
// {type: "response", id, response: JSON string} or {type: "error", id, message} with the request's id.

let session = null;

// The page compiles pyodide.asm.wasm (see loader.js) and sends the module: Pyodide is pointed at it
// instead of downloading and compiling the same file a second time in here. Every other download is
// passed through a byte counter, so the page can show progress and knows the link is alive.
// (tests/browser/test_widget.py checks that the runtime's WebAssembly is downloaded exactly once.)
export function useRuntimeCompiledByPage(scope, compiledModule, report) {
  const realFetch = scope.fetch.bind(scope);
  scope.fetch = async (url, init) => {
    if (String(url).endsWith("/pyodide.asm.wasm")) return new Response(null);
    const response = await realFetch(url, init);
    return response.body ? countBytes(response, report) : response;
  };
  WebAssembly.instantiateStreaming = async (_response, imports) => {
    const module = await compiledModule;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

function countBytes(response, report) {
  const size = Number(response.headers.get("content-length")) || 0;
  const identity = !response.headers.get("content-encoding");
  report({ loaded: 0, total: identity ? size : 0, known: identity && size > 0 });
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) { controller.close(); return; }
      report({ loaded: value.byteLength, total: 0, known: true });
      controller.enqueue(value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

let giveModule;
const compiledModule = new Promise((resolve) => { giveModule = resolve; });
useRuntimeCompiledByPage(self, compiledModule, (counts) => self.postMessage({ type: "progress", ...counts }));

const stage = (id) => self.postMessage({ type: "stage", stage: id });

async function boot({ pyodide: base, bundle }) {
  let current = "download";
  // The data file is small: fetch it while the runtime starts.
  const bundleText = fetch(bundle).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  });
  bundleText.catch(() => {});  // reported below, at the stage that needs it
  try {
    stage(current);
    const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
    const py = await loadPyodide({
      indexURL: base,
      lockFileURL: new URL("pyodide-lock.json", base).href,
      stdLibURL: new URL("python_stdlib.zip", base).href,
      packageBaseUrl: base,
    });
    current = "install";
    stage(current);
    await py.loadPackage("lossguide", { checkIntegrity: true, messageCallback: () => {} });
    current = "data";
    stage(current);
    const browser = py.pyimport("lossguide.browser");
    session = browser.Session(await bundleText);
    self.postMessage({ type: "booted" });
  } catch (error) {
    self.postMessage({ type: "failed", stage: current, message: String(error && error.message ? error.message : error) });
  }
}

self.onmessage = ({ data }) => {
  if (data.type === "module") {
    giveModule(data.module);
  } else if (data.type === "request" && session) {
    try {
      self.postMessage({ type: "response", id: data.id, response: session.handle(data.request, data.stored ?? null) });
    } catch (error) {
      self.postMessage({ type: "error", id: data.id, message: String(error && error.message ? error.message : error) });
    }
  }
};

const start = new URLSearchParams(self.location.hash.slice(1));
boot({ pyodide: start.get("pyodide"), bundle: start.get("bundle") });
