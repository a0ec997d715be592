// The browser half of backbalance.common.live_chart.LiveChart: draws the figure the kernel
// sets (its plot_data, plot_layout and plot_config) and sends nothing back. plotly.js is
// the plotly package's own bundle, which the widget carries as text (plotly_js) and this
// module runs once per page as a script, unless the page has plotly.js already. The module
// itself stays small: anywidget gives a widget's module two seconds to load.
//
// A change of plot_data alone whose traces keep their number of points redraws only the
// changed traces (Plotly.animate with no frame redraw: the axes, legend and title stay as
// drawn); any other change is drawn by Plotly.react. Changes that arrive in one message
// (plot_data and plot_layout together) are drawn once.
const TRACES_ONLY = { transition: { duration: 0 }, frame: { duration: 0, redraw: false } };

function sameNumbers(a, b) {
  if (a === b) { return true; }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) { return false; }
  for (let i = 0; i < a.length; i += 1) { if (a[i] !== b[i]) { return false; } }
  return true;
}

function sameShape(data, drawn) {
  return data.length === drawn.length && data.every((trace, i) =>
    ["x", "y"].every((axis) => (trace[axis] || []).length === (drawn[i][axis] || []).length));
}

function loadPlotly(model) {
  if (window.Plotly) { return Promise.resolve(window.Plotly); }
  if (!window.bbLivePlotly) {
    window.bbLivePlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = URL.createObjectURL(new Blob([model.get("plotly_js")], { type: "text/javascript" }));
      script.addEventListener("load", () => resolve(window.Plotly));
      script.addEventListener("error", reject);
      document.head.appendChild(script);
    });
  }
  return window.bbLivePlotly;
}

async function render({ model, el }) {
  const Plotly = await loadPlotly(model);
  const plot = document.createElement("div");
  el.appendChild(plot);
  let drawn = null;
  let queued = false;
  let drawing = Promise.resolve();

  function draw() {
    queued = false;
    const data = model.get("plot_data");
    const layout = model.get("plot_layout");
    if (drawn !== null && layout === drawn.layout && sameShape(data, drawn.data)) {
      const changed = data.map((_, i) => i).filter((i) =>
        !sameNumbers(data[i].x, drawn.data[i].x) || !sameNumbers(data[i].y, drawn.data[i].y));
      if (changed.length > 0) {
        const frame = { data: changed.map((i) => ({ x: data[i].x, y: data[i].y })), traces: changed };
        drawing = drawing.then(() => Plotly.animate(plot, frame, TRACES_ONLY));
      }
    } else {
      // plotly.js keeps and changes what it is given: it gets its own copy.
      const figure = structuredClone({ data, layout, config: model.get("plot_config") });
      drawing = drawing.then(() => Plotly.react(plot, figure.data, figure.layout, figure.config));
    }
    drawn = { data, layout };
  }

  function schedule() {
    if (!queued) { queued = true; queueMicrotask(draw); }
  }

  model.on("change:plot_data", schedule);
  model.on("change:plot_layout", schedule);
  draw();
  return () => {
    model.off("change:plot_data", schedule);
    model.off("change:plot_layout", schedule);
    Plotly.purge(plot);
  };
}

export default { render };
