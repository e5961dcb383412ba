"""What a figure measures, in the controlled vocabulary: its canonical `metric` (or "other"), the
`measure` phrase as the text writes it, and the `item` it is of (crude oil, wheat, shares).

The linker finds the metric word of a figure's clause; this step names it canonically. A word table
(metrics/data/vocabulary.toml) maps every synonym to one indicator, and an indicator admits only some
units: "5 pct" can be inflation, "5 mln dlrs" cannot, so a figure whose unit the word does not admit
falls back to its counted noun or to "other" rather than to a wrong name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from metrics import lazy_re
from metrics.find.tokens import Tokens
from metrics.lexicon import (
    OTHER,
    Indicator,
)
from metrics.link.complement import complement_head
from metrics.link.cut_counts import cut_metric
from metrics.link.heads import (
    COMPARED_FROM,
    attributive_head,
    beside_percents,
    counted,
    counts_a_time,
    difference,
    governing_hit,
    names_index,
    not_names,
    partitive,
    per_currency,
    per_item,
    phrase_around,
    quoted_currency,
    unit_class,
    verb_metric,
)
from metrics.link.heads import (
    clause_of as clause_of,
)
from metrics.link.indicators import admits, tables, unit_indicator
from metrics.link.indicators import indicator_of as indicator_of
from metrics.link.keywords import Hit, Located
from metrics.link.of_phrases import names_coupon, of_phrase
from metrics.records import Quantity

ITEM_WINDOW = 60
"""Characters either side of a figure within which an item word names what it is of."""

_WORD = lazy_re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True, slots=True)
class Measure:
    metric: str
    measure: str | None
    item: str | None
    unit: str | None = None
    """The unit the figure lost, where its metric and its article say it ("Net 232,000 vs 814,000" in
    a results table written in dollars is USD); None keeps the quantity's own."""


@dataclass(frozen=True)
class DocumentWords:
    """The metric and item words of one document, found once and queried by offset range."""

    text: str
    metrics: Located[Hit]
    items: Located[Hit]
    currency: str | None = None
    """The currency the article's money figures are written in most often."""
    money_spans: tuple[tuple[int, int], ...] = ()
    """Where the document's money figures are written, unit words included."""
    headline: tuple[Indicator, ...] = ()
    """The metrics the headline names ("SOVIET UNION TO IMPORT MORE GRAIN"): what a figure whose own
    clause names none is about."""
    title: str = ""
    """The headline as written: its words narrow a generic name its clause leaves open."""

    @classmethod
    def of(
        cls,
        text: str,
        tokens: Tokens,
        metric_hits: Located[Hit] | None = None,
        quantities: Sequence[Quantity] = (),
        title: str | None = None,
    ) -> DocumentWords:
        """`metric_hits`: the linker's metric words of the text, when it has found them already."""
        names = tables()
        metrics = metric_hits if metric_hits is not None else names.phrases.hits(text, tokens)
        money = Counter(q.unit.partition(" ")[0] for q in quantities if unit_class(q.unit) == "money")
        currency = money.most_common(1)[0][0] if money else None
        headline: list[Indicator] = []
        if title:
            for hit in names.phrases.hits(title, Tokens(title)).items:
                indicator = indicator_of(hit.name)
                if indicator is not None and indicator not in headline:
                    headline.append(indicator)
        spans = tuple((q.start, max(q.end, q.noun_end)) for q in quantities if unit_class(q.unit) == "money")
        items = names.item_words.hits(text, tokens)
        return cls(text, metrics, items, currency, spans, tuple(headline), title or "")


def _nearest_phrase(
    words: DocumentWords, indicator: Indicator, quantity: Quantity, clause: tuple[int, int]
) -> tuple[int, int] | None:
    """The written synonym of `indicator` nearest the figure in its clause, before it preferred."""
    best: tuple[int, int, int] | None = None
    for hit in not_names(words.text, words.metrics.within(clause[0], clause[1])):
        if quantity.start <= hit.start < quantity.noun_end or indicator_of(hit.name) is not indicator:
            continue
        distance = _distance(quantity, hit.start, hit.end)
        if best is None or distance < best[0]:
            best = (distance, hit.start, hit.end)
    return (best[1], best[2]) if best else None


def _distance(quantity: Quantity, start: int, end: int) -> int:
    """How far a word is from the figure; words after it count double (the metric word leads in news)."""
    return quantity.start - end if end <= quantity.start else 2 * (start - quantity.end)


