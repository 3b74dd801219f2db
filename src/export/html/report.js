// thematic report: small conveniences; the page is complete without them. Sort a table by a
// column (a button in each head), and show findings by severity (check boxes). Both are added
// here, so a reader without scripts sees no control that does nothing.
(function () {
  "use strict";
  // Persian and Arabic-Indic digits, the Persian decimal and thousands signs, percent signs.
  function number(text) {
    var ascii = text.replace(/[\u06F0-\u06F9]/g, function (d) { return d.charCodeAt(0) - 0x06F0; })
      .replace(/[\u0660-\u0669]/g, function (d) { return d.charCodeAt(0) - 0x0660; })
      .replace(/\u066B/g, ".").replace(/[%\u066A\u066C,\s]/g, "");
    return /^-?\d+(\.\d+)?$/.test(ascii) ? parseFloat(ascii) : null;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          var text = cell ? cell.textContent.trim() : "";
          return { n: number(text), t: text };
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), order;
          if (x.n !== null && y.n !== null) { order = x.n - y.n; }
          else if (x.n !== null) { order = -1; }
          else if (y.n !== null) { order = 1; }
          else { order = x.t.localeCompare(y.t, document.documentElement.lang); }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var findings = document.getElementById("findings");
  var filters = document.getElementById("severity-filters");
  if (findings && filters) {
    var shown = {};
    filters.querySelectorAll("template").forEach(function (t) {
      var severity = t.getAttribute("data-severity");
      shown[severity] = true;
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () {
        shown[severity] = box.checked;
        findings.querySelectorAll("article.finding").forEach(function (a) {
          a.hidden = !shown[a.getAttribute("data-severity")];
        });
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + t.getAttribute("data-label")));
      filters.appendChild(label);
    });
    filters.hidden = false;
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
