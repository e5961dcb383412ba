"""`metrics report` as a user runs it: charts, alt text, index; a mistake is one line, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from cli_invoke import Ran, invoke
from conftest import ROOT
from report_store_fixture import build_example_store

from metrics.draw.index_page import chart_path
from metrics.errors import ReportError

REPORTS = ROOT / "reports"
OUTPUTS = ("us_russia_trade", "us_sanctions_on_russia", "putin_trump_contacts")


def run(*args: str | Path, cwd: Path | None = None) -> Ran:
    return invoke("report", *args, cwd=cwd)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("reports")
    db = build_example_store(base / "metrics.duckdb")
    out = base / "out"
    result = run("--all", "--db", db, "--out", out, "--reports", REPORTS)
    assert result.returncode == 0, result.stderr
    return out


def test_all_reports_write_png_alt_text_and_index(rendered: Path) -> None:
    for name in OUTPUTS:
        assert (rendered / f"{name}.png").stat().st_size > 10_000
        alt = (rendered / f"{name}.txt").read_text(encoding="utf-8")
        assert "Source: Pakistan Point News / Sputnik" in alt
    page = (rendered / "index.html").read_text(encoding="utf-8")
    markdown = (rendered / "index.md").read_text(encoding="utf-8")
    assert page.index("us_russia_trade.png") < page.index("us_sanctions_on_russia.png")
    for name in OUTPUTS:
        alt = (rendered / f"{name}.txt").read_text(encoding="utf-8").strip()
        assert f'<img src="{name}.png" alt="' in page
        assert f"![{alt}]({name}.png)" in markdown
    assert '<td class="num">$27bn</td>' in page
    assert "It is expected to reach $27 billion in 2019." in markdown


def test_one_report_renders_alone_and_keeps_the_index_whole(rendered: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(rendered, out)
    db = build_example_store(tmp_path / "m.duckdb")
    result = run("us_russia_trade", "--db", db, "--out", out, "--reports", REPORTS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"wrote {out / 'us_russia_trade.png'}"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(f"{name}.png" in page for name in OUTPUTS)


def test_a_broken_definition_is_one_line_and_the_others_still_render(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    (reports / "40_broken.toml").write_text('title = "x"\nkind = "pie"\n', encoding="utf-8")
    (reports / "50_empty.toml").write_text(
        'title = "Trade"\nmetric = "trade"\nentities = ["Russia", "China"]\n'
        'kind = "timeline"\noutput = "empty"\n',
        encoding="utf-8",
    )
    db = build_example_store(tmp_path / "m.duckdb")
    result = run("--all", "--db", db, "--out", tmp_path / "out", "--reports", reports)
    assert result.returncode == ReportError.exit_code
    lines = result.stderr.splitlines()
    broken = reports / "40_broken.toml"
    assert (
        lines[0]
        == f"metrics: {broken}: field 'kind': unknown kind 'pie'; use one of timeline, spans, comparison"
    )
    assert lines[1].startswith(f"metrics: {reports / '50_empty.toml'}: no data to draw")
    assert lines[2] == "metrics: 2 of 5 reports not drawn"
    assert not (tmp_path / "out" / "empty.png").exists()
    assert (tmp_path / "out" / "us_russia_trade.png").exists()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((), 2, "name the reports to draw, or give --all"),
        (("nope", "--db", "{db}"), 4, "no report named 'nope'"),
        (("--all", "--db", "{missing}"), 3, "no such store"),
    ],
    ids=["no-names", "unknown-name", "missing-store"],
)
def test_usage_mistakes_are_one_line(tmp_path: Path, args: tuple[str, ...], code: int, message: str) -> None:
    db = build_example_store(tmp_path / "m.duckdb")
    filled = [a.format(db=db, missing=tmp_path / "none.duckdb") for a in args]
    result = run(*filled, "--reports", REPORTS, "--out", tmp_path / "out")
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".hidden", "x" * 200])
def test_report_names_cannot_leave_the_output_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReportError):
        chart_path(tmp_path, name, ".png")


def test_the_index_page_renders_in_a_browser(rendered: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    shot = tmp_path / "index.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1400,3000",
             (rendered / "index.html").as_uri()],
            capture_output=True, check=False, timeout=120,
        )  # fmt: skip
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 3000)
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert (0, 114, 178) in colours  # the charts' Okabe–Ito blue: the PNGs were loaded, not broken images