def _item(
    words: DocumentWords, quantity: Quantity, clause: tuple[int, int], span: tuple[int, int] | None
) -> str | None:
    """The thing a figure is of: in its measure phrase, else the item word nearest it in the clause."""
    text = words.text
    if span is not None:
        inside = words.items.within(*span)
        if inside:
            return inside[0].name
    low, high = max(clause[0], quantity.start - ITEM_WINDOW), min(clause[1], quantity.noun_end + ITEM_WINDOW)
    best: tuple[int, str] | None = None
    for hit in words.items.within(low, high):
        if text[hit.start].isupper() and hit.start > 0 and text[hit.start - 1] not in " \n(\"'":
            continue  # a name's word ("Gulf Oil"), not a commodity
        distance = abs(hit.start - quantity.start)
        if best is None or distance < best[0]:
            best = (distance, hit.name)
    return best[1] if best else None


def classify(
    raw: str,
    quantity: Quantity,
    words: DocumentWords,
    clause: tuple[int, int],
    before: tuple[Quantity, Measure] | None = None,
) -> Measure:
    """The canonical metric, measure phrase and item of one linked figure.

    `raw` is the linker's metric word (a keyword's name, a counted noun, or a unit fallback such as
    "percentage"); `clause` bounds the text the figure's own words come from; `before` is the figure
    before it in the same clause, whose metric a figure it is compared with ("from 12.1 pct") shares.
    A count of a time word ("versus 29 yesterday") is read as the bare number it is."""
    if not counts_a_time(quantity):
        return _classify(raw, quantity, words, clause, before)
    bare = replace(quantity, unit="number", noun=None, noun_end=quantity.end)
    measured = _classify(raw, bare, words, clause, before)
    return measured if measured.unit else replace(measured, unit="number")


