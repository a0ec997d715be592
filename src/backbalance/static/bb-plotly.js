// Draw every plotly figure placed by backbalance.sphinxext.nodes.PlotlyFigureNode.
// plotly.js itself is served from the book's own _static folder (no CDN).
// The spec comes from backbalance.common.charts.page_spec: this file only applies it.
// spec.narrow / spec.wide: the phone layout and config and what undoes them;
// spec.themes[dark|light]: a relayout and per-trace restyles for <html data-theme>.
// A drawn chart's holder gets data-drawn="true" and a "bb-plotly-drawn" event
// (bb-plotly-steps.js waits for it).
"use strict";
(function () {
  var charts = [];

  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
  }

  function applyTheme(chart) {
    var wanted = theme();
    if (chart.theme === wanted || !chart.spec.themes) { return Promise.resolve(); }
    chart.theme = wanted;
    var update = chart.spec.themes[wanted];
    var done = Plotly.relayout(chart.target, update.layout);
    update.traces.forEach(function (pair) {
      done = done.then(function () { return Plotly.restyle(chart.target, pair[1], [pair[0]]); });
    });
    return done;
  }

  function applyWidth(chart) {
    var narrow = chart.media ? chart.media.matches : false;
    if (chart.narrow === narrow) { return Promise.resolve(); }
    chart.narrow = narrow;
    var update = narrow ? chart.spec.narrow : chart.spec.wide;
    Object.assign(chart.target._context, update.config);
    return Plotly.relayout(chart.target, update.layout);
  }

  function draw() {
    document.querySelectorAll(".bb-plotly").forEach(function (holder) {
      var spec = JSON.parse(holder.querySelector("script.bb-plotly-spec").textContent);
      var target = holder.querySelector(".bb-plotly-chart");
      var chart = { spec: spec, target: target, theme: "light", narrow: false };
      chart.media = spec.narrow ? window.matchMedia(spec.narrow.media) : null;
      var config = Object.assign({ responsive: true }, spec.config || {});
      if (chart.media && chart.media.matches) { Object.assign(config, spec.narrow.config); }
      Plotly.newPlot(target, spec.data, spec.layout || {}, config).then(function () {
        // Frames are added, never played: a reader starts any animation themselves.
        if (spec.frames) { return Plotly.addFrames(target, spec.frames); }
      }).then(function () { return applyWidth(chart); })
        .then(function () { return applyTheme(chart); })
        .then(function () {
          charts.push(chart);
          if (chart.media) {
            chart.media.addEventListener("change", function () { applyWidth(chart); });
          }
          holder.dataset.drawn = "true";
          holder.dispatchEvent(new CustomEvent("bb-plotly-drawn"));
        });
    });
    new MutationObserver(function () { charts.forEach(applyTheme); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
