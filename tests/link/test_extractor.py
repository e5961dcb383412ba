"""The Extractor owns its lexicon: tables passed to it are honoured, and the packaged extractor ignores
them (nothing global is compiled from whichever lexicon came first)."""

from __future__ import annotations

import dataclasses
from datetime import date

from metrics.lexicon import Lexicon, lexicon
from metrics.link.extract import Extractor, claims_from_document, default_extractor
from metrics.read.documents import make_document

TEXT = (
    "Widget exports rose to 5 zillion dlrs in 1986, the trade ministry said. "
    "Output reached 40 zorkmids in 1985."
)
DOCUMENT = make_document(TEXT, doc_id="own-words", published=date(1987, 3, 1))


def _custom() -> Lexicon:
    packaged = lexicon()
    return dataclasses.replace(
        packaged,
        scales={**packaged.scales, "zillion": 1e21},
        units={**packaged.units, "zorkmids": "zorkmid", "zorkmid": "zorkmid"},
    )


def _by_surface(claims: list) -> dict[str, tuple[float | None, str]]:
    return {claim.surface: (claim.value, claim.unit) for claim in claims}


def test_a_custom_scale_and_unit_are_honoured_by_an_extractor_built_with_them() -> None:
    found = _by_surface(Extractor(_custom()).extract(DOCUMENT))
    assert found["5 zillion dlrs"] == (5e21, "USD")
    assert found["40 zorkmids"] == (40.0, "zorkmid")


def test_a_custom_vague_plural_is_read_by_the_extractor_built_with_it() -> None:
    packaged = lexicon()
    custom = dataclasses.replace(packaged, vague={**packaged.vague, "oodles": (10.0, 100.0)})
    text = "Oodles of workers joined the strike in 1986."
    ours = [(q.low, q.high) for q in Extractor(custom).finder.find(text)]
    assert (10.0, 100.0) in ours
    assert (10.0, 100.0) not in [(q.low, q.high) for q in Extractor().finder.find(text)]


def test_the_linker_reads_the_cue_words_of_the_lexicon_it_is_given() -> None:
    from metrics.link.linker import Linker

    packaged = lexicon()
    custom = dataclasses.replace(
        packaged,
        clause_breaks=(*packaged.clause_breaks, "howbeit"),
        reporting_verbs=(*packaged.reporting_verbs, "averred"),
    )
    text = "Exports rose 5% in 1986, howbeit imports fell 2%, the minister averred."
    ours, default = Linker(text, None, lex=custom).doc, Linker(text, None).doc
    breaks = text.index("howbeit") + len("howbeit")
    assert breaks in ours.clause_breaks and breaks not in default.clause_breaks
    said = text.index("averred") + len("averred")
    assert said in ours.reporting_ends and said not in default.reporting_ends


def test_the_packaged_extractor_ignores_a_custom_lexicon_built_before_it() -> None:
    Extractor(_custom()).extract(DOCUMENT)  # compiled first: must not leak into the packaged tables
    for claims in (Extractor().extract(DOCUMENT), claims_from_document(DOCUMENT)):
        values = {claim.value for claim in claims}
        units = {claim.unit for claim in claims}
        assert 5e21 not in values
        assert "zorkmid" not in units


def test_claims_from_document_is_the_default_extractor() -> None:
    assert default_extractor() is default_extractor()
    assert default_extractor().lexicon is lexicon()
    assert claims_from_document(DOCUMENT) == default_extractor().extract(DOCUMENT)


def test_one_extractor_gives_the_same_claims_on_every_call() -> None:
    extractor = Extractor(_custom())
    first = extractor.extract(DOCUMENT)
    other = make_document("Imports fell to 3 zillion dlrs in 1984.", published=date(1987, 3, 1))
    extractor.extract(other)
    assert extractor.extract(DOCUMENT) == first
