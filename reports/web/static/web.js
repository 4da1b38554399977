// phbs web: while a job runs, ask for its state and show the rows read; reload once the
// tables can be shown. While its downloads are written, add each one to the list as it is
// ready; drop the note and the cancel button once all are there (reload when a cancel left
// some unwritten).
(function () {
  "use strict";
  var numbers = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "id-ID");

  function poll(address, answered) {
    function ask() {
      fetch(address, { credentials: "same-origin", cache: "no-store" })
        .then(function (answer) { return answer.json(); })
        .then(function (status) {
          if (answered(status)) {
            window.setTimeout(ask, 500);
          }
        })
        .catch(function () { window.setTimeout(ask, 2000); });
    }
    window.setTimeout(ask, 300);
  }

  // Cancel without leaving the page: the button says at once that it was pressed, and the
  // state asked for above shows what the cancel did (without scripts, the form is posted).
  Array.prototype.forEach.call(document.querySelectorAll("form.batal"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      if (button.disabled) {
        return;
      }
      button.disabled = true;
      button.textContent = form.dataset.cancelling;
      fetch(form.action, { method: "POST", credentials: "same-origin", redirect: "manual" });
    });
  });

  var reading = document.getElementById("proses");
  if (reading) {
    var rows = document.getElementById("baris");
    var said = function (count) {
      var text = count === 1 ? reading.dataset.rowsOne : reading.dataset.rowsMany;
      return text.replace(count === 1 ? "1" : "2", numbers.format(count));
    };
    poll(reading.dataset.status, function (status) {
      if (status.state !== "running") {
        window.location.reload();
        return false;
      }
      rows.textContent = said(status.rows);
      return true;
    });
  }

  var writing = document.getElementById("menulis");
  if (writing) {
    var list = document.getElementById("unduh");
    var bar = document.getElementById("kemajuan-unduh");
    var note = document.getElementById("catatan-unduh");
    var listed = function (downloads) {
      var items = downloads.map(function (download) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = writing.dataset.files + encodeURIComponent(download.name);
        link.setAttribute("download", "");
        link.textContent = download.label;
        var name = document.createElement("code");
        name.textContent = download.name;
        item.append(link, " ", name);
        if (/\.html$/.test(download.name)) { // a page: also opened in a tab of its own
          var open = document.createElement("a");
          open.href = writing.dataset.view + encodeURIComponent(download.name);
          open.target = "_blank";
          open.rel = "noopener";
          open.className = "buka";
          open.textContent = writing.dataset.open;
          item.append(" · ", open);
        }
        return item;
      });
      list.replaceChildren.apply(list, items);
    };
    poll(writing.dataset.status, function (status) {
      if (status.state !== "writing" && status.state !== "done") {
        window.location.reload();
        return false;
      }
      listed(status.downloads);
      if (status.state === "done") {
        if (status.skipped && status.skipped.length) {
          window.location.reload(); // cancelled: the page says which files were not written
          return false;
        }
        writing.remove();
        return false;
      }
      bar.max = status.total;
      bar.value = status.downloads.length;
      note.textContent = writing.dataset.note
        .replace("{done}", numbers.format(status.downloads.length))
        .replace("{total}", numbers.format(status.total));
      return true;
    });
  }
})();
