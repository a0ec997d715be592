"""The ``quiz`` directive in a tiny book (``roots/test-quiz``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backbalance.sphinxext.nodes import QuizNode


@pytest.mark.sphinx("html", testroot="quiz")
def test_directive_renders_the_quiz_and_tracks_the_file(app, build, page, warnings):
    build(app)
    assert warnings(app) == ""
    html = page(app)
    assert '<div class="bb-quiz">' in html and "Question three?" in html
    deps = {str(Path(d)) for d in app.env.dependencies["index"]}
    assert any(d.endswith(str(Path("data", "quizzes", "demo.yml"))) for d in deps)


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


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-missing")
def test_directive_warns_about_a_missing_quiz(app, build, page, warnings):
    Path(app.srcdir, "data", "quizzes", "demo.yml").unlink()
    build(app)
    assert "data/quizzes/demo.yml: file not found" in warnings(app)


@pytest.mark.sphinx("html", testroot="quiz", srcdir="quiz-snapshot")
def test_the_quiz_html_and_its_text_fallback_are_as_before(app, build, soup, file_regression):
    build(app)
    (block,) = soup(app).select("div.bb-quiz")
    file_regression.check(block.prettify(), basename="quiz_html", extension=".html")
    (node,) = app.env.get_doctree("index").findall(QuizNode)
    file_regression.check(
        "\n".join(p.astext() for p in node.children), basename="quiz_text", extension=".txt"
    )
