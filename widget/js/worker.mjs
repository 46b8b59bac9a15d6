// Web Worker: runs Pyodide and the lossguide engine off the main thread, so the page never freezes.
// Messages in: {boot: {pyodide, bundle}} and {module} once each, then {id, request: JSON string}.
// Messages out: {stage, index, total}, {booted}, {failed, message}, {id, response: JSON string} or {id, error}.

const STAGES = ["파이썬 런타임 내려받기", "안내 엔진 설치", "연락처·체크리스트 데이터 읽기"];
let session = null;

// The page compiles pyodide.asm.wasm and sends the module (see loader.js). Pyodide is pointed at that
// module instead of downloading and compiling the file a second time in here.
let giveModule;
const compiledModule = new Promise((resolve) => { giveModule = resolve; });
const realFetch = self.fetch.bind(self);
self.fetch = (url, init) =>
  String(url).endsWith("/pyodide.asm.wasm") ? Promise.resolve(new Response(null)) : realFetch(url, init);
WebAssembly.instantiateStreaming = async (_response, imports) => {
  const module = await compiledModule;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

function stage(index) {
  self.postMessage({ stage: STAGES[index], index: index + 1, total: STAGES.length });
}

async function boot({ pyodide: base, bundle }) {
  let current = STAGES[0];
  // The data file is small: fetch it while the runtime starts.
  const bundleText = fetch(bundle).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  });
  bundleText.catch(() => {});  // reported below, at the stage that needs it
  try {
    stage(0);
    const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
    const py = await loadPyodide({
      indexURL: base,
      lockFileURL: new URL("pyodide-lock.json", base).href,
      stdLibURL: new URL("python_stdlib.zip", base).href,
      packageBaseUrl: base,
    });
    current = STAGES[1];
    stage(1);
    await py.loadPackage("lossguide", { checkIntegrity: true, messageCallback: () => {} });
    current = STAGES[2];
    stage(2);
    const browser = py.pyimport("lossguide.browser");
    session = browser.Session(await bundleText);
    self.postMessage({ booted: true });
  } catch (error) {
    self.postMessage({ failed: current, message: String(error && error.message ? error.message : error) });
  }
}

self.onmessage = ({ data }) => {
  if (data.module) {
    giveModule(data.module);
  } else if (data.boot) {
    boot(data.boot);
  } else if (session) {
    try {
      self.postMessage({ id: data.id, response: session.handle(data.request) });
    } catch (error) {
      self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error) });
    }
  }
};
