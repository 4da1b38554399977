// phbs report: sort any table column (click its header) and filter rows by text; mark
// table boxes that scroll sideways. Works on the page's own data-sort attributes; loads
// nothing from anywhere.
(function () {
  "use strict";

  function cellValue(row, column) {
    var cell = row.cells[column];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }

  function compare(type, a, b) {
    if (type === "number") return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, document.documentElement.lang || undefined, { numeric: true });
  }

  // A row's note (tr.row-note right under it) moves, shows and hides with its row.
  function dataRows(table) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return !row.classList.contains("row-note");
    });
  }

  function notesOf(row) {
    var notes = [];
    var next = row.nextElementSibling;
    while (next && next.classList.contains("row-note")) {
      notes.push(next);
      next = next.nextElementSibling;
    }
    return notes;
  }

  function sortTable(table, button) {
    var column = parseInt(button.getAttribute("data-column"), 10);
    var type = button.getAttribute("data-type");
    var header = button.closest("th");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (th) {
      th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = dataRows(table);
    rows.forEach(function (row, index) {
      row.__position = index;
      row.__notes = notesOf(row);
    });
    rows.sort(function (r1, r2) {
      var a = cellValue(r1, column);
      var b = cellValue(r2, column);
      // Empty values always go last, whatever the direction.
      if (a === "" || b === "") {
        if (a === b) return r1.__position - r2.__position;
        return a === "" ? 1 : -1;
      }
      var result = compare(type, a, b);
      if (!ascending) result = -result;
      return result || r1.__position - r2.__position;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
      row.__notes.forEach(function (note) { body.appendChild(note); });
    });
  }

  function filterTable(input) {
    var table = document.getElementById(input.getAttribute("data-filter-for"));
    if (!table) return;
    var query = input.value.trim().toLocaleLowerCase();
    var rows = dataRows(table);
    var shown = 0;
    rows.forEach(function (row) {
      var notes = notesOf(row);
      var text = row.textContent + " " + notes.map(function (n) { return n.textContent; }).join(" ");
      var match = query === "" || text.toLocaleLowerCase().indexOf(query) !== -1;
      row.hidden = !match;
      notes.forEach(function (note) { note.hidden = !match; });
      if (match) shown++;
    });
    var counter = document.getElementById(table.id + "-count");
    if (counter) {
      counter.textContent = counter.getAttribute("data-template")
        .replace("{shown}", String(shown))
        .replace("{total}", String(rows.length));
    }
  }

  // A box whose table is wider than the screen says so: its edges fade where there is
  // more to scroll to (classes more-left / more-right, drawn by the stylesheet).
  function markScroll(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    box.classList.toggle("more-left", hidden > 1 && box.scrollLeft > 1);
    box.classList.toggle("more-right", hidden > 1 && box.scrollLeft < hidden - 1);
  }

  var boxes = document.querySelectorAll(".table-wrap");
  boxes.forEach(function (box) {
    box.addEventListener("scroll", function () { markScroll(box); }, { passive: true });
    markScroll(box);
  });
  window.addEventListener("resize", function () { boxes.forEach(markScroll); });

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("button.sort").forEach(function (button) {
      button.addEventListener("click", function () { sortTable(table, button); });
    });
  });
  document.querySelectorAll("input[data-filter-for]").forEach(function (input) {
    input.addEventListener("input", function () { filterTable(input); });
    filterTable(input);
  });
})();
