/* The reader's own programme in the static book: a lookup, no model and no rule.
 *
 * backbalance.programme.web builds every programme the self-assessment page can ask for at
 * build time, with backbalance.programme.build_programme, for every days-a-week option and
 * every choice of equipment, and writes its pieces of HTML and their keys into the page (each
 * piece a <template class="bb-programme-piece">, the keys in
 * <script type="application/json" class="bb-programme-spec">).
 * This file only turns the reader's profile and choices into those keys (as web.refusal,
 * tight_key, equipment_key, plan_words and compact do) and puts the pieces together: a part is a
 * piece's index, or [frame, [rows]] for a table, whose rows go at the end of its body, or
 * [frame, [rows], into] whose rows go at the end of its last `into` element (a paragraph).
 * tests/golden checks that it gives what build_programme gives. Loads as a CommonJS module
 * or as window.BackBalanceProgramme.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackBalanceProgramme = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function word(value) { return value === null || value === undefined ? "null" : String(value); }

  /* The gap part of the key: none, beyond (the profile says so) or the gap the programme is
     planned from, as backbalance.programme.dose.planned_gap gives it: rounded half up to a
     multiple of gap_step, never past gap_limit. */
  function gapWord(profile, spec) {
    if (profile.gap_percent === null || profile.gap_percent === undefined) return "none";
    if (profile.beyond_gap_limit) return "beyond";
    var step = spec.gap_step;
    return String(Math.min(Math.floor(profile.gap_percent / step + 0.5) * step, spec.gap_limit));
  }

  /* The plan's entry: each field's word (as web.plan_words writes it) by its number, the
     numbers read as one number with the bases plan.sizes (web.compact), or null. */
  function planEntry(profile, days, pulls, spec) {
    var words = [days, profile.training_status, profile.weaker_side, gapWord(profile, spec), profile.clear_gap, pulls];
    var plan = spec.plan, at = 0;
    for (var i = 0; i < words.length; i++) {
      var code = plan.codes[i][word(words[i])];
      if (code === undefined) return null;
      at = at * plan.sizes[i] + code;
    }
    return plan.table[at] < 0 ? null : plan.entries[plan.table[at]];
  }

  function tightKey(profile) {
    return (profile.tight_muscles || []).map(function (m) { return m.muscle + ":" + m.side; }).sort().join(",");
  }

  function equipmentKey(equipment) {
    return equipment.filter(function (kind) { return kind !== "none"; }).slice().sort().join(",");
  }

  /* A strength table with the warm-up row of the release lookup first. */
  function warmedUp(table, warm) {
    return table === null || warm === null ? table : [table[0], [warm].concat(table[1])];
  }

  /* The list of equipment the programme is built for: no equipment, then each kind ticked,
     in the order of the page's boxes (spec.equipment.options). */
  function kitPart(choice, spec) {
    var rows = [spec.kit.none];
    spec.equipment.options.forEach(function (option, i) {
      if (choice.equipment.indexOf(option[0]) >= 0) rows.push(spec.kit.items[i]);
    });
    return [spec.kit.frame, rows, "ul"];
  }

  /* {parts: the page's parts, in order, gap: the gap on the grid or null}, or null when the
     page has no programme for this profile and choice ({days, equipment: [kinds ticked]}). */
  function choose(profile, choice, spec) {
    var refused = spec.refusal[profile.red_flag];
    if (refused === undefined) refused = spec.stopped[word(profile.pre_exercise)];
    if (refused !== undefined) return { parts: [refused], gap: null };
    var kit = spec.kits[equipmentKey(choice.equipment)], release = spec.release[tightKey(profile)];
    var day = spec.days.options.indexOf(choice.days);
    if (kit === undefined || release === undefined || day < 0) return null;
    var plan = planEntry(profile, choice.days, spec.pulls[kit[1]], spec), own = release[kit[0]];
    if (plan === null) return null;
    var warm = own[1][day];
    var strengthen = warmedUp(spec.strengthen[plan[4]][kit[1]], warm);
    var integrate = warmedUp(spec.integrate[plan[5]][kit[1]], warm);
    if (strengthen === null || integrate === null) return null;
    var gap = gapWord(profile, spec);
    return {
      parts: [kitPart(choice, spec), spec.forecasts[plan[0]]].concat(plan[1], own[0], [plan[2], strengthen, plan[3], integrate, spec.rules]),
      gap: gap === "none" || gap === "beyond" ? null : Number(gap)
    };
  }

  /* The parts as one string of HTML (what the golden cases compare with Python's). */
  function html(parts, spec) {
    return parts.map(function (part) {
      if (typeof part === "number") return spec.html[part];
      var frame = spec.html[part[0]], at = frame.lastIndexOf("</" + (part[2] || "tbody") + ">");
      return frame.slice(0, at) + part[1].map(function (i) { return spec.html[i]; }).join("") + frame.slice(at);
    }).join("");
  }

  /* The parts as nodes, cloned from the page's <template> pieces. */
  function fragment(parts, templates, doc) {
    var out = doc.createDocumentFragment();
    parts.forEach(function (part) {
      var piece = templates[typeof part === "number" ? part : part[0]].content.cloneNode(true);
      if (typeof part !== "number") {
        var into = part[2] || "tbody", top = piece.firstElementChild, inner = top.querySelectorAll(into);
        var target = inner.length ? inner[inner.length - 1] : top;
        part[1].forEach(function (i) { target.appendChild(templates[i].content.cloneNode(true)); });
      }
      out.appendChild(piece);
    });
    return out;
  }

  return { choose: choose, html: html, fragment: fragment, equipmentKey: equipmentKey };
});
