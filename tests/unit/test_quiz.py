"""Chapter quizzes: the YAML schema and its messages, the no-JavaScript HTML, the shipped files
(the ``quiz`` Sphinx directive: tests/sphinx/test_quiz_directive.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from backbalance.common.html import inline_css, static_text
from backbalance.common.palette import css_variables
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.quizzes.data import Quiz, load_quiz
from backbalance.quizzes.render import CSS, render_html, show

ROOT = Path(__file__).resolve().parents[2]
QUIZ_DIR = ROOT / "data" / "quizzes"
SHIPPED = sorted(QUIZ_DIR.glob("*.yml"))


def option(text: str, correct: bool = False, feedback: str = "Because.") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


def question(qid: str, **changes) -> dict:
    data = {"id": qid, "prompt": f"Question {qid}?", "options": [option("Yes", True), option("No")]}
    data.update(changes)
    return data


def valid() -> dict:
    return {"questions": [question("one"), question("two"), question("three")]}


@pytest.fixture
def write(tmp_path, monkeypatch):
    """Write a quiz file in a fresh working folder and return its path."""
    monkeypatch.chdir(tmp_path)

    def _write(data, name: str = "quiz.yml") -> Path:
        path = tmp_path / name
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
    assert isinstance(quiz, Quiz)
    assert [q.id for q in quiz.questions] == ["one", "two", "three"]


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
            lambda d: d["questions"][2]["options"][1].update(text=""),
            "quiz.yml, questions[2].options[1].text: must not be empty, got ''",
        ),
        (
            lambda d: d["questions"][1].update(source=" "),
            "quiz.yml, questions[1].source: must be a key as written in references.bib, like 'mcgill1999', "
            "got ' '",
        ),
        (
            lambda d: d["questions"][1].update(source="Munn 2004"),
            "quiz.yml, questions[1].source: must be a key as written in references.bib, like 'mcgill1999', "
            "got 'Munn 2004'",
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
            lambda d: d["questions"][0].update(options=[option("A"), option("B")]),
            "quiz.yml, questions[0].options: "
            "no option is marked 'correct: true'; mark at least one right answer",
        ),
        (
            lambda d: d["questions"][1].update(options=[option("Only", True)]),
            "quiz.yml, questions[1].options: a question needs 2 to 6 options, found 1",
        ),
        (
            lambda d: d["questions"][1].update(options=[option("Same", True), option("same")]),
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
    ],
)
def test_whole_list_errors_explain_the_rule(write, change, prefix):
    """List-level rules report the rule first; the offending input follows after ', got'."""
    data = valid()
    change(data)
    found = problems(write(data))
    assert len(found) == 1
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


def test_top_level_must_be_a_mapping_of_questions(write):
    found = problems(write("- just\n- a list\n"))
    assert found[0].startswith("quiz.yml, (top level): input should be a valid dictionary")


def test_citations_name_the_question_and_key(write):
    data = valid()
    data["questions"][1]["source"] = "munn2004"
    data["questions"][2]["source"] = "hides2001"
    assert list(load_quiz(write(data)).citations()) == [
        ("questions[1].source (two)", "munn2004"),
        ("questions[2].source (three)", "hides2001"),
    ]


def test_quizzes_are_registered_for_validation():
    from backbalance.validate import LOADERS

    assert LOADERS["quizzes/*.yml"] is load_quiz


# --------------------------------------------------------------------------- rendering


def soup_of(quiz: Quiz) -> BeautifulSoup:
    return BeautifulSoup(render_html(quiz), "html.parser")


def test_render_shows_every_prompt_option_and_verdict(write):
    data = valid()
    data["questions"][0]["options"] = [
        option("Right one", True, "It is right."),
        option("Wrong one", False, "It is wrong."),
        option("Also wrong", False, "Also wrong, sadly."),
    ]
    quiz = load_quiz(write(data))
    soup = soup_of(quiz)
    items = soup.select("ol.bb-quiz-questions > li.bb-quiz-question")
    assert [li.select_one("p.bb-quiz-prompt").get_text(" ", strip=True) for li in items] == [
        "Question one?",
        "Question two?",
        "Question three?",
    ]
    first = items[0].select("ul.bb-quiz-options > li > details")
    assert [d.summary.get_text(strip=True) for d in first] == [
        "A. Right one",
        "B. Wrong one",
        "C. Also wrong",
    ]
    assert [d.select_one("p").get_text(" ", strip=True) for d in first] == [
        "Correct. It is right.",
        "Not quite. It is wrong.",
        "Not quite. Also wrong, sadly.",
    ]
    assert len(soup.find_all("details")) == sum(len(q.options) for q in quiz.questions)


def test_render_needs_no_javascript_and_no_ids(write):
    html = render_html(load_quiz(write(valid())))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    # no id attributes, so showing a quiz twice on a page never duplicates an id
    assert soup.find(id=True) is None
    # every answer is a native disclosure widget: keyboard-usable without any script
    assert all(d.find("summary", recursive=False) for d in soup.find_all("details"))


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


def test_render_says_when_several_answers_are_right(write):
    data = valid()
    data["questions"][1]["options"] = [option("A", True), option("B", True), option("C")]
    soup = soup_of(load_quiz(write(data)))
    hints = [li.select_one(".bb-quiz-several") for li in soup.select("li.bb-quiz-question")]
    assert [h is not None for h in hints] == [False, True, False]
    assert hints[1].get_text() == "(More than one answer is right.)"


def test_render_holds_no_style_block_the_stylesheet_is_a_static_file(write):
    quiz = load_quiz(write(valid()))
    assert render_html(quiz).startswith('<div class="bb-quiz">')
    assert render_html(quiz, answers=True).startswith('<div class="bb-quiz bb-quiz-key">')
    assert ".bb-quiz summary" in inline_css(CSS) and ".bb-quiz-key-mark" in inline_css(CSS)


def test_the_stylesheet_takes_every_colour_from_the_palette():
    """Each colour is a palette custom property whose fallback is the palette's own value."""
    palette = dict(re.findall(r"--(bb-[a-z-]+): (#[0-9A-F]{6});", css_variables()))
    css = static_text(CSS)
    used = re.findall(r"var\(--(bb-[a-z-]+), (#[0-9A-Fa-f]+)\)", css)
    assert used and all(palette[name] == fallback for name, fallback in used)
    assert len(re.findall(r"#[0-9A-Fa-f]{3,6}\b", css)) == len(used), "a colour outside var()"


