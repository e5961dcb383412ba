"""Whose figure it is: `subject` (the owner) and `counterpart` (the partner, target, creditor or
customer), from the structure of the figure's sentence.

Only the figure's own actors count. A mention is dropped when it is a currency ("U.S. dollars"), part
of a longer name ("Gulf of Mexico"), the place where something happens ("plants in Ohio"), a time
("under Reagan"), or a source that only reports the figure while another actor owns it ("the IMF said
Brazil's growth..."). Of the rest, "between X and Y" gives both; a possessive ("Japan's exports") or
the first actor of the clause is the subject; an actor after a partner preposition ("to", "with",
"from", "against", "in") or a deal verb ("acquire") is the counterpart of a metric that has parties.
A sentence without actors of its own takes them through the article: a pronoun sentence from the
figure before, "the company" from the company named last, an elided subject from the headline.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from metrics import lazy_re
from metrics.find.gazetteer import kind_of
from metrics.lexicon import Indicator, lexicon
from metrics.link import keywords as cue
from metrics.link.cast import Cast
from metrics.link.counterparts import IT_START, deal_target, held, pronoun_buyer
from metrics.link.nationality import DESCRIBES, nationality_of
from metrics.link.role_words import commodity_words, role_patterns, role_words
from metrics.records import EntityMention, Quantity, TimeMention

SOURCE_REACH = 30
"""Characters after an actor within which a reporting verb makes it the figure's source."""

_LISTED = lazy_re.compile(
    r"(?:'s|’s)?\s*,?\s*(?:(?:at|with|of|had|has|was|on)\s+)?(?:(?:about|some|nearly|over)\s+)?"
)
"""What may stand between an actor and its figure in a list ("Japan at 83 pct, the EC with 69 pct")."""
_LIST_ITEM = lazy_re.compile(r"(?:,|\band|\bwith)\s+(?:the\s+)?$")
"""What opens a list item before its actor ("..., with Chile at 12 pct")."""
_DIVISION = lazy_re.compile(r"\s+(?:[Dd]ivision|[Dd]ivisions)\b")
_MARKET_PRICES = frozenset({"price"})
"""Metrics whose figure a country before a commodity word does not own ("US crude lost $2")."""
_HEADS_FIGURE = lazy_re.compile(r"\s+(?:at|with)\s+(?:about\s+|some\s+|nearly\s+)?[\d$£€¥]")


@cache
def _contacts() -> frozenset[str]:
    return frozenset(role_words()["contacts"]["metrics"])


@cache
def _economy() -> frozenset[str]:
    return frozenset(role_words()["economy"]["metrics"])


def _source(cast: Cast, mention: EntityMention, p: dict[str, re.Pattern[str]]) -> bool:
    """_is_source, worked out once per mention."""
    key = ("source", mention.start, mention.end)
    if key not in cast.memo:
        cast.memo[key] = _is_source(cast.text, mention, p)
    return bool(cast.memo[key])


def _is_source(text: str, mention: EntityMention, p: dict[str, re.Pattern[str]]) -> bool:
    after = text[mention.end : mention.end + SOURCE_REACH]
    before = text[max(0, mention.start - 30) : mention.start]
    if p["officer"].search(before) and p["reporting"].search(text, max(0, mention.start - 80), mention.start):
        return True  # "..., said Jo Lund, a director of Acme": the speaker's employer reports
    if mention.kind == "organisation" and p["report_noun"].match(after):
        return True  # "the OECD outlook", "an IMF report": the figure is the report's subject's
    if p["source_after"].match(after):
        return not p["self_report"].match(after)  # "the IMF said"; but "Acme said its profit" is Acme's
    # "..., said the IMF." reports; "said the United States has used sanctions" opens what it reports
    return bool(p["source_before"].search(before) and p["clause_end"].match(after))


