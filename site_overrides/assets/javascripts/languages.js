/* The language switcher follows its links as they are.
 *
 * Every page of this site exists in every interface language at the same path, so the link
 * already leads to the same page in the other language (catalogue.js adds the reader's filters
 * to it). Material would instead look the page up in each language's sitemap, which drops the
 * filters and asks the server for files that do not exist.
 *
 * It also closes the theme's menu and search toggles whenever a page is shown, including on a
 * return from the back-forward cache: the build removes Material's autocomplete="off" from those two checkboxes,
 * which is not valid HTML there, and that attribute is what kept browsers from restoring them.
 */
(function () {
  "use strict";
  window.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.stopPropagation(); // capture phase on window: Material's handler never sees the click
    },
    true
  );

  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
  }
  // pageshow comes after the browser has restored form state, and again on a return from the
  // back-forward cache.
  window.addEventListener("pageshow", closeToggles);
})();
