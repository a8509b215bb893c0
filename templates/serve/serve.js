/* journeymap serve: keep this page in step with the journey files. Listens to /events
   (Server-Sent Events: "data: <id>" when a journey's result changes, "data: *" when files come
   or go), fetches this page again and swaps in the new status, findings and map. The map's
   <svg> element is kept (its pan and zoom stay) and its drawing replaced. */
(function () {
  "use strict";
  var body = document.body;
  var page = body.getAttribute("data-page");
  var id = body.getAttribute("data-journey");
  var live = document.getElementById("live");
  var busy = false, again = false, dropped = false, settle = false;
  var opened = {};  // the findings opened, by key, for the page's life

  function setLive(state, text) {
    body.setAttribute("data-live", state);
    // the same words again are not written again: a screen reader heard "Live: updates on save"
    // at every save, besides what the save changed (audit CH)
    if (live && live.textContent !== text) { live.textContent = text; }
  }
  function swap(doc, selector) {
    // What had the keyboard's focus inside keeps it: the status's links and the legend gave it
    // back to the page's top at every save (audit CC).
    var now = document.querySelector(selector), next = doc.querySelector(selector);
    if (!now || !next) { return; }
    var focused = document.activeElement, steps = [];
    for (var el = focused; el && el !== now && now.contains(el); el = el.parentNode) {
      steps.unshift(Array.prototype.indexOf.call(el.parentNode.children, el));
    }
    var fresh = document.importNode(next, true);
    now.replaceWith(fresh);
    if (!steps.length) { return; }
    // The same element if it is still there (by its place, else by its link or words); else the
    // section itself: a save that changed the section's shape sent focus to the page's top, or to
    // another finding than the one being read (audit CH).
    function same(el) {
      return el && el.tagName === focused.tagName && el.getAttribute("href") === focused.getAttribute("href") &&
        (focused.hasAttribute("href") || el.textContent === focused.textContent);
    }
    var back = steps.reduce(function (at, i) { return at && at.children[i]; }, fresh);
    if (!same(back)) {
      back = Array.prototype.filter.call(fresh.querySelectorAll(focused.tagName), same)[0];
    }
    if (!back) {
      fresh.setAttribute("tabindex", "-1");
      back = fresh;
    }
    back.focus();
  }
  function replaceMap(doc) {
    var frame = document.getElementById("map"), next = doc.getElementById("map");
    if (!frame || !next) { return; }
    // The pan and zoom's own marks stay: a save that left the map as it was dropped "more ▸" (audit BI).
    var kept = ["more-right", "more-below"].filter(function (c) { return frame.classList.contains(c); });
    frame.className = next.className;
    kept.forEach(function (c) { frame.classList.add(c); });
    frame.setAttribute("aria-label", next.getAttribute("aria-label") || "");
    if (next.hasAttribute("data-error")) { frame.setAttribute("data-error", next.getAttribute("data-error")); }
    else { frame.removeAttribute("data-error"); }
    if (frame.getAttribute("data-map") === next.getAttribute("data-map")) { return; }
    frame.setAttribute("data-map", next.getAttribute("data-map") || "");
    var svg = frame.querySelector("svg"), fresh = next.querySelector("svg");
    if (!fresh) { return; }
    if (!svg) {
      var empty = frame.querySelector(".no-map");
      if (empty) { empty.remove(); }
      frame.insertBefore(document.importNode(fresh, true), frame.firstChild);
      window.journeymapPanZoom(frame);  // the first good save of a journey that had no map
    } else {
      Array.prototype.slice.call(svg.attributes).forEach(function (a) {
        if (a.name !== "style") { svg.removeAttribute(a.name); }
      });
      Array.prototype.slice.call(fresh.attributes).forEach(function (a) {
        if (a.name !== "style") { svg.setAttribute(a.name, a.value); }
      });
      svg.replaceChildren.apply(svg, Array.prototype.map.call(fresh.childNodes, function (node) {
        return document.importNode(node, true);
      }));
    }
    frame.dispatchEvent(new CustomEvent("journeymap:mapchange"));
  }
  function announce(doc) {
    // Told to a screen reader after each update (WCAG 4.1.3): the state and the findings' count,
    // and the first error's place; the live line only ever said "Live" again (audit BI).
    var said = document.getElementById("said");
    var state = doc.querySelector("#status .state"), counts = doc.querySelector("#findings-heading .muted");
    var frame = doc.getElementById("map");
    if (!said) { return; }
    said.textContent = "Saved: " + [state ? state.textContent.replace(/^[^A-Za-z]+/, "") : "",
      counts ? counts.textContent : "", frame && frame.getAttribute("data-error") || ""].filter(Boolean).join("; ");
  }
  function ownPath() {
    var status = document.getElementById("status");
    return status ? status.getAttribute("data-path") : null;
  }
  function apply(text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    var fresh = doc.getElementById("status");
    if (page === "journey" && fresh && ownPath() && fresh.getAttribute("data-path") !== ownPath()) {
      // This address now shows another file (two journeys shared an id, and one changed it): the
      // page stays with its own file and says where it went.
      stillThere();
      return;
    }
    if (page === "journey") {
      replaceMap(doc);
      swap(doc, "#map-legend");
      scrollersReachable();
      swap(doc, "#status");
      // A finding someone opened to read its lines stays open across saves (matched by code and
      // message), even across a save whose errors hid the warnings for a while.
      Array.prototype.forEach.call(document.querySelectorAll("#findings details"), function (d) {
        if (d.open) { opened[d.getAttribute("data-key")] = true; } else { delete opened[d.getAttribute("data-key")]; }
      });
      var focused = document.activeElement;
      var focusKey = focused && focused.tagName === "SUMMARY" ? focused.parentNode.getAttribute("data-key") : null;
      // The findings keep their place on the page while it is open (swapped where they are):
      // moved above the map when a save brought errors, they left the reader's view and the
      // page jumped (audit BI).
      swap(doc, "#findings");
      Array.prototype.forEach.call(document.querySelectorAll("#findings details"), function (d) {
        if (opened[d.getAttribute("data-key")]) { d.open = true; }
        if (focusKey && d.getAttribute("data-key") === focusKey) { d.querySelector("summary").focus(); }
      });
      swap(doc, "#journey-title");
      document.title = doc.title;
      // The journey is back (renamed back, its folder returned): it is no longer gone.
      var frame = document.getElementById("map");
      if (frame) { frame.classList.remove("gone"); }
      if (source && source.readyState === 1) { setLive("open", "● Live: updates on save"); }
      announce(doc);
    } else {
      swap(doc, "#journeys");
      scrollersReachable();
    }
    body.setAttribute("data-updates", String(Number(body.getAttribute("data-updates")) + 1));
  }
  function leave(parts) {
    // What the page showed of its file is no longer true: the status says why (``parts``: text,
    // and [address, words] for a link) and the map is marked gone.
    var status = document.getElementById("status"), frame = document.getElementById("map"), p = null;
    if (status) {
      p = document.createElement("p");
      parts.forEach(function (part) {
        if (typeof part === "string") { p.appendChild(document.createTextNode(part)); return; }
        var link = document.createElement("a");
        link.href = part[0];
        link.textContent = part[1];
        p.appendChild(link);
      });
      status.className = "status state-gone";
      status.replaceChildren(p);
    }
    // ... to a screen reader too: it heard "Saved: up to date" last, and the map was still
    // "Journey map of ..." (audit CC)
    var said = document.getElementById("said");
    if (said) { said.textContent = p ? p.textContent : ""; }
    if (frame) {
      frame.classList.add("gone");
      var label = frame.getAttribute("aria-label") || "";
      if (label.indexOf("(gone") < 0) {
        frame.setAttribute("aria-label", label.replace(/\.\s/, " (gone: its file left the watched folder; the last map shown). "));
      }
    }
  }
  function gone(moved) {
    // The file was deleted or moved away. A journey of the same title now listed (``moved``: its
    // address) is most likely this one, renamed.
    var findings = document.getElementById("findings");
    leave(["The journey's file was deleted, renamed or moved out of the watched folder. "].concat(
      moved ? [[moved, "A journey of the same title is listed at " + moved], ". "] : [], [["/", "All journeys"]]));
    if (findings) {
      var heading = document.getElementById("findings-heading"), none = document.createElement("p");
      none.className = "muted";
      none.textContent = "None: there is no file to check.";
      if (heading) { heading.textContent = "Findings"; }
      findings.replaceChildren.apply(findings, heading ? [heading, none] : [none]);
    }
  }
  function renamed(address) {
    // The file is still there with another `id:`: its page has another address now.
    leave(["This journey's page has moved (its id, or the id of a journey that shared it, was changed): ",
           [address, address], "."]);
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.pathname, { cache: "no-store" }).then(function (response) {
      if (response.status === 404) {
        setLive("gone", "This journey is no longer under the watched folder.");
        gone();
        return null;
      }
      return response.text();
    }).then(function (text) {
      if (text !== null) { apply(text); }
    }).catch(function () {
      again = true;
    }).then(function () {
      busy = false;
      if (again) { again = false; window.setTimeout(refresh, 100); return; }
      if (settle) { settle = false; checked(); }
    });
  }
  if (page === "journey") { window.journeymapPanZoom(document.getElementById("map")); }
  if (!window.EventSource) { setLive("closed", "This browser cannot follow changes: reload to update."); return; }
  // A browser keeps six connections to one server, and each open stream holds one: a seventh
  // preview tab (or a "Map (SVG)" opened beside them) never loaded. A hidden tab lets
  // its stream go and, shown again, opens it and fetches what changed meanwhile.
  var source = null;
  function connect() {
    source = new EventSource("/events");
    source.onopen = function () {
      setLive("open", "● Live: updates on save");
      if (page === "missing") { arrived(); return; }  // read while this page was on its way
      if (dropped) { dropped = false; refresh(); }
    };
    source.onerror = function () {
      dropped = true;
      setLive("closed", "Reconnecting to journeymap serve…");
    };
    source.onmessage = onmessage;
    // A journey slow to check (a second or more) is told before its check and after it: a
    // 2,000-touch-point journey's page said nothing for the 4 s from a save to its new map.
    source.addEventListener("checking", function (event) { checking(event.data, true); });
    source.addEventListener("checked", function (event) { checking(event.data, false); });
  }
  function checking(data, begun) {
    var ident = data.replace(/^check(ing|ed) /, "");
    if (page === "missing" || (page === "journey" && ident !== id)) { return; }
    if (begun) {
      settle = false;
      setLive("checking", page === "journey" ? "◌ Checking your save…" : "◌ Checking " + ident + "…");
    } else if (busy) {
      settle = true;  // the new page is on its way: "Live" over the old map read as up to date (audit CH)
    } else {
      checked();
    }
  }
  function checked() {
    if (body.getAttribute("data-live") === "checking") { setLive("open", "● Live: updates on save"); }
  }
  function followVisibility() {
    if (document.visibilityState === "hidden") {
      if (source) { source.close(); source = null; }
      dropped = true;
      setLive("paused", "Paused while this tab is hidden");
    } else if (!source) {
      connect();
    }
  }
  function stillThere() {
    // Files were added or removed: ask the index whether this journey is still there before
    // fetching its page, so a deleted one shows as gone without a failed (404) request.
    fetch("/", { cache: "no-store" }).then(function (response) { return response.text(); }).then(function (text) {
      var index = new DOMParser().parseFromString(text, "text/html");
      var here = index.querySelector('a[href="/j/' + id + '"]'), path = ownPath();
      var span = here ? here.parentNode.querySelector(".path") : null;
      if (here && (!path || !span || span.textContent === path)) { refresh(); return; }
      // The same file under another address: its `id:` was changed (audit AB: told "deleted").
      var moved = Array.prototype.filter.call(index.querySelectorAll("td .path"), function (span) {
        return span.textContent === path;
      });
      if (path && moved.length === 1) {
        setLive("gone", "This journey's page moved.");
        renamed(moved[0].parentNode.querySelector("a").getAttribute("href"));
        return;
      }
      var title = (document.getElementById("journey-title") || {}).textContent;
      if (here && span && moved.length === 0 && here.textContent === title) {
        // The file was renamed and kept its `id:`: this address is its page still, under the new
        // name (audit BI: "Gone", with a link to this very page, and every later save ignored).
        document.getElementById("status").setAttribute("data-path", span.textContent);
        refresh();
        return;
      }
      var same = Array.prototype.filter.call(index.querySelectorAll('a[href^="/j/"]'), function (a) {
        return a.textContent === title;
      });
      setLive("gone", "This journey is no longer under the watched folder.");
      gone(same.length === 1 ? same[0].getAttribute("href") : null);
    }).catch(function () { refresh(); });
  }
  function arrived() {
    // A page for an id no journey had: once the index lists it, the journey's own page is shown.
    fetch("/", { cache: "no-store" }).then(function (response) { return response.text(); }).then(function (text) {
      var index = new DOMParser().parseFromString(text, "text/html");
      if (index.querySelector('a[href="/j/' + id + '"]')) { window.location.reload(); }
    }).catch(function () {});
  }
  function onmessage(event) {
    if (page === "missing") { arrived(); return; }
    if (page !== "journey" || event.data === id) { refresh(); } else if (event.data === "*") { stillThere(); }
  }
  // The map's legend is a tab stop only where it scrolls sideways: elsewhere a stop that does
  // nothing, after the map's buttons (audit DU).
  // So is the index's table, and it says so above it only then (at 760 px the table fitted and
  // "Scroll sideways" still showed: review DV).
  function scrollersReachable() {
    Array.prototype.forEach.call(document.querySelectorAll(".map-legend-screen"), function (f) {
      if (f.scrollWidth > f.clientWidth + 1) { f.tabIndex = 0; } else { f.removeAttribute("tabindex"); }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (f) {
      var hint = f.previousElementSibling, wide = f.scrollWidth > f.clientWidth + 1;
      if (hint && hint.classList.contains("scroll-hint")) { hint.classList.toggle("scrolls", wide); }
      if (wide) { f.tabIndex = 0; } else { f.removeAttribute("tabindex"); }
    });
  }
  scrollersReachable();
  window.addEventListener("resize", scrollersReachable);
  document.addEventListener("visibilitychange", followVisibility);
  followVisibility();  // a tab opened in the background connects when it is first shown
}());
