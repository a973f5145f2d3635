// The one-student rating form (rate_form.html). Without this script the
// form is one long page that submits as usual. With it: one dimension per
// screen with its place ("德 2/7"), the first screen is the first
// dimension with something left to rate, choosing the last open item of a
// dimension moves on by itself, and every choice is saved as a draft in the
// background through the same checks as the submit button.
(function () {
  "use strict";
  var form = document.getElementById("rate-form");
  if (!form) return;
  var msg = form.dataset;
  var dims = Array.prototype.slice.call(form.querySelectorAll(".rate-dim"));
  var comment = form.querySelector(".rate-comment");
  var prev = form.querySelector("[data-prev]"), next = form.querySelector("[data-next]");
  var submit = form.querySelector("[data-submit]"), where = form.querySelector("[data-where]");
  var status = form.querySelector("[data-status]");
  var at = Math.min(Math.max(+msg.start || 0, 0), dims.length - 1);

  function items(dim) { return Array.prototype.slice.call(dim.querySelectorAll(".rate-item")); }
  function filled(item) {
    return Array.prototype.some.call(item.querySelectorAll("input"), function (i) {
      return i.type === "radio" ? i.checked : i.value !== "";
    });
  }
  function complete(dim) { return items(dim).every(filled); }

  function show(k, focus) {
    at = k;
    dims.forEach(function (d, i) { d.hidden = i !== k; });
    var last = k === dims.length - 1;
    comment.hidden = !last;
    prev.hidden = k === 0;
    next.hidden = last;
    submit.classList.toggle("primary", last);
    where.textContent = dims[k].dataset.name + " " + (k + 1) + "/" + dims.length;
    if (focus) {
      window.scrollTo(0, 0);
      dims[k].querySelector("h2").focus({ preventScroll: true });
    }
  }
  if (dims.length > 1) {
    form.classList.add("paged");
    show(at, false);
    prev.addEventListener("click", function () { show(at - 1, true); });
    next.addEventListener("click", function () { show(at + 1, true); });
  }

  var moving = 0;
  form.addEventListener("change", function (e) {
    if (!e.target.name || e.target.name.indexOf("v_") !== 0) return;
    save();
    // A choice that completes this screen moves on to the next one.
    if (e.target.type === "radio" && dims.length > 1 && at < dims.length - 1 && complete(dims[at])) {
      clearTimeout(moving);
      var from = at;
      moving = setTimeout(function () { if (at === from) show(at + 1, true); }, 250);
    }
  });

  // Drafts: one request at a time; a change during a request sends the
  // whole form again when it returns. Network trouble retries, backing off.
  var busy = false, again = false, tries = 0, timer = 0;
  function say(text, bad) { status.textContent = text; status.classList.toggle("err", !!bad); }
  function save() {
    if (busy) { again = true; return; }
    busy = true; again = false;
    var body = new URLSearchParams(new FormData(form));
    body.set("draft", "1");
    say(msg.msgSaving);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (res.type === "opaqueredirect") return { status: 401, j: { error: msg.msgLogin } };
        return res.json().then(function (j) { return { status: res.status, j: j }; }, function () { return { status: res.status, j: {} }; });
      })
      .then(function (x) {
        if (x.j.ok) { tries = 0; say(msg.msgSaved); return; }
        if (x.status >= 500 || x.status === 0) { retry(); return; }
        say(msg.msgError + "：" + (x.j.error || x.status), true);
      }, retry)
      .then(function () { busy = false; if (again) save(); });
  }
  function retry() {
    tries++;
    say(msg.msgOffline, true);
    clearTimeout(timer);
    timer = setTimeout(save, Math.min(30000, 1000 * Math.pow(2, tries)));
  }
})();
