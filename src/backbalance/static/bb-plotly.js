// Draw every plotly figure placed by backbalance.sphinxext.nodes.PlotlyFigureNode.
// plotly.js itself is served from the book's own _static folder (no CDN): the page
// prefetches it (<link id="bb-plotly-js">, sphinxext/assets.py) and this file runs it once
// the page's text has painted, then draws the charts.
// The spec comes from backbalance.common.charts.page_spec: this file only applies it.
// spec.template names the chart's template in the page's one #bb-plotly-templates block
// ({light: {name: template}, dark: template}, common.charts.page_templates);
// spec.narrow / spec.wide: the phone layout and config and what undoes them;
// spec.themes[dark|light]: a relayout and per-trace restyles for <html data-theme>.
// A chart is drawn at once in the page's colour mode and width. Charts are drawn one at a
// time, in page order, except that a chart coming into view goes next; between two charts
// the browser gets its turn (a reader can scroll and type while the rest are drawn).
// A chart with pictures (img.bb-picture, sphinxext/pictures.py: drawn at build time, the
// page's CSS shows the one for the reader's screen and mode) is drawn live only when the
// reader reaches for it: a pointer over it or its controls, a tap, or the keyboard's
// focus; plotly.js is loaded then, and the live chart takes the pictures' place. After
// the page's load, the picture shown and the one paper prints (data-printed) are fetched
// even when out of view, so that scrolling and printing find them.
// A holder gets data-shown="true" once a picture or the live chart shows, and
// data-drawn="true" and a "bb-plotly-drawn" event once the live chart is drawn
// (bb-plotly-steps.js waits for it).
"use strict";
(function () {
  var charts = [];
  var templates = { light: {}, dark: null };

  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
  }

  function template(chart, wanted) {
    return (wanted === "dark" ? templates.dark : templates.light[chart.spec.template]) || null;
  }

  // Set a plotly attribute string ("legend.title.side") in a plain object, as relayout would.
  function setPath(tree, path, value) {
    var keys = path.split("."), last = keys.pop();
    keys.forEach(function (key) {
      if (typeof tree[key] !== "object" || tree[key] === null) { tree[key] = {}; }
      tree = tree[key];
    });
    if (value === null || value === undefined) { delete tree[last]; } else { tree[last] = value; }
  }

  function applyUpdates(tree, updates) {
    Object.keys(updates).forEach(function (path) { setPath(tree, path, updates[path]); });
  }

  function applyTheme(chart) {
    var wanted = theme();
    if (chart.theme === wanted || !chart.spec.themes) { return Promise.resolve(); }
    chart.theme = wanted;
    var update = chart.spec.themes[wanted];
    var layout = Object.assign({ template: template(chart, wanted) }, update.layout);
    var done = Plotly.relayout(chart.target, layout);
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

  // The chart's first drawing, already in the page's colour mode and width.
  function drawChart(chart) {
    var spec = chart.spec;
    var layout = JSON.parse(JSON.stringify(spec.layout || {}));
    var data = JSON.parse(JSON.stringify(spec.data));
    var config = Object.assign({ responsive: true }, spec.config || {});
    chart.theme = theme();
    layout.template = template(chart, chart.theme);
    if (spec.themes) {
      applyUpdates(layout, spec.themes[chart.theme].layout);
      spec.themes[chart.theme].traces.forEach(function (pair) { applyUpdates(data[pair[0]], pair[1]); });
    }
    chart.narrow = chart.media ? chart.media.matches : false;
    if (chart.narrow) {
      applyUpdates(layout, spec.narrow.layout);
      Object.assign(config, spec.narrow.config);
    }
    return Plotly.newPlot(chart.target, data, layout, config).then(function () {
      // Frames are added, never played: a reader starts any animation themselves.
      if (spec.frames) { return Plotly.addFrames(chart.target, spec.frames); }
    }).then(function () {
      // The reader may have switched mode or turned the phone meanwhile.
      return applyWidth(chart).then(function () { return applyTheme(chart); });
    }).then(function () {
      charts.push(chart);
      if (chart.media) {
        chart.media.addEventListener("change", function () { applyWidth(chart); });
      }
      chart.holder.dataset.drawn = "true";
      chart.holder.dataset.shown = "true";
      chart.holder.dispatchEvent(new CustomEvent("bb-plotly-drawn"));
    });
  }

  function pictures(chart) {
    return Array.prototype.slice.call(chart.holder.querySelectorAll("img.bb-picture"));
  }

  // A picture the page's CSS shows (the others are display: none).
  function shown(img) { return img.offsetParent !== null; }

  // Mark a pictured chart shown once its picture for this screen and mode is in; after the
  // page's load, fetch that picture and the printed one even when out of view.
  function showPictures(pictured) {
    pictured.forEach(function (chart) {
      pictures(chart).forEach(function (img) {
        var mark = function () {
          if (shown(img) && img.naturalWidth > 0) { chart.holder.dataset.shown = "true"; }
        };
        img.addEventListener("load", mark);
        if (img.complete) { mark(); }
      });
    });
    var fetchAll = function () {
      pictured.forEach(function (chart) {
        pictures(chart).forEach(function (img) {
          if (shown(img) || img.hasAttribute("data-printed")) { img.loading = "eager"; }
        });
      });
    };
    if (document.readyState === "complete") { fetchAll(); }
    else { window.addEventListener("load", fetchAll); }
  }

  function start() {
    var block = document.getElementById("bb-plotly-templates");
    if (block) { templates = JSON.parse(block.textContent); }
    var all = Array.prototype.map.call(document.querySelectorAll(".bb-plotly"), function (holder) {
      var spec = JSON.parse(holder.querySelector("script.bb-plotly-spec").textContent);
      return {
        spec: spec, holder: holder, target: holder.querySelector(".bb-plotly-chart"),
        media: spec.narrow ? window.matchMedia(spec.narrow.media) : null
      };
    });
    var waiting = all.filter(function (chart) { return pictures(chart).length === 0; });
    var pictured = all.filter(function (chart) { return pictures(chart).length > 0; });
    var busy = false;
    var seen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var at = waiting.findIndex(function (chart) { return chart.holder === entry.target; });
        if (entry.isIntersecting && at > 0) { waiting.unshift(waiting.splice(at, 1)[0]); }
      });
    }, { rootMargin: "200px 0px" }) : null;
    if (seen) { waiting.forEach(function (chart) { seen.observe(chart.holder); }); }

    function next() {
      if (busy) { return; }
      var chart = waiting.shift();
      if (!chart) { return; }
      busy = true;
      if (seen) { seen.unobserve(chart.holder); }
      runPlotly(function () {
        var drawn = drawChart(chart);
        // The live chart is in the page now: its pictures go in the same task (no frame
        // shows both).
        pictures(chart).forEach(function (img) { img.remove(); });
        drawn.then(function () { busy = false; setTimeout(next, 0); });
      });
    }

    function goLive(chart) {
      if (chart.live) { return; }
      chart.live = true;
      waiting.unshift(chart);
      next();
    }

    pictured.forEach(function (chart) {
      var zone = chart.holder.closest(".bb-steps") || chart.holder;
      var go = function () { goLive(chart); };
      ["pointerenter", "focusin", "touchstart"].forEach(function (name) {
        zone.addEventListener(name, go, { once: true, passive: true });
      });
    });
    showPictures(pictured);
    next();
    new MutationObserver(function () { charts.forEach(applyTheme); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  // After the next paint: a frame, then a task (or a moment, where frames never come, as
  // in a tab in the background).
  function afterPaint(then) {
    var called = false;
    function once() { if (!called) { called = true; setTimeout(then, 0); } }
    requestAnimationFrame(once);
    setTimeout(once, 100);
  }

  function runPlotly(then) {
    if (window.Plotly) { then(); return; }
    var script = document.createElement("script");
    script.src = document.getElementById("bb-plotly-js").href;
    script.addEventListener("load", then);
    document.head.appendChild(script);
  }

  function begin() { afterPaint(start); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", begin);
  } else {
    begin();
  }
})();
