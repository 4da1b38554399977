// phbs web: while a job runs, ask for its state and show the rows read; reload when done.
(function () {
  "use strict";
  var section = document.getElementById("proses");
  if (!section) {
    return;
  }
  var rows = document.getElementById("baris");
  var numbers = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "id-ID");
  function said(count) {
    var text = count === 1 ? section.dataset.rowsOne : section.dataset.rowsMany;
    return text.replace(count === 1 ? "1" : "2", numbers.format(count));
  }
  function ask() {
    fetch(section.dataset.status, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.json(); })
      .then(function (status) {
        if (status.state !== "running") {
          window.location.reload();
          return;
        }
        rows.textContent = said(status.rows);
        window.setTimeout(ask, 500);
      })
      .catch(function () { window.setTimeout(ask, 2000); });
  }
  window.setTimeout(ask, 300);
})();
