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
// A chart with pictures (picture.bb-picture, sphinxext/pictures.py: drawn at build time,
// one <picture> per mode choosing by the screen's width, the page's CSS showing the
// reader's mode) is drawn live only when the reader reaches for it: a pointer over it or
// its controls, a tap, or the keyboard's focus; plotly.js is loaded then, and the live
// chart takes the pictures' place. The picture shown is fetched at once even when out of
// view (so that scrolling finds it); after the page's load plotly.js is prefetched, for
// the first reach.
// A holder gets data-shown="true" once a picture or the live chart shows, and
// data-drawn="true" and a "bb-plotly-drawn" event once the live chart is drawn
// (bb-plotly-steps.js waits for it).
"use strict";
(function () {
  // plotly.js sits beside this file (a page with pictures has no link naming it).
  var here = document.currentScript ? document.currentScript.src : document.baseURI;
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
    return Array.prototype.slice.call(chart.holder.querySelectorAll("picture.bb-picture"));
  }

  // The picture's image, if the page's CSS shows it (the other mode's is display: none).
  function shownImage(picture) {
    var img = picture.querySelector("img");
    return img.offsetParent !== null ? img : null;
  }

  // Mark a pictured chart shown once its picture for this mode is in, fetching it now even
  // when it is out of view (the light ones come with the page; a dark one waits to be
  // shown); once the page has loaded and the browser is idle, prefetch plotly.js for the
  // first reach.
  function showPictures(pictured) {
    pictured.forEach(function (chart) {
      pictures(chart).forEach(function (picture) {
        var img = picture.querySelector("img");
        var mark = function () {
          if (shownImage(picture) && img.naturalWidth > 0) { chart.holder.dataset.shown = "true"; }
        };
        img.addEventListener("load", mark);
        if (img.complete) { mark(); }
        if (shownImage(picture)) { img.loading = "eager"; }
      });
    });
    var prefetch = function () {
      if (pictured.length && !document.getElementById("bb-plotly-js")) {
        var link = document.createElement("link");
        link.rel = "prefetch";
        link.id = "bb-plotly-js";
        link.href = plotlyUrl();
        document.head.appendChild(link);
      }
    };
    var later = function () {
      if ("requestIdleCallback" in window) { requestIdleCallback(prefetch, { timeout: 2000 }); }
      else { setTimeout(prefetch, 200); }
    };
    if (document.readyState === "complete") { later(); }
    else { window.addEventListener("load", later); }
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
        pictures(chart).forEach(function (picture) { picture.remove(); });
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

  function plotlyUrl() {
    var link = document.getElementById("bb-plotly-js");
    return link ? link.href : new URL("plotly.min.js", here).href;
  }

  function runPlotly(then) {
    if (window.Plotly) { then(); return; }
    var script = document.createElement("script");
    script.src = plotlyUrl();
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
