"""Chapter and review quizzes: the YAML schema and its messages, the course-wide rules, the
no-JavaScript HTML and the answer key, the notebook app, the shipped files (the ``quiz``
Sphinx directive: tests/sphinx/test_quiz_directive.py; the Check buttons in a browser:
tests/browser/test_quiz.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from backbalance.common.html import inline_css, static_text
from backbalance.common.palette import css_variables
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.quizzes.data import (
    LETTERS,
    MAX_LETTER_SHARE,
    MIN_SCENARIOS,
    Quiz,
    course_problems,
    load_quiz,
)
from backbalance.quizzes.render import CSS, JS, KEY_MARK, WORDS, render_html, score_text, show
from backbalance.validate import validate_data

ROOT = Path(__file__).resolve().parents[2]
QUIZ_DIR = ROOT / "data" / "quizzes"
SHIPPED = sorted(QUIZ_DIR.glob("*.yml"))


def load_written(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CHAPTER_QUIZZES = [p for p in SHIPPED if "questions" in load_written(p)]
REVIEW_QUIZZES = [p for p in SHIPPED if "review" in load_written(p)]


def option(text: str, correct: bool = False, feedback: str = "Because.") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


def question(qid: str, kind: str = "scenario", right: int = 0, **changes) -> dict:
    options = [option("Yes"), option("No"), option("Maybe")]
    options[right]["correct"] = True
    data = {
        "id": qid,
        "kind": kind,
        "prompt": f"Question {qid}?",
        "source": "munn2004",
        "options": options,
    }
    data.update(changes)
    return data


def valid() -> dict:
    return {
        "questions": [question("one"), question("two", right=1), question("three", "recall", 2)]
    }


@pytest.fixture
def write(tmp_path, monkeypatch):
    """Write a quiz file in a fresh working folder and return its path."""
    monkeypatch.chdir(tmp_path)

    def _write(data, name: str = "quiz.yml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
        return path

    return _write


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_quiz(path)
    return [str(p) for p in caught.value.problems]


# --------------------------------------------------------------------------- schema


def test_a_valid_quiz_loads(write):
    quiz = load_quiz(write(valid()))
    assert isinstance(quiz, Quiz) and quiz.name == "quiz"
    assert [item.key for item in quiz.items] == ["one", "two", "three"]
    assert [q.answer for q in quiz.questions] == [0, 1, 2]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["questions"][0]["options"][1].pop("feedback"),
            "quiz.yml, questions[0].options[1].feedback: is required but missing",
        ),
        (
            lambda d: d["questions"][0].update(hint="psst"),
            "quiz.yml, questions[0].hint: is not a known field (check the spelling)",
        ),
        (
            lambda d: d["questions"][1].update(id="Bad ID"),
            "quiz.yml, questions[1].id: must be lower-case letters, digits and hyphens, like 'side-plank', "
            "got 'Bad ID'",
        ),
        (
            lambda d: d["questions"][0]["options"][0].update(correct="maybe"),
            "quiz.yml, questions[0].options[0].correct: "
            "input should be a valid boolean, got 'maybe'",
        ),
        (
            lambda d: d["questions"][2].update(prompt="   "),
            "quiz.yml, questions[2].prompt: must not be empty, got '   '",
        ),
        (
            lambda d: d["questions"][1].update(source="Munn 2004"),
            "quiz.yml, questions[1].source: must be a key as written in references.bib, like 'mcgill1999', "
            "got 'Munn 2004'",
        ),
        (
            lambda d: d["questions"][1].update(kind="trivia"),
            "quiz.yml, questions[1].kind: input should be 'recall' or 'scenario', got 'trivia'",
        ),
        (
            lambda d: d["questions"][2].pop("kind"),
            "quiz.yml, questions[2].kind: is required but missing",
        ),
    ],
)
def test_field_errors_name_the_file_entry_and_fix(write, change, expected):
    data = valid()
    change(data)
    assert problems(write(data)) == [expected]


@pytest.mark.parametrize(
    ("change", "prefix"),
    [
        (
            lambda d: d["questions"][0].update(options=[option("A", True), option("B")]),
            "quiz.yml, questions[0].options: a question needs 3 to 6 options, found 2; "
            "add wrong answers drawn from real misconceptions",
        ),
        (
            lambda d: d["questions"][0].update(options=[option("A"), option("B"), option("C")]),
            "quiz.yml, questions[0].options: exactly one option must have 'correct: true', found 0",
        ),
        (
            lambda d: d["questions"][1].update(
                options=[option("A", True), option("B", True), option("C")]
            ),
            "quiz.yml, questions[1].options: exactly one option must have 'correct: true', found 2",
        ),
        (
            lambda d: d["questions"][1].update(
                options=[option("Same", True), option("same"), option("other")]
            ),
            "quiz.yml, questions[1].options: two options have the same text ('same')",
        ),
        (
            lambda d: d["questions"].pop(),
            "quiz.yml, questions: a quiz needs 3 to 6 questions, found 2",
        ),
        (
            lambda d: d["questions"].extend(question(f"extra-{i}") for i in range(4)),
            "quiz.yml, questions: a quiz needs 3 to 6 questions, found 7",
        ),
        (
            lambda d: d["questions"][2].update(id="one"),
            "quiz.yml, questions: question id 'one' is used more than once; ids must be unique",
        ),
        (
            lambda d: d["questions"][1].update(kind="recall"),
            f"quiz.yml, questions: a chapter quiz needs at least {MIN_SCENARIOS} questions with "
            "'kind: scenario' (a situation where the reader applies the chapter), found 1",
        ),
        (
            lambda d: d["questions"][0].update(assumption="Our choice."),
            "quiz.yml, questions[0]: give exactly one of `source:` (a key in references.bib) or "
            "`assumption:` (a one-line reason)",
        ),
        (
            lambda d: d["questions"][0].pop("source"),
            "quiz.yml, questions[0]: give exactly one of `source:`",
        ),
        (
            lambda d: d.update(review=[{"chapter": "a", "question": q} for q in ("b", "c", "d")]),
            "quiz.yml, (top level): give either 'questions:' (a chapter quiz) or 'review:'",
        ),
    ],
)
def test_whole_list_errors_explain_the_rule(write, change, prefix):
    """List-level rules report the rule first; the offending input may follow after ', got'."""
    data = valid()
    change(data)
    found = problems(write(data))
    assert len(found) == 1, found
    assert found[0].startswith(prefix), found[0]


def test_every_problem_is_reported_at_once(write):
    data = valid()
    data["questions"][0]["options"][0]["correct"] = "maybe"
    data["questions"][2]["options"][1].pop("feedback")
    assert problems(write(data)) == [
        "quiz.yml, questions[0].options[0].correct: input should be a valid boolean, got 'maybe'",
        "quiz.yml, questions[2].options[1].feedback: is required but missing",
    ]


def test_broken_yaml_and_missing_files_are_data_errors(write):
    broken = problems(write("questions:\n  - id: one\n   prompt: [unclosed\n"))
    assert len(broken) == 1
    assert broken[0].startswith("quiz.yml, line ") and "not valid YAML" in broken[0]
    assert problems(Path("missing.yml")) == ["missing.yml: file not found"]


def test_citations_name_the_question_and_key(write):
    data = valid()
    data["questions"][1]["source"] = "hides2001"
    data["questions"][2].pop("source")
    data["questions"][2]["assumption"] = "Our choice."
    assert list(load_quiz(write(data)).citations()) == [
        ("questions[0].source (one)", "munn2004"),
        ("questions[1].source (two)", "hides2001"),
    ]


def test_quizzes_are_registered_for_validation():
    from backbalance.validate import LOADERS

    assert LOADERS["quizzes/*.yml"] is load_quiz


# --------------------------------------------------------------------------- review quizzes


def review(*refs: tuple[str, str]) -> dict:
    return {"review": [{"chapter": c, "question": q} for c, q in refs]}


def test_a_review_quiz_shows_the_chapter_questions_it_names(write):
    chapter = write(valid(), "data/quizzes/demo.yml")
    path = write(
        review(("demo", "three"), ("demo", "one"), ("demo", "two")), "data/quizzes/end.yml"
    )
    quiz = load_quiz(path)
    written = load_quiz(chapter)
    assert [item.key for item in quiz.items] == ["demo-three", "demo-one", "demo-two"]
    assert [item.chapter for item in quiz.items] == ["demo"] * 3
    by_id = {q.id: q for q in written.questions}
    assert list(quiz.questions) == [by_id["three"], by_id["one"], by_id["two"]]
    assert quiz.files == (path, chapter)
    assert list(quiz.citations()) == [], "the chapter's file cites; the review only points"


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        (
            [("demo", "four"), ("demo", "one"), ("demo", "two")],
            "data/quizzes/end.yml, review[0].question: demo.yml has no question 'four'; "
            "its questions are: one, two, three",
        ),
        (
            [("demo", "one"), ("demos", "one"), ("demo", "two")],
            "data/quizzes/end.yml, review[1].chapter: data/quizzes/demos.yml: file not found; "
            "the quizzes are: demo, other",
        ),
        (
            [("demo", "one"), ("demo", "two"), ("other", "one")],
            "data/quizzes/end.yml, review[2].chapter: 'other' is a review quiz; name a chapter quiz",
        ),
        (
            [("demo", "one"), ("demo", "two")],
            "data/quizzes/end.yml, review: a review quiz draws 3 to 15 questions, found 2",
        ),
        (
            [("demo", "one"), ("demo", "two"), ("demo", "one")],
            "data/quizzes/end.yml, review: review question 'demo/one' is used more than once; "
            "ids must be unique",
        ),
    ],
)
def test_review_references_that_do_not_resolve_say_what_is_there(write, refs, expected):
    write(valid(), "data/quizzes/demo.yml")
    write(review(("demo", "one"), ("demo", "two"), ("demo", "three")), "data/quizzes/other.yml")
    assert problems(write(review(*refs), "data/quizzes/end.yml")) == [expected]


def test_a_review_of_a_broken_chapter_quiz_points_at_that_file(write):
    data = valid()
    data["questions"][0]["options"][0]["correct"] = "maybe"
    write(data, "data/quizzes/demo.yml")
    path = write(
        review(("demo", "one"), ("demo", "two"), ("demo", "three")), "data/quizzes/end.yml"
    )
    assert problems(path) == [
        "data/quizzes/end.yml, review[0].chapter: data/quizzes/demo.yml has problems of its own; "
        "fix them first"
    ]


# --------------------------------------------------------------------------- course-wide rules


def test_one_letter_may_not_hold_too_many_right_answers(write):
    """An instructor who puts every right answer first gets one line naming the questions."""
    all_first = {"questions": [question(q, right=0) for q in ("one", "two", "three")]}
    write(all_first, "data/quizzes/a.yml")
    write(valid(), "data/quizzes/b.yml")
    (problem,) = course_problems(Path("data/quizzes"))
    assert str(problem) == (
        "data/quizzes, right answers: option A is the right answer in 4 of 6 questions (67%); "
        f"at most {MAX_LETTER_SHARE:.0%} may share a letter, so move the right answer to another "
        "place in some of: a.yml one, a.yml two, a.yml three, b.yml one"
    )


def test_balanced_letters_and_broken_files_raise_no_course_problem(write):
    write(valid(), "data/quizzes/a.yml")
    write("questions: [oops", "data/quizzes/broken.yml")
    assert course_problems(Path("data/quizzes")) == []


def test_validate_reports_the_letter_rule_with_the_other_problems(tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.chdir(tmp_path)
    for path in sorted((data / "quizzes").glob("*.yml")):
        written = load_written(path)
        for q in written.get("questions", []):
            q["options"].sort(key=lambda o: not o["correct"])  # every right answer first
        path.write_text(yaml.safe_dump(written, sort_keys=False))
    found = [str(p) for p in validate_data(data, ROOT / "references.bib")]
    assert len(found) == 1 and found[0].startswith(
        "data/quizzes, right answers: option A is the right answer in"
    ), found


# --------------------------------------------------------------------------- rendering


def soup_of(quiz: Quiz, **options) -> BeautifulSoup:
    return BeautifulSoup(render_html(quiz, **options), "html.parser")


def test_the_form_lets_the_reader_choose_before_the_answer_shows(write):
    quiz = load_quiz(write(valid()))
    soup = soup_of(quiz)
    form = soup.select_one("form.bb-quiz")
    assert form["data-bb-quiz"] == "quiz"
    items = form.select("ol.bb-quiz-questions > li.bb-quiz-question")
    assert [li.legend.get_text(" ", strip=True) for li in items] == [
        "Apply it: Question one?",
        "Apply it: Question two?",
        "Question three?",
    ]
    for li, q in zip(items, quiz.questions, strict=True):
        radios = li.select('fieldset input[type="radio"]')
        assert [r["name"] for r in radios] == [q.id] * len(q.options)
        assert [r.find_parent("label").get_text(" ", strip=True) for r in radios] == [
            f"{LETTERS[i]}. {o.text}" for i, o in enumerate(q.options)
        ]
        # the answer comes after the choice, closed, in one disclosure per question
        (answer,) = li.select("details.bb-quiz-answer")
        assert "open" not in answer.attrs and answer.summary.get_text() == "Show the answer"
        right = q.options[q.answer]
        assert answer.select_one(".bb-quiz-right").get_text(" ", strip=True) == (
            f"Right answer: {LETTERS[q.answer]}. {right.text}"
        )
        assert [f.get_text(" ", strip=True) for f in answer.select(".bb-quiz-feedback")] == [
            f"{LETTERS[i]}. {'Correct.' if o.correct else 'Not quite.'} {o.feedback}"
            for i, o in enumerate(q.options)
        ]
        assert (
            answer.select_one(".bb-quiz-source").get_text() == "Source: munn2004 (see References)."
        )


def test_the_script_gets_every_word_it_shows_from_the_form(write):
    form = soup_of(load_quiz(write(valid()))).form
    assert {key: form[f"data-{key}"] for key in WORDS} == WORDS
    script = static_text(JS)
    for key in WORDS:
        assert f"words.{key}" in script, key
    # and nothing the reader reads is written in the script itself
    assert not re.search(r"textContent = \"[A-Z]", script)


def test_render_needs_no_javascript_and_no_ids(write):
    html = render_html(load_quiz(write(valid())))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find(id=True) is None
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert all(d.find("summary", recursive=False) for d in soup.find_all("details"))
    assert all(f.legend for f in soup.find_all("fieldset")), "each radio group is named"


def test_a_sheet_holds_the_questions_without_the_answers(write):
    quiz = load_quiz(write(valid()))
    soup = soup_of(quiz, sheet=True)
    assert not soup.select("details, .bb-quiz-feedback, .bb-quiz-right")
    assert len(soup.select('input[type="radio"]')) == 9


def test_render_escapes_all_text(write):
    data = valid()
    data["questions"][0]["prompt"] = 'Is <b>bold</b> & "quoted" safe?'
    data["questions"][0]["options"][0] = option(
        "<script>alert(1)</script>", True, "Use 5 < 6 & 'quotes'."
    )
    html = render_html(load_quiz(write(data)))
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Is &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34; safe?" in html
    assert "Use 5 &lt; 6 &amp; &#39;quotes&#39;." in html


def test_the_answer_key_marks_each_right_answer_in_words(write):
    quiz = load_quiz(write(valid()))
    soup = soup_of(quiz, answers=True)
    key = soup.select_one("div.bb-quiz.bb-quiz-key")
    assert not key.select("details, input, form")
    marked = [
        [
            LETTERS[i]
            for i, li in enumerate(q.select("ul.bb-quiz-options > li"))
            if KEY_MARK in li.get_text()
        ]
        for q in key.select("li.bb-quiz-question")
    ]
    assert marked == [[LETTERS[q.answer]] for q in quiz.questions]


def test_score_text_counts_until_every_question_is_checked():
    assert score_text(1, 2, 5) == WORDS["score"].format(right=1, checked=2, total=5)
    assert score_text(3, 5, 5) == WORDS["done"].format(right=3, total=5)


def test_the_stylesheet_takes_every_colour_from_the_palette():
    """Each colour is a palette custom property whose fallback is the palette's own value."""
    palette = dict(re.findall(r"--(bb-[a-z-]+): (#[0-9A-F]{6});", css_variables()))
    css = static_text(CSS)
    used = re.findall(r"var\(--(bb-[a-z-]+), (#[0-9A-Fa-f]+)\)", css)
    assert used and all(palette[name] == fallback for name, fallback in used)
    assert len(re.findall(r"#[0-9A-Fa-f]{3,6}\b", css)) == len(used), "a colour outside var()"


