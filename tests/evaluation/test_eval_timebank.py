"""evaluation/timebank.py on a TimeML document written for this test: the TempEval-3 measures."""

from __future__ import annotations

from pathlib import Path

from evaluation.timebank import evaluate_timebank, read_timeml, timebank_block

DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2004-06-10">2004-06-10</TIMEX3></DCT>
<TEXT>The ferry firm said <TIMEX3 tid="t1" type="DATE" value="2004-06-09">yesterday</TIMEX3> that fares rose
in <TIMEX3 tid="t2" type="DATE" value="2004-05">May</TIMEX3> and will rise for
<TIMEX3 tid="t3" type="DURATION" value="P2Y">two years</TIMEX3>, the Harbour Tuesday club says.</TEXT>
</TimeML>
"""


def test_reads_text_and_gold_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(DOCUMENT, encoding="utf-8")
    text, published, gold = read_timeml(path)
    assert published == "2004-06-10"
    assert [g.text for g in gold] == ["yesterday", "May", "two years"]
    assert all(text[g.start : g.end] == g.text for g in gold)


def test_measures(tmp_path: Path) -> None:
    (tmp_path / "timebank").mkdir()
    (tmp_path / "timebank" / "doc.tml").write_text(DOCUMENT, encoding="utf-8")
    result = evaluate_timebank(tmp_path)
    assert (result.documents, result.gold) == (1, 3)
    assert result.relaxed == 3 and result.valued == 3
    assert result.predicted == 4  # 'Tuesday' in a club's name is an extra guess
    assert abs(result.f1(result.relaxed) - 2 * 0.75 * 1.0 / 1.75) < 1e-9
    assert "TimeBank: 1 documents" in timebank_block(result)[0]
