"""A quiz in JupyterLab, as ipywidgets: the same questions, choose, Check, read why, score.

The words are the book's (:data:`backbalance.quizzes.render.WORDS`), so a quiz reads the
same in the static book and in a notebook.

Examples
--------
>>> from backbalance.course import Course
>>> app = QuizApp(Course.find().quiz("causes"))
>>> app.choices[0].value = 0
>>> app.checks[0].click()
>>> app.score.value.startswith('<p aria-live="polite">Score: ')
True
"""

from __future__ import annotations

import ipywidgets as widgets
from markupsafe import Markup

from backbalance.common.controls import button, live
from backbalance.common.html import inline_css
from backbalance.quizzes.data import LETTERS, Item, Quiz
from backbalance.quizzes.render import CSS, SCENARIO, VERDICTS, WORDS, score_text, source_text


def feedback_html(item: Item, chosen: int) -> str:
    """The verdict on option ``chosen`` of ``item``, its feedback, the right option's if
    another was chosen, and the source (all text escaped)."""
    question = item.question
    answer = question.answer
    right = chosen == answer
    verdict = (WORDS["right"] if right else WORDS["wrong"]).format(
        letter=LETTERS[chosen], answer=LETTERS[answer]
    )
    shown = [chosen] if right else [chosen, answer]
    lines = [
        Markup('<p class="bb-quiz-verdict bb-quiz-{}">{}</p>').format(
            "correct" if right else "incorrect", verdict
        )
    ]
    lines += [
        Markup("<p><strong>{}. {}</strong> {}</p>").format(
            LETTERS[i], VERDICTS[i == answer], question.options[i].feedback
        )
        for i in shown
    ]
    lines.append(Markup('<p class="bb-quiz-source">{}</p>').format(source_text(question)))
    return str(
        Markup('<div class="bb-quiz-result" aria-live="polite">{}</div>').format(
            Markup("").join(lines)
        )
    )


class QuizApp:
    """One radio group, one Check button and one result per question, and a score line."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.choices: list[widgets.RadioButtons] = []
        self.checks: list[widgets.Button] = []
        self.results: list[widgets.HTML] = []
        self.verdicts: dict[int, bool] = {}
        self.score = widgets.HTML()
        rows: list[widgets.Widget] = [
            widgets.HTML(
                str(inline_css(CSS))
                + str(Markup('<p class="bb-quiz-intro">{}</p>').format(WORDS["intro"]))
            )
        ]
        for number, item in enumerate(quiz.items, start=1):
            question = item.question
            kind = f"{SCENARIO}: " if question.kind == "scenario" else ""
            prompt = widgets.HTML(
                str(
                    Markup('<p class="bb-quiz-prompt">{}. {}{}</p>').format(
                        number, kind, question.prompt
                    )
                )
            )
            choice = widgets.RadioButtons(
                options=[(f"{LETTERS[i]}. {o.text}", i) for i, o in enumerate(question.options)],
                value=None,
                layout=widgets.Layout(width="auto"),
                description="",
            )
            result = widgets.HTML()
            check = button(
                WORDS["check"], "bb-quiz-check", lambda _, index=number - 1: self.check(index)
            )
            self.choices.append(choice)
            self.checks.append(check)
            self.results.append(result)
            rows.append(widgets.VBox([prompt, choice, check, result]))
        self.again = button(WORDS["again"], "bb-quiz-again", lambda _: self.reset())
        self.again.layout.align_self = "flex-start"
        rows += [self.score, self.again]
        self.widget = widgets.VBox(rows)
        self.widget.add_class("bb-quiz")

    def check(self, index: int) -> None:
        """Lock question ``index``'s choice and show the verdict, or ask for a choice first."""
        chosen = self.choices[index].value
        if chosen is None:
            self.results[index].value = live(WORDS["choose"])
            return
        item = self.quiz.items[index]
        self.verdicts[index] = chosen == item.question.answer
        self.choices[index].disabled = True
        self.checks[index].disabled = True
        self.results[index].value = feedback_html(item, chosen)
        self.score.value = live(
            score_text(sum(self.verdicts.values()), len(self.verdicts), len(self.quiz.items))
        )

    def reset(self) -> None:
        """Clear every choice, verdict and the score."""
        for choice, check, result in zip(self.choices, self.checks, self.results, strict=True):
            choice.disabled = check.disabled = False
            choice.value = None
            result.value = ""
        self.verdicts.clear()
        self.score.value = ""
