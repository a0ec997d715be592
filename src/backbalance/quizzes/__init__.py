"""Quizzes: ``show("causes")`` shows a chapter's quiz in JupyterLab."""

from backbalance.quizzes.render import show

__all__ = ["show"]
