// Draws every element with data-chart="ID" from the ECharts options the
// server wrote as JSON into <script type="application/json" id="ID">.
// Pages keep a table of the same numbers beside each chart, so nothing is
// lost without JavaScript, in print, or to a screen reader.
(function () {
  function draw() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.getAttribute("data-drawn")) return;
      var src = document.getElementById(el.getAttribute("data-chart"));
      if (!src) return;
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(JSON.parse(src.textContent));
      window.addEventListener("resize", function () { chart.resize(); });
      el.setAttribute("data-drawn", "1");
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSwap", draw);
})();
