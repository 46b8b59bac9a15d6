// A search with no result shows the 24-hour line and the main guides instead of an empty box.
// The box goes between Material's result line and result list, so the theme's own
// ":first-child" (line) and ":last-child" (list) lookups still find what they expect.
(() => {
  const template = document.getElementById("lg-search-fallback");
  const result = document.querySelector("[data-md-component=search-result]");
  if (!template || !result) return;
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  if (!meta || !list) return;
  const box = template.content.firstElementChild.cloneNode(true);
  const none = box.dataset.none;
  result.insertBefore(box, list);
  const update = () => { box.hidden = meta.textContent.trim() !== none; };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