def test_the_printed_student_quiz_hides_answers_and_buttons():
    css = static_text(CSS)
    (printed,) = re.findall(r"@media print\{(.*)\}\s*$", css, re.S)
    hidden = re.search(r"([^{}]*)\{display:none !important\}", printed).group(1)
    assert {".bb-quiz-answer", ".bb-quiz-result", ".bb-quiz-score", ".bb-quiz button"} <= {
        s.strip() for s in hidden.split(",")
    }
    assert ".bb-quiz-key" in printed, "the instructor's key prints with its marks"


# --------------------------------------------------------------------------- JupyterLab


@pytest.fixture
def demo_course(write, tmp_path, monkeypatch):
    monkeypatch.delenv("BACKBALANCE_DATA", raising=False)
    (tmp_path / "_toc.yml").write_text("root: index\n")
    write(valid(), "data/quizzes/demo.yml")
    return Course.find(tmp_path)


def test_show_is_the_interactive_quiz_and_the_key_for_instructors(
    demo_course, tmp_path, monkeypatch
):
    pytest.importorskip("ipywidgets")
    widget = show("demo", course=demo_course)
    assert "bb-quiz" in widget._dom_classes
    key = show("demo", answers=True, course=demo_course)
    quiz = demo_course.quiz("demo")
    assert key.data == str(inline_css(CSS)) + render_html(quiz, answers=True)
    # found from the working folder when no course is given (as from notebooks/)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert show("demo", answers=True).data == key.data


