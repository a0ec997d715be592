"""The words of the personalised forecast and the tracker: ``data/forecast.yml``.

Every sentence the forecast (:mod:`backbalance.strength_gap.forecast`) and the progress
tracker (:mod:`backbalance.tracker`) show a learner is read from the data file and
checked here: each sentence may use only the ``{blanks}`` its code fills in, so that an
instructor's slip is one line naming the file, the entry and the known blanks. The code
only works out the numbers and calls :func:`fill`.

Examples
--------
>>> from backbalance.course import Course
>>> words = Course.find().forecast_wording
>>> fill(words.forecast.personalised, pace=words.forecast.pace.faster)
'Your log so far says your weaker side gains faster than typical.'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import Field

from backbalance.assessment.types import blanks
from backbalance.common.read import load_yaml
from backbalance.common.types import Frozen, Sourced, Text
from backbalance.strength_gap.dynamics import CAUSES, Cause

FILE = "forecast.yml"
"""The file's name in ``data/``."""


def fill(sentence: str, **values: object) -> str:
    """The sentence with its blanks filled in (numbers as given, already rounded)."""
    return sentence.format_map(values)


class Plural(Frozen):
    """A sentence for a count of one (``one``) and one for more (``many``)."""

    one: Text
    many: Text

    def pick(self, count: float) -> str:
        """``one`` for a count of 1, else ``many``."""
        return self.one if count == 1 else self.many


class MoreSets(Plural):
    """Behind, with room for more weak-side sets (one more, or several)."""

    one: Annotated[Text, blanks("weak_sets", "strong_sets", "target", "then", "now")]
    many: Annotated[Text, blanks("more", "weak_sets", "strong_sets", "target", "then", "now")]


class InWeeks(Plural):
    """When the typical person would reach the target: ``in about 3 weeks``."""

    one: Text
    many: Annotated[Text, blanks("weeks")]


class UnusableRows(Plural):
    """Rows of the log that could not be used (one, or several: the first is named)."""

    one: Annotated[Text, blanks("line", "reason")]
    many: Annotated[Text, blanks("count", "line", "reason")]


class Pace(Frozen):
    """How the learner's response compares with the typical simulated person."""

    faster: Text
    typical: Text
    slower: Text


class Verdict(Frozen):
    """The latest re-test against the typical forecast, judged with mdc95 (LSI points)."""

    ahead: Annotated[Text, blanks("difference", "noise")]
    behind: Annotated[Text, blanks("difference", "noise")]
    as_expected: Annotated[Text, blanks("noise")]


class Likely(Frozen):
    """Weeks to an LSI target, P10-P90 across the (re-weighted) simulated people."""

    range: Annotated[Text, blanks("target", "fast", "slow", "typical")]
    open_end: Annotated[Text, blanks("target", "fast", "typical", "horizon")]
    few: Annotated[Text, blanks("target", "fast", "horizon")]
    unlikely: Annotated[Text, blanks("target", "horizon")]
    near: Annotated[Text, blanks("target", "now")]
    """The typical week is already past (not after the last re-test), yet the re-tests are
    below the target: within the test's noise of it."""


class Rough(Sourced):
    """The warning shown when the posterior rests on fewer than ``below`` simulated people."""

    below: Annotated[float, Field(ge=1, le=1000)]
    text: Text


class Misfit(Sourced):
    """Said first when no simulated person explains the log within the test's noise.

    ``below`` is the chi-square tail probability of the best-supported person under which
    the log counts as outside what the model can forecast; ``faster``, ``slower`` and
    ``different`` say where the learner's LSI went compared with that person's.
    """

    below: Annotated[float, Field(gt=0, lt=0.5)]
    faster: Text
    slower: Text
    different: Text


class CaseNames(Frozen):
    """One text for each case of where the gap comes from."""

    disuse: Text
    handedness: Text


class CaseFit(Frozen):
    """Which case a log with re-tests fits better (said only beyond ``forecast_confidence``)."""

    better: Annotated[Text, blanks("case", "share")]
    unclear: Text


class CauseChoice(Frozen):
    """The answers to "where does the gap come from?" in an app: one per cause."""

    unknown: Text
    disuse: Text
    handedness: Text

    def options(self) -> list[tuple[str, Cause]]:
        """``(answer, cause)`` pairs in :data:`~backbalance.strength_gap.dynamics.CAUSES`
        order, as an ipywidgets ``Dropdown`` takes them."""
        return [(getattr(self, cause), cause) for cause in CAUSES]


