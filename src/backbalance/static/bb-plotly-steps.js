/* Range controls over a chart's precomputed steps: a lookup, no model.
 *
 * backbalance.strength_gap.charts.stepped_strength_chart works out the chart for every
 * combination of the controls' steps at build time and writes them into the page
 * (<script type="application/json" class="bb-steps-spec">, the template plotly-steps.html.j2)
 * or, in the built book, into a script file of its own that runs when the reader reaches
 * for the controls (sphinxext/pictures.py steps_file: most of the page's weight otherwise).
 * This file turns the controls' positions into a step's key (charts.step_key), shows that
 * step's traces and title in the chart drawn by bb-plotly.js, its summary beside the chart
 * and each control's value; tests/golden checks that it picks the model's numbers.
 * Loads as a CommonJS module or as window.BackBalanceSteps.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackBalanceSteps = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* The step for the controls' positions: {key, data: {x, y} for Plotly.update, title,
     summary (lines)}, or null when the spec has no such step. A step names each trace's y
     by its index in spec.traces (steps share many traces). */
  function choose(spec, positions) {
    var key = positions.join("."), step = spec.steps[key];
    if (step === undefined) return null;
    return {
      key: key,
      data: {
        x: step.y.map(function (_, i) { return step.x[String(i)] || spec.weeks; }),
        y: step.y.map(function (i) { return spec.traces[i]; })
      },
      title: step.title,
      summary: step.summary
    };
  }

  /* The holder's steps: inline, or in the script file the built book keeps them in
     (data-spec-src, filed under data-spec-key in window.bbStepsSpecs), run once. */
  function specOf(holder) {
    var inline = holder.querySelector("script.bb-steps-spec");
    if (inline) return Promise.resolve(JSON.parse(inline.textContent));
    return new Promise(function (resolve, reject) {
      var specs = window.bbStepsSpecs = window.bbStepsSpecs || {};
      if (specs[holder.dataset.specKey]) { resolve(specs[holder.dataset.specKey]); return; }
      var script = document.createElement("script");
      script.src = holder.dataset.specSrc;
      script.addEventListener("load", function () { resolve(specs[holder.dataset.specKey]); });
      script.addEventListener("error", reject);
      document.head.appendChild(script);
    });
  }

  function attach(holder) {
    var chart = document.getElementById(holder.dataset.chart);
    var figure = chart.closest(".bb-plotly");
    var inputs = Array.prototype.slice.call(holder.querySelectorAll("input[type=range]"));
    var lines = holder.querySelectorAll(".bb-steps-summary li");
    var pending = null;
    var loading = null;

    function spec() { return loading || (loading = specOf(holder)); }

    function positions() { return inputs.map(function (input) { return Number(input.value); }); }

    function draw(step) {
      pending = null;
      Plotly.update(chart, step.data, { "title.text": step.title }).then(function () {
        holder.dataset.step = step.key;
      });
    }

    function show(steps) {
      var at = positions();
      var step = choose(steps, at);
      if (step === null) return;
      inputs.forEach(function (input, i) {
        var control = steps.controls[i];
        input.setAttribute("aria-valuetext", control.spoken[at[i]]);
        holder.querySelector("output[for='" + input.id + "']").textContent = control.shown[at[i]];
      });
      step.summary.forEach(function (line, i) { if (lines[i]) lines[i].textContent = line; });
      if (figure.dataset.drawn === "true") draw(step);
      else pending = step;
    }

    figure.addEventListener("bb-plotly-drawn", function () { if (pending) draw(pending); });
    inputs.forEach(function (input) {
      input.addEventListener("input", function () { spec().then(show); });
    });
    // The steps are needed once the reader reaches for the controls or the chart.
    ["pointerenter", "focusin", "touchstart"].forEach(function (name) {
      holder.addEventListener(name, spec, { once: true, passive: true });
    });
    holder.dataset.step = positions().join(".");
  }

  if (typeof document !== "undefined") {
    var start = function () { document.querySelectorAll(".bb-steps").forEach(attach); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  return { choose: choose };
});
