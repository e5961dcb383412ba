"""Unicode digits, invisible joiners and powers, read the way a reader reads them; offsets always index
the text as given."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.find.normal_text import INVISIBLE, NormalText
from metrics.link.extract import claims_from_text

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EXTENDED_ARABIC_INDIC = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


def found(text: str) -> list[tuple[str, float, str, date | None]]:
    claims = claims_from_text(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.surface
        assert claim.quote.strip("…") in text
    return [(c.surface, c.value, c.unit, c.period_start) for c in claims]


@pytest.mark.parametrize("invisible", list(INVISIBLE))
def test_an_invisible_character_inside_a_number_does_not_split_it(invisible: str) -> None:
    text = f"Exports were $3{invisible}0 billion in 2019."
    assert found(text) == [(f"$3{invisible}0 billion", 30e9, "USD", date(2019, 1, 1))]


def test_invisible_characters_elsewhere_leave_offsets_on_the_given_text() -> None:
    text = "\u200bImports\u200d fell\u2060 to $4\u200b5 billion in 2\u200c018 from $5\ufeff0 billion."
    assert [(s, v) for s, v, _u, _p in found(text)] == [
        ("$4\u200b5 billion", 45e9),
        ("$5\ufeff0 billion", 50e9),
    ]
    assert claims_from_text(text)[0].period_start == date(2018, 1, 1)


@pytest.mark.parametrize("digits", [ARABIC_INDIC, EXTENDED_ARABIC_INDIC, FULLWIDTH, DEVANAGARI])
def test_other_decimal_digits_are_read_as_digits(digits: dict[int, str]) -> None:
    """The same claims as the text in ASCII digits, surfaces as written."""
    ascii_text = "Exports were $30 billion in 2019 and 12 pct of output, 1,500 tonnes on May 3, 2018."
    expected = [(surface.translate(digits), *rest) for surface, *rest in found(ascii_text)]
    assert len(expected) == 3
    assert found(ascii_text.translate(digits)) == expected


def test_a_year_in_other_digits_is_a_year_not_a_quantity() -> None:
    for digits in (ARABIC_INDIC, FULLWIDTH):
        assert [s for s, *_ in found("Trade hit $5 billion in 2019.".translate(digits))] == [
            "$5 billion".translate(digits)
        ]


def test_superscripts_are_not_decimal_digits() -> None:
    assert NormalText("10² m").same


@pytest.mark.parametrize(
    "text", ["The odds were 10^400 dlrs to one.", "It cost 10 ** 400 dlrs.", "It was 1.5^3 mln dlrs."]
)
def test_a_power_is_no_figure(text: str) -> None:
    assert found(text) == []


def test_an_exponent_without_a_number_base_is_no_figure_and_the_rest_is_read() -> None:
    assert [s for s, *_ in found("Output was x^2 and 5 pct in 2019.")] == ["5 pct"]


def test_text_without_special_characters_is_its_own_copy() -> None:
    plain = "Exports were $30 billion in 2019, up 5%. Café."
    assert NormalText(plain).same and NormalText(plain).text is plain


@given(
    st.lists(
        st.one_of(
            st.sampled_from(list(INVISIBLE)),
            st.sampled_from(list("0123456789٠١٢٣۴５६")),
            st.text(alphabet="ab $.", max_size=3),
        ),
        max_size=40,
    )
)
def test_every_span_of_the_copy_maps_to_the_same_visible_text(pieces: list[str]) -> None:
    given_text = "".join(pieces)
    normal = NormalText(given_text)
    visible = normal.text
    assert len(visible) == len(given_text) - sum(given_text.count(c) for c in INVISIBLE)
    for start in range(len(visible) + 1):
        for end in range(start, len(visible) + 1):
            low, high = normal.original(start, end)
            span = given_text[low:high]
            assert NormalText(span).text == visible[start:end]
            if start < end:  # no invisible character at either edge of a mapped span
                assert span[0] not in INVISIBLE and span[-1] not in INVISIBLE