def _eligible(
    cast: Cast, mentions: Sequence[EntityMention], times: Sequence[TimeMention]
) -> list[EntityMention]:
    """The mentions that can own a figure: no currency, no longer name, no place, no time."""
    p = role_patterns()
    text = cast.text
    kept = []
    for mention in mentions:
        before = text[max(0, mention.start - 40) : mention.start]
        if any(t.start <= mention.start < t.end for t in times):
            continue
        if (mention.kind == "country" and p["currency"].match(text, mention.end)) or p["inside_name"].search(
            before
        ):  # "Canadian dollars" is money; "the Tories won" a vote
            continue
        if mention.kind == "country" and p["place_noun"].match(text, mention.end):
            continue  # "the Kenyan port of Mombasa": where
        if p["place"].search(before) and mention.kind != "company":
            continue  # "a plant in Ohio" is where; "a stake in Acme" is in whom
        if mention.kind == "country" and any(nationality_of(text, mention, m) for m in mentions):
            continue  # "Sweden's Norbanken reported": the country says whose firm; the firm is the actor
        described = next((m for m in mentions if _describes(text, mention, m)), None)
        if described is not None and not _DIVISION.match(text, described.end):
            continue  # "Vexa's unit Corin Labs": the parent describes the company that is the actor
        if _DIVISION.match(text, mention.end) and any(_describes(text, m, mention) for m in mentions):
            continue  # "Vexa's Corin Labs Division": a division gives way to its parent
        kept.append(mention)
    return kept


def _with_references(
    cast: Cast, sentence: tuple[int, int], named: list[EntityMention]
) -> list[EntityMention]:
    """The sentence's named actors and its "the company", "the country" and "its", in text order."""
    key = ("actors", *sentence)
    if key in cast.memo:
        return cast.memo[key]  # type: ignore[return-value]
    spans = [(m.start, m.end) for m in named]
    p = role_patterns()
    owning = set(named)  # "its" passes over a partner and over a name that owns nothing here (a place)
    found = cast.references(
        *sentence, partner=lambda m: m not in owning or _after_partner_word(cast.text, m, p)
    )
    references = [r for r in found if not any(s <= r.start < e for s, e in spans)]
    actors = sorted([*named, *references], key=lambda m: m.start)
    if cast.settled(*sentence) and named is cast.eligible.get(sentence):
        cast.memo[key] = actors
    return actors


def _describes(text: str, owner: EntityMention, named: EntityMention) -> bool:
    """Whether company `owner` is a genitive that describes the company named right after it."""
    return (
        owner.kind == named.kind == "company"
        and text.startswith(("'s", "’s"), owner.end)
        and 0 < named.start - owner.end < 40
        and bool(DESCRIBES.fullmatch(text, owner.end, named.start))
    )


def _actor_name(cast: Cast, mention: EntityMention, contact: bool) -> str:
    """A leader stands for his country except in figures between people (meetings, calls)."""
    if mention.kind == "person" and not contact:
        for leader in lexicon().leaders:
            if leader.name == mention.name:
                return cast.name(EntityMention(0, 0, "", leader.country, "country"))
    return cast.name(mention)


def assign(
    cast: Cast,
    quantity: Quantity,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    times: Sequence[TimeMention],
    indicator: Indicator | None,
) -> tuple[str, ...]:
    """The figure's actors in role order: (subject,), (subject, counterpart), or () when it has none."""
    text = cast.text
    p = role_patterns()
    if p["distance"].match(text, quantity.end):
        return ()  # "100 km northwest of Lisbon": where a place lies, no one's figure
    contact = indicator is not None and indicator.name in _contacts()
    economy = indicator is not None and indicator.name in _economy()
    parties = indicator is not None and indicator.parties
    if sentence not in cast.eligible:  # the same for every figure of the sentence
        cast.eligible[sentence] = _eligible(cast, cast.mentions.within(*sentence), times)
    in_sentence = _with_references(cast, sentence, cast.eligible[sentence])
    in_sentence = [m for m in in_sentence if not _located_after(text, quantity, m)]
    benchmark = False  # "US light crude lost $2": a market price, no one's (and no one's from the article)
    if indicator is not None and indicator.name in _MARKET_PRICES:
        dropped = {
            m.name for m in in_sentence if m.kind == "country" and commodity_words().match(text, m.end)
        }
        # its "its lowest close" is the benchmark's too
        kept = [m for m in in_sentence if m.name not in dropped]
        benchmark, in_sentence = bool(dropped), kept
    sources = [m for m in in_sentence if _source(cast, m, p)]
    owners = [m for m in in_sentence if m not in sources]
    if not owners and sources:  # "..., the USDA said": the article's actor, else the source itself
        context = _from_context(cast, sentence, quantity, parties, contact, economy)
        # the opening's first name is too weak a guess to take a figure from the one who gives it
        weak = not cast.headline and not cue.PRONOUN_START.match(text, sentence[0])
        same = context == tuple(cast.name(m) for m in sources[:1])
        owners = sources if not context or same or weak else []
    colon = text.rfind(":", sentence[0], quantity.start)
    if colon >= 0 and any(colon < m.start < quantity.start for m in owners):
        owners = [m for m in owners if m.start > colon]  # 'He said: "OPEC wants 18 dlrs"': the quote's
    # the figure's clause; else the main clause before it, never a relative clause after it
    in_clause = [m for m in owners if clause[0] <= m.start < clause[1]] or [
        m for m in owners if m.start < clause[0]
    ]
    roles = _roles(cast, quantity, in_clause, parties, contact, p)
    names = tuple(dict.fromkeys(_actor_name(cast, m, contact) for m in roles))
    if not names and not benchmark:
        names = _from_context(cast, sentence, quantity, parties, contact, economy)
    elif (
        len(names) == 1
        and roles
        and (
            _counterpart(cast, roles[0], p, False)
            or (roles[0].start >= quantity.end and IT_START.match(text, sentence[0]))
            or pronoun_buyer(text, sentence[0], roles[0])
        )
    ):  # "It bought 60 pct of Acme": the pronoun is the subject
        subject = _from_context(cast, sentence, quantity, parties, contact)[:1]
        names = tuple(dict.fromkeys((*subject, *names))) if subject else names
    cast.last = names
    cast.last_sentence = cast.sentences.index(sentence[0])
    return names


