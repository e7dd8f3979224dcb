// Added by `notebook serve` only: polls /__version and reloads the page when its notebook was
// rendered again. The version is read from <meta name="notebook-version">, so the script is a
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
})();
