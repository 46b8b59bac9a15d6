// Search result links carry ?h= with the terms the theme matched. Korean is cut into syllables for
// matching (mkdocs.yml, search separator), so those terms are syllables and the page would mark
// every 분 and 실 (신분증, 유실물). This puts the reader's own words there instead, as typed, so the
// page marks whole query words. Installed by widget/hooks/search.py; moves a string, no rules.
(() => {
  const results = document.querySelector(".md-search-result");
  const input = document.querySelector("input.md-search__input");
  if (!results || !input) return;
  const rewrite = () => {
    const words = input.value.trim().split(/\s+/).filter(Boolean).join(" ");
    if (!words) return;
    for (const link of results.querySelectorAll("a.md-search-result__link[href]")) {
      const url = new URL(link.href);
      if (url.searchParams.has("h") && url.searchParams.get("h") !== words) {
        url.searchParams.set("h", words);
        link.href = url.href;
      }
    }
  };
  // Runs before any click can follow a link: observer callbacks come right after the theme renders.
  new MutationObserver(rewrite).observe(results, { childList: true, subtree: true });
})();
