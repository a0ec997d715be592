/* The self-assessment in the static book: no kernel, no libraries, no network.
 *
 * Reads the definitions the page embeds (<script type="application/json"
 * class="bb-assessment-spec">, written from data/assessment/ by backbalance.sphinxext.assessment)
 * and mirrors backbalance.assessment rule for rule: the same messages, scores, profile JSON
 * and wording for the same answers. tests/browser/test_assessment_parity.py checks that.
 * Answers stay in the browser; they are kept in localStorage only if the reader asks.
 */
(function () {
  "use strict";

  var STORE = "bb-assessment-answers";
  var HOLDS = ["flexor", "extensor", "bridge_right", "bridge_left"];
  var TIGHT = ["none", "left", "right", "both"];
  var GROUPS = ["female", "male"];
  var UNITS = ["reps", "kg"];
  var BLANK = /\{([a-z_]+)\}/g;
  var SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

  /* ------------------------------------------------------------ numbers and words */

  function roundHalfUp(value, digits) {
    var scale = Math.pow(10, digits);
    return Math.floor(value * scale + 0.5) / scale;
  }

  function fmt(value, digits) {
    return String(roundHalfUp(value, digits === undefined ? 1 : digits));
  }

  function fill(template, values) {
    return template.replace(BLANK, function (_, name) { return values[name]; });
  }

  function parseNumber(text, pattern) {
    text = text.replace(SPACE, "");
    if (!new RegExp("^(?:" + pattern + ")$").test(text)) return null;
    return Number(text.replace(",", "."));
  }

  /* ------------------------------------------------------------ checking answers */

  function checkNumber(text, limits, required, spec) {
    var m = spec.messages;
    if (!text.replace(SPACE, "")) return { value: null, error: required ? m.pair : null };
    var value = parseNumber(text, spec.number);
    if (value === null) return { value: null, error: m.number };
    if (value <= 0) return { value: null, error: m.negative };
    var bounds = { min: fmt(limits.min, 2), max: fmt(limits.max, 2), unit: limits.unit };
    if (value < limits.min) return { value: null, error: fill(m.low, bounds) };
    if (value > limits.max) return { value: null, error: fill(m.high, bounds) };
    return { value: value, error: null };
  }

  function checkChoice(value, allowed, required, spec) {
    if (allowed.indexOf(value) >= 0) return { value: value, error: null };
    if (!value && !required) return { value: null, error: null };
    return { value: null, error: spec.messages.choose };
  }

  function allSigns(flags) { return flags.urgent.signs.concat(flags.clinician.signs); }

  function screen(state, spec) {
    var flags = spec.data.red_flags, signs = [], errors = {};
    allSigns(flags).forEach(function (sign) {
      var name = "redflag-" + sign.id, checked = checkChoice(state[name] || "", ["yes", "no"], true, spec);
      if (checked.value === "yes") signs.push(sign.id);
      if (checked.error) errors[name] = checked.error;
    });
    if (flags.urgent.signs.some(function (s) { return signs.indexOf(s.id) >= 0; })) {
      return { level: "urgent", signs: signs, errors: {} };
    }
    if (signs.length) return { level: "clinician", signs: signs, errors: {} };
    return { level: Object.keys(errors).length ? null : "none", signs: [], errors: errors };
  }

  function pair(state, names, limits, spec, checked) {
    var either = names.some(function (n) { return (state[n] || "").replace(SPACE, ""); });
    names.forEach(function (n) { checked[n] = checkNumber(state[n] || "", limits, either, spec); });
  }

  function checkAnswers(state, spec) {
    var data = spec.data, screened = screen(state, spec), checked = {};
    if (screened.level === null) return { answers: null, errors: screened.errors };
    if (screened.level !== "none") {
      return { answers: { red_flag: screened.level, red_flag_signs: screened.signs }, errors: {} };
    }
    data.questionnaire.questions.forEach(function (q) {
      var values = q.options.map(function (o) { return o.value; });
      checked["question-" + q.id] = checkChoice(state["question-" + q.id] || "", values, true, spec);
    });
    ["flexor", "extensor"].forEach(function (h) {
      checked["hold-" + h] = checkNumber(state["hold-" + h] || "", data.endurance.input, false, spec);
    });
    pair(state, ["hold-bridge_right", "hold-bridge_left"], data.endurance.input, spec, checked);
    checked.norms = checkChoice(state.norms || "", GROUPS, false, spec);
    checked["strength-unit"] = checkChoice(state["strength-unit"] || "", UNITS, true, spec);
    var unit = checked["strength-unit"].value;
    if (unit !== null) pair(state, ["strength-left", "strength-right"], data.strength.units[unit], spec, checked);
    data.tightness.muscles.forEach(function (m) {
      checked["tight-" + m.id] = checkChoice(state["tight-" + m.id] || "", TIGHT, true, spec);
    });
    var statuses = data.strength.training_status.options.map(function (o) { return o.value; });
    checked["training-status"] = checkChoice(state["training-status"] || "", statuses, false, spec);
    var errors = {};
    Object.keys(checked).forEach(function (n) { if (checked[n].error) errors[n] = checked[n].error; });
    if (Object.keys(errors).length) return { answers: null, errors: errors };
    var v = function (n) { return checked[n].value; };
    var choices = {}, holds = {}, tightness = {};
    data.questionnaire.questions.forEach(function (q) { choices[q.id] = v("question-" + q.id); });
    HOLDS.forEach(function (h) { if (v("hold-" + h) !== null) holds[h] = v("hold-" + h); });
    data.tightness.muscles.forEach(function (m) { tightness[m.id] = v("tight-" + m.id); });
    var left = checked["strength-left"].value;
    return {
      answers: {
        red_flag: "none", red_flag_signs: [], choices: choices, holds: holds, norms: v("norms"),
        strength: left === null ? null : { unit: unit, left: left, right: v("strength-right") },
        tightness: tightness, training_status: v("training-status")
      },
      errors: {}
    };
  }

  /* ------------------------------------------------------------ scores */

  function points(question, value) {
    return question.options.filter(function (o) { return o.value === value; })[0].points;
  }

  function concernScore(choices, q) {
    return q.questions.reduce(function (sum, x) { return sum + points(x, choices[x.id]) * x.concern_weight; }, 0);
  }

  function concernMax(q) {
    return q.questions.reduce(function (sum, x) {
      return sum + Math.max.apply(null, x.options.map(function (o) { return o.points; })) * x.concern_weight;
    }, 0);
  }

  function rankedContributors(choices, q) {
    var scores = {};
    q.contributors.forEach(function (c) { scores[c.id] = 0; });
    q.questions.forEach(function (x) {
      var p = points(x, choices[x.id]);
      Object.keys(x.contributes).forEach(function (id) { scores[id] += p * x.contributes[id]; });
    });
    return q.contributors
      .map(function (c, i) { return { id: c.id, score: scores[c.id], index: i }; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .filter(function (c) { return c.score >= q.contributor_min_score; })
      .map(function (c) { return c.id; });
  }

  function ratioValue(holds, ratio) {
    if (!(ratio.numerator in holds) || !(ratio.denominator in holds)) return null;
    return roundHalfUp(holds[ratio.numerator] / holds[ratio.denominator], 2);
  }

  function ratioOutside(value, ratio) {
    return (ratio.low !== null && value < ratio.low) || (ratio.high !== null && value > ratio.high);
  }

  function normBand(seconds, mean, sd) {
    if (seconds < mean - sd) return "below";
    if (seconds > mean + sd) return "above";
    return "around";
  }

  function lsiOf(left, right) { return roundHalfUp(Math.min(left, right) / Math.max(left, right) * 100, 1); }

  function weaker(left, right) {
    if (left === right) return null;
    return left < right ? "left" : "right";
  }

  function bridgeSide(holds, noise) {
    if (!("bridge_left" in holds) || !("bridge_right" in holds)) return null;
    var l = holds.bridge_left, r = holds.bridge_right;
    return Math.abs(l - r) >= noise ? weaker(l, r) : null;
  }

  /* ------------------------------------------------------------ the profile */

  function buildProfile(answers, data) {
    var profile = {
      format: "back-in-balance/profile", version: 1, red_flag: answers.red_flag,
      red_flag_signs: answers.red_flag_signs, concern_score: null, concern_max: null, contributors: [],
      weaker_side: null, gap_percent: null, gap_test: null, clear_gap: null, lsi: null, holds: {},
      norms: null, strength: null, tight_muscles: [], training_status: null
    };
    if (answers.red_flag !== "none") return profile;
    var q = data.questionnaire, left, right, test, clear;
    profile.concern_score = concernScore(answers.choices, q);
    profile.concern_max = concernMax(q);
    profile.contributors = rankedContributors(answers.choices, q);
    if (answers.strength !== null) {
      left = answers.strength.left; right = answers.strength.right; test = "row";
    } else if ("bridge_left" in answers.holds) {
      left = answers.holds.bridge_left; right = answers.holds.bridge_right; test = "side_bridge";
    }
    if (test) {
      var lsi = lsiOf(left, right);
      clear = test === "row" ? lsi < data.strength.lsi.line : Math.abs(left - right) >= data.endurance.noise.seconds;
      profile.weaker_side = weaker(left, right);
      profile.gap_percent = roundHalfUp(100 - lsi, 1);
      profile.gap_test = test;
      profile.clear_gap = clear;
      profile.lsi = test === "row" ? lsi : null;
    }
    profile.holds = answers.holds;
    profile.norms = answers.norms;
    profile.strength = answers.strength;
    Object.keys(answers.tightness).forEach(function (m) {
      if (answers.tightness[m] !== "none") profile.tight_muscles.push({ muscle: m, side: answers.tightness[m] });
    });
    profile.training_status = answers.training_status;
    return profile;
  }

  /* ------------------------------------------------------------ wording */

  function byId(list, key) {
    var map = {};
    list.forEach(function (x) { map[x[key || "id"]] = x; });
    return map;
  }

  function summary(p, data) {
    var w = data.summary, lines = [];
    if (p.gap_test === null) {
      lines.push(w.not_measured);
    } else {
      var test = w.tests[p.gap_test];
      if (p.weaker_side === null) {
        lines.push(fill(w.equal, { test: test }));
      } else {
        lines.push(fill(w.weaker, { side: p.weaker_side, gap: fmt(p.gap_percent, 1), test: test }));
        lines.push(fill(p.clear_gap ? w.clear : w.not_clear, { side: p.weaker_side }));
      }
      var bridge = bridgeSide(p.holds, data.endurance.noise.seconds);
      if (p.gap_test === "row" && bridge !== null && p.weaker_side !== null && bridge !== p.weaker_side) {
        lines.push(w.disagree);
      }
    }
    var names = byId(data.tightness.muscles), words = data.tightness.side_words;
    var tight = p.tight_muscles.map(function (t) { return names[t.muscle].name + " (" + words[t.side] + ")"; }).join(", ");
    lines.push(tight ? fill(w.tight, { muscles: tight }) : w.no_tight);
    if (p.training_status !== null) {
      var labels = byId(data.strength.training_status.options, "value");
      lines.push(fill(w.status, { status: labels[p.training_status].label }));
    }
    return lines;
  }

  function holdTable(p, data) {
    var e = data.endurance, rows = [];
    HOLDS.forEach(function (h) {
      if (!(h in p.holds)) return;
      var s = p.holds[h], cells = [e.holds[h].label, fmt(s, 1) + " " + e.input.unit];
      if (p.norms === null) {
        cells.push(e.table.not_compared, e.table.not_compared);
      } else {
        var norm = e.norms[p.norms][h];
        cells.push(fill(e.table.norm, { mean: fmt(norm.mean), sd: fmt(norm.sd), group: e.norms.group_names[p.norms] }));
        cells.push(e.bands[normBand(s, norm.mean, norm.sd)]);
      }
      rows.push(cells);
    });
    return { header: e.table.holds, rows: rows, flagged: rows.map(function () { return false; }) };
  }

  function ratioTable(p, data) {
    var e = data.endurance, rows = [], flagged = [];
    e.ratios.forEach(function (r) {
      var value = ratioValue(p.holds, r);
      if (value === null) return;
      var outside = ratioOutside(value, r);
      rows.push([r.label, fmt(value, 2), r.rule, outside ? e.outside_text : e.inside_text]);
      flagged.push(outside);
    });
    return rows.length ? { header: e.table.ratios, rows: rows, flagged: flagged } : null;
  }

  function enduranceNotes(p, data, hasRatios) {
    var e = data.endurance, notes = [];
    if (!Object.keys(p.holds).length) return [e.not_done];
    if ("bridge_left" in p.holds) {
      var l = p.holds.bridge_left, r = p.holds.bridge_right, gap = Math.abs(l - r), noise = e.noise.seconds;
      var blanks = { gap: fmt(gap, 1), noise: fmt(noise, 1) };
      if (gap < noise) {
        notes.push(fill(e.noise.within, blanks));
      } else {
        blanks.side = String(weaker(l, r));
        notes.push(fill(e.noise.beyond, blanks));
      }
    }
    notes.push(p.norms ? e.norms.caveat : e.no_sex);
    if (hasRatios) notes.push(e.ratio_caveat);
    return notes;
  }

  function strengthPart(p, data) {
    var s = data.strength, res = p.strength;
    if (res === null) return { strength: [s.not_done], bars: [], bar_note: "" };
    var lsi = p.lsi, side = weaker(res.left, res.right), unit = s.units[res.unit].unit;
    var line = fmt(s.lsi.line, 1), lines = [];
    if (side === null) {
      lines.push(fill(s.lsi.equal, { lsi: fmt(lsi, 1) }));
    } else {
      lines.push(fill(s.lsi.result, {
        weaker: fmt(Math.min(res.left, res.right), 1), stronger: fmt(Math.max(res.left, res.right), 1),
        unit: unit, lsi: fmt(lsi, 1), side: side
      }));
    }
    lines.push(lsi < s.lsi.line ? fill(s.lsi.below, { line: line, side: String(side) }) : fill(s.lsi.at_or_above, { line: line }));
    lines.push(fill(s.lsi.caveat.text, { line: line }));
    var top = Math.max(res.left, res.right);
    var bars = [["left", res.left], ["right", res.right]].map(function (x) {
      return { label: s.bar_labels[x[0]], text: fmt(x[1], 1) + " " + unit, percent: roundHalfUp(x[1] / top * 100, 1) };
    });
    return { strength: lines, bars: bars, bar_note: fill(s.bar_note, { line: line }) };
  }

  function describe(p, data) {
    if (p.red_flag !== "none") {
      var group = data.red_flags[p.red_flag];
      return {
        stop_title: group.title, stop: [group.guidance, data.red_flags.no_programme],
        stop_signs: allSigns(data.red_flags)
          .filter(function (s) { return p.red_flag_signs.indexOf(s.id) >= 0; })
          .map(function (s) { return s.short; })
      };
    }
    var q = data.questionnaire, known = byId(q.contributors), ratios = ratioTable(p, data);
    var level = q.concern_levels.filter(function (l) { return l.min_score <= p.concern_score; }).pop();
    var contributors = p.contributors.map(function (id) {
      var c = known[id];
      return { title: c.name, text: c.why, link: { text: c.link_text, chapter: c.chapter } };
    });
    var t = data.tightness, names = byId(t.muscles);
    var report = {
      summary: summary(p, data),
      concern: [fill(q.score_text, { score: String(p.concern_score), max: String(p.concern_max) }), level.text],
      contributors: contributors.length ? contributors : [{ title: "", text: q.no_contributors, link: null }],
      causes_link: { text: q.causes_link_text, chapter: q.causes_chapter },
      holds: Object.keys(p.holds).length ? holdTable(p, data) : null,
      ratios: ratios,
      endurance: enduranceNotes(p, data, ratios !== null),
      tightness: p.tight_muscles.length
        ? p.tight_muscles.map(function (m) { return fill(t.result, { muscle: names[m.muscle].name, side: t.side_words[m.side] }); })
        : [t.none_tight],
      tightness_link: p.tight_muscles.length ? { text: t.link_text, chapter: t.chapter } : null
    };
    var sp = strengthPart(p, data);
    report.strength = sp.strength;
    report.bars = sp.bars;
    report.bar_note = sp.bar_note;
    return report;
  }

  /* ------------------------------------------------------------ the page */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function paragraphs(parent, lines, part) {
    lines.forEach(function (line) { parent.appendChild(el("p", { "data-bb": part }, line)); });
  }

  function link(spec, target, part) {
    return el("a", { href: spec.links[target.chapter] || "#", "data-bb": part, "data-chapter": target.chapter }, target.text);
  }

  function table(parent, t, part) {
    var node = el("table", { "data-bb": part, class: "bb-table" }), head = el("tr");
    t.header.forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    node.appendChild(el("thead")).appendChild(head);
    var body = node.appendChild(el("tbody"));
    t.rows.forEach(function (row, i) {
      var tr = body.appendChild(el("tr", t.flagged[i] ? { "data-flagged": "true" } : {}));
      row.forEach(function (cell, j) { tr.appendChild(el(j ? "td" : "th", j ? {} : { scope: "row" }, cell)); });
    });
    parent.appendChild(el("div", { class: "bb-table-wrap", tabindex: "0" })).appendChild(node);
  }

  function bars(parent, report, line) {
    var box = parent.appendChild(el("div", { class: "bb-bars", "data-bb": "bars" }));
    report.bars.forEach(function (b, i) {
      var row = box.appendChild(el("div", { class: "bb-bar" }));
      row.appendChild(el("span", { class: "bb-bar-label" }, b.label));
      var track = row.appendChild(el("span", { class: "bb-bar-track", "aria-hidden": "true" }));
      track.appendChild(el("span", { class: "bb-bar-fill " + (i ? "bb-right" : "bb-left"), style: "width:" + b.percent + "%" }));
      track.appendChild(el("span", { class: "bb-bar-line", style: "left:" + line + "%" }));
      row.appendChild(el("span", { class: "bb-bar-text", "data-percent": String(b.percent) }, b.text));
    });
    paragraphs(parent, [report.bar_note], "bar-note");
  }

  function heading(parent, level, text, id) {
    return parent.appendChild(el("h" + level, id ? { id: id } : {}, text));
  }

  function renderStop(root, report, spec) {
    var box = root.querySelector(".bb-stop");
    box.textContent = "";
    heading(box, 2, report.stop_title, "bb-stop-title").setAttribute("data-bb", "stop-title");
    paragraphs(box, [report.stop[0]], "stop");
    box.appendChild(el("p", {}, spec.data.red_flags.answered_yes));
    var list = box.appendChild(el("ul", { "data-bb": "stop-signs" }));
    report.stop_signs.forEach(function (s) { list.appendChild(el("li", {}, s)); });
    paragraphs(box, report.stop.slice(1), "stop");
  }

  function renderResults(root, report, spec) {
    var data = spec.data, box = root.querySelector(".bb-results");
    box.textContent = "";
    heading(box, 2, data.summary.title, "bb-results-title");
    var list = box.appendChild(el("ul", { "data-bb": "summary", class: "bb-summary" }));
    report.summary.forEach(function (s) { list.appendChild(el("li", {}, s)); });

    heading(box, 3, data.questionnaire.title);
    paragraphs(box, report.concern, "concern");
    var items = box.appendChild(el("ul", { "data-bb": "contributors" }));
    report.contributors.forEach(function (c) {
      var li = items.appendChild(el("li", { class: "bb-contributor" }));
      if (c.title) {
        li.appendChild(el("strong", { class: "bb-title" }, c.title));
        li.appendChild(document.createTextNode(": "));
      }
      li.appendChild(el("span", { class: "bb-text" }, c.text));
      if (c.link) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(link(spec, c.link, "contributor-link"));
      }
    });
    box.appendChild(el("p")).appendChild(link(spec, report.causes_link, "causes-link"));

    heading(box, 3, data.endurance.title);
    if (report.holds) table(box, report.holds, "holds");
    if (report.ratios) table(box, report.ratios, "ratios");
    paragraphs(box, report.endurance, "endurance");

    heading(box, 3, data.strength.title);
    if (report.bars.length) bars(box, report, data.strength.lsi.line);
    paragraphs(box, report.strength, "strength");

    heading(box, 3, data.tightness.title);
    paragraphs(box, report.tightness, "tightness");
    if (report.tightness_link) box.appendChild(el("p")).appendChild(link(spec, report.tightness_link, "tightness-link"));
  }

  function readState(form) {
    var state = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) return;
      if (input.type === "radio") {
        if (!(input.name in state)) state[input.name] = "";
        if (input.checked) state[input.name] = input.value;
      } else {
        state[input.name] = input.value;
      }
    });
    return state;
  }

  function writeState(form, state) {
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || !(input.name in state)) return;
      if (input.type === "radio") input.checked = input.value === state[input.name];
      else input.value = state[input.name];
    });
  }

  /* Show each field's message (only fields whose name starts with `prefix`, if given). */
  function showErrors(form, errors, prefix) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (slot) {
      var name = slot.getAttribute("data-error-for");
      if (prefix && name.indexOf(prefix) !== 0) return;
      setError(form, name, errors[name] || "");
    });
  }

  function setError(form, name, message) {
    var slot = form.querySelector('[data-error-for="' + name + '"]');
    if (!slot) return;
    slot.textContent = message;
    Array.prototype.forEach.call(form.querySelectorAll('[name="' + name + '"]'), function (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }

  function firstInvalid(form) {
    return form.querySelector('[aria-invalid="true"]') || form.querySelector("input");
  }

  function init(root) {
    var spec = JSON.parse(root.querySelector(".bb-assessment-spec").textContent);
    var form = root.querySelector(".bb-form"), later = root.querySelector(".bb-later");
    var stop = root.querySelector(".bb-stop"), results = root.querySelector(".bb-results");
    var tools = root.querySelector(".bb-tools"), download = root.querySelector(".bb-download");
    var remember = root.querySelector(".bb-remember"), status = root.querySelector(".bb-screen-result");
    var formError = root.querySelector(".bb-form-error");
    var screened = false;

    function store() {
      try {
        if (remember.checked) window.localStorage.setItem(STORE, JSON.stringify(readState(form)));
        else window.localStorage.removeItem(STORE);
      } catch (err) { /* storage may be blocked: the answers then stay on this page only */ }
    }

    function offer(profile) {
      download.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(profile, null, 2));
      download.hidden = false;
    }

    function hideResults() {
      results.hidden = true;
      results.textContent = "";
      download.hidden = true;
      download.removeAttribute("href");
    }

    /* Step 1: a "yes" stops everything; all "no" opens the other steps. */
    function runScreen(moveFocus) {
      var result = screen(readState(form), spec);
      hideResults();
      later.hidden = stop.hidden = true;
      status.textContent = "";
      /* A "yes" clears every message: the other steps no longer apply. */
      showErrors(form, result.errors, result.level === "none" || result.level === null ? "redflag-" : "");
      if (result.level !== "none") formError.textContent = "";
      if (result.level === null) {
        if (moveFocus) firstInvalid(form).focus();
      } else if (result.level !== "none") {
        var profile = buildProfile({ red_flag: result.level, red_flag_signs: result.signs }, spec.data);
        renderStop(root, describe(profile, spec.data), spec);
        stop.hidden = false;
        offer(profile);
        if (moveFocus) stop.focus();
      } else {
        status.textContent = spec.data.red_flags.clear;
        later.hidden = false;
        if (moveFocus) root.querySelector("#bb-step-2").scrollIntoView();
      }
      return result.level;
    }

    /* Steps 2 to 5: the results, or a message next to each answer to fix. */
    function runResults(showMessages, moveFocus) {
      var check = checkAnswers(readState(form), spec);
      hideResults();
      if (showMessages) {
        showErrors(form, check.errors);
        formError.textContent = check.answers ? "" : spec.messages.form;
      }
      if (!check.answers) {
        if (moveFocus) firstInvalid(form).focus();
        return;
      }
      var profile = buildProfile(check.answers, spec.data);
      renderResults(root, describe(profile, spec.data), spec);
      results.hidden = false;
      offer(profile);
      if (moveFocus) results.focus();
    }

    /* After an edit: clear that answer's message; keep shown results or guidance up to date. */
    function edited(event) {
      var name = event.target.name || "";
      setError(form, name, "");
      if (event.type !== "change") return;
      store();
      var showing = !results.hidden;
      if (screened && name.indexOf("redflag-") === 0 && runScreen(false) !== "none") return;
      if (showing) runResults(false, false);
    }

    root.querySelector(".bb-continue").addEventListener("click", function () {
      screened = true;
      formError.textContent = "";
      runScreen(true);
    });
    root.querySelector(".bb-submit").addEventListener("click", function () {
      if (screen(readState(form), spec).level === "none") runResults(true, true);
      else runScreen(true);
    });
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    remember.addEventListener("change", store);
    root.querySelector(".bb-forget").addEventListener("click", function () {
      try { window.localStorage.removeItem(STORE); } catch (err) { /* nothing was stored */ }
      form.reset();
      remember.checked = false;
      screened = false;
      showErrors(form, {});
      formError.textContent = status.textContent = "";
      later.hidden = stop.hidden = true;
      hideResults();
      form.querySelector("input").focus();
    });

    var saved = null;
    try { saved = window.localStorage.getItem(STORE); } catch (err) { saved = null; }
    if (saved) {
      writeState(form, JSON.parse(saved));
      remember.checked = true;
      if (screen(readState(form), spec).level !== null) {
        screened = true;
        if (runScreen(false) === "none") runResults(false, false);
      }
    }
    form.hidden = false;
    tools.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".bb-assessment"), init);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
