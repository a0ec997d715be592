"""Habits."""
