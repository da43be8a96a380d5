/* Catalogue search and facets, on top of the Pagefind index built with the site.
 *
 * The page works without this script (a static A-Z list). With it, readers search and filter;
 * several values of one facet combine with OR, facets with AND; counts show how many practices
 * each value would give; the state lives in the URL (?q=..&country=BE,FR&theme=mentoring) so
 * that a view can be shared and the back button steps through changes.
 * Everything is loaded from this site: no request goes to another origin.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-kb-catalogue]");
  if (!root) return;
  var config = JSON.parse(document.getElementById("kb-catalogue-config").textContent);
  var strings = config.strings;
  var lang = document.documentElement.lang || "en";

  var input = root.querySelector("#kb-q");
  var countNode = root.querySelector(".kb-count");
  var list = root.querySelector(".kb-result-list");
  var moreButton = root.querySelector(".kb-more");
  var copyStatus = root.querySelector(".kb-copy-status");
  var staticList = document.querySelector(".kb-static-list");

  var pagefind = null;
  var allValues = {}; // facet -> {code: count} over the whole index
  var state = { q: "", selected: {} }; // selected: facet -> [codes]
  var results = [];
  var shown = 0;
  var generation = 0; // each update gets a number; slower, older updates are dropped

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return String(values[name]);
    });
  }

  function label(facet, code) {
    var labels = config.labels[facet] || {};
    return labels[code] || code;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var next = { q: params.get("q") || "", selected: {} };
    config.facets.forEach(function (facet) {
      var raw = params.get(facet.key);
      if (raw) {
        next.selected[facet.key] = raw.split(",").filter(Boolean);
      }
    });
    return next;
  }

  function urlFor(current) {
    var params = new URLSearchParams();
    if (current.q) params.set("q", current.q);
    config.facets.forEach(function (facet) {
      var codes = current.selected[facet.key];
      if (codes && codes.length) params.set(facet.key, codes.join(","));
    });
    var query = params.toString().replace(/%2C/g, ",");
    return window.location.pathname + (query ? "?" + query : "");
  }

  function filtersFor(current, without) {
    var filters = { kind: "practice" };
    Object.keys(current.selected).forEach(function (key) {
      var codes = current.selected[key];
      if (key !== without && codes && codes.length) filters[key] = { any: codes.slice() };
    });
    return filters;
  }

  function search(current, without) {
    var options = { filters: filtersFor(current, without) };
    if (!current.q) options.sort = { title: "asc" };
    return pagefind.search(current.q || null, options);
  }

  function facetValueId(facet, code) {
    return "kb-f-" + facet + "-" + code.replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function renderFacets(countsByFacet) {
    config.facets.forEach(function (facet) {
      var details = root.querySelector('.kb-facet[data-facet="' + facet.key + '"]');
      var box = details.querySelector(".kb-facet-values");
      var codes = Object.keys(allValues[facet.key] || {});
      details.hidden = codes.length === 0;
      if (facet.key === "decade") {
        codes.sort();
      } else {
        codes.sort(function (a, b) {
          return label(facet.key, a).localeCompare(label(facet.key, b), lang);
        });
      }
      var selected = state.selected[facet.key] || [];
      var focusedId = document.activeElement && document.activeElement.id;
      box.textContent = "";
      codes.forEach(function (code) {
        var id = facetValueId(facet.key, code);
        var count = (countsByFacet[facet.key] || {})[code] || 0;
        var row = document.createElement("div");
        row.className = "kb-facet-value";
        var box_ = document.createElement("input");
        box_.type = "checkbox";
        box_.id = id;
        box_.value = code;
        box_.checked = selected.indexOf(code) !== -1;
        box_.dataset.facet = facet.key;
        var text = document.createElement("label");
        text.htmlFor = id;
        text.textContent = label(facet.key, code) + " ";
        var number = document.createElement("span");
        number.className = "kb-facet-count";
        number.textContent = "(" + count + ")";
        text.appendChild(number);
        if (count === 0 && !box_.checked) row.classList.add("kb-empty");
        row.appendChild(box_);
        row.appendChild(text);
        box.appendChild(row);
      });
      if (focusedId) {
        var again = document.getElementById(focusedId);
        if (again && again !== document.activeElement) again.focus();
      }
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "kb-result";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.appendChild(link);
    item.appendChild(heading);
    var text = document.createElement("p");
    text.className = "kb-summary";
    if (state.q && data.excerpt) {
      // Pagefind's excerpt is escaped text with <mark> around the matched words.
      text.innerHTML = data.excerpt;
    } else {
      text.textContent = data.meta.summary || "";
    }
    item.appendChild(text);
    var meta = document.createElement("p");
    meta.className = "kb-meta";
    [
      [strings.label_countries, data.meta.countries],
      [strings.label_themes, data.meta.themes],
    ].forEach(function (pair) {
      if (!pair[1]) return;
      var span = document.createElement("span");
      span.textContent = pair[0] + ": " + pair[1];
      meta.appendChild(span);
    });
    item.appendChild(meta);
    return item;
  }

  function showMore(mine) {
    var next = results.slice(shown, shown + config.pageSize);
    shown += next.length;
    moreButton.hidden = shown >= results.length;
    return Promise.all(
      next.map(function (result) {
        return result.data();
      })
    ).then(function (items) {
      if (mine !== generation) return;
      items.forEach(function (data) {
        list.appendChild(resultItem(data));
      });
    });
  }

  function update() {
    var mine = ++generation;
    var current = { q: state.q, selected: state.selected };
    var active = config.facets.filter(function (facet) {
      var codes = current.selected[facet.key];
      return codes && codes.length;
    });
    // Counts for a facet with a selection ignore that facet, so that its other values show what
    // they would add (OR); all other counts follow the full selection (AND).
    var searches = [search(current)].concat(
      active.map(function (facet) {
        return search(current, facet.key);
      })
    );
    return Promise.all(searches).then(function (answers) {
      if (mine !== generation) return;
      var main = answers[0];
      var counts = {};
      config.facets.forEach(function (facet) {
        counts[facet.key] = main.filters[facet.key] || {};
      });
      active.forEach(function (facet, i) {
        counts[facet.key] = answers[i + 1].filters[facet.key] || {};
      });
      renderFacets(counts);
      results = main.results;
      shown = 0;
      list.textContent = "";
      countNode.textContent = results.length
        ? format(strings.results_count, { count: results.length })
        : strings.no_results;
      return showMore(mine);
    });
  }

  function commit(push) {
    var url = urlFor(state);
    if (url !== window.location.pathname + window.location.search) {
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    return update();
  }

  function toggle(facet, code, on) {
    var codes = (state.selected[facet] || []).filter(function (c) {
      return c !== code;
    });
    if (on) codes.push(code);
    state.selected[facet] = codes;
    return commit(true);
  }

  function copyLink() {
    var url = window.location.href;
    var done = function () {
      copyStatus.textContent = strings.link_copied;
    };
    var fail = function () {
      copyStatus.textContent = strings.copy_failed + " " + url;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, fail);
    } else {
      fail();
    }
  }

  function wire() {
    root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches('input[type="checkbox"][data-facet]')) {
        toggle(target.dataset.facet, target.value, target.checked);
      }
    });
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var pushNew = !state.q; // one history entry per search, not per key stroke
        state.q = input.value.trim();
        commit(pushNew);
      }, 200);
    });
    root.querySelector(".kb-search").addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      state.q = input.value.trim();
      commit(true);
    });
    root.querySelector(".kb-clear").addEventListener("click", function () {
      state = { q: "", selected: {} };
      input.value = "";
      commit(true);
    });
    root.querySelector(".kb-copy").addEventListener("click", copyLink);
    moreButton.addEventListener("click", function () {
      showMore(generation);
    });
    window.addEventListener("popstate", function () {
      state = readUrl();
      input.value = state.q;
      update();
    });
  }

  function start() {
    var moduleUrl = new URL(config.pagefind, window.location.href);
    import(moduleUrl.href)
      .then(function (module) {
        pagefind = module;
        // Result URLs are relative to the site root, wherever the site is published.
        return pagefind.options({ baseUrl: new URL("../", moduleUrl).pathname });
      })
      .then(function () {
        return pagefind.filters();
      })
      .then(function (values) {
        allValues = values;
        state = readUrl();
        input.value = state.q;
        wire();
        var wide = window.matchMedia("(min-width: 60em)").matches;
        config.facets.forEach(function (facet) {
          var details = root.querySelector('.kb-facet[data-facet="' + facet.key + '"]');
          var chosen = state.selected[facet.key] && state.selected[facet.key].length;
          details.open = Boolean(chosen) || (wide && (facet.key === "country" || facet.key === "theme"));
        });
        root.classList.add("kb-ready");
        if (staticList) staticList.hidden = true;
        return update();
      })
      .catch(function (error) {
        // Without the index (a page opened from disk, an old browser) the static list stays.
        var note = document.createElement("p");
        note.className = "kb-note";
        note.textContent = strings.search_unavailable;
        root.textContent = "";
        root.appendChild(note);
        root.classList.add("kb-failed");
        if (window.console) window.console.error(error);
      });
  }

  start();
})();