def _located_after(text: str, quantity: Quantity, mention: EntityMention) -> bool:
    """'56,500 employees in Brazil', '40 plants at Ohio', 'one summit, in Helsinki': where the counted
    things are, not whose."""
    if mention.start < quantity.noun_end or quantity.noun_end == quantity.end:
        return False
    return bool(re.fullmatch(r",?\s+(?:in|at)\s+(?:the\s+)?", text[quantity.noun_end : mention.start]))


def _after_partner_word(text: str, mention: EntityMention, p: dict[str, re.Pattern[str]]) -> bool:
    """After "to", "from", "against", "into": "owes $2bn to the IMF" (the IMF is no antecedent of "its")."""
    return bool(p["always_partner"].search(text, max(0, mention.start - 30), mention.start))


def _counterpart(cast: Cast, mention: EntityMention, p: dict[str, re.Pattern[str]], parties: bool) -> bool:
    """_is_counterpart, worked out once per mention (each figure of a sentence asks of every actor)."""
    key = ("counterpart" if parties else "counterpart_alone", mention.start, mention.end)
    found = cast.memo.get(key)
    if found is None:
        found = cast.memo[key] = _is_counterpart(cast.text, mention, p, parties)
    return bool(found)


def _is_counterpart(text: str, mention: EntityMention, p: dict[str, re.Pattern[str]], parties: bool) -> bool:
    """After a partner preposition or a deal verb: "exports to Japan", "sanctioned Iran"."""
    before = text[max(0, mention.start - 30) : mention.start]
    if p["agent"].search(before):
        return False
    if p["always_partner"].search(before) or p["object"].search(before):
        return True
    return parties and bool(p["partner"].search(before))


