/* journeymap pan and zoom: window.journeymapPanZoom(container) makes the SVG map inside `container`
   pan (drag, arrow keys) and zoom (wheel, pinch, + and -, buttons), 0 resets. The lane names stay in view:
   when they scroll out at the left, a strip showing the map's lane-name column (an SVG <use> of
   the same drawing, so no id is duplicated) follows the vertical pan and zoom. No library, no
   network. A `journeymap:mapchange` event on the container (a live page swapped the drawing)
   keeps the view. Returns {zoom(factor), pan(dx, dy), reset(), whole(), view()} for scripts and tests. */
(function () {
  "use strict";
  var STRIP = 0.34;  // the widest the lane-name strip gets, as a share of the view
  var PHONE_STRIP = 0.25;  // ... on a frame narrower than PHONE
  var SCROLL_ON = 400;  // ms after the page last scrolled in which the wheel goes on scrolling it
  // The least scale the map opens at: its touch-point names (10 units) 9 px on screen. Fitted
  // whole, a map of seven lanes opened at 0.64 on a 1280 x 800 laptop, its text 6-8 px.
  var READABLE = 0.9;
  // The lowest a frame is made to fit a low map: room for its buttons and a lane or two.
  var MIN_HEIGHT = 240;
  // The most a map opens enlarged: fitted to its frame, a starter's map of one stage printed its
  // title three times the page's heading (audit BP); its box names are 15 px at this.
  var MOST = 1.5;
  // The narrowest frame a live preview opens on the whole map (data-open="fit"), in CSS pixels.
  var PHONE = 600;
  // The least scale a live preview opens on the whole map at: a 300-touch-point map opened whole
  // at 0.04, a band 50 px high in a frame of 240, fourteen presses of "+" from a readable size
  // (audit FL). Smaller, it opens readable, as the briefing does ("Whole map" shows it all).
  var LEAST_WHOLE = 0.2;
  // The most a map is zoomed in, over its own size: its box names 80 px high.
  var DEEPEST = 8;

  function button(bar, label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", action);
    bar.appendChild(b);
    return b;
  }

  window.journeymapPanZoom = function (container) {
    var svg = container.querySelector("svg");
    if (!svg || container.journeymapPanZoom) { return container.journeymapPanZoom; }
    var box = (svg.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
    var full = { x: box[0], y: box[1], w: box[2], h: box[3] };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };
    var opened = true;  // the view is as Reset left it: no zoom, pan or "Whole map" since
    var band = 0;  // the height of the buttons' band at the frame's top, in pixels (room())
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");

    // The lane-name column: from the map's left edge to its first stage column.
    var labelWidth = 0;
    var lanes = { top: full.y, bottom: full.y + full.h };
    var names = [], tags = [];
    var overlay = null;
    var drawing = { x: full.x, y: full.y, w: full.w, h: full.h };  // printed whole, its legend with it

    function measure() {
      // Measured with the whole map in view, once, and again when the page swaps in a new drawing
      // (journeymap serve): a lane added by a save had no name in the strip (audit BI).
      tags.forEach(function (t) { t.el.remove(); });
      if (overlay) { overlay.remove(); }
      labelWidth = 0;
      lanes = { top: full.y, bottom: full.y + full.h };
      names = [];
      tags = [];
      overlay = null;
      var graph = svg.querySelector("g.graph");
      var first = svg.querySelector("g.stage-column");
      if (graph && graph.id && first) {
        // Measured on screen with the whole map in view: "meet" scales the drawing to the
        // container's width or to its height, whichever is tighter.
        var r = svg.getBoundingClientRect();
        var s0 = Math.min(r.width / full.w, r.height / full.h);
        labelWidth = s0 > 0 ? (first.getBoundingClientRect().left - r.left) / s0 : 0;
        // the customer's emotion row too, above the lanes: panned, its name went out of view (audit FA)
        var rows = svg.querySelectorAll("g.emotion-strip, g.lane");
        if (s0 > 0 && rows.length) {
          var mapY = function (screenY) { return full.y + (screenY - r.top) / s0; };
          // Each lane, measured once, with a tag for its name at the top of the lane's visible part
          // when its own name is out of view.
          Array.prototype.forEach.call(rows, function (lane) {
            var b = lane.getBoundingClientRect();
            var label = lane.classList.contains("emotion-strip") ? svg.querySelector("g.emotion-label")
              : svg.querySelector('g[id="label-' + lane.id + '"]');
            var bold = label ? label.querySelectorAll("text[font-weight='bold']") : [];
            var at = label ? label.getBoundingClientRect() : null;
            var tag = document.createElement("div");
            tag.className = "lane-tag";
            tag.setAttribute("aria-hidden", "true");
            tag.textContent = Array.prototype.map.call(bold, function (t) { return t.textContent; }).join(" ");
            tag.style.display = "none";
            container.appendChild(tag);
            tags.push({ top: mapY(b.top), bottom: mapY(b.bottom), el: tag,
                        named: at ? [mapY(at.top), mapY(at.bottom)] : null });
          });
          // The strip spans the emotion row and the lanes only: the title and the legend stay the map's own.
          lanes = { top: Math.min.apply(null, tags.map(function (t) { return t.top; })),
                    bottom: Math.max.apply(null, tags.map(function (t) { return t.bottom; })) };
          // Where the names' text lies, top to bottom: zoomed in between two of them, the strip
          // would be a blank panel over a third of the map.
          Array.prototype.forEach.call(svg.querySelectorAll("g.emotion-label text, g.lane-label text"), function (t) {
            var b = t.getBoundingClientRect();
            if (b.left - r.left < labelWidth * s0) {
              names.push([mapY(b.top), mapY(b.bottom)]);
            }
          });
        }
        overlay = document.createElementNS(svg.namespaceURI, "svg");  // no address in the page
        overlay.setAttribute("class", "lane-overlay");
        overlay.setAttribute("aria-hidden", "true");
        overlay.setAttribute("focusable", "false");
        overlay.setAttribute("preserveAspectRatio", "xMinYMin meet");
        var use = document.createElementNS(svg.namespaceURI, "use");
        use.setAttribute("href", "#" + graph.id);
        overlay.appendChild(use);
        container.appendChild(overlay);
      }

      // With the legend shown under the viewer, the map's own legend rows are hidden: the map ends
      // below its last lane, and fitting its height left a blank band where they were, the map
      // smaller by as much.
      drawing = { x: full.x, y: full.y, w: full.w, h: full.h };
      if (container.classList.contains("legend-below") && tags.length) {
        full.h = Math.min(full.h, lanes.bottom - full.y + 12);
        return true;
      }
      return false;
    }
    if (measure()) { view.h = full.h; }

    function aspect() {
      var w = container.clientWidth || 1, h = container.clientHeight || 1;
      return w / h;
    }

    function keepInSight() {
      // However far the map is dragged, it keeps to the view but for a tenth of the view (a fifth
      // of the view on the map let it be dragged down to a corner: audit P).
      view.x = within(view.x, full.x, full.w, view.w);
      // the map reaches up over the buttons' band (a short window's tenth was less than the band)
      var up = band * view.w / (container.clientWidth || 1);
      view.y = within(view.y, full.y - up, full.h + up, view.h);
    }

    function within(start, mapStart, mapSize, size) {
      // The view's start lies between the map's start and where the map's end meets the view's
      // end, give or take a margin: a map larger than the view fills it but for the margin, a
      // smaller one may slide about in it and out of it by no more than the margin.
      var margin = size * 0.1, a = mapStart, b = mapStart + mapSize - size;
      return Math.min(Math.max(start, Math.min(a, b) - margin), Math.max(a, b) + margin);
    }

    function apply() {
      keepInSight();
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
      // A map wider or taller than its view says that more of it lies to the right or below.
      container.classList.toggle("more-right", view.x + view.w < full.x + full.w - 1);
      container.classList.toggle("more-below", view.y + view.h < full.y + full.h - 1);
      if (!overlay) { return; }
      var scale = (container.clientWidth || 1) / view.w;
      var top = Math.max(view.y, lanes.top), bottom = Math.min(view.y + view.h, lanes.bottom);
      // Zoomed far in, the names' column would cover the map: the strip keeps to a third of
      // the view and shows the start of each name, still level with its lane.
      // On a phone a third of the frame was names (audit CO): a quarter there.
      var narrow = (container.clientWidth || 1) < PHONE;
      var strip = narrow ? PHONE_STRIP : STRIP;
      var shown = Math.min(labelWidth, strip * (container.clientWidth || 1) / scale);
      // names cut at the strip's edge fade out, not end mid-word as if whole ("Growth & marketin")
      var cut = shown < labelWidth - 0.5;
      overlay.classList.toggle("cut", cut);
      // ... but on a phone the strip showed a few letters of each ("Contact ce", "Loss assess": audit
      // FL): there each lane's name is written whole in its tag instead, over as many lines as it takes
      var hidden = view.x > full.x + 1;
      var named = !names.length || names.some(function (n) { return n[1] > top && n[0] < bottom; });
      var strips = hidden && named && labelWidth > 0 && bottom > top;
      // ... where each name fits its lane: zoomed out, names of four lines ran into the next
      // lane's and out of the frame (review FP), and the strip is back
      if (!placeTags(cut && narrow, strips, scale)) { placeTags(false, strips, scale); }
      overlay.style.width = (shown * scale) + "px";
      overlay.style.top = ((top - view.y) * scale) + "px";
      overlay.style.height = (Math.max(bottom - top, 0) * scale) + "px";
      overlay.setAttribute("viewBox", [full.x, top, shown, Math.max(bottom - top, 1)].join(" "));
    }

    function placeTags(whole, strips, scale) {
      // The strip, or (``whole``) each lane's name written whole in its tag; whether each tag fits
      // its lane's part in view.
      container.classList.toggle("lane-tags-wrap", whole);
      overlay.style.display = !whole && strips ? "block" : "none";
      var viewBottom = view.y + view.h, fits = true;
      tags.forEach(function (t) {
        // A lane in view whose name is not: its name at the top of the part that is.
        var inView = Math.min(t.bottom, viewBottom) - Math.max(t.top, view.y);
        var nameShown = t.named && t.named[1] > view.y && t.named[0] < viewBottom;
        var show = view.x > full.x + 1 && inView * scale >= 12 && !(nameShown && overlay.style.display === "block");
        t.el.style.display = show ? "block" : "none";
        if (show) {
          t.el.style.top = ((Math.max(t.top, view.y) - view.y) * scale + 2) + "px";
          fits = fits && (!whole || t.el.offsetHeight + 4 <= inView * scale);
        }
      });
      return fits;
    }

    function reset() {
      // The whole map's height in view, as wide as the container allows; a wide, low map is not
      // enlarged past its own size (it opened on its title and a stage and a half), unless the
      // whole map then fits. A map too tall for that at a readable size opens at READABLE from its
      // top left, the rest of it a drag away ("Whole map" shows it all).
      // ... but not on a phone, where the whole map's text was 2 px and the frame half empty
      // (audit CC): there it opens readable, as the briefing does
      var fit = container.getAttribute("data-open") === "fit" && container.clientWidth >= PHONE;
      container.style.height = "";  // the stylesheet's height, before it is fitted to the map
      var w = container.clientWidth || 1, h = container.clientHeight || 1, r = room();
      var high = (h - r) / full.h, wide = w / full.w;
      fit = fit && Math.min(high, wide) >= LEAST_WHOLE;
      var fitted = wide >= high ? high : Math.max(wide, Math.min(high, 1));
      // data-open="fit" (the live preview: the whole map's shape as it is edited) opens on the
      // whole map however small; a wide map opened fitted to its height, cut at the right
      var scale = Math.min(fit ? Math.min(high, wide) : Math.max(fitted, READABLE), MOST);
      // (fitted whole, a wide map left three quarters of a phone's frame blank: the frame is made
      // as low as the map there too, down to its least height: audit BI)
      h = lower(scale, r) || h;
      view.w = w / scale;
      view.h = h / scale;
      view.x = full.x;
      view.y = full.y - r / scale;
      apply();
      opened = true;
    }

    function room() {
      // The band the buttons take at the frame's top, where the map opens below them: on it they
      // covered the last stage's header (audit DN). None where they sit outside the frame. Kept
      // (`band`) for keepInSight, which runs at every move.
      var inside = bar && bar.offsetTop >= 0 && bar.offsetTop <= (container.clientHeight || 0) / 2;
      band = inside ? bar.offsetTop + bar.offsetHeight + 4 : 0;
      return band;
    }

    function lower(scale, r) {
      // A map lower than its frame at `scale`: the frame as low as the map (and the band `r`
      // above it), not a third of it blank; its new height, or 0 where the stylesheet's stands.
      container.style.height = "";
      var low = Math.ceil(full.h * scale + (r || 0)) + (container.offsetHeight - container.clientHeight);
      if (low >= container.clientHeight) { return 0; }
      container.style.height = Math.max(low, MIN_HEIGHT) + "px";
      return container.clientHeight;
    }

    function whole() {
      // All of the map in view, centred below the buttons' band, however small that makes it
      // (Reset fits its height, at most at its own size).
      var w = container.clientWidth || 1, h = container.clientHeight || 1, r = room();
      var scale = Math.min(w / full.w, Math.max(h - r, 1) / full.h);
      view.w = w / scale;
      view.h = h / scale;
      view.x = full.x - (view.w - full.w) / 2;
      view.y = full.y - r / scale - ((h - r) / scale - full.h) / 2;
      apply();
      opened = false;
    }

    function zoom(factor, px, py) {
      var cx = px === undefined ? view.x + view.w / 2 : px;
      var cy = py === undefined ? view.y + view.h / 2 : py;
      // Out to the whole map and a half, in to DEEPEST times its own size: out to four times
      // its width it was a postage stamp in an empty frame, in to 200 times one letter filled
      // the view (audit CC).
      var widest = Math.max(full.w, full.h * aspect()) * 1.5;
      var w = Math.min(Math.max(view.w / factor, (container.clientWidth || 1) / DEEPEST), widest);
      var f = view.w / w;
      view.x = cx - (cx - view.x) / f;
      view.y = cy - (cy - view.y) / f;
      view.w = w;
      view.h = view.h / f;
      apply();
      opened = false;
    }

    function pan(dx, dy) {
      view.x += dx;
      view.y += dy;
      apply();
      opened = false;
    }

    function toMap(event) {
      var r = svg.getBoundingClientRect();
      var s = view.w / (r.width || 1);
      return [view.x + (event.clientX - r.left) * s, view.y + (event.clientY - r.top) * s];
    }

    // The wheel zooms about the pointer (a trackpad's pinch arrives as ctrl + wheel) and a sideways
    // swipe or shift + wheel pans; where the map can go no further that way, the page scrolls on.
    // Every notch was taken: a reader scrolling the briefing over the map was stuck on it, the
    // map zooming out to a postage stamp, and a trackpad could not pan (audit CO).
    // A page scrolling when the pointer comes over the map scrolls on: scrolling up the page, the
    // map under the pointer took 15 notches zooming in before the page moved again (review CS).
    var pageScrolled = -Infinity;
    window.addEventListener("scroll", function () { pageScrolled = Date.now(); }, { passive: true });
    container.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && Date.now() - pageScrolled < SCROLL_ON) { return; }
      var before = [view.x, view.y, view.w];
      // in pixels, whatever unit the browser counts in (Firefox's lines moved the map 3 px a notch)
      var unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? (container.clientHeight || 600) : 1;
      var dx = event.deltaX * unit, dy = event.deltaY * unit;
      var sideways = !event.ctrlKey && (event.shiftKey || Math.abs(dx) > Math.abs(dy));
      if (sideways) {
        pan((dx || dy) * view.w / (container.clientWidth || 1), 0);
      } else {
        var p = toMap(event), factor = Math.exp(-dy * 0.0015);
        // out no further than the whole map (the buttons go on to half as much again): past it,
        // scrolling down the page over the map zoomed it to a postage stamp
        var whole = Math.max(full.w, full.h * aspect());
        if (!event.ctrlKey && factor < 1) { factor = Math.min(1, Math.max(factor, view.w / whole)); }
        if (factor !== 1) { zoom(factor, p[0], p[1]); }
      }
      var moved = Math.abs(view.x - before[0]) + Math.abs(view.y - before[1]) + Math.abs(view.w - before[2]);
      if (moved > 1e-6 * before[2] || event.ctrlKey) { event.preventDefault(); }
    }, { passive: false });

    // Pointers down on the map: one drags it, two pinch (zoom about their midpoint) and drag.
    var down = {};
    function touching() { return Object.keys(down).map(function (k) { return down[k]; }); }
    container.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("button")) { return; }
      event.preventDefault();  // a drag pans; it does not select the map's text
      // ... and it takes the focus the default would have given: the wheel then zooms all the way
      // (its ring is the keyboard's: from a pointer Chromium drew it, :focus-visible and all: review CV)
      container.classList.add("pointer-focus");
      try { container.focus({ preventScroll: true, focusVisible: false }); } catch (ignored) { /* focus() without options */ }
      down[event.pointerId] = { x: event.clientX, y: event.clientY };
      try { container.setPointerCapture(event.pointerId); } catch (ignored) { /* synthetic or finished pointer */ }
    });
    container.addEventListener("pointermove", function (event) {
      var was = down[event.pointerId];
      if (!was) { return; }
      var before = touching();
      down[event.pointerId] = { x: event.clientX, y: event.clientY };
      var after = touching();
      var r = svg.getBoundingClientRect();
      var s = view.w / (r.width || 1);
      if (after.length < 2) {
        pan((was.x - event.clientX) * s, (was.y - event.clientY) * s);
        return;
      }
      var a0 = before[0], b0 = before[1], a1 = after[0], b1 = after[1];
      var span0 = Math.hypot(a0.x - b0.x, a0.y - b0.y), span1 = Math.hypot(a1.x - b1.x, a1.y - b1.y);
      var mx = (a1.x + b1.x) / 2, my = (a1.y + b1.y) / 2;
      pan(((a0.x + b0.x) / 2 - mx) * s, ((a0.y + b0.y) / 2 - my) * s);
      if (span0 > 0 && span1 > 0) {
        var p = toMap({ clientX: mx, clientY: my });
        zoom(span1 / span0, p[0], p[1]);
      }
    });
    function stop(event) { delete down[event.pointerId]; }
    container.addEventListener("pointerup", stop);
    container.addEventListener("pointercancel", stop);

    container.addEventListener("blur", function () { container.classList.remove("pointer-focus"); });
    container.addEventListener("keydown", function (event) {
      container.classList.remove("pointer-focus");  // the keyboard's now: its ring shows
      var step = 0.1;
      var keys = {
        ArrowLeft: function () { pan(-view.w * step, 0); },
        ArrowRight: function () { pan(view.w * step, 0); },
        ArrowUp: function () { pan(0, -view.h * step); },
        ArrowDown: function () { pan(0, view.h * step); },
        "+": function () { zoom(1.25); },
        "=": function () { zoom(1.25); },
        "-": function () { zoom(0.8); },
        "0": reset
      };
      // The frame or one of its buttons (after a click, focus is on the button); never a key
      // with Ctrl, Cmd or Alt: Ctrl + zoomed the map, not the page, for a reader who needs the
      // page larger, and Alt + left arrow panned it instead of going back (audit CC).
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (keys[event.key] && (event.target === container || event.target.parentNode === bar)) {
        var before = [view.x, view.y, view.w];
        keys[event.key]();
        // an arrow at the map's edge goes to the page, as the wheel does (review CV: it stuck)
        var moved = before[0] !== view.x || before[1] !== view.y || before[2] !== view.w;
        if (moved || event.key.indexOf("Arrow") !== 0) { event.preventDefault(); }
      }
    });

    var bar = document.createElement("div");
    bar.className = "panzoom-controls";
    button(bar, "Zoom in", "+", function () { zoom(1.25); });
    button(bar, "Zoom out", "\u2212", function () { zoom(0.8); });
    button(bar, "Reset the view", "Reset", reset);
    button(bar, "Show the whole map", "Whole map", whole);
    container.appendChild(bar);
    // Printed, the map shows whole (the screen's view is one part of it); the view comes back after.
    var kept = null;
    window.addEventListener("beforeprint", function () {
      kept = { x: view.x, y: view.y, w: view.w, h: view.h };
      svg.setAttribute("viewBox", [drawing.x, drawing.y, drawing.w, drawing.h].join(" "));
    });
    window.addEventListener("afterprint", function () {
      if (kept) { view = kept; kept = null; apply(); }
    });
    window.addEventListener("resize", function () {
      // Keep what is in view; only follow the container's new shape. A frame made as low as the map
      // is made so again at the new width: widened, it kept its height and cut the lower lanes.
      // ... the buttons' band above the map kept as high as it is now (none where they moved out
      // of the frame), where the view is at the map's top
      var scale = (container.clientWidth || 1) / view.w, r = room(), top = view.y < full.y;
      if (top) { view.y = full.y - r / scale; }
      if (container.getAttribute("data-open") !== "fit") { lower(scale, top ? r : 0); }
      view.h = view.w / aspect();
      apply();
    });
    reset();

    // A page that swaps the drawing inside the same SVG element (journeymap serve, after a save) says
    // so: take the new map's extent, keep the reader's place and zoom.
    container.addEventListener("journeymap:mapchange", function () {
      var next = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
      svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      if (next.length === 4 && next.every(isFinite)) {
        full = { x: next[0], y: next[1], w: next[2], h: next[3] };
        measure();  // the new drawing is whole in view until apply() sets the reader's place again
        if (container.getAttribute("data-open") === "fit" && opened) {
          // The map as opened (not zoomed or moved since): opened again, the new map whole, its
          // frame as low as it (lanes added by a save were squeezed into the old height).
          reset();
          return;
        }
        // Zoomed or moved: the frame keeps its height and the view its zoom (sized at the reader's
        // zoom, a save made a zoomed-in frame 112 px taller and cut the map's top: audit BP).
        view.h = view.w / aspect();
      }
      apply();
    });

    var api = {
      zoom: function (factor) { zoom(factor); },
      pan: function (dx, dy) { pan(dx, dy); },
      reset: reset,
      whole: whole,
      view: function () { return { x: view.x, y: view.y, w: view.w, h: view.h }; },
      labelWidth: function () { return labelWidth; }
    };
    container.journeymapPanZoom = api;
    return api;
  };
})();
