/* The language switcher follows its links as they are.
 *
 * Every page of this site exists in every interface language at the same path, so the link
 * already leads to the same page in the other language (catalogue.js adds the reader's filters
 * to it). Material would instead look the page up in each language's sitemap, which drops the
 * filters and asks the server for files that do not exist.
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
})();
