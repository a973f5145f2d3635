// The teachers' rating grid (rate_grid.html): keyboard moves between
// cells, 全部设为合格 fills, and each changed row is saved in the
// background through the same checks as the form. Without this script the
// grid still shows the saved values; the one-student forms remain.
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) return;
  var msg = grid.dataset;
  var open = msg.open === "true";
  var table = grid.querySelector("table");
  var heads = Array.prototype.slice.call(table.querySelectorAll("th.ind"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var cells = rows.map(function (tr) { return Array.prototype.slice.call(tr.querySelectorAll("[data-col]")); });
  var hint = document.getElementById("grid-hint");
  // Pinyin initials of the usual level names, besides the digit keys.
  var initials = { y: "优秀", l: "良好", h: "合格", d: "待合格", b: "不合格", j: "及格" };

  rows.forEach(function (tr, r) {
    tr.state = { dirty: false, busy: false, tries: 0, timer: 0, error: "" };
    cells[r].forEach(function (el, c) { el.dataset.r = r; el.dataset.c = c; });
  });

  function at(r, c) { return cells[r] && cells[r][c]; }
  function move(el, dr, dc) {
    var r = +el.dataset.r + dr, c = +el.dataset.c + dc;
    var next = at(Math.max(0, Math.min(rows.length - 1, r)), Math.max(0, Math.min(heads.length - 1, c)));
    if (next) { next.focus(); if (next.select) next.select(); }
  }

  // ---- keyboard ----
  table.addEventListener("keydown", function (e) {
    var el = e.target;
    if (!el.dataset || el.dataset.r === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === "ArrowUp") { move(el, -1, 0); } else if (k === "ArrowDown") { move(el, 1, 0); }
    else if (k === "ArrowLeft") { move(el, 0, -1); } else if (k === "ArrowRight") { move(el, 0, 1); }
    else if (k === "Enter") { move(el, e.shiftKey ? -1 : 1, 0); }
    else if (el.tagName === "SELECT" && !el.disabled) {
      var opts = Array.prototype.map.call(el.options, function (o) { return o.value; }).slice(1);
      var v = null;
      if (/^[1-9]$/.test(k) && +k <= opts.length) v = opts[+k - 1];
      else if (initials[k.toLowerCase()] && opts.indexOf(initials[k.toLowerCase()]) >= 0) v = initials[k.toLowerCase()];
      else if (k === "Delete" || k === "Backspace") v = "";
      else if (k === " ") return; // let space open the list
      else if (k.length === 1) { e.preventDefault(); return; }
      else return;
      if (v !== null) { set(el, v); changed(el); }
    } else return;
    e.preventDefault();
  });
  table.addEventListener("change", function (e) { if (e.target.dataset.r !== undefined) changed(e.target); });
  table.addEventListener("input", function (e) { if (e.target.tagName === "INPUT") changed(e.target); });
  table.addEventListener("focusin", function (e) {
    var c = e.target.dataset && e.target.dataset.c;
    if (c === undefined || !hint) return;
    var h = heads[+c].dataset;
    hint.textContent = h.name + "（" + h.hint + "）" + (h.points ? "：" + h.points.replace(/\n/g, "；") : "");
  });

  function set(el, v) { el.value = v; }

  // ---- filling ----
  function fill(list) {
    var overwrite = list.some(function (el) { return el.value !== "" && el.value !== heads[+el.dataset.c].dataset.pass; });
    if (overwrite && !window.confirm(msg.msgOverwrite)) return;
    var touched = {};
    list.forEach(function (el) {
      var p = heads[+el.dataset.c].dataset.pass;
      if (el.value !== p) { set(el, p); touched[el.dataset.r] = true; }
    });
    Object.keys(touched).forEach(function (r) { schedule(+r, 0); });
    progress();
  }
  document.addEventListener("click", function (e) {
    if (!open) return;
    if (e.target.closest("[data-fill-all]")) fill([].concat.apply([], cells));
    var col = e.target.closest("[data-fill-col]");
    if (col) fill(cells.map(function (row) { return row[+col.dataset.fillCol]; }));
    var retry = e.target.closest("[data-retry]");
    if (retry) schedule(+retry.dataset.retry, 0);
  });

  // ---- saving ----
  var inflight = 0, waiting = [], MAX = 4;
  function changed(el) { schedule(+el.dataset.r, el.tagName === "INPUT" ? 700 : 150); progress(); }
  function schedule(r, delay) {
    var s = rows[r].state;
    s.dirty = true;
    s.error = "";
    s.retry = false;
    clearTimeout(s.timer);
    s.timer = setTimeout(function () { enqueue(r); }, delay);
    pending();
  }
  function enqueue(r) {
    if (waiting.indexOf(r) < 0) waiting.push(r);
    pump();
  }
  function pump() {
    while (inflight < MAX && waiting.length) {
      var r = waiting.shift(), s = rows[r].state;
      if (s.busy || !s.dirty) continue;
      send(r);
    }
  }
  function status(r, kind, text) {
    var td = rows[r].querySelector("[data-status]");
    td.dataset.status = kind;
    td.textContent = text;
    if (kind === "error") {
      var b = document.createElement("button");
      b.type = "button"; b.className = "link small"; b.dataset.retry = r; b.textContent = msg.msgRetry;
      td.appendChild(document.createTextNode(" "));
      td.appendChild(b);
    }
  }
  function send(r) {
    var tr = rows[r], s = tr.state;
    var body = new URLSearchParams();
    body.set("student", tr.dataset.student);
    cells[r].forEach(function (el) { if (el.value !== "") body.set(el.name, el.value); });
    s.dirty = false; s.busy = true; inflight++;
    status(r, "saving", msg.msgSaving);
    fetch(grid.dataset.save, { method: "POST", body: body, credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (res.type === "opaqueredirect") return { status: 401, j: { error: msg.msgLogin } };
        return res.json().then(function (j) { return { status: res.status, j: j }; }, function () { return { status: res.status, j: {} }; });
      })
      .then(function (x) {
        if (x.j.ok) { s.tries = 0; status(r, "saved", msg.msgSaved); return; }
        if (x.status >= 500 || x.status === 0) { retryLater(r, x.j.error || msg.msgOffline); return; }
        s.error = x.j.error || String(x.status);
        status(r, "error", msg.msgError + "：" + s.error);
      }, function () { retryLater(r, msg.msgOffline); })
      .then(function () {
        s.busy = false; inflight--;
        if (s.dirty) enqueue(r);
        pump(); pending();
      });
  }
  // Network trouble and server errors retry by themselves, backing off up
  // to 30 s; a refusal (bad value, closed cycle) waits for the teacher.
  function retryLater(r, text) {
    var s = rows[r].state;
    s.tries++;
    s.retry = true;
    status(r, "retry", text);
    clearTimeout(s.timer);
    s.timer = setTimeout(function () { s.retry = false; s.dirty = true; enqueue(r); }, Math.min(30000, 1000 * Math.pow(2, s.tries)));
  }

  // ---- progress ----
  function progress() {
    var complete = 0, filled = heads.map(function () { return 0; });
    cells.forEach(function (row) {
      var all = true;
      row.forEach(function (el, c) { if (el.value !== "") filled[c]++; else all = false; });
      if (all) complete++;
    });
    document.getElementById("grid-complete").textContent = complete;
    document.getElementById("grid-meter").value = complete;
    heads.forEach(function (h, c) { h.querySelector("[data-filled]").textContent = filled[c]; });
  }
  function pending() {
    var n = rows.filter(function (tr) { var s = tr.state; return s.dirty || s.busy || s.retry || s.error; }).length;
    grid.dataset.pending = n;
    var el = document.getElementById("grid-pending");
    if (el) el.textContent = n ? n + " " + msg.msgPending : msg.msgAllsaved;
  }
  window.addEventListener("beforeunload", function (e) {
    if (+grid.dataset.pending > 0) { e.preventDefault(); e.returnValue = ""; }
  });
  pending();
})();
