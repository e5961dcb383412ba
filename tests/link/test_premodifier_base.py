"""A time written before the noun it modifies frames the figures of its clause ("the 1991 surplus of 8
mln dlrs"), but not the earlier figure a change is measured from ("up from 6 mln dlrs")."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_text


def _sources(text: str) -> dict[str, tuple[date | None, str]]:
    return {c.surface: (c.period_start, c.period_source) for c in claims_from_text(text, date(1992, 2, 3))}


def test_the_base_of_a_change_is_not_framed_by_the_premodifier() -> None:
    sources = _sources("The group posted a record 1991 surplus of 8 mln dlrs, up from 6 mln dlrs.")
    assert sources["8 mln dlrs"] == (date(1991, 1, 1), "sentence")
    assert sources["6 mln dlrs"] == (None, "none")


def test_from_without_a_figure_to_compare_keeps_the_frame() -> None:
    sources = _sources("In 1991, delegates from 12 nations signed the accord.")
    assert sources["12"] == (date(1991, 1, 1), "sentence")
