"""Student and instructor editions, without building the course: the edition setting, the
page sources offered for download, the launch buttons (the two editions of the whole course
are built in tests/book/test_editions.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from backbalance.quizzes.data import load_quiz
from backbalance.quizzes.render import KEY_MARK, render_html
from backbalance.sphinxext.editions import ENV_VAR, strip_other_edition
from backbalance.sphinxext.workarounds import launch_settings

ROOT = Path(__file__).resolve().parents[2]


CHAPTER = """# Title

Text.

```{quiz} demo
```

```{lesson-plan} demo
```

````{only} instructor
```{admonition} Instructor notes
- Secret note.
```
````

```{only} student
Student-only line.
```

~~~{only} instructor
Tilde secret.
~~~

Closing text.
"""


def test_sources_lose_only_the_other_editions_blocks():
    student = strip_other_edition(CHAPTER, "student")
    assert "Secret" not in student and "lesson-plan" not in student and "Tilde" not in student
    assert "Student-only line." in student and "```{quiz} demo\n```" in student
    assert student.endswith("Closing text.\n")
    instructor = strip_other_edition(CHAPTER, "instructor")
    assert "Student-only" not in instructor
    assert "Secret note." in instructor and "```{lesson-plan} demo" in instructor


def test_sources_keep_examples_inside_code_blocks():
    example = "Write this:\n\n`````md\n" + CHAPTER + "`````\n\nDone.\n"
    assert strip_other_edition(example, "student") == example


@pytest.mark.parametrize(
    ("repository", "hub", "shown"),
    [
        ("", "https://hub.example.edu", set()),
        ("https://github.com/org/course", "", {"binderhub_url", "colab_url"}),
        (
            "https://github.com/org/course",
            "https://hub.example.edu",
            {"binderhub_url", "colab_url", "jupyterhub_url"},
        ),
        (
            "https://gitlab.com/org/course",
            "https://hub.example.edu",
            {"binderhub_url", "jupyterhub_url"},
        ),
    ],
    ids=["no-repository-no-buttons", "github", "github-and-hub", "gitlab-no-colab"],
)
def test_launch_buttons_follow_the_repository_url(repository, hub, shown):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    buttons = dict(config["launch_buttons"], jupyterhub_url=hub)
    settled = launch_settings({"repository_url": repository, "launch_buttons": buttons})
    urls = {"binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url"}
    assert {key for key in urls if settled.get(key)} == shown


def test_colab_and_hub_install_lines_in_the_guide_use_the_pinned_run_time_requirements():
    """The guide's installs for Colab, a hub's administrator and a hub's students name
    requirements/lab.txt (or requirements.txt, which includes it): the pins live in one place."""
    guide = (ROOT / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    lines = [line for line in guide.splitlines() if "pip install" in line]
    assert len(lines) == 3, "install lines for Colab, a hub's administrator and a hub's students"
    for line in lines:
        assert "==" not in line, line
        assert re.search(r"-r \S*requirements(/lab)?\.txt", line), line
    assert "-r requirements/lab.txt" in (ROOT / "requirements.txt").read_text()


@pytest.mark.parametrize(
    ("variable", "setting"), [("teacher", None), (None, "teacher")], ids=["variable", "setting"]
)
def test_an_unknown_edition_stops_the_build_with_one_clear_line(
    book, monkeypatch, variable, setting
):
    if variable:
        monkeypatch.setenv(ENV_VAR, variable)
    name = ENV_VAR if variable else "backbalance_edition"
    with pytest.raises(
        ConfigError, match=f"^{name} must be 'student' or 'instructor', got 'teacher'$"
    ):
        book("quiz", **({"backbalance_edition": setting} if setting else {}))


def test_answer_key_marks_right_answers_in_words_and_shows_all_feedback(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "questions": [
                    {
                        "id": f"q{i}",
                        "kind": "scenario",
                        "prompt": f"Question {i}?",
                        "assumption": "A test.",
                        "options": [
                            {"text": "Yes", "correct": True, "feedback": "Right, because."},
                            {"text": "No <b>", "correct": False, "feedback": "Wrong, because."},
                            {"text": "Maybe", "correct": False, "feedback": "Unsure, because."},
                        ],
                    }
                    for i in range(3)
                ]
            }
        )
    )
    quiz = load_quiz(path)
    soup = BeautifulSoup(render_html(quiz, answers=True), "html.parser")
    assert soup.select_one("div.bb-quiz.bb-quiz-key") is not None and not soup.select("details")
    items = soup.select("div.bb-quiz-key ul.bb-quiz-options > li")
    assert [li.get_text(" ", strip=True) for li in items[:2]] == [
        f"A. Yes ({KEY_MARK}) Correct. Right, because.",
        "B. No <b> Not quite. Wrong, because.",
    ]
    assert [li["data-correct"] for li in items] == ["true", "false", "false"] * 3
    assert soup.find(id=True) is None and soup.find("script") is None and soup.find("b") is None
    assert render_html(quiz) == render_html(quiz, answers=False), "the student quiz is unchanged"
    assert "bb-quiz-key" not in render_html(quiz)
