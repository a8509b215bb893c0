/* journeymap pan and zoom: window.journeymapPanZoom(container) makes the SVG inside `container`
   pan (drag, arrow keys) and zoom (wheel, + and -, 0 resets) and adds Zoom in / Zoom out / Reset
   buttons before it. Lane names stay in view: when none of a lane's `.lane-label`s is on
   screen, its name is pinned at the container's left edge, level with the lane. The transform
   lives on the <svg> element's style, so the drawing inside it can be replaced without losing
   the view (send "journeymap:mapchange" to the container after that). Ours, inlined, no network. */
(function () {
  "use strict";
  var MIN = 0.2, MAX = 24, STEP = 1.25, PAN = 60;
  window.journeymapPanZoom = function (container) {
    if (!container) { return null; }
    if (container.journeymapPanZoom) { return container.journeymapPanZoom; }
    var view = { scale: 1, x: 0, y: 0 };
    var drag = null, pending = false;
    var pinned = document.createElement("div");
    pinned.className = "panzoom-lanes";
    pinned.setAttribute("aria-hidden", "true");
    container.appendChild(pinned);
    function laneName(svg, lane) {
      var label = svg.querySelector("[id='lane-label-" + lane.id.slice(5) + "']");
      var bold = label ? label.querySelectorAll("text[font-weight='bold']") : [];
      return Array.prototype.map.call(bold, function (t) { return t.textContent; }).join(" ");
    }
    function pinLanes() {
      pending = false;
      var svg = container.querySelector("svg");
      pinned.replaceChildren();
      if (!svg) { return; }
      var box = container.getBoundingClientRect();
      var labels = Array.prototype.map.call(svg.querySelectorAll(".lane-label"), function (l) {
        return l.getBoundingClientRect();
      });
      Array.prototype.forEach.call(svg.querySelectorAll(".lane"), function (lane) {
        var r = lane.getBoundingClientRect();
        if (r.bottom <= box.top || r.top >= box.bottom || r.height < 12) { return; }
        var seen = labels.some(function (l) {
          var middle = (l.top + l.bottom) / 2;
          return middle > r.top && middle < r.bottom && l.left >= box.left - 2 && l.right <= box.right + 2;
        });
        var name = seen ? "" : laneName(svg, lane);
        if (!name) { return; }
        var tag = document.createElement("span");
        tag.textContent = name;
        tag.style.top = Math.max(0, r.top - box.top) + "px";
        tag.style.maxHeight = Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top) + "px";
        pinned.appendChild(tag);
      });
    }
    function apply() {
      var svg = container.querySelector("svg");
      if (!svg) { return; }
      svg.style.transformOrigin = "0 0";
      svg.style.transform = "translate(" + view.x + "px, " + view.y + "px) scale(" + view.scale + ")";
      if (!pending) { pending = true; window.requestAnimationFrame(pinLanes); }
    }
    function zoom(factor, cx, cy) {
      var box = container.getBoundingClientRect();
      if (cx === undefined) { cx = box.width / 2; cy = box.height / 2; }
      var scale = Math.min(MAX, Math.max(MIN, view.scale * factor));
      var f = scale / view.scale;
      view.x = cx - (cx - view.x) * f;
      view.y = cy - (cy - view.y) * f;
      view.scale = scale;
      apply();
    }
    function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }
    function reset() { view = { scale: 1, x: 0, y: 0 }; apply(); }
    container.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = container.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    container.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY };
      container.setPointerCapture(event.pointerId);
      container.style.cursor = "grabbing";
    });
    container.addEventListener("pointermove", function (event) {
      if (!drag || drag.id !== event.pointerId) { return; }
      pan(event.clientX - drag.x, event.clientY - drag.y);
      drag.x = event.clientX;
      drag.y = event.clientY;
    });
    function release() { drag = null; container.style.cursor = ""; }
    container.addEventListener("pointerup", release);
    container.addEventListener("pointercancel", release);
    container.addEventListener("keydown", function (event) {
      var keys = { "+": function () { zoom(STEP); }, "=": function () { zoom(STEP); },
                   "-": function () { zoom(1 / STEP); }, "0": reset,
                   ArrowLeft: function () { pan(PAN, 0); }, ArrowRight: function () { pan(-PAN, 0); },
                   ArrowUp: function () { pan(0, PAN); }, ArrowDown: function () { pan(0, -PAN); } };
      if (keys[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        keys[event.key]();
      }
    });
    container.addEventListener("journeymap:mapchange", apply);
    var controls = document.createElement("div");
    controls.className = "panzoom-controls";
    [["Zoom in", "+", function () { zoom(STEP); }], ["Zoom out", "−", function () { zoom(1 / STEP); }],
     ["Reset view", "Reset", reset]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[1];
      button.setAttribute("aria-label", spec[0]);
      button.title = spec[0];
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    container.parentNode.insertBefore(controls, container);
    var api = { zoomIn: function () { zoom(STEP); }, zoomOut: function () { zoom(1 / STEP); }, reset: reset,
                view: function () { return { scale: view.scale, x: view.x, y: view.y }; } };
    container.journeymapPanZoom = api;
    apply();
    return api;
  };
}());
