// The copy buttons on code blocks: the report's only script. The page's Content-Security-Policy
// allows it by its SHA-256 hash, computed when the program starts, and no other script.
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("button.copy");
  if (!b) return;
  var c = b.closest(".code").querySelector("code");
  var t = c ? c.textContent : "";
  function done() {
    b.textContent = "Copied";
    setTimeout(function () { b.textContent = "Copy"; }, 1200);
  }
  function fallback() {
    var a = document.createElement("textarea");
    a.value = t;
    document.body.appendChild(a);
    a.select();
    try { document.execCommand("copy"); } catch (x) {}
    a.remove();
    done();
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(t).then(done, fallback);
  } else {
    fallback();
  }
});
