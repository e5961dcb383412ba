from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation import run as evaluate
from evaluation.matchers import MODELS


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.argv", ["evaluation.run", *argv])
    try:
        evaluate.main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def make_peers(root: Path) -> Path:
    (root / "newsquant").mkdir(parents=True)
    sentences = [
        {"text": "Imports fell to $3 billion.", "quantities": [{"value": "3e9", "normalized_unit": "dollar"}]}
    ]
    (root / "newsquant" / "NewsQuant.dev.json").write_text(json.dumps(sentences), encoding="utf-8")
    (root / "recognizers-text").mkdir()
    for rules in MODELS:
        (root / "recognizers-text" / rules.file).write_text('[{"Input": "Quiet day.", "Results": []}]')
    return root


def test_prints_every_figure_and_writes_failure_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    peers = make_peers(tmp_path / "peers")
    out = tmp_path / "eval"
    assert run(["--peers", str(peers), "--out", str(out)], monkeypatch) == 0
    printed = capsys.readouterr().out
    assert "NewsQuant dev: 1 sentences, 1 quantities" in printed
    assert "value       P" in printed and "value+unit  P" in printed
    for rules in MODELS:
        assert rules.name in printed
    assert "applicable = " in printed and "pass = " in printed
    assert (out / "newsquant.failures.txt").exists()
    for rules in MODELS:
        assert (out / f"{rules.name}.failures.txt").exists()


def test_missing_peers_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--peers", str(tmp_path / "nowhere")], monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--peers" in err and "Traceback" not in err


def test_default_peers_is_the_shared_folder_beside_the_project() -> None:
    project = Path(evaluate.__file__).resolve().parents[1]
    assert evaluate.default_peers() == project.parent / "shared" / "peers"
