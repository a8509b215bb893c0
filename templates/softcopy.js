/* journeymap soft hyphens: a long word of a journey written in another language than English
   carries soft hyphens where it may break on a narrow screen (journeymap/briefing/softhyphens.py).
   Text copied from the page is given without them, so a name pasted into a search, a message or
   the journey file is the name as written. */
(function () {
  "use strict";
  var SOFT = /\u00ad/g;
  document.addEventListener("copy", function (event) {
    var selection = document.getSelection();
    if (!event.clipboardData || !selection || selection.isCollapsed) { return; }
    var text = selection.toString();
    if (text.indexOf("\u00ad") < 0) { return; }
    var box = document.createElement("div");
    for (var i = 0; i < selection.rangeCount; i++) { box.appendChild(selection.getRangeAt(i).cloneContents()); }
    event.clipboardData.setData("text/plain", text.replace(SOFT, ""));
    event.clipboardData.setData("text/html", box.innerHTML.replace(SOFT, ""));
    event.preventDefault();
  });
})();
