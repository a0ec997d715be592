"""The ``quiz`` directive in a tiny book (``roots/test-quiz``: a chapter quiz ``demo`` on the
index page and a review quiz ``mixed`` drawing from it on ``review``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backbalance.quizzes.render import JS
from backbalance.sphinxext.nodes import QuizNode


def deps(app, page: str) -> set[str]:
    return {Path(d).as_posix() for d in app.env.dependencies[page]}


@pytest.mark.sphinx("html", testroot="quiz")
def test_directive_renders_the_quiz_and_tracks_the_file(app, build, page, soup, warnings):
    build(app)
    assert warnings(app) == ""
    (form,) = soup(app).select("form.bb-quiz")
    assert form["data-bb-quiz"] == "demo" and "Question three?" in form.get_text()
    assert any(d.endswith("data/quizzes/demo.yml") for d in deps(app, "index"))
    # the script that adds the Check buttons comes with the page, once
    assert len(soup(app).select(f'script[src*="_static/backbalance/{JS}"]')) == 1
    assert Path(app.outdir, "_static", "backbalance", JS).is_file()


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-review")
def test_a_review_quiz_shows_the_chapter_questions_and_depends_on_their_file(
    app, build, soup, warnings
):
    build(app)
    assert warnings(app) == ""
    (form,) = soup(app, "review").select("form.bb-quiz")
    prompts = [legend.get_text(" ", strip=True) for legend in form.select("legend")]
    assert prompts == ["Question three?", "Apply it: Question one?", "Apply it: Question two?"]
    assert [li["data-question"] for li in form.select("li.bb-quiz-question")] == [
        "demo-three",
        "demo-one",
        "demo-two",
    ]
    found = deps(app, "review")
    assert any(d.endswith("data/quizzes/mixed.yml") for d in found)
    assert any(d.endswith("data/quizzes/demo.yml") for d in found)


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-broken")
def test_directive_turns_data_errors_into_warnings_naming_file_and_entry(
    app, build, page, warnings
):
    path = Path(app.srcdir, "data", "quizzes", "demo.yml")
    data = yaml.safe_load(path.read_text())
    data["questions"][1]["options"][0]["correct"] = "maybe"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    build(app)
    assert "bb-quiz" not in page(app)
    assert "WARNING" in warnings(app)
    assert (
        "data/quizzes/demo.yml, questions[1].options[0].correct: input should be a valid boolean"
    ) in warnings(app)
    # the review quiz that draws from the broken file says so, in one line
    assert (
        "data/quizzes/mixed.yml, review[0].chapter: data/quizzes/demo.yml has problems of its own"
        in warnings(app)
    )


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-missing")
def test_directive_warns_about_a_missing_quiz(app, build, page, warnings):
    Path(app.srcdir, "data", "quizzes", "demo.yml").unlink()
    build(app)
    assert "data/quizzes/demo.yml: file not found" in warnings(app)


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-snapshot")
def test_the_quiz_html_and_its_text_fallback_are_as_before(app, build, soup, file_regression):
    build(app)
    (block,) = soup(app).select("form.bb-quiz")
    file_regression.check(block.prettify(), basename="quiz_html", extension=".html")
    (node,) = app.env.get_doctree("index").findall(QuizNode)
    file_regression.check(
        "\n".join(p.astext() for p in node.children), basename="quiz_text", extension=".txt"
    )
