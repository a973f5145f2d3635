// Small progressive enhancements; every page works without them.
document.addEventListener("click", function (e) {
  var el = e.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
});
// Copy buttons: <button data-copy="id"> copies the text of #id.
document.addEventListener("click", function (e) {
  var b = e.target.closest("[data-copy]");
  if (!b) return;
  var el = document.getElementById(b.getAttribute("data-copy"));
  if (!el || !navigator.clipboard) return;
  navigator.clipboard.writeText(el.textContent.trim()).then(function () {
    var old = b.textContent;
    b.textContent = "✓";
    setTimeout(function () { b.textContent = old; }, 1500);
  });
});
// Slow forms (compute, publicise, imports, exports): <form data-busy="计算中…">
// shows that text on the pressed button and ignores a second submit, so a
// double click never sends twice (the server is idempotent anyway). The
// buttons are disabled only after the submit has begun, so the pressed
// button's own name and value are still sent. A form whose answer is a
// download stays on the page: it is given back after a while.
document.addEventListener("submit", function (e) {
  var f = e.target;
  if (!f.hasAttribute || !f.hasAttribute("data-busy")) return;
  if (f.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
  f.setAttribute("aria-busy", "true");
  var b = e.submitter || f.querySelector("button:not([type=button])");
  var label = f.getAttribute("data-busy");
  if (b && label) { b.setAttribute("data-label", b.textContent); b.textContent = label; }
  setTimeout(function () {
    f.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
  }, 0);
  setTimeout(function () { release(f); }, 15000);
});
function release(f) {
  f.removeAttribute("aria-busy");
  f.querySelectorAll("button").forEach(function (x) {
    x.disabled = false;
    if (x.hasAttribute("data-label")) { x.textContent = x.getAttribute("data-label"); x.removeAttribute("data-label"); }
  });
}
// A page restored from the back-forward cache gets its buttons back.
window.addEventListener("pageshow", function (e) {
  if (e.persisted) document.querySelectorAll("form[aria-busy=true]").forEach(release);
});
