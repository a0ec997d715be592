/* The self-assessment page in the static book: the form, no kernel, no libraries, no network.
 *
 * The DOM only: reads the answers, shows each field's message, the red-flag guidance or the
 * results, hides the timed holds and the strength test when the check before the tests
 * stops them, offers the profile for download (and, as a separate choice, the smaller file to
 * hand in to a class, without health answers) and keeps the answers in localStorage only if
 * the reader asks. Every rule is in assessment-core.js (window.BackBalanceAssessment), which
 * interprets the spec the page embeds (<script type="application/json"
 * class="bb-assessment-spec">, written by backbalance.assessment.render).
 */
(function () {
  "use strict";

  var core = window.BackBalanceAssessment, lookup = window.BackBalanceProgramme;
  var STORE = "bb-assessment-answers";

  /* Today in the reader's time zone, YYYY-MM-DD (a clinician's check cannot be later). */
  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
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
    box.setAttribute("aria-labelledby", "bb-stop-title");  // named once its heading exists
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
    if (report.safety.length) {
      var safety = box.appendChild(el("div", { class: "bb-safety", "data-bb": "safety" }));
      paragraphs(safety, report.safety, "safety");
    }
    box.setAttribute("aria-labelledby", "bb-results-title");
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
    paragraphs(box, report.hold_targets, "hold-targets");

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

  /* Show each field's message (only fields whose name starts with one of `prefixes`, if given). */
  function showErrors(form, errors, prefixes) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (slot) {
      var name = slot.getAttribute("data-error-for");
      if (prefixes && !prefixes.some(function (p) { return name.indexOf(p) === 0; })) return;
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

  /* The answers kept in this browser: a plain object, or null. An entry that is
   * not one (invalid JSON, null, a number, a string, a list...) is removed and `notice` shown:
   * the form then starts empty and "Forget my answers" stays available. */
  function readSaved(notice) {
    var text = null;
    try { text = window.localStorage.getItem(STORE); } catch (err) { return null; }
    if (text === null) return null;
    var state = null;
    try { state = JSON.parse(text); } catch (err) { state = null; }
    if (state !== null && typeof state === "object" && !Array.isArray(state)) return state;
    try { window.localStorage.removeItem(STORE); } catch (err) { /* storage blocked */ }
    notice.hidden = false;
    return null;
  }

  function init(root) {
    var spec = JSON.parse(root.querySelector(".bb-assessment-spec").textContent);
    var form = root.querySelector(".bb-form"), later = root.querySelector(".bb-later");
    var stop = root.querySelector(".bb-stop"), results = root.querySelector(".bb-results");
    var tools = root.querySelector(".bb-tools"), download = root.querySelector(".bb-download");
    var downloadAnswers = root.querySelector(".bb-download-answers");
    var remember = root.querySelector(".bb-remember"), status = root.querySelector(".bb-screen-result");
    var formError = root.querySelector(".bb-form-error"), preResult = root.querySelector(".bb-pre-result");
    var handInBox = root.querySelector(".bb-hand-in"), handInFile = root.querySelector(".bb-hand-in-file");
    var tests = root.querySelectorAll('[data-tests="true"]');
    var mine = root.querySelector(".bb-my-programme"), shownProfile = null;
    var stepOne = ["redflag-", spec.clearance];
    var screened = false;

    function store() {
      try {
        if (remember.checked) window.localStorage.setItem(STORE, JSON.stringify(readState(form)));
        else window.localStorage.removeItem(STORE);
      } catch (err) { /* storage may be blocked: the answers then stay on this page only */ }
    }

    function jsonLink(link, value) {
      link.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(value, null, 2));
      link.hidden = false;
    }

    /* The profile, the answers file that `python -m backbalance assess` and the notebook read,
       and (opt-in) the file to hand in, which holds no health answers. */
    function offer(profile) {
      jsonLink(download, profile);
      var answers = JSON.parse(JSON.stringify(spec.answers_file));
      answers.answers = readState(form);
      jsonLink(downloadAnswers, answers);
      var file = core.handIn(profile, spec);
      if (file !== null) {
        jsonLink(handInFile, file);
        handInBox.hidden = false;
      }
    }

    /* The reader's own programme: the parts programme-web.js picks for the profile, the days
       a week and the equipment ticked (a refusal after a red flag or a stopped check before
       the tests). */
    var programmeSpec = null;
    function programmeChoice() {
      var boxes = mine.querySelectorAll(".bb-programme-equipment input[type=checkbox]");
      return {
        days: Number(mine.querySelector(".bb-programme-days").value),
        equipment: Array.prototype.filter.call(boxes, function (box) { return box.checked; })
          .map(function (box) { return box.value; })
      };
    }

    function showProgramme(profile) {
      if (!mine) return;
      shownProfile = profile;
      if (programmeSpec === null) programmeSpec = JSON.parse(mine.querySelector(".bb-programme-spec").textContent);
      var pspec = programmeSpec;
      var body = mine.querySelector(".bb-programme-body"), step = mine.querySelector(".bb-programme-step");
      var pieces = mine.querySelectorAll("template.bb-programme-piece");
      var chosen = lookup.choose(profile, programmeChoice(), pspec);
      body.textContent = "";
      step.textContent = chosen && chosen.gap !== null ? core.fill(pspec.text.step, { gap: chosen.gap }) : "";
      if (chosen === null) body.appendChild(el("p", {}, pspec.text.missing));
      else body.appendChild(lookup.fragment(chosen.parts, pieces, document));
      mine.hidden = false;
    }

    function hideProgramme() {
      if (!mine) return;
      shownProfile = null;
      mine.hidden = true;
      mine.querySelector(".bb-programme-body").textContent = "";
    }

    function hideResults() {
      hideProgramme();
      results.hidden = true;
      results.textContent = "";
      [download, downloadAnswers, handInFile].forEach(function (link) {
        link.hidden = true;
        link.removeAttribute("href");
      });
      handInBox.hidden = true;
    }

    /* The check before the tests: a "yes" (and no clinician's check) hides the holds and the
       strength test and says why. */
    function updateTests() {
      var state = readState(form), first = core.screen(state, spec, today());
      var result = core.preExercise(state, spec, first.cleared_on)[0], data = spec.data.pre_exercise;
      Array.prototype.forEach.call(tests, function (step) { step.hidden = result === "stopped"; });
      preResult.textContent = result === "stopped" ? data.stop : result === "passed" ? data.passed : "";
      preResult.setAttribute("data-result", result || "");
    }

    /* Step 1: a "yes" stops everything; all "no" opens the other steps. */
    function runScreen(moveFocus) {
      var result = core.screen(readState(form), spec, today()), open = result.level === "none" || result.level === "cleared";
      hideResults();
      later.hidden = stop.hidden = true;
      status.textContent = "";
      /* A stop clears every message: the other steps no longer apply. */
      showErrors(form, result.errors, open || result.level === null ? stepOne : null);
      if (!open) formError.textContent = "";
      if (result.level === null) {
        if (moveFocus) firstInvalid(form).focus();
      } else if (!open) {
        var profile = core.buildProfile({ red_flag: result.level, red_flag_signs: result.signs }, spec);
        renderStop(root, core.describe(profile, spec), spec);
        stop.hidden = false;
        offer(profile);
        if (moveFocus) stop.focus();
      } else {
        status.textContent = result.level === "none" ? spec.data.red_flags.clear
          : core.fill(spec.data.red_flags.clearance.cleared, { date: result.cleared_on });
        later.hidden = false;
        updateTests();
        if (moveFocus) root.querySelector("#bb-step-2").scrollIntoView();
      }
      return open ? "none" : result.level;
    }

    /* Steps 2 to 5: the results, or a message next to each answer to fix. */
    function runResults(showMessages, moveFocus) {
      var check = core.checkAnswers(readState(form), spec, today());
      hideResults();
      if (showMessages) {
        showErrors(form, check.errors);
        formError.textContent = check.answers ? "" : spec.messages.form;
      }
      if (!check.answers) {
        if (moveFocus) firstInvalid(form).focus();
        return;
      }
      var profile = core.buildProfile(check.answers, spec);
      renderResults(root, core.describe(profile, spec), spec);
      results.hidden = false;
      offer(profile);
      showProgramme(profile);
      if (moveFocus) results.focus();
    }

    /* After an edit: clear that answer's message; keep shown results or guidance up to date. */
    function edited(event) {
      var name = event.target.name || "";
      setError(form, name, "");
      if (event.type !== "change") return;
      store();
      var showing = !results.hidden;
      if (screened && stepOne.some(function (p) { return name.indexOf(p) === 0; }) && runScreen(false) !== "none") return;
      if (name.indexOf("pre-") === 0) updateTests();
      if (showing) runResults(false, false);
    }

    root.querySelector(".bb-continue").addEventListener("click", function () {
      screened = true;
      formError.textContent = "";
      runScreen(true);
    });
    root.querySelector(".bb-submit").addEventListener("click", function () {
      if (["none", "cleared"].indexOf(core.screen(readState(form), spec, today()).level) >= 0) runResults(true, true);
      else runScreen(true);
    });
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (mine) {
      mine.querySelector(".bb-programme-choices").addEventListener("change", function () {
        if (shownProfile) showProgramme(shownProfile);
      });
      mine.querySelector(".bb-print-programme").addEventListener("click", function () {
        var page = document.documentElement;
        for (var node = mine.parentNode; node && node !== page; node = node.parentNode) node.classList.add("bb-print-path");
        page.classList.add("bb-print-programme");
        window.print();
      });
      window.addEventListener("afterprint", function () {
        document.documentElement.classList.remove("bb-print-programme");
        Array.prototype.forEach.call(document.querySelectorAll(".bb-print-path"), function (node) { node.classList.remove("bb-print-path"); });
      });
    }
    remember.addEventListener("change", store);
    root.querySelector(".bb-forget").addEventListener("click", function () {
      try { window.localStorage.removeItem(STORE); } catch (err) { /* nothing was stored */ }
      form.reset();
      remember.checked = false;
      screened = false;
      showErrors(form, {});
      formError.textContent = status.textContent = preResult.textContent = "";
      Array.prototype.forEach.call(tests, function (step) { step.hidden = false; });
      later.hidden = stop.hidden = true;
      hideResults();
      form.querySelector("input").focus();
    });

    var saved = readSaved(root.querySelector(".bb-saved-ignored"));
    if (saved) {
      writeState(form, saved);
      remember.checked = true;
      if (core.screen(readState(form), spec, today()).level !== null) {
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