def _roles(
    cast: Cast,
    quantity: Quantity,
    actors: list[EntityMention],
    parties: bool,
    contact: bool,
    p: dict[str, re.Pattern[str]],
) -> list[EntityMention]:
    if not actors:
        return []
    text = cast.text
    for first, second in itertools.pairwise(actors):  # "the two companies": both, in the article's order
        if first.start == second.start and first.kind == second.kind == "reference":
            return [first, second]
    for first, second in itertools.pairwise(actors):  # "trade between X and Y"
        if any(quantity.end <= m.start < first.start for m in actors):
            break  # a pair after a nearer actor is another phrase's ("6 pct owned by X, ... between Y and Z")
        opening = text[max(0, first.start - 20) : first.start]
        joined = re.fullmatch(r"\s*(?:and|-|–|/)\s*(?:the\s+)?", text[first.end : second.start])
        if joined and second.end <= quantity.start and first.kind == second.kind:
            return [first, second]  # "the United States and Russia signed 3 accords", "Russia-US trade"
        if p["between"].search(opening) and re.fullmatch(
            r"\s+and\s+(?:the\s+)?", text[first.end : second.start]
        ):
            return [first, second]
    partners = [m for m in actors if _counterpart(cast, m, p, parties)]
    possessive = [  # "to acquire Acme's routes": the possessive is the deal's object, no subject
        m
        for m in actors
        if p["possessive"].match(text, m.end)
        and m.start < quantity.start
        and not (m in partners and p["object"].search(text, max(0, m.start - 40), m.start))
    ]
    # "blacklisted 300 Russian individuals": whose the counted things are is the other party
    partners += [m for m in actors if quantity.end <= m.start < quantity.noun_end and m not in partners]
    subject: EntityMention | None = None
    listed = [
        m
        for m in actors
        if m.end <= quantity.start
        and _LISTED.fullmatch(text, m.end, quantity.start)
        and (not _counterpart(cast, m, p, parties) or _LIST_ITEM.search(text, max(0, m.start - 12), m.start))
    ]
    # an actor that heads a later figure of a list ("..., with Chile at 12 pct") is not this one's
    partners = [m for m in partners if not (m.start > quantity.end and _HEADS_FIGURE.match(text, m.end))]
    agents = [m for m in actors if p["agent"].search(text, max(0, m.start - 30), m.start)]
    agent_after = [m for m in agents if m.start >= quantity.end]
    if agents and (not listed or agent_after):  # "9 pct owned by X", "subject to US penalties": X's
        subject = (agent_after or agents)[0]
        partners = [m for m in actors if m is not subject and (m in partners or m.start < subject.start)]
    elif listed:  # "..., with Chile at 12 pct and Peru 9 pct": each figure is the actor written before it
        subject = listed[-1]
        partners = [m for m in partners if m.start > quantity.start]
    elif possessive:
        subject = possessive[-1]
    else:
        free = [m for m in actors if m not in partners]
        before = [m for m in free if m.end <= quantity.start]
        after = [m for m in free if m.start >= quantity.end]
        subject = before[0] if before else after[0] if after else None
    if contact:
        others = [m for m in actors if subject is None or m.name != subject.name]
    else:
        others = [m for m in partners if subject is None or m.name != subject.name]
        others.sort(key=lambda m: not held(text, quantity.end, m.start))  # "50 pct stakes in Acme": Acme
        if not others and parties and subject is not None and subject.start < quantity.start:
            # "X acquired 60 pct of Y's unit Z": a two-party figure's other actor after it is its partner
            others = [
                m
                for m in actors
                if m.start >= quantity.end
                and m.name != subject.name
                and not _HEADS_FIGURE.match(text, m.end)
                and not _LIST_ITEM.search(text, max(0, m.start - 12), m.start)
            ][:1]
        if not others and subject is not None and subject not in partners:  # "paid 40 mln for Corvan"
            target = deal_target(text, subject, quantity, actors)
            others = [target] if target else []
    partner = others[0] if others else None
    if subject is None:
        return [partner] if partner else []
    return [subject, partner] if partner else [subject]


def _from_context(
    cast: Cast,
    sentence: tuple[int, int],
    quantity: Quantity,
    parties: bool,
    contact: bool,
    economy: bool = False,
) -> tuple[str, ...]:
    """Actors through the article for a sentence that names none of its own (`economy`: the figure is of
    an economy, whose owner is a country)."""
    text = cast.text
    start = sentence[0]
    if cue.PRONOUN_START.match(text, start):
        if cast.last and cast.last_sentence == cast.sentences.index(start) - 1:
            return cast.last  # "It has happened 37 times": as the figure before
        earlier = cast.sentence_before(start)
        if earlier is not None:  # "The EU has sanctioned Iran again. It has happened 37 times."
            actors = _with_references(cast, earlier, _eligible(cast, cast.mentions.within(*earlier), ()))
            roles = _roles(
                cast, Quantity(earlier[1], earlier[1], "", 0.0), actors, parties, contact, role_patterns()
            )
            if roles:
                return tuple(dict.fromkeys(_actor_name(cast, m, contact) for m in roles))
        if cast.last:
            return cast.last
    if cast.refers("company", start, quantity.start) or cast.refers("pronoun", start, quantity.start):
        company = cast.company_before(start)
        if company:
            return (company,)
    if cast.refers("country", start, quantity.start):
        country = cast.main("country")
        if country:
            return (country,)
    if economy:
        return _economy_owner(cast, start)
    main = cast.main()
    return (main,) if main else ()


def _economy_owner(cast: Cast, start: int) -> tuple[str, ...]:
    """A figure of an economy from the article: the article's main country, else the one country of
    the figure before when it is in this sentence or the one before, else nobody (roles.toml [economy])."""
    country = cast.main("economy")
    if country:
        return (country,)
    recent = cast.last_sentence >= cast.sentences.index(start) - 1
    if recent and len(cast.last) == 1 and kind_of(cast.last[0]) == "country":
        return cast.last
    return ()
