// Added by `notebook serve` only: polls /__version and reloads the page when its notebook was
// rendered again, and gives each cell a "re-run from here" button. The version is read from <meta name="notebook-version">, so the script is a
// constant and the served page's Content-Security-Policy allows it by its hash.
(function () {
  var m = document.querySelector('meta[name="notebook-version"]');
  if (!m) return;
  var v = m.content;
  function poll() {
    fetch("/__version?path=" + encodeURIComponent(location.pathname), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (t) {
        if (t && t !== v) { location.reload(); } else { setTimeout(poll, 600); }
      }, function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 600);
  // "re-run from here": POST /__rerun runs the cell and the cells after it again (the page then
  // reloads with the new version).
  document.querySelectorAll("section.cell[id] .cell-head").forEach(function (head) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rerun";
    button.textContent = "re-run from here";
    button.title = "Run this cell and the cells after it again, from the state the cells above left";
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch("/__rerun?path=" + encodeURIComponent(location.pathname) +
        "&cell=" + encodeURIComponent(head.parentNode.id), { method: "POST", cache: "no-store" });
    });
    head.appendChild(button);
  });
})();
