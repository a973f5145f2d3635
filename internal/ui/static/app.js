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