def _classify(
    raw: str,
    quantity: Quantity,
    words: DocumentWords,
    clause: tuple[int, int],
    before: tuple[Quantity, Measure] | None,
) -> Measure:
    text = words.text
    if quantity.unit == "number":
        base = per_currency(text, quantity)  # "the yen weakened to 151.7 per dollar": whatever else it says
        quoted = quoted_currency(text, quantity, clause, words.money_spans, base) if base else None
        if base and quoted:
            return Measure("exchange rate", None, None, f"{quoted} per {base}")
    elided = (  # "from 316" after "300 mln dlrs" lost its scale as well as its unit: no unit is better
        quantity.unit == "number"
        and before is not None
        and before[0].unit not in ("number", "count")
        and (quantity.scaled or not before[0].scaled)
        and 0.1 <= abs(quantity.value) / max(abs(before[0].value), 1e-9) <= 10  # a pair is of one size
    )
    same_kind = before is not None and (elided or unit_class(before[0].unit) == unit_class(quantity.unit))
    compared = (
        before is not None and same_kind and COMPARED_FROM.search(text, before[0].noun_end, quantity.start)
    )
    if compared and before is not None and not attributive_head(text, words.metrics, quantity, clause[1]):
        earlier = before[1]
        # "rose to 95,000 tonnes from 85,000": the figure compared with is in the same unit too
        unit = (earlier.unit or before[0].unit) if elided else earlier.unit
        return Measure(earlier.metric, earlier.measure, earlier.item, unit)
    indicator = None
    measure = None
    whole = partitive(text, quantity)
    between = difference(text, quantity, clause) if unit_class(quantity.unit) == "money" else None
    named = of_phrase(text, words.metrics, quantity, clause) if between is None else None
    cut = cut_metric(text, quantity, clause)  # "will cut 1,500 jobs": the jobs cut
    if between is not None:
        indicator, measure = tables().by_name[between[0]], between[1]
    elif cut is not None:
        indicator, measure = tables().by_name[cut], " ".join(str(quantity.noun).split())
    elif named is not None:
        indicator, measure = indicator_of(named[0]), " ".join(text[slice(*named[1])].split())
    elif (quantity.unit == "count" and quantity.noun) or whole:
        measure = whole or " ".join(str(quantity.noun).split())
        indicator = indicator_of(raw) or indicator_of(measure)
    else:
        indicator = indicator_of(raw)
    if indicator is not None and not admits(indicator, quantity.unit):
        indicator = None
    if indicator is None and measure is None:  # the raw word was no metric ("1.2 billion crown 1989 loss")
        head = complement_head(text, words.metrics, quantity, clause[1]) or attributive_head(
            text, words.metrics, quantity, clause[1]
        )
        indicator = indicator_of(head.name) if head else None
        if indicator is not None and not admits(indicator, quantity.unit):
            indicator = None
    if indicator is None and measure is None:
        indicator = _clause_indicator(words, quantity, clause)
    if indicator is None and measure is None and not words.metrics.within(*clause):
        indicator = next((i for i in words.headline if admits(i, quantity.unit)), None)
    verb = _as_verb(words, quantity, clause, indicator) if indicator is not None and raw else None
    if verb is not None:
        indicator, measure = verb
    if _per_share(text, quantity, indicator, words, clause):
        indicator = tables().by_name["price per share"]
    elif indicator is tables().by_name["profit"] and per_item(text, quantity):
        indicator = tables().by_name["earnings"]  # "earned 158.7 mln dlrs or 2.23 dlrs a share": per share
    if indicator is None and unit_class(quantity.unit) == "money":
        quoted = quoted_currency(text, quantity, clause, words.money_spans)
        if quoted is not None:  # "the dollar was at 141.10 yen": yen per dollar
            return Measure("exchange rate", None, None, f"{quantity.unit.partition(' ')[0]} per {quoted}")
        item = _item(words, quantity, clause, None)
        if item is not None or " per " in quantity.unit:  # "light crude lost $2 to $43.25": a price
            return Measure("price", measure or _written(raw, text, clause), item)
    if indicator is None and quantity.unit == "count" and measure:
        indicator = _governing(words, quantity, clause, measure)
    if indicator is None and (quantity.unit == "count" or whole) and measure:
        # a count of a thing the vocabulary does not name: the thing as written, plural like the
        # vocabulary's own names ("300 nurses" -> nurses, "two new roads" -> new roads)
        return Measure(counted(measure), measure, None, "count" if whole else None)
    if indicator is None and measure is None and unit_indicator(quantity.unit) is not None:
        indicator = unit_indicator(quantity.unit)  # "9.7 mln hectares of land": an area, as written
        measure = " ".join(text[quantity.start : max(quantity.end, quantity.noun_end)].split())
    if indicator is None:
        return Measure(OTHER, measure or _written(raw, text, clause), None)
    indicator = _narrowed(indicator, text, clause, words)
    if measure is None and names_coupon(indicator.name, text, words.metrics, quantity, clause[1]):
        indicator = tables().by_name["coupon"]
    elif indicator.name == "shares" and _offered(words, quantity, clause):
        indicator = tables().by_name["stock offering"]  # "an offering of up to 90 mln dlrs of common stock"
    span = None
    if measure is None:
        span = _nearest_phrase(words, indicator, quantity, clause)
        if span is not None:  # the phrase stops at the figure: "a 3.2 mln dlr profit" is the profit
            after = span[0] >= quantity.noun_end
            floor, ceiling = (quantity.noun_end, clause[1]) if after else (clause[0], quantity.start)
            span = phrase_around(text, span[0], span[1], floor, ceiling)
            measure = " ".join(text[span[0] : span[1]].split())
        else:
            measure = raw
    else:
        span = (quantity.end, quantity.noun_end)
    item = _item(words, quantity, clause, span) if indicator.item else None
    unit = None
    if quantity.unit == "number" and words.currency and indicator.units[0] == "money":
        unit = words.currency  # a money metric's bare figure is in the article's currency
    elif quantity.unit == "number" and _counted_only(indicator) and measure:
        unit = "count"  # "Avg shrs 5,970,000", "voted 350 to 73": a metric that is no amount counts
    elif quantity.unit == "number" and indicator.units[0] == "index" and names_index(text, quantity.start):
        unit = "point"  # "the index closed at 1,333.18"; "the S&P 500 rose to 3,005" stays bare, as NewsQuant
    elif quantity.unit == "number" and beside_percents(indicator.units, quantity, text, clause):
        unit = "%"  # "at 5-3/4, 5-1/4 pct, down from six, 5-1/2": a rate's bare figures beside its percents
    return Measure(indicator.name, measure, item, unit)


def _as_verb(
    words: DocumentWords, quantity: Quantity, clause: tuple[int, int], indicator: Indicator
) -> tuple[Indicator, str] | None:
    """The metric and verb of a metric word used as the verb of the figure after it ("pay 93 mln dlrs":
    a price), or None."""
    hit = governing_hit(words.text, words.metrics, quantity, clause, None)
    written = words.text[hit.start : hit.end] if hit else ""
    metric = verb_metric(written)
    named = tables().by_name.get(metric) if metric else None
    if named is None or named is indicator or not admits(named, quantity.unit):
        return None
    return named, written