def test_show_returns_the_same_html_for_notebooks(write, tmp_path, monkeypatch):
    pytest.importorskip("IPython")
    monkeypatch.delenv("BACKBALANCE_DATA", raising=False)
    folder = tmp_path / "data" / "quizzes"
    folder.mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text("root: index\n")
    write(valid(), "data/quizzes/demo.yml")
    shown = show("demo", course=Course.find(tmp_path))
    assert shown.data == str(inline_css(CSS)) + render_html(load_quiz(folder / "demo.yml"))
    # found from the working folder when no course is given (as from notebooks/)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert show("demo").data == shown.data


@pytest.mark.parametrize("name", ["../secret", "a/b", "", "Causes.yml"])
def test_quiz_names_are_plain_file_stems(name):
    with pytest.raises(ValueError, match="chapter file stem"):
        show(name, course=Course.find(ROOT))


# --------------------------------------------------------------------------- shipped quizzes


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_quiz_loads(path):
    quiz = load_quiz(path)
    assert 3 <= len(quiz.questions) <= 6
    for q in quiz.questions:
        for o in q.options:
            # the renderer already says "Correct." or "Not quite."; feedback should not repeat it
            repeats_verdict = re.match(r"(Correct|Right|Yes|Wrong)\b", o.feedback)
            assert not repeats_verdict, f"{path.name}: {q.id}: {o.feedback}"


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
