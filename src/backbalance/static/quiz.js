/* The chapter quizzes in the static book: choose, press Check, read why, see the score.
 *
 * Progressive enhancement of the form that backbalance.quizzes.render writes
 * (templates/quiz.html.j2). Without this script each question's "Show the answer"
 * disclosure does the job. With it, the disclosures are hidden and each question gets a
 * Check button: the choice is locked, the verdict and the feedback of the chosen and the
 * right option appear, and the score line counts. Which option is right, and every word
 * shown, come from the markup and the form's data-* attributes: this file decides nothing.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function enhance(form) {
    var words = form.dataset;
    var questions = Array.prototype.slice.call(form.querySelectorAll(".bb-quiz-question"));
    var checked = 0;
    var right = 0;
    var score = el("p", "bb-quiz-score");
    score.setAttribute("aria-live", "polite");
    var again = el("button", "bb-quiz-again", words.again);
    again.type = "button";
    again.hidden = true;

    function updateScore() {
      score.textContent = fill(checked === questions.length ? words.done : words.score,
        { right: right, checked: checked, total: questions.length });
      again.hidden = checked === 0;
    }

    questions.forEach(function (question) {
      var fieldset = question.querySelector(".bb-quiz-fieldset");
      var answer = question.querySelector(".bb-quiz-answer");
      var result = el("div", "bb-quiz-result");
      result.setAttribute("aria-live", "polite");
      var button = el("button", "bb-quiz-check", words.check);
      button.type = "button";
      answer.hidden = true;
      question.insertBefore(button, answer);
      question.insertBefore(result, answer);

      button.addEventListener("click", function () {
        var chosen = fieldset.querySelector("input:checked");
        result.textContent = "";
        if (!chosen) {
          result.appendChild(el("p", "bb-quiz-prompt-choose", words.choose));
          return;
        }
        var feedback = answer.querySelector('.bb-quiz-feedback[data-option="' + chosen.value + '"]');
        var correct = answer.querySelector('.bb-quiz-feedback[data-correct="true"]');
        var isRight = feedback === correct;
        var rightLetter = fieldset.querySelector('input[value="' + correct.dataset.option + '"]').dataset.letter;
        result.appendChild(el("p", "bb-quiz-verdict " + (isRight ? "bb-quiz-correct" : "bb-quiz-incorrect"),
          fill(isRight ? words.right : words.wrong, { letter: chosen.dataset.letter, answer: rightLetter })));
        var list = el("ul", "bb-quiz-feedback-list");
        list.appendChild(feedback.cloneNode(true));
        if (!isRight) list.appendChild(correct.cloneNode(true));
        result.appendChild(list);
        result.appendChild(answer.querySelector(".bb-quiz-source").cloneNode(true));
        fieldset.disabled = true;
        button.disabled = true;
        checked += 1;
        if (isRight) right += 1;
        updateScore();
      });
    });

    again.addEventListener("click", function () {
      questions.forEach(function (question) {
        var fieldset = question.querySelector(".bb-quiz-fieldset");
        fieldset.disabled = false;
        Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (input) { input.checked = false; });
        question.querySelector(".bb-quiz-check").disabled = false;
        question.querySelector(".bb-quiz-result").textContent = "";
      });
      checked = 0;
      right = 0;
      score.textContent = "";
      again.hidden = true;
      var first = form.querySelector("input");
      if (first) first.focus();
    });

    form.querySelector(".bb-quiz-intro").textContent = words.intro;
    form.appendChild(score);
    form.appendChild(again);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.classList.add("bb-quiz-enhanced");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.bb-quiz[data-bb-quiz]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
