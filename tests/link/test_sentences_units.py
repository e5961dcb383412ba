"""A full stop after a figure's unit letter ends a sentence ("closed at 241p. Acme was...")."""

from __future__ import annotations

from metrics.link.sentences import Sentences


def test_a_unit_letter_after_a_figure_is_no_initial() -> None:
    text = "Shares closed at 241p. Orland was unchanged. T. R. Reid said so."
    sentences = Sentences(text)
    assert sentences.index(text.index("Orland")) == 1
    assert sentences.index(text.index("Reid")) == 2
