// The browser half of backbalance.common.live_chart.LiveChart: draws the figure the kernel
// sets and sends nothing back. The traces' styles (plot_data) and their numbers come apart:
// plot_numbers is one buffer of 64-bit floats, every trace's x then y, with plot_sizes
// points per trace. plotly.js is the plotly package's own bundle, which the widget carries
// as text (plotly_js) and this module runs once per page as a script, unless the page has
// plotly.js already. The module itself stays small: anywidget gives a widget's module two
// seconds to load.
//
// New numbers alone, with as many points per trace, redraw only the changed traces
// (Plotly.animate with no frame redraw: the axes, legend and title stay as drawn); any
// other change is drawn by Plotly.react. Changes that arrive in one message (numbers and
// layout together) are drawn once.
//
// plot_ahead (LiveChart.show's ahead) comes in the same message as the numbers: numbers the
// kernel has ready for the next values of one control, with the models and values of the
// other controls, and the value the shown numbers are for (at). When that control takes
// one of those values and every other control still has its value, the numbers are drawn
// at once (traces only, with the axes the offer names); back at its value, the kernel's own
// numbers are. The kernel's answer, the same numbers, then changes nothing.
const TRACES_ONLY = { transition: { duration: 0 }, frame: { duration: 0, redraw: false } };

function sameNumbers(a, b) {
  if (a.length !== b.length) { return false; }
  for (let i = 0; i < a.length; i += 1) { if (a[i] !== b[i]) { return false; } }
  return true;
}

function numbersOf(view, sizes) {
  const start = view.byteOffset;
  // A Float64Array needs its start at a multiple of 8 bytes: else read a copy.
  const all = start % 8 === 0
    ? new Float64Array(view.buffer, start, view.byteLength / 8)
    : new Float64Array(view.buffer.slice(start, start + view.byteLength));
  let at = 0;
  return sizes.map((size) => {
    const x = all.subarray(at, at + size);
    const y = all.subarray(at + size, at + 2 * size);
    at += 2 * size;
    return { x, y };
  });
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
  let closed = false;
  let drawing = Promise.resolve();

  function then(step) {
    // A step plotly.js refuses is reported and does not stop the ones after it.
    drawing = drawing.then(step).catch((error) => console.error(error));
  }

  function changedTraces(numbers) {
    return numbers.map((_, i) => i).filter((i) =>
      !sameNumbers(numbers[i].x, drawn.numbers[i].x) || !sameNumbers(numbers[i].y, drawn.numbers[i].y));
  }

  function drawTraces(numbers) {
    const changed = changedTraces(numbers);
    if (changed.length > 0) {
      const frame = { data: changed.map((i) => numbers[i]), traces: changed };
      then(() => Plotly.animate(plot, frame, TRACES_ONLY));
    }
    drawn = { ...drawn, numbers };
  }

  function sameShape(numbers) {
    return numbers.length === drawn.numbers.length
      && numbers.every((trace, i) => trace.x.length === drawn.numbers[i].x.length);
  }

  function draw() {
    queued = false;
    const styles = model.get("plot_data");
    const layout = model.get("plot_layout");
    const numbers = numbersOf(model.get("plot_numbers"), model.get("plot_sizes"));
    if (drawn !== null && styles === drawn.styles && layout === drawn.layout && sameShape(numbers)) {
      // The control may have moved on to a value this message offers.
      drawTraces(offered() || numbers);
      return;
    }
    // plotly.js keeps and changes what it is given: it gets its own copy.
    const figure = structuredClone({
      data: styles.map((style, i) => ({ ...style, ...numbers[i] })),
      layout,
      config: model.get("plot_config"),
    });
    then(() => Plotly.react(plot, figure.data, figure.layout, figure.config));
    drawn = { styles, layout, numbers };
  }

  // The controls' models, by id, as the offers name them (looked up once each). A page
  // whose widget manager cannot look a model up draws every move when the kernel answers.
  const controls = new Map();
  const lookup = model.widget_manager && model.widget_manager.get_model;
  function control(id) {
    if (typeof lookup !== "function") { return null; }
    if (!controls.has(id)) {
      controls.set(id, null);
      model.widget_manager.get_model(id).then((found) => {
        if (closed) { return; }
        controls.set(id, found);
        found.on("change:value", drawAhead);
      }, () => {}); // a model that is gone: its offers are never drawn
    }
    return controls.get(id);
  }

  function sameRange(axis, range) {
    const shown = (drawn.layout[`${axis}axis`] || {}).range;
    return range === null ? shown === undefined : shown !== undefined && sameNumbers(shown, range);
  }

  // The numbers the offer gives for the controls' values now (the kernel's own at the
  // value it drew), or null when it gives none.
  function offered() {
    const offer = model.get("plot_ahead");
    if (!offer || !offer.control) { return null; }
    // Every model is looked up (the first time) before any is checked.
    const [moved, ...others] = [offer.control, ...offer.kept.map(([id]) => id)].map(control);
    const kept = offer.kept.every(([, trait, value], i) => others[i] !== null && others[i].get(trait) === value);
    if (moved === null || !kept || !sameRange("x", offer.ranges.x) || !sameRange("y", offer.ranges.y)) {
      return null;
    }
    const value = moved.get("value");
    const view = value === offer.at ? model.get("plot_numbers") : (offer.views.find(([v]) => v === value) || [])[1];
    const points = offer.sizes.reduce((sum, size) => sum + 2 * size, 0);
    if (view === undefined || view.byteLength !== 8 * points) { return null; }
    const numbers = numbersOf(view, offer.sizes);
    return sameShape(numbers) ? numbers : null;
  }

  function drawAhead() {
    if (closed || drawn === null) { return; }
    const numbers = offered();
    if (numbers !== null) { drawTraces(numbers); }
  }

  function schedule() {
    if (!queued) { queued = true; queueMicrotask(draw); }
  }

  const changes = ["plot_data", "plot_numbers", "plot_sizes", "plot_layout", "plot_ahead"];
  changes.forEach((name) => model.on(`change:${name}`, schedule));
  draw();
  return () => {
    closed = true;
    changes.forEach((name) => model.off(`change:${name}`, schedule));
    controls.forEach((found) => { if (found !== null) { found.off("change:value", drawAhead); } });
    Plotly.purge(plot);
  };
}

export default { render };
