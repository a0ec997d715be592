// The plotly.js the static book serves: plotly.js's own core (which holds the scatter
// trace) and only the other trace types the course's charts draw. `make assets` bundles it
// with esbuild from the pinned npm packages (package.json) into
// node_modules/.backbalance/plotly.min.js, with the settings of plotly.js's own build
// (its esbuild-config.js); the book copies it to _static/backbalance/plotly.min.js.
// A chart with a trace type missing here would be drawn as a scatter: tests/browser
// (test_pages.py) checks that every trace of every chart is drawn as the type it asks for.
"use strict";

var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"), // common.charts.labelled_bars (the habits and class charts)
  require("plotly.js/lib/heatmap") // strength_gap.charts.parity_heatmap
]);

module.exports = Plotly;
