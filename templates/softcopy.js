/* journeymap soft hyphens: a long word of a journey written in another language than English
   carries soft hyphens where it may break on a narrow screen (journeymap/briefing/softhyphens.py).
   Text copied or dragged from the page is given without them, so a name pasted into a search, a
   message or the journey file is the name as written. The page is not editable, so there is no
   cut to handle. */
(function () {
  "use strict";
  var SOFT = /\u00ad/g;
  /* A selection across several cells, rows or items is copied inside the elements that give it
     its meaning (its rows and table, its list), as a browser copies it; one within a single cell,
     heading or item is its text alone (pasted into a message, one name made a table of one cell,
     or a large heading: review DL). Wrappers used only for layout (div, section, span) are left
     out, and of each element only these attributes are kept: no ids or classes of ours. */
  var CONTAINERS = /^(TABLE|THEAD|TBODY|TFOOT|TR|UL|OL|DL)$/;
  var CONTEXT = /^(TABLE|THEAD|TBODY|TFOOT|TR|TH|TD|CAPTION|UL|OL|LI|DL|DT|DD|H[1-6]|P|BLOCKQUOTE|FIGURE|FIGCAPTION|STRONG|EM|B|I)$/;
  var KEPT = ["colspan", "rowspan", "scope", "lang", "dir", "start"];

  function shallow(element) {
    var copy = document.createElement(element.tagName.toLowerCase());
    KEPT.forEach(function (name) {
      if (element.hasAttribute(name)) { copy.setAttribute(name, element.getAttribute(name)); }
    });
    return copy;
  }

  function inContext(range) {
    var fragment = range.cloneContents();
    Array.prototype.forEach.call(fragment.querySelectorAll("[class], [id]"), function (element) {
      element.removeAttribute("class");
      element.removeAttribute("id");
    });
    var node = range.commonAncestorContainer;
    if (node.nodeType !== Node.ELEMENT_NODE) { node = node.parentNode; }
    if (!node || !CONTAINERS.test(node.tagName)) { node = null; }
    for (; node && node !== document.body && node.nodeType === Node.ELEMENT_NODE; node = node.parentNode) {
      if (!CONTEXT.test(node.tagName)) { continue; }
      var wrapper = shallow(node);
      wrapper.appendChild(fragment);
      fragment = document.createDocumentFragment();
      fragment.appendChild(wrapper);
    }
    var box = document.createElement("div");
    box.appendChild(fragment);
    return box.innerHTML;
  }

  document.addEventListener("copy", function (event) {
    var selection = document.getSelection();
    if (!event.clipboardData || !selection || selection.isCollapsed) { return; }
    /* the text as the browser copies it (its own line breaks between blocks and cells) */
    var text = selection.toString();
    if (text.indexOf("\u00ad") < 0) { return; }
    var html = "";
    for (var i = 0; i < selection.rangeCount; i++) { html += inContext(selection.getRangeAt(i)); }
    event.clipboardData.setData("text/plain", text.replace(SOFT, ""));
    event.clipboardData.setData("text/html", html.replace(SOFT, ""));
    event.preventDefault();
  });

  /* A dragged selection's data is the browser's own, already filled in: only the soft hyphens go. */
  document.addEventListener("dragstart", function (event) {
    var data = event.dataTransfer;
    if (!data) { return; }
    ["text/plain", "text/html"].forEach(function (type) {
      var value = data.getData(type);
      if (value.indexOf("\u00ad") >= 0) { data.setData(type, value.replace(SOFT, "")); }
    });
  });
})();