def test_the_notebook_app_checks_locks_scores_and_starts_again(demo_course):
    pytest.importorskip("ipywidgets")
    from backbalance.quizzes.app import QuizApp

    quiz = demo_course.quiz("demo")
    app = QuizApp(quiz)
    assert [c.options for c in app.choices] == [
        tuple((f"{LETTERS[i]}. {o.text}", i) for i, o in enumerate(q.options))
        for q in quiz.questions
    ]
    app.checks[0].click()  # nothing chosen yet
    assert WORDS["choose"] in app.results[0].value and not app.choices[0].disabled
    app.choices[0].value = quiz.questions[0].answer
    app.checks[0].click()
    assert WORDS["right"].format(letter="A") in app.results[0].value
    assert app.choices[0].disabled and app.checks[0].disabled
    wrong = next(i for i in range(3) if i != quiz.questions[1].answer)
    app.choices[1].value = wrong
    app.checks[1].click()
    verdict = WORDS["wrong"].format(letter=LETTERS[wrong], answer=LETTERS[quiz.questions[1].answer])
    assert verdict in app.results[1].value
    assert quiz.questions[1].options[quiz.questions[1].answer].feedback in app.results[1].value
    assert score_text(1, 2, 3) in app.score.value
    app.again.click()
    assert all(c.value is None and not c.disabled for c in app.choices) and app.score.value == ""


