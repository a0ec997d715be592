/* The reader's own programme in the static book: a lookup, no model and no rule.
 *
 * backbalance.programme.web builds every programme the self-assessment page can ask for at
 * build time, with backbalance.programme.build_programme, and writes its pieces of HTML and
 * their keys into the page (each piece a <template class="bb-programme-piece">, the keys in
 * <script type="application/json" class="bb-programme-spec">).
 * This file only turns the reader's profile and days a week into those keys (as
 * web.refusal, tight_key and plan_key do) and returns the pieces to show; tests/golden checks
 * that it picks what build_programme gives. Loads as a CommonJS module or as
 * window.BackBalanceProgramme.
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

  function planKey(profile, days, spec) {
    return [days, profile.training_status, profile.weaker_side, gapWord(profile, spec), profile.clear_gap].map(word).join("|");
  }

  function tightKey(profile) {
    return (profile.tight_muscles || []).map(function (m) { return m.muscle + ":" + m.side; }).sort().join(",");
  }

  /* {pieces: [indices of the page's pieces, in order], gap: the gap on the grid or null}, or
     null when the page has no programme for this profile. */
  function choose(profile, days, spec) {
    var refused = spec.refusal[profile.red_flag];
    if (refused === undefined) refused = spec.stopped[word(profile.pre_exercise)];
    if (refused !== undefined) return { pieces: [refused], gap: null };
    var plan = spec.plan[planKey(profile, days, spec)], release = spec.release[tightKey(profile)];
    if (plan === undefined || release === undefined) return null;
    var gap = gapWord(profile, spec);
    return {
      pieces: [plan[0], release, plan[1], plan[2], spec.rules],
      gap: gap === "none" || gap === "beyond" ? null : Number(gap)
    };
  }

  return { choose: choose };
});
