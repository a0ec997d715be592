/* The self-assessment's rules for the static book: a small interpreter of the page's spec.
 *
 * Pure functions, no DOM: check the answers, screen the red flags, score, build the profile
 * and word it. Every value, threshold, weight, sentence and rule table comes from the spec
 * that backbalance.assessment.render.script_spec writes from data/assessment/ (field rules,
 * gap tests, joining words, the profile's and the report's defaults); the reference is the
 * Python package (backbalance.assessment.check, .logic, .report), and tests/golden replays
 * its results here under Node. Loads as a CommonJS module or as window.BackBalanceAssessment.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackBalanceAssessment = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var BLANK = /\{([a-z_]+)\}/g;

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

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

  function trim(text, spec) {
    var space = "[" + spec.space + "]+";
    return text.replace(new RegExp("^" + space + "|" + space + "$", "g"), "");
  }

  function parseNumber(text, spec) {
    text = trim(text, spec);
    if (!new RegExp("^(?:" + spec.number + ")$").test(text)) return null;
    return Number(text.replace(",", "."));
  }

  /* ------------------------------------------------------------ checking answers */

  function checkNumber(text, limits, required, missing, spec) {
    var m = spec.messages;
    if (!trim(text, spec)) return { value: null, error: required ? m[missing] : null };
    var value = parseNumber(text, spec);
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

  /* A clinician's check: empty, or a real YYYY-MM-DD no later than today and no more than
     clearance.valid.days before it (check.check_date). */
  function checkDate(text, today, clearance, spec) {
    text = trim(text, spec);
    if (!text) return { value: null, error: null };
    var valid = new RegExp(spec.iso_date).test(text);
    if (valid) {
      var y = Number(text.slice(0, 4)), m = Number(text.slice(5, 7)), d = Number(text.slice(8, 10));
      var date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      valid = y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    }
    if (!valid) return { value: null, error: spec.messages.date };
    if (text > today) return { value: null, error: clearance.future };
    var earliest = new Date(0);
    earliest.setUTCFullYear(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) - clearance.valid.days);
    if (text < earliest.toISOString().slice(0, 10)) return { value: null, error: clearance.valid.expired };
    return { value: text, error: null };
  }

  /* Step 1: the red flags and the date of a clinician's check (check.screen). */
  function screen(state, spec, today) {
    var flags = spec.data.red_flags, signs = [], errors = {};
    allSigns(flags).forEach(function (sign) {
      var name = "redflag-" + sign.id, checked = checkChoice(state[name] || "", spec.yes_no, true, spec);
      if (checked.value === "yes") signs.push(sign.id);
      if (checked.error) errors[name] = checked.error;
    });
    if (flags.urgent.signs.some(function (s) { return signs.indexOf(s.id) >= 0; })) {
      return { level: "urgent", signs: signs, errors: {}, cleared_on: null };
    }
    var date = checkDate(state[spec.clearance] || "", today, flags.clearance, spec);
    if (signs.length && date.value === null && date.error === null) {
      return { level: "clinician", signs: signs, errors: {}, cleared_on: null };
    }
    if (date.error) errors[spec.clearance] = date.error;
    if (Object.keys(errors).length) return { level: null, signs: [], errors: errors, cleared_on: null };
    return { level: signs.length ? "cleared" : "none", signs: [], errors: {}, cleared_on: date.value };
  }

  /* The questions before the tests (check.pre_exercise): [result, errors]. */
  function preExercise(state, spec, clearedOn) {
    var errors = {}, yes = false;
    spec.data.pre_exercise.questions.forEach(function (q) {
      var name = "pre-" + q.id, checked = checkChoice(state[name] || "", spec.yes_no, true, spec);
      if (checked.value === "yes") yes = true;
      if (checked.error) errors[name] = checked.error;
    });
    if (yes) return [clearedOn ? "cleared" : "stopped", {}];
    return [Object.keys(errors).length ? null : "passed", errors];
  }

  /* One field by its rule (see backbalance.assessment.check.FieldRule); null when skipped. */
  function checkField(rule, state, checked, spec) {
    var text = state[rule.name] || "";
    if (rule.only_if !== null) {
      var source = checked[rule.only_if[0]];
      if (!source || source.value !== rule.only_if[1]) return null;
    }
    if (rule.kind === "choice") return checkChoice(text, rule.allowed, rule.required, spec);
    var limits = rule.limits;
    if (rule.limits_from !== null) {
      var key = checked[rule.limits_from].value;
      if (key === null) return null;
      limits = rule.limits_by[key];
    }
    var paired = rule.pair !== null && [rule.name, rule.pair].some(function (n) { return trim(state[n] || "", spec); });
    return checkNumber(text, limits, rule.required || paired, rule.missing, spec);
  }

  function gather(rules, checked, spec) {
    var answers = copy(spec.answer_parts);
    rules.forEach(function (rule) {
      var value = rule.name in checked ? checked[rule.name].value : null;
      var kept = rule.only_with === null || (rule.only_with in checked && checked[rule.only_with].value !== null);
      if (value === null || !kept) return;
      var target = answers, path = rule.into;
      path.slice(0, -1).forEach(function (part) {
        if (target[part] === null || target[part] === undefined) target[part] = {};
        target = target[part];
      });
      target[path[path.length - 1]] = value;
    });
    return answers;
  }

  function checkAnswers(state, spec, today) {
    var screened = screen(state, spec, today), checked = {};
    if (screened.level === null) return { answers: null, errors: screened.errors };
    if (screened.level !== "none" && screened.level !== "cleared") {
      return { answers: { red_flag: screened.level, red_flag_signs: screened.signs }, errors: {} };
    }
    var before = preExercise(state, spec, screened.cleared_on), errors = before[1];
    var rules = spec.fields.filter(function (rule) {
      return before[0] !== "stopped" || spec.test_fields.indexOf(rule.name) < 0;
    });
    rules.forEach(function (rule) {
      var result = checkField(rule, state, checked, spec);
      if (result !== null) checked[rule.name] = result;
    });
    Object.keys(checked).forEach(function (n) { if (checked[n].error) errors[n] = checked[n].error; });
    if (Object.keys(errors).length) return { answers: null, errors: errors };
    var answers = gather(rules, checked, spec);
    answers.red_flag = screened.level;
    answers.red_flag_signs = [];
    answers.pre_exercise = before[0];
    answers.cleared_on = screened.level === "cleared" || before[0] === "cleared" ? screened.cleared_on : null;
    return { answers: answers, errors: {} };
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
    var questions = byId(q.questions);
    /* A cause the reader has just denied (its `needs` question scored 0) is never named. */
    var denied = q.contributors.filter(function (c) {
      return c.needs !== null && points(questions[c.needs], choices[c.needs]) === 0;
    }).map(function (c) { return c.id; });
    return q.contributors
      .map(function (c, i) { return { id: c.id, score: scores[c.id], index: i }; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .filter(function (c) { return c.score >= q.contributor_min_score && denied.indexOf(c.id) < 0; })
      .map(function (c) { return c.id; });
  }

  function advice(choices, q) {
    return q.advice.filter(function (a) { return a.answers.indexOf(choices[a.question]) >= 0; })
      .map(function (a) { return a.id; });
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

  /* The mean of Epley and Brzycki (see logic.estimated_1rm: the same operations, in order). */
  function estimated1rm(load, reps) { return (load * (1 + reps / 30) + load * 36 / (37 - reps)) / 2; }

  /* See logic.strength_verdict. */
  function verdictOf(lsi, side, hand, line, noise) {
    var gapped = roundHalfUp(100 - lsi, 1);
    if (side === null || hand === null) return lsi < line ? "below" : "at_or_above";
    if (side !== hand) return lsi < line ? "beyond" : "within";
    if (gapped >= noise) return "dominant_weaker";
    return lsi < line ? "below" : "dominant_within_noise";
  }

  /* See logic.strength_lsi: the LSI and what the profile keeps of it. */
  function strengthLsi(res, maxReps) {
    if (res.unit === "kg") return { lsi: lsiOf(res.left, res.right), kept: { lsi_method: "load" } };
    var repsLsi = lsiOf(res.left, res.right);
    if (Math.max(res.left, res.right) > maxReps || res.load === null || res.load === undefined) {
      return { lsi: null, kept: { lsi_method: "reps_only", reps_lsi: repsLsi } };
    }
    var l = estimated1rm(res.load, res.left), r = estimated1rm(res.load, res.right);
    return {
      lsi: lsiOf(l, r),
      kept: { lsi_method: "estimated_1rm", reps_lsi: repsLsi, estimated_1rm: { left: roundHalfUp(l, 1), right: roundHalfUp(r, 1) } }
    };
  }

  /* Weaker side, gap and verdict from the row test (see logic._strength). */
  function strengthOf(answers, spec) {
    var res = answers.strength, data = spec.data;
    if (res === null) return {};
    var found = strengthLsi(res, data.strength.estimate.max_reps), out = found.kept;
    if (found.lsi === null) return out;
    var side = weaker(res.left, res.right);
    var verdict = verdictOf(found.lsi, side, answers.dominant_hand, data.strength.lsi.line, spec.noise.strength);
    var g = roundHalfUp(100 - found.lsi, 1);
    out.weaker_side = side;
    out.gap_percent = g;
    out.gap_test = "row";
    out.clear_gap = spec.clear_verdicts.indexOf(verdict) >= 0;
    out.lsi = found.lsi;
    out.strength_verdict = verdict;
    out.beyond_gap_limit = g > data.gap_limit;
    return out;
  }

  function holdTargets(holds, noise, spec) {
    var targets = {};
    Object.keys(spec.data.endurance.holds).forEach(function (h) {
      if (h in holds) targets[h] = roundHalfUp(holds[h] + noise[h], 0);
    });
    return targets;
  }

  function buildProfile(answers, spec) {
    var profile = copy(spec.profile), data = spec.data;
    profile.red_flag = answers.red_flag;
    profile.red_flag_signs = answers.red_flag_signs;
    if (answers.red_flag !== "none" && answers.red_flag !== "cleared") return profile;
    var q = data.questionnaire, found = strengthOf(answers, spec);
    profile.cleared_on = answers.cleared_on;
    profile.pre_exercise = answers.pre_exercise;
    profile.advice = advice(answers.choices, q);
    profile.concern_score = concernScore(answers.choices, q);
    profile.concern_max = concernMax(q);
    profile.contributors = rankedContributors(answers.choices, q);
    Object.keys(found).forEach(function (key) { profile[key] = found[key]; });
    profile.holds = answers.holds;
    profile.norms = answers.norms;
    profile.strength = answers.strength;
    if (profile.strength !== null && !("load" in profile.strength)) profile.strength.load = null;
    profile.dominant_hand = answers.dominant_hand;
    profile.bridge_weaker_side = bridgeSide(answers.holds, spec.noise.side_bridge);
    profile.hold_targets = holdTargets(answers.holds, spec.noise, spec);
    profile.strength_forecast = found.lsi !== undefined && !found.beyond_gap_limit;
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

  /* Every condition [fact, "==" or "!=", value] holds; {fact: name} stands for another fact. */
  function holds(conditions, facts) {
    return conditions.every(function (c) {
      var value = c[2] !== null && typeof c[2] === "object" ? facts[c[2].fact] : c[2];
      return (facts[c[0]] === value) === (c[1] === "==");
    });
  }

  /* The summary's sentences in the order and under the conditions of spec.summary_rules. */
  function summary(p, spec) {
    var data = spec.data, w = data.summary;
    var names = byId(data.tightness.muscles), words = data.tightness.side_words;
    var tight = p.tight_muscles.map(function (t) {
      return fill(spec.words.tight_item, { muscle: names[t.muscle].name, side: words[t.side] });
    }).join(spec.words.separator);
    var labels = byId(data.strength.training_status.options, "value");
    var status = p.training_status === null ? null : labels[p.training_status].label;
    var measured = p.lsi !== null;
    var facts = {
      measured: measured, weaker_side: p.weaker_side, clear_gap: p.clear_gap, verdict: p.strength_verdict,
      beyond_gap_limit: p.beyond_gap_limit, bridge_side: p.bridge_weaker_side,
      holds_only: Object.keys(p.holds).length > 0 && !measured, muscles: tight, status: status
    };
    var blanks = {
      side: p.weaker_side || p.bridge_weaker_side || "", gap: fmt(p.gap_percent || 0, 1),
      limit: fmt(data.gap_limit, 1), muscles: tight, status: status || ""
    };
    return spec.summary_rules
      .filter(function (rule) { return holds(rule[1], facts); })
      .map(function (rule) { return fill(w[rule[0]], blanks); });
  }

  function amount(value, unit, spec) { return fill(spec.words.amount, { value: fmt(value, 1), unit: unit }); }

  function holdTable(p, spec) {
    var e = spec.data.endurance, rows = [];
    Object.keys(e.holds).forEach(function (h) {
      if (!(h in p.holds)) return;
      var s = p.holds[h], cells = [e.holds[h].label, amount(s, e.input.unit, spec)];
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

  function ratioTable(p, spec) {
    var e = spec.data.endurance, rows = [], flagged = [];
    e.ratios.forEach(function (r) {
      var value = ratioValue(p.holds, r);
      if (value === null) return;
      var outside = ratioOutside(value, r);
      rows.push([r.label, fmt(value, 2), r.rule, outside ? e.outside_text : e.inside_text]);
      flagged.push(outside);
    });
    return rows.length ? { header: e.table.ratios, rows: rows, flagged: flagged } : null;
  }

  function enduranceNotes(p, spec, hasRatios) {
    var e = spec.data.endurance, notes = [];
    if (!Object.keys(p.holds).length) return [e.not_done];
    if ("bridge_left" in p.holds) {
      var l = p.holds.bridge_left, r = p.holds.bridge_right, diff = Math.abs(l - r), noise = spec.noise.side_bridge;
      var blanks = { gap: fmt(diff, 1), noise: fmt(noise, 1) };
      if (diff < noise) {
        notes.push(fill(e.test_error.within, blanks));
      } else {
        blanks.side = String(weaker(l, r));
        notes.push(fill(e.test_error.beyond, blanks));
      }
    }
    notes.push(e.test_error.advice);
    notes.push(p.norms ? e.norms.caveat : e.no_sex);
    if (hasRatios) notes.push(e.ratio_caveat);
    return notes;
  }

  function targetLines(p, spec) {
    var e = spec.data.endurance, lines = [];
    Object.keys(p.hold_targets).forEach(function (h) {
      lines.push(fill(e.targets.hold, {
        hold: e.holds[h].label, now: fmt(p.holds[h], 1), weeks: String(e.targets.retest_weeks),
        mdc: fmt(spec.noise[h], 0), target: fmt(p.hold_targets[h], 0)
      }));
    });
    var side = p.bridge_weaker_side;
    if (side !== null) {
      var other = side === "left" ? "bridge_right" : "bridge_left";
      lines.push(fill(e.targets.bridge, { side: side, target: fmt(p.holds[other], 1) }));
    }
    return lines;
  }

  function verdictLine(p, spec, side) {
    var s = spec.data.strength, v = p.strength_verdict;
    var blanks = {
      line: fmt(s.lsi.line, 1), side: String(side), stronger: side === "left" ? "right" : "left",
      difference: fmt(s.dominance.difference_percent, 1), noise: fmt(spec.noise.strength, 1)
    };
    return fill(v === "below" || v === "at_or_above" ? s.lsi[v] : s.dominance[v], blanks);
  }

  function strengthPart(p, spec, report) {
    var s = spec.data.strength, res = p.strength, est = s.estimate;
    if (res === null) {
      report.strength = [s.not_done];
      return;
    }
    var line = fmt(s.lsi.line, 1);
    var advice = fill(s.test_error.advice, { sem: fmt(s.test_error.sem_percent, 1), mdc: fmt(spec.noise.strength, 1) });
    var repsOnly = fill(est.reps_only, { reps_lsi: fmt(p.reps_lsi || 0, 1) });
    if (p.lsi === null) {
      report.strength = [fill(est.too_many, { max_reps: String(est.max_reps) }), repsOnly, advice];
      return;
    }
    var lines = [], values = [res.left, res.right], unit = s.units[res.unit].unit;
    if (p.estimated_1rm !== null) {
      values = [p.estimated_1rm.left, p.estimated_1rm.right];
      unit = "kg";
      lines.push(fill(est.result, {
        left: fmt(values[0], 1), right: fmt(values[1], 1), load: fmt(res.load || 0, 1),
        left_reps: fmt(res.left, 1), right_reps: fmt(res.right, 1)
      }));
    }
    var side = weaker(res.left, res.right);
    if (side === null) {
      lines.push(fill(s.lsi.equal, { lsi: fmt(p.lsi, 1) }));
    } else {
      lines.push(fill(s.lsi.result, {
        weaker: fmt(Math.min(values[0], values[1]), 1), stronger: fmt(Math.max(values[0], values[1]), 1),
        unit: unit, lsi: fmt(p.lsi, 1), side: side
      }));
    }
    lines.push(verdictLine(p, spec, side));
    if (p.reps_lsi !== null && side !== null) lines.push(repsOnly);
    lines.push(advice, fill(s.lsi.caveat.text, { line: line }));
    var top = Math.max(values[0], values[1]);
    report.strength = lines;
    report.bars = [["left", values[0]], ["right", values[1]]].map(function (x) {
      return { label: s.bar_labels[x[0]], text: amount(x[1], unit, spec), percent: roundHalfUp(x[1] / top * 100, 1) };
    });
    report.bar_note = fill(s.bar_note, { line: line });
  }

  /* The report of backbalance.assessment.report.describe, with the same keys. */
  function describe(p, spec) {
    var data = spec.data, report = copy(spec.report);
    if (p.red_flag !== "none" && p.red_flag !== "cleared") {
      var group = data.red_flags[p.red_flag];
      report.stop_title = group.title;
      report.stop = [group.guidance, data.red_flags.no_programme];
      if (p.red_flag === "clinician") report.stop.push(data.red_flags.clearance.when_stopped);
      report.stop_signs = allSigns(data.red_flags)
        .filter(function (s) { return p.red_flag_signs.indexOf(s.id) >= 0; })
        .map(function (s) { return s.short; });
      return report;
    }
    var q = data.questionnaire, known = byId(q.contributors), ratios = ratioTable(p, spec);
    var level = q.concern_levels.filter(function (l) { return l.min_score <= p.concern_score; }).pop();
    var contributors = p.contributors.map(function (id) {
      var c = known[id];
      return { title: c.name, text: c.why, link: { text: c.link_text, chapter: c.chapter } };
    });
    var t = data.tightness, names = byId(t.muscles), texts = byId(q.advice);
    if (p.cleared_on !== null) report.safety.push(fill(data.red_flags.clearance.cleared, { date: p.cleared_on }));
    if (p.pre_exercise === "stopped") report.safety.push(data.pre_exercise.stop);
    p.advice.forEach(function (id) { if (texts[id]) report.safety.push(texts[id].text); });
    report.summary = summary(p, spec);
    report.concern = [fill(q.score_text, { score: String(p.concern_score), max: String(p.concern_max) }), level.text];
    report.contributors = contributors.length ? contributors : [{ title: "", text: q.no_contributors, link: null }];
    report.causes_link = { text: q.causes_link_text, chapter: q.causes_chapter };
    report.holds = Object.keys(p.holds).length ? holdTable(p, spec) : null;
    report.ratios = ratios;
    report.endurance = enduranceNotes(p, spec, ratios !== null);
    report.hold_targets = targetLines(p, spec);
    strengthPart(p, spec, report);
    report.tightness = p.tight_muscles.length
      ? p.tight_muscles.map(function (m) { return fill(t.result, { muscle: names[m.muscle].name, side: t.side_words[m.side] }); })
      : [t.none_tight];
    report.tightness_link = p.tight_muscles.length ? { text: t.link_text, chapter: t.chapter } : null;
    return report;
  }

  /* The file a student may hand in (backbalance.assessment.hand_in.hand_in), or null. */
  function handIn(p, spec) {
    if ((p.red_flag !== "none" && p.red_flag !== "cleared") || p.pre_exercise === "stopped") return null;
    var out = copy(spec.hand_in.defaults), open = {};
    spec.data.questionnaire.contributors.forEach(function (c) { open[c.id] = c.hand_in; });
    spec.hand_in.fields.forEach(function (name) { out[name] = copy(p[name]); });
    out.contributors = p.contributors.filter(function (id) { return open[id] !== false; });
    return out;
  }

  return {
    roundHalfUp: roundHalfUp,
    fill: fill,
    parseNumber: parseNumber,
    screen: screen,
    preExercise: preExercise,
    handIn: handIn,
    checkAnswers: checkAnswers,
    buildProfile: buildProfile,
    describe: describe
  };
});