@pytest.mark.parametrize("name", ["../secret", "a/b", "", "Causes.yml"])
def test_quiz_names_are_plain_file_stems(name):
    with pytest.raises(ValueError, match="chapter file stem"):
        show(name, course=Course.find(ROOT))


# --------------------------------------------------------------------------- shipped quizzes

TOOLING = re.compile(
    r"\b(jupyter\w*|python|notebooks?|make lab|terminal|install\w*|browser|widgets?|code cells?)\b",
    re.I,
)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_quiz_loads_and_teaches_the_course_not_the_tools(path):
    quiz = load_quiz(path)
    for q in quiz.questions:
        text = " ".join([q.prompt] + [o.text + " " + o.feedback for o in q.options])
        assert not TOOLING.search(text), f"{path.name}: {q.id} is about tooling"
        for o in q.options:
            # the page already says "Correct." or "Not quite."; feedback should not repeat it
            assert not re.match(r"(Correct|Right|Yes|Wrong)\b", o.feedback), f"{path.name}: {q.id}"


def test_the_course_quizzes_follow_the_teaching_rules():
    """At least 2 scenario questions per chapter quiz, 3+ options, and no answer letter that
    wins more than its share: a reader cannot pass by always guessing the same letter."""
    assert course_problems(QUIZ_DIR) == []
    letters = Counter()
    for path in CHAPTER_QUIZZES:
        quiz = load_quiz(path)
        assert sum(q.kind == "scenario" for q in quiz.questions) >= MIN_SCENARIOS, path.name
        assert all(len(q.options) >= 3 for q in quiz.questions), path.name
        letters.update(LETTERS[q.answer] for q in quiz.questions)
    assert max(letters.values()) <= MAX_LETTER_SHARE * sum(letters.values())


def test_the_review_quiz_draws_from_several_chapters():
    (path,) = REVIEW_QUIZZES
    quiz = load_quiz(path)
    chapters = {item.chapter for item in quiz.items}
    assert len(chapters) >= len(CHAPTER_QUIZZES) // 2
    assert sum(q.kind == "scenario" for q in quiz.questions) > len(quiz.items) / 2


def test_every_chapter_quiz_has_a_file_and_every_file_a_chapter():
    directive = re.compile(r"^```\{quiz\}\s+(\S+)\s*$", re.M)
    used = {
        name: md.stem
        for md in (ROOT / "book").glob("*.md")
        for name in directive.findall(md.read_text())
    }
    assert set(used) == {p.stem for p in SHIPPED}
    # a chapter's quiz file is named after the chapter
    assert all(name == stem for name, stem in used.items())


def test_shipped_quiz_sources_are_in_the_bibliography():
    from pybtex.database import parse_file

    keys = set(parse_file(str(ROOT / "references.bib"), bib_format="bibtex").entries)
    cited = [(p.name, entry, key) for p in SHIPPED for entry, key in load_quiz(p).citations()]
    assert cited, "the shipped quizzes should cite their evidence"
    assert [c for c in cited if c[2] not in keys] == []
