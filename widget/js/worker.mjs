// Web Worker: runs Pyodide and the lossguide engine off the main thread, so the page never freezes.
// Messages in: {boot: {pyodide, bundle}} once, then {id, request: JSON string}.
// Messages out: {stage, index, total}, {booted}, {failed, message}, {id, response: JSON string}.

const STAGES = ["파이썬 런타임 내려받기", "안내 엔진 설치", "연락처·체크리스트 데이터 읽기"];
let session = null;

function stage(index) {
  self.postMessage({ stage: STAGES[index], index: index + 1, total: STAGES.length });
}

async function boot({ pyodide: base, bundle }) {
  let current = STAGES[0];
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
    const response = await fetch(bundle);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const browser = py.pyimport("lossguide.browser");
    session = browser.Session(await response.text());
    self.postMessage({ booted: true });
  } catch (error) {
    self.postMessage({ failed: current, message: String(error && error.message ? error.message : error) });
  }
}

self.onmessage = ({ data }) => {
  if (data.boot) {
    boot(data.boot);
  } else if (session) {
    self.postMessage({ id: data.id, response: session.handle(data.request) });
  }
};