def _counted_only(indicator: Indicator) -> bool:
    """Whether a bare figure of the indicator can only be a count: its usual unit is a count, or it
    admits counts and percents but no money or measure (a percent is written with its sign)."""
    return indicator.units[0] == "count" or (
        "count" in indicator.units and not {"money", "measure", "index"} & set(indicator.units)
    )


def _governing(
    words: DocumentWords, quantity: Quantity, clause: tuple[int, int], noun: str
) -> Indicator | None:
    """The countable metric whose verb governs a count of people: "employs about 3,000 workers" counts
    employees, "laid off 400 workers" layoffs; a flow ("sold") counts no people."""
    hit = governing_hit(words.text, words.metrics, quantity, clause, noun)
    indicator = indicator_of(hit.name) if hit else None
    if indicator is not None and "count" in indicator.units and indicator.kind != "flow":
        return indicator
    return None


def _per_share(
    text: str, quantity: Quantity, indicator: Indicator | None, words: DocumentWords, clause: tuple[int, int]
) -> bool:
    """Whether a money figure is the price of one share: written per share, or 'each' beside shares
    ("buy back 5 mln shares at 31 dlrs each"), where the clause's metric is the shares, their offering or
    a price ("a rights issue at 2.95 dlrs a share")."""
    if unit_class(quantity.unit) != "money" or (
        indicator and indicator.name not in ("shares", "price", "stock offering")
    ):
        return False
    if quantity.unit.endswith(" per share"):
        return True
    if not per_item(text, quantity):
        return False
    return any(indicator_of(hit.name) is tables().by_name["shares"] for hit in words.metrics.within(*clause))


def _narrowed(indicator: Indicator, text: str, clause: tuple[int, int], words: DocumentWords) -> Indicator:
    """A generic metric made specific by a word of its clause ("current account ... a surplus of"), else
    by one of the headline ("ACME FILES FOR DEBT OFFER": "the issue" is the bond's), else by a metric of
    the headline it may be narrowed to ("ACME ISSUES EUROBOND")."""
    if not indicator.narrowed:
        return indicator
    clause_words = _lowered(text, *clause)
    found = _narrowed_by(indicator, clause_words)
    if found is not None or f" {indicator.name} " in clause_words:
        return found or indicator  # "the budget deficit" under a TRADE DEFICIT headline stays the budget's
    found = _narrowed_by(indicator, _lowered(words.title, 0, len(words.title)))
    if found is not None:
        return found
    targets = {metric for _, metric in indicator.narrowed}
    return next((named for named in words.headline if named.name in targets), indicator)


def _offered(words: DocumentWords, quantity: Quantity, clause: tuple[int, int]) -> bool:
    """Whether an offering of securities is named before a money figure of shares in its clause: the
    money is the offering's size."""
    if unit_class(quantity.unit) != "money":
        return False
    offering = tables().by_name["stock offering"]
    return any(indicator_of(hit.name) is offering for hit in words.metrics.within(clause[0], quantity.start))


def _lowered(text: str, start: int, end: int) -> str:
    """The words of text[start:end], lower case, without genitive 's ("the company's deficit" names
    the company), between spaces."""
    written = (re.sub(r"['’]s$", "", word) for word in _WORD.findall(text, start, end))
    return f" {' '.join(written).lower()} "


def _narrowed_by(indicator: Indicator, lowered: str) -> Indicator | None:
    for word, metric in indicator.narrowed:
        if f" {word} " in lowered:
            return tables().by_name.get(metric, indicator)
    return None


def _clause_indicator(words: DocumentWords, quantity: Quantity, clause: tuple[int, int]) -> Indicator | None:
    """The nearest metric phrase of the clause whose indicator admits the figure's unit, words before
    the figure preferred to words after it (the linker found none it could use)."""
    best: tuple[int, Indicator] | None = None
    for hit in not_names(words.text, words.metrics.within(clause[0], clause[1])):
        indicator = indicator_of(hit.name)
        if quantity.start <= hit.start < quantity.noun_end or indicator is None:
            continue
        if not admits(indicator, quantity.unit):
            continue
        distance = _distance(quantity, hit.start, hit.end)
        if best is None or distance < best[0]:
            best = (distance, indicator)
    return best[1] if best else None


def _written(raw: str, text: str, clause: tuple[int, int]) -> str | None:
    """For an `other` figure: its raw metric word when its clause holds it, else nothing."""
    if raw and f" {raw.lower()} " in f" {' '.join(_WORD.findall(text, clause[0], clause[1])).lower()} ":
        return raw
    return None
