/* Catalogue search and facets.
 *
 * Without search words the catalogue browses a compact index made by the generator
 * (catalogue/<lang>/index.json: practice ids in title order with their facet values); with
 * search words it asks Pagefind, loaded only then, for full-text results in the page's
 * language. Several values of one facet combine with OR, facets with AND; the number beside a
 * value says how many practices the view would have with it. The view lives in the URL
 * (?q=..&country=BE,FR&theme=mentoring): it can be shared and the back button steps through it.
 * Everything comes from this site; the page works without this script (a static A-Z list).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-kb-catalogue]");
  if (!root) return;
  var config = JSON.parse(document.getElementById("kb-catalogue-config").textContent);
  var strings = config.strings;
  var lang = document.documentElement.lang || "en";
  var facetKeys = config.facets.map(function (facet) {
    return facet.key;
  });

  var input = root.querySelector("#kb-q");
  var countNode = root.querySelector(".kb-count");
  var list = root.querySelector(".kb-result-list");
  var moreButton = root.querySelector(".kb-more");
  var copyStatus = root.querySelector(".kb-copy-status");
  var staticList = document.querySelector(".kb-static-list");

  var index = null; // the browse index
  var pagefind = null; // loaded on the first search with words
  var state = { q: "", selected: {} }; // selected: facet -> [codes]
  var results = []; // objects with load() -> Promise of what a result shows
  var shown = 0;
  var generation = 0; // each update gets a number; an older, slower update is dropped

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return String(values[name]);
    });
  }

  function label(facet, code) {
    var labels = config.labels[facet] || {};
    return labels[code] || code;
  }

  function selectedCodes(current, key) {
    var codes = current.selected[key];
    return codes && codes.length ? codes : null;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var next = { q: (params.get("q") || "").trim(), selected: {} };
    facetKeys.forEach(function (key) {
      var raw = params.get(key);
      if (raw) next.selected[key] = raw.split(",").filter(Boolean);
    });
    return next;
  }

  function urlFor(current) {
    var params = new URLSearchParams();
    if (current.q) params.set("q", current.q);
    facetKeys.forEach(function (key) {
      var codes = selectedCodes(current, key);
      if (codes) params.set(key, codes.join(","));
    });
    var query = params.toString().replace(/%2C/g, ",");
    return window.location.pathname + (query ? "?" + query : "");
  }

  /* Browsing without words: filter and count over the compact index. */

  function browse(current) {
    var wanted = index.facets.map(function (key) {
      var codes = selectedCodes(current, key);
      if (!codes) return null;
      var positions = {};
      codes.forEach(function (code) {
        var i = index.values[key].indexOf(code);
        if (i !== -1) positions[i] = true;
      });
      return positions;
    });
    var counts = index.facets.map(function (key) {
      return new Array(index.values[key].length).fill(0);
    });
    var matches = [];
    index.rows.forEach(function (row, i) {
      var failed = -1;
      var failures = 0;
      for (var f = 0; f < row.length && failures < 2; f++) {
        if (wanted[f] && !row[f].some(hasIn(wanted[f]))) {
          failures++;
          failed = f;
        }
      }
      if (failures === 0) {
        matches.push(index.ids[i]);
        row.forEach(function (values, f) {
          values.forEach(function (v) {
            counts[f][v]++;
          });
        });
      } else if (failures === 1) {
        // A row that fails only facet f counts for f's values: choosing one would add it.
        row[failed].forEach(function (v) {
          counts[failed][v]++;
        });
      }
    });
    var byCode = {};
    index.facets.forEach(function (key, f) {
      byCode[key] = {};
      index.values[key].forEach(function (code, v) {
        byCode[key][code] = counts[f][v];
      });
    });
    return {
      counts: byCode,
      results: matches.map(function (id) {
        return {
          id: function () {
            return Promise.resolve(id);
          },
          load: loadCard.bind(null, id),
        };
      }),
    };
  }

  function hasIn(positions) {
    return function (v) {
      return positions[v] === true;
    };
  }

  var cards = {};
  function loadCard(id) {
    if (!cards[id]) {
      cards[id] = fetch(config.data + "cards/" + encodeURIComponent(id) + ".json")
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.json();
        })
        .then(function (card) {
          return {
            url: encodeURIComponent(id) + "/",
            title: card.title,
            titleLang: card.titleLang,
            text: card.summary,
            textLang: card.summaryLang,
            countries: card.countries,
            themes: card.themes,
            unreviewed: card.unreviewed,
          };
        });
    }
    return cards[id];
  }

  /* Searching with words: Pagefind, with the facets as its filters. */

  function loadPagefind() {
    if (!pagefind) {
      var moduleUrl = new URL(config.pagefind, window.location.href);
      pagefind = import(moduleUrl.href)
        .then(function (module) {
          // Result URLs are relative to the site root, wherever the site is published.
          // Pagefind counts a search's filter values only from the filter data it has loaded:
          // loading it first keeps the facet counts right during a word search.
          return module
            .options({ baseUrl: new URL(config.root, window.location.href).pathname })
            .then(function () {
              return module.filters();
            })
            .then(function () {
              return module;
            });
        })
        .catch(function (error) {
          pagefind = null; // a failed load (a dropped connection) is tried again next time
          throw error;
        });
    }
    return pagefind;
  }

  function pagefindFilters(current, without) {
    var filters = { kind: "practice" };
    facetKeys.forEach(function (key) {
      var codes = selectedCodes(current, key);
      if (key !== without && codes) filters[key] = { any: codes.slice() };
    });
    return filters;
  }

  function searchWords(current) {
    return loadPagefind().then(function (module) {
      var active = facetKeys.filter(function (key) {
        return selectedCodes(current, key);
      });
      // Counts for a facet with a selection come from a search without that facet (OR).
      var searches = [null].concat(active).map(function (without) {
        return module.search(current.q, { filters: pagefindFilters(current, without) });
      });
      return Promise.all(searches).then(function (answers) {
        var main = answers[0];
        var counts = {};
        facetKeys.forEach(function (key) {
          counts[key] = main.filters[key] || {};
        });
        active.forEach(function (key, i) {
          counts[key] = answers[i + 1].filters[key] || {};
        });
        return {
          counts: counts,
          results: main.results.map(function (result) {
            return {
              id: function () {
                return result.data().then(function (data) {
                  return decodeURIComponent(data.url.replace(/\/$/, "").split("/").pop());
                });
              },
              load: function () {
                return result.data().then(function (data) {
                  return {
                    url: data.url,
                    title: data.meta.title,
                    html: data.excerpt, // escaped text with <mark> around the matched words
                    countries: data.meta.countries,
                    themes: data.meta.themes,
                    unreviewed: data.meta.unreviewed === "yes",
                  };
                });
              },
            };
          }),
        };
      });
    });
  }

  /* Drawing. */

  function facetValueId(facet, code) {
    return "kb-f-" + facet + "-" + code.replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function renderFacets(counts) {
    var focusedId = document.activeElement && document.activeElement.id;
    config.facets.forEach(function (facet) {
      var details = root.querySelector('.kb-facet[data-facet="' + facet.key + '"]');
      var box = details.querySelector(".kb-facet-values");
      var codes = (index.values[facet.key] || []).slice();
      details.hidden = codes.length === 0;
      if (facet.key !== "decade") {
        codes.sort(function (a, b) {
          return label(facet.key, a).localeCompare(label(facet.key, b), lang);
        });
      }
      var selected = state.selected[facet.key] || [];
      box.textContent = "";
      codes.forEach(function (code) {
        var count = (counts[facet.key] || {})[code] || 0;
        var row = document.createElement("div");
        row.className = "kb-facet-value";
        var check = document.createElement("input");
        check.type = "checkbox";
        check.id = facetValueId(facet.key, code);
        check.value = code;
        check.checked = selected.indexOf(code) !== -1;
        check.dataset.facet = facet.key;
        var text = document.createElement("label");
        text.htmlFor = check.id;
        text.textContent = label(facet.key, code) + " ";
        var number = document.createElement("span");
        number.className = "kb-facet-count";
        number.textContent = "(" + count + ")";
        text.appendChild(number);
        if (count === 0 && !check.checked) row.classList.add("kb-empty");
        row.appendChild(check);
        row.appendChild(text);
        box.appendChild(row);
      });
    });
    if (focusedId) {
      var again = document.getElementById(focusedId);
      if (again && again !== document.activeElement) again.focus();
    }
  }

  function resultItem(shown_) {
    var item = document.createElement("li");
    item.className = "kb-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = shown_.url;
    link.textContent = shown_.title;
    if (shown_.titleLang && shown_.titleLang !== lang) {
      link.lang = shown_.titleLang;
      link.dir = "auto";
    }
    heading.appendChild(link);
    item.appendChild(heading);
    var text = document.createElement("p");
    text.className = "kb-summary";
    if (shown_.html) {
      text.innerHTML = shown_.html;
    } else {
      text.textContent = shown_.text || "";
      if (shown_.textLang && shown_.textLang !== lang) {
        text.lang = shown_.textLang;
        text.dir = "auto";
      }
    }
    item.appendChild(text);
    var meta = document.createElement("p");
    meta.className = "kb-meta";
    [
      [strings.label_countries, shown_.countries],
      [strings.label_themes, shown_.themes],
    ].forEach(function (pair) {
      if (!pair[1]) return;
      var span = document.createElement("span");
      span.textContent = pair[0] + ": " + pair[1];
      meta.appendChild(span);
    });
    item.appendChild(meta);
    if (shown_.unreviewed) {
      var badge = document.createElement("p");
      badge.className = "kb-note kb-unreviewed";
      badge.textContent = strings.unreviewed_badge;
      item.appendChild(badge);
    }
    return item;
  }

  function showMore(mine) {
    var next = results.slice(shown, shown + config.pageSize);
    shown += next.length;
    moreButton.hidden = shown >= results.length;
    return Promise.all(
      next.map(function (result) {
        return result.load();
      })
    ).then(function (items) {
      if (mine !== generation) return;
      items.forEach(function (item) {
        list.appendChild(resultItem(item));
      });
    });
  }

  // The language switcher keeps the reader's view: same filters and words in another language.
  function carryViewToLanguageLinks() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var base = link.getAttribute("data-kb-href") || link.getAttribute("href");
      link.setAttribute("data-kb-href", base);
      link.setAttribute("href", base.split("?")[0] + window.location.search);
    });
  }

  function update() {
    var mine = ++generation;
    var current = { q: state.q, selected: state.selected };
    // Words go to Pagefind, tried twice: on a poor connection one of its many small files may fail.
    var answer = current.q
      ? searchWords(current).catch(function () {
          return searchWords(current);
        })
      : Promise.resolve(browse(current));
    return answer
      .then(function (found) {
        if (mine !== generation) return null;
        renderFacets(found.counts);
        results = found.results;
        shown = 0;
        list.textContent = "";
        countNode.textContent = results.length
          ? format(strings.results_count, { count: results.length })
          : strings.no_results;
        return showMore(mine);
      })
      .then(function () {
        if (mine !== generation) return;
        carryViewToLanguageLinks();
        // For tests and benchmarks: the list on screen now matches the view in the URL.
        root.setAttribute("data-kb-view", window.location.search);
        root.dispatchEvent(new CustomEvent("kb:updated"));
      })
      .catch(function (error) {
        if (mine !== generation) return;
        countNode.textContent = strings.search_unavailable;
        if (window.console) window.console.error(error);
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
    var fail = function () {
      copyStatus.textContent = strings.copy_failed + " " + url;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () {
        copyStatus.textContent = strings.link_copied;
      }, fail);
    } else {
      fail();
    }
  }

  /* Download the current view's results, all of them, as CSV or JSON. */

  var allCards = null;
  function loadAllCards() {
    if (!allCards) {
      allCards = fetch(config.data + "all-cards.json").then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      });
    }
    return allCards;
  }

  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    // A cell that starts like a formula is text, not a formula, in a spreadsheet (OWASP's rule).
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(format) {
    var current = results;
    return Promise.all([loadAllCards()].concat(current.map(function (r) { return r.id(); })))
      .then(function (answers) {
        var cardsById = answers[0];
        var base = new URL(".", window.location.href);
        var rows = answers.slice(1).map(function (id) {
          var card = cardsById[id] || {};
          return {
            id: id,
            title: card.title,
            summary: card.summary,
            countries: card.countries,
            themes: card.themes,
            url: new URL(encodeURIComponent(id) + "/", base).href,
          };
        });
        var columns = ["id", "title", "summary", "countries", "themes", "url"];
        var text =
          format === "json"
            ? JSON.stringify({ view: window.location.href, licence: "CC BY 4.0", practices: rows }, null, 1)
            : [columns.join(",")].concat(rows.map(function (row) {
                return columns.map(function (c) { return csvCell(row[c]); }).join(",");
              })).join("\r\n") + "\r\n";
        var blob = new Blob([text], { type: format === "json" ? "application/json" : "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "practices-" + lang + "." + format;
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () {
          URL.revokeObjectURL(link.href);
          link.remove();
        }, 1000);
      });
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
        var words = input.value.trim();
        if (words === state.q) return;
        var pushNew = !state.q; // one history entry per search, not one per key stroke
        state.q = words;
        commit(pushNew);
      }, 250);
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
    root.querySelectorAll(".kb-download").forEach(function (button) {
      button.addEventListener("click", function () {
        download(button.dataset.format).catch(function (error) {
          copyStatus.textContent = strings.search_unavailable;
          if (window.console) window.console.error(error);
        });
      });
    });
    moreButton.addEventListener("click", function () {
      showMore(generation);
    });
    window.addEventListener("popstate", function () {
      state = readUrl();
      input.value = state.q;
      update();
    });
  }

  function openFacets() {
    var wide = window.matchMedia("(min-width: 60em)").matches;
    config.facets.forEach(function (facet) {
      var details = root.querySelector('.kb-facet[data-facet="' + facet.key + '"]');
      var chosen = selectedCodes(state, facet.key);
      details.open = Boolean(chosen) || (wide && (facet.key === "country" || facet.key === "theme"));
    });
  }

  fetch(config.data + "index.json")
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    })
    .then(function (data) {
      index = data;
      state = readUrl();
      input.value = state.q;
      wire();
      openFacets();
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
})();
