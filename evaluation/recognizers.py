"""Recognizers-Text English specs: the share of applicable cases our finders pass, per model.

A case is applicable unless (in this order) every platform marks it unsupported, or one of its
expected results is out of scope (eval_matchers says why). A case passes when every expected
result is fitted by one of our mentions that overlaps its span, and no mention the model would
have reported is left that fits none of them.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from evaluation.matchers import MODELS, WRITTEN_END, Expected, Found, ModelRules, NoAmount, NotApplicable
from metrics.errors import InputError
from metrics.records import Quantity, TimeMention

SPEC_FOLDER = Path("recognizers-text")
PLATFORMS = frozenset({"dotnet", "java", "javascript", "python"})
UNSUPPORTED = "unsupported everywhere"
"""NotSupported/NotSupportedByDesign together name dotnet, java, javascript and python."""

APPLICABILITY = (
    "applicable = every case except those",
    "  (1) unsupported everywhere: NotSupported/NotSupportedByDesign name dotnet, java, javascript, python;",
    '  (2) with no dates to compare: a season the spec resolves to no dates ("this summer");',
    "  (3) in math notation: NumberModel results of subtype 'power' (1.1^23, 2.5^-1, 1e10).",
    '  An expected result with no amount ("dollar" alone, "a small percent") is dropped; its case counts.',
)
PASSING = (
    "pass = every expected result is found (same value, overlapping span), and nothing else is reported",
    "  of the model's kind: NumberModel bare numbers, PercentModel %, CurrencyModel ISO codes,",
    "  NumberRangeModel ranges and at_least/at_most, DatePeriodParser periods longer than one day.",
)

QuantityFinder = Callable[[str], list[Quantity]]
PeriodFinder = Callable[[str, date | None], list[TimeMention]]


@dataclass(frozen=True)
class Finders:
    """Our two finders, or why one is not there (the extractor is being rewritten)."""

    quantities: QuantityFinder | None
    periods: PeriodFinder | None
    missing: dict[str, str] = field(default_factory=dict)

    def for_model(self, rules: ModelRules) -> Callable[[str, date | None], list[Any]] | None:
        if rules.finder == "periods":
            return self.periods
        quantities = self.quantities
        return None if quantities is None else (lambda text, _reference: quantities(text))


def _import(module: str, name: str) -> tuple[Any, str | None]:
    try:
        return getattr(importlib.import_module(module), name), None
    except (ImportError, AttributeError):
        return None, f"{module}.{name} is not available yet"


def library_finders() -> Finders:
    quantities, why_q = _import("metrics.find.numbers", "find_quantities")
    periods, why_p = _import("metrics.find.timex", "find_time_mentions")
    missing = {kind: why for kind, why in (("quantities", why_q), ("periods", why_p)) if why}
    return Finders(quantities, periods, missing)


@dataclass(frozen=True)
class CaseOutcome:
    index: int
    text: str
    reference: date | None
    expected: list[Expected]
    found: list[Found]
    missed: list[Expected]
    spurious: list[Found]
    notes: frozenset[str] = frozenset()
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.missed and not self.spurious


@dataclass(frozen=True)
class ModelResult:
    name: str
    cases: int
    excluded: Counter[str]
    outcomes: list[CaseOutcome]
    unavailable: str | None = None
    dropped: int = 0
    """Expected results left out for having no amount (the rest of their case still counts)."""

    @property
    def applicable(self) -> int:
        return self.cases - sum(self.excluded.values())

    @property
    def passed(self) -> int:
        return sum(outcome.passed for outcome in self.outcomes)

    @property
    def passed_written_end(self) -> int:
        """Passes that needed the written last day of a day range to count as included."""
        return sum(outcome.passed and WRITTEN_END in outcome.notes for outcome in self.outcomes)

    @property
    def failures(self) -> list[CaseOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]


def load_cases(peers: Path, rules: ModelRules) -> list[dict[str, Any]]:
    path = peers / SPEC_FOLDER / rules.file
    try:
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InputError(f"cannot read the spec: {error.strerror or error}", path=str(path)) from None
    except json.JSONDecodeError as error:
        raise InputError(f"the spec is not valid JSON ({error.msg})", path=str(path)) from None
    if not isinstance(cases, list):
        raise InputError("the spec should be a JSON list of cases", path=str(path))
    return cases


def _platforms(raw: object) -> set[str]:
    return {part.strip().lower() for part in str(raw or "").split(",") if part.strip()}


def expected_results(case: dict[str, Any], rules: ModelRules) -> tuple[list[Expected], int]:
    """The case's expected results and how many were dropped for having no amount; or NotApplicable
    with the reason the case is left out."""
    if _platforms(case.get("NotSupported")) | _platforms(case.get("NotSupportedByDesign")) >= PLATFORMS:
        raise NotApplicable(UNSUPPORTED)
    expected, dropped = [], 0
    for result in case.get("Results") or []:
        try:
            answer, shown = rules.read(result)
        except NoAmount:
            dropped += 1
            continue
        start, end = rules.span(result)
        expected.append(Expected(start, end, str(result.get("Text", "")), answer, shown))
    return expected, dropped


def reference_date(case: dict[str, Any]) -> date | None:
    raw = (case.get("Context") or {}).get("ReferenceDateTime")
    return date.fromisoformat(str(raw)[:10]) if raw else None


def overlaps(found: Found, expected: Expected) -> bool:
    return max(found.start, expected.start) < min(found.end, expected.end)


def judge(
    index: int,
    case: dict[str, Any],
    expected: list[Expected],
    rules: ModelRules,
    finder: Callable[[str, date | None], list[Any]],
) -> CaseOutcome:
    text, reference = str(case.get("Input", "")), reference_date(case)
    try:
        found = list(finder(text, reference))
    except Exception as error:  # the finder must never raise; report it as this case's failure
        return CaseOutcome(
            index, text, reference, expected, [], expected, [], error=f"{type(error).__name__}: {error}"
        )
    notes: set[str] = set()
    missed = []
    for wanted in expected:
        fits = [rules.fits(wanted.answer, m) for m in found if overlaps(m, wanted)]
        good = [note for note in fits if note is not None]
        if not good:
            missed.append(wanted)
        elif "" not in good:
            notes.add(WRITTEN_END)
    spurious = [
        mention
        for mention in found
        if rules.reported(mention)
        and not any(overlaps(mention, w) and rules.fits(w.answer, mention) is not None for w in expected)
    ]
    return CaseOutcome(index, text, reference, expected, found, missed, spurious, frozenset(notes))


def evaluate_model(peers: Path, rules: ModelRules, finders: Finders) -> ModelResult:
    cases = load_cases(peers, rules)
    excluded: Counter[str] = Counter()
    runnable: list[tuple[int, dict[str, Any], list[Expected]]] = []
    dropped = 0
    for index, case in enumerate(cases):
        try:
            expected, without_amount = expected_results(case, rules)
        except NotApplicable as reason:
            excluded[str(reason)] += 1
            continue
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            where = str(peers / SPEC_FOLDER / rules.file)
            raise InputError(
                f"case {index} is not a spec case ({type(error).__name__}: {error})", path=where
            ) from None
        runnable.append((index, case, expected))
        dropped += without_amount
    finder = finders.for_model(rules)
    if finder is None:
        why = finders.missing.get(rules.finder, "finder not available")
        return ModelResult(rules.name, len(cases), excluded, [], unavailable=why, dropped=dropped)
    outcomes = [judge(index, case, expected, rules, finder) for index, case, expected in runnable]
    return ModelResult(rules.name, len(cases), excluded, outcomes, dropped=dropped)


def evaluate_recognizers(peers: Path, finders: Finders | None = None) -> list[ModelResult]:
    finders = finders or library_finders()
    return [evaluate_model(peers, rules, finders) for rules in MODELS]


def describe_found(found: Found) -> str:
    head = f"[{found.start}:{found.end}] {found.surface!r}"
    if isinstance(found, TimeMention):
        period = found.period
        return f"{head} {period.start}..{period.end} grain={period.grain} relation={found.relation}"
    ends = (
        f" low={found.low:g} high={found.high:g}" if found.low is not None and found.high is not None else ""
    )
    return f"{head} value={found.value:g}{ends} unit={found.unit!r} qualifier={found.qualifier}"


def failure_report(result: ModelResult) -> str:
    """Every failing case: input, reference date, expected, got, and what was missed or spurious."""
    blocks = []
    for outcome in result.failures:
        when = f" (reference {outcome.reference})" if outcome.reference else ""
        lines = [f"== case {outcome.index}{when}: {outcome.text!r}"]
        lines += [f"  expected: [{e.start}:{e.end}] {e.text!r} = {e.shown}" for e in outcome.expected]
        lines += [] if outcome.expected else ["  expected: (nothing)"]
        lines += [f"  got:      {describe_found(f)}" for f in outcome.found] or ["  got:      (nothing)"]
        lines += [f"  MISSED:   [{e.start}:{e.end}] {e.text!r} = {e.shown}" for e in outcome.missed]
        lines += [f"  SPURIOUS: {describe_found(f)}" for f in outcome.spurious]
        lines += [f"  ERROR:    {outcome.error}"] if outcome.error else []
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
