/* Closes the theme's menu and search toggles whenever a page is shown, including on a return
 * from the back-forward cache: the build removes Material's autocomplete="off" from those two
 * checkboxes, which is not valid HTML there, and that attribute is what kept browsers from
 * restoring them.
 *
 * The language switcher needs nothing here: its links lead to the same page in each language
 * (site_overrides/partials/alternate.html), and pages carry no <link rel="alternate">, so
 * Material finds no sitemap to look pages up in and lets the links work as they are.
 */
(function () {
  "use strict";

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
