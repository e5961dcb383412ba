"""A full stop after a figure's unit letter ends a sentence ("closed at 241p. Acme was...")."""

from __future__ import annotations

from metrics.link.sentences import Sentences


def test_a_unit_letter_after_a_figure_is_no_initial() -> None:
    text = "Shares closed at 241p. Orland was unchanged. T. R. Reid said so."
    sentences = Sentences(text)
    assert sentences.index(text.index("Orland")) == 1
    assert sentences.index(text.index("Reid")) == 2


def test_a_legal_form_ends_a_sentence_before_a_word_that_opens_one() -> None:
    text = (
        "Harlan sold its unit to Norrby Airlines Inc. The airline paid 30 mln dlrs. "
        "Texaco Inc. Chairman Jo Lund said so, as did Brandt Bros. However, Vell Corp. It was late."
    )
    sentences = Sentences(text)
    assert sentences.index(text.index("The airline")) == 1
    assert sentences.index(text.index("Chairman")) == 2  # "Inc. Chairman": one name, no end
    assert sentences.index(text.index("However")) == 3
    assert sentences.index(text.index("It was")) == 4


def test_a_capital_after_us_in_wire_copy_ends_no_sentence() -> None:
    text = "Exports to the U.S. And Canada rose 5 pct in 1986."
    assert Sentences(text).index(text.index("Canada")) == 0
