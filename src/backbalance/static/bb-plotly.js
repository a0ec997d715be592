// Draw every plotly figure placed by backbalance.sphinxext.nodes.PlotlyFigureNode.
// plotly.js itself is served from the book's own _static folder (no CDN).
"use strict";
(function () {
  function draw() {
    document.querySelectorAll(".bb-plotly").forEach(function (holder) {
      var spec = JSON.parse(holder.querySelector("script.bb-plotly-spec").textContent);
      var target = holder.querySelector(".bb-plotly-chart");
      var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
      Plotly.newPlot(target, spec.data, spec.layout || {}, config).then(function () {
        // Frames are added, never played: a reader starts any animation themselves.
        if (spec.frames) { return Plotly.addFrames(target, spec.frames); }
      }).then(function () { holder.dataset.drawn = "true"; });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
