// phbs report: sort any table column (click its header) and filter rows by text.
// Works on the page's own data-sort attributes; loads nothing from anywhere.
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
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.__position = index; });
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
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function filterTable(input) {
    var table = document.getElementById(input.getAttribute("data-filter-for"));
    if (!table) return;
    var query = input.value.trim().toLocaleLowerCase();
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var match = query === "" || rows[i].textContent.toLocaleLowerCase().indexOf(query) !== -1;
      rows[i].hidden = !match;
      if (match) shown++;
    }
    var counter = document.getElementById(table.id + "-count");
    if (counter) {
      counter.textContent = counter.getAttribute("data-template")
        .replace("{shown}", String(shown))
        .replace("{total}", String(rows.length));
    }
  }

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
