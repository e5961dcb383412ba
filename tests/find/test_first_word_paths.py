"""The cheaper ways of trying a phrase table find what the plain ways find: an alternation grouped by
first character (lexicon.folded_alternation) matches as the plain alternation does at every offset,
and the vague plurals and fractions tried at their first words (Tokens.folded_starts) are the
quantities a search of the whole text finds."""

from __future__ import annotations

import re

from metrics.find.company_words import company_tables
from metrics.find.numbers import find_quantities
from metrics.find.tokens import Tokens, matches_at, matches_between
from metrics.lexicon import alternation, folded_alternation, lexicon
from metrics.link.role_words import all_references, reference_first_words

TEXTS = [
    "A 5 km road, 12 Kilometres per hour, 3 degrees Celsius, 40 KG of rice, 7 mln DLRS and 9 °C.",
    "It sold 2,000 sq ft for 30 dlrs a share, 5 kilowatt hours and 6 kms-long pipes of 4 kg each.",
    "Kelvin: 5 \u212aM and 3 \u017fquare miles; 8 d\u0131rhams; 2 \u0130nches.",
    "5-km, 6 kmh, 7km/h, 8kg, 9Kg",
]


def test_folded_alternation_matches_as_the_plain_one() -> None:
    words = [*lexicon().units, "", "Kg", "°C", "$US"]
    words = [w for w in words if w]  # an empty word leaves the alternation plain, tested below
    plain = re.compile(rf"(?:[ \t]++|-)?({alternation(words)})(?![A-Za-z0-9])", re.IGNORECASE)
    folded = re.compile(rf"(?:[ \t]++|-)?({folded_alternation(words)})(?![A-Za-z0-9])", re.IGNORECASE)
    assert folded.pattern != plain.pattern
    for text in TEXTS:
        for at in range(len(text)):
            got, want = folded.match(text, at), plain.match(text, at)
            assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


def test_folded_alternation_keeps_words_it_cannot_group() -> None:
    assert folded_alternation(["\u0130nch", "inch"]) == alternation(["\u0130nch", "inch"])
    assert folded_alternation([" mile", "mile"]) == alternation([" mile", "mile"])


def test_folded_starts_adds_every_token_outside_ascii() -> None:
    tokens = Tokens("Half of a HALF, \u017fhalf and halfway")
    assert tokens.folded_starts(frozenset({"half"})) == [0, 10, 16]
    assert Tokens("half of it").folded_starts(frozenset({"third"})) == []


def test_fractions_and_vague_plurals_found_at_their_first_words() -> None:
    found = find_quantities("About a third of the 300 staff, dozens of engineers and half of the plants.")
    units = [(q.surface, q.unit) for q in found]
    assert ("a third", "fraction") in units and ("half", "fraction") in units
    assert any(surface.startswith("dozens") for surface, _unit in units)


COMPANY_TEXT = (
    "Brandt Holdings and Mervale Steel Co said on Monday they\n"
    "would merge. Corvan, the Danish shipping company, owns 5 pct of\n"
    "Tesh Mining <TSH>; the chairman of Ostrava Bank said\n"
    "nothing about Pellam Foods Inc.\nA line with no company at all\n"
)


def test_company_patterns_tried_on_their_lines_match_as_a_whole_text_search() -> None:
    tables = company_tables()
    tokens = Tokens(COMPANY_TEXT)
    whole = [m.span() for m in tables.named.finditer(COMPANY_TEXT)]
    lines = tokens.lines_with(tables.named_ends, also="<")
    searched = [COMPANY_TEXT[start:end].split()[0] for start, end in lines]
    assert searched == ["Brandt", "Tesh", "nothing"]  # lines without an end word or a ticker are not
    by_line = [m.span() for start, end in lines for m in tables.named.finditer(COMPANY_TEXT, start, end)]
    assert by_line == whole and len(whole) >= 4
    appositions = [m.span() for m in tables.appositive.finditer(COMPANY_TEXT)]
    assert appositions and appositions == [
        m.span()
        for start, end in tokens.lines_with(tables.appositive_words)
        for m in tables.appositive.finditer(COMPANY_TEXT, start, end)
    ]
    described = [m.span() for m in tables.described.finditer(COMPANY_TEXT)]
    at_words = matches_at(tables.described, COMPANY_TEXT, tokens.starts(tables.described_words))
    assert described and [m.span() for m in at_words] == described


def test_reference_words_tried_at_their_first_words_match_as_a_search_of_the_range() -> None:
    text = "The company said both companies and THE TWO COUNTRIES grew; the country's bank, the Board."
    tokens = Tokens(text)
    starts = tokens.folded_starts(reference_first_words())
    for start, end in [(0, len(text)), (4, 60), (15, 40), (50, len(text))]:
        want = [m.span() for m in all_references().finditer(text, start, end)]
        got = [m.span() for m in matches_between(all_references(), text, starts, start, end)]
        assert got == want
    assert len(list(all_references().finditer(text))) >= 4