class Cases(Frozen):
    """The two cases a forecast for an unknown cause shows one after the other.

    ``lead`` opens each case's sentences, ``name`` names a case in a table, a chart control
    or :attr:`fit`'s sentence, ``fit`` says which case the log fits better; ``question`` and
    ``choice`` are the label and the answers of the choice of the cause in an app.
    """

    lead: CaseNames
    name: CaseNames
    fit: CaseFit
    question: Text
    choice: CauseChoice


class Table(Frozen):
    """Column headings of the weeks-to-target table a reader sees."""

    case: Text
    target: Text
    fast: Text
    typical: Text
    slow: Text
    prior_typical: Text
    missing: Text


class ForecastWords(Frozen):
    """``forecast:``: what :meth:`backbalance.strength_gap.forecast.Forecast.message` says."""

    pace: Pace
    personalised: Annotated[Text, blanks("pace")]
    verdict: Verdict
    prior: Text
    start_only: Text
    likely: Likely
    reached: Annotated[Text, blanks("target", "lsi")]
    misfit: Misfit
    rough: Rough
    case: Cases
    table: Table
    red_flag: Text
    no_strength_test: Text


class Behind(Frozen):
    """What to do when the latest re-test is behind the typical forecast."""

    more_sets: MoreSets
    in_weeks: InWeeks
    not_within: Annotated[Text, blanks("weeks")]
    at_limit: Annotated[Text, blanks("weak_sets")]
    beyond_limit: Annotated[Text, blanks("limit")]
    checks: Text


class Chart(Frozen):
    """Titles, axes and legend names of the tracker's two charts."""

    title: Annotated[Text, blanks("status")]
    band: Text
    typical: Text
    prior: Text
    target: Annotated[Text, blanks("target")]
    measured: Text
    x_axis: Text
    y_axis: Text
    results_title: Text
    results_y_axis: Text
    results_y_unit: Annotated[Text, blanks("unit")]


class TrackerWords(Frozen):
    """``tracker:``: the tracker's verdicts, suggestions and reasons for no forecast."""

    reached: Annotated[Text, blanks("lsi", "target")]
    baseline: Text
    ahead: Text
    on_track: Annotated[Text, blanks("noise")]
    behind: Behind
    no_usable_row: Text
    unusable_rows: UnusableRows
    save_refused: Annotated[Text, blanks("line", "reason")]
    no_profile: Text
    gap_beyond_limit: Annotated[Text, blanks("week", "gap", "limit")]
    chart: Chart


class Reach(Frozen):
    """A share of people and the LSI target, in its two verb forms
    (:meth:`~backbalance.strength_gap.model.Parity.reach`)."""

    reaches: Annotated[Text, blanks("target", "week")]
    not_within: Annotated[Text, blanks("target", "horizon")]


class Dose(Plural):
    """The plan the programme's forecast is for: extra weak-side sets (one or many), or
    the same sets for both sides (``even``)."""

    one: Annotated[Text, blanks("side", "weak", "strong")]
    many: Annotated[Text, blanks("extra", "side", "weak", "strong")]
    even: Annotated[Text, blanks("strong")]


class ProgrammeWords(Frozen):
    """``programme:``: the forecast on a programme, one case after the other."""

    none: Text
    dose: Dose
    at_target: Annotated[Text, blanks("target")]
    typical: Reach
    fast: Reach
    slow: Reach
    promise: Text


class WeeksSaved(Frozen):
    """How many weeks more extra sets save (the strength-gap page)."""

    unknown: Text
    none: Text
    weeks: InWeeks


class SimulationWords(Frozen):
    """``simulation:``: sentences of the strength-gap page that its cells fill in."""

    saved: WeeksSaved


class ForecastWording(Frozen):
    """``data/forecast.yml``."""

    forecast: ForecastWords
    programme: ProgrammeWords
    simulation: SimulationWords
    tracker: TrackerWords

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every source the file names."""
        if self.forecast.rough.source:
            yield "forecast.rough.source", self.forecast.rough.source
        if self.forecast.misfit.source:
            yield "forecast.misfit.source", self.forecast.misfit.source


def load_forecast_wording(path: Path | str) -> ForecastWording:
    """Read and validate ``data/forecast.yml``.

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid entry, naming the file and the entry, for example
        ``data/forecast.yml, forecast.personalised: uses the blank {speed}, which is not
        filled in here (known: {pace})``.
    """
    return load_yaml(Path(path), ForecastWording)
