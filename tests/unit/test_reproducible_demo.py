"""Two builds of the demo site are byte-identical (issue 7: reproducible output)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from site_build import ROOT, build, differences


def test_two_builds_of_the_demo_are_identical(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    # The demo's own config, with a site_url so that sitemap.xml(.gz) has entries to compare.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config.write_text("site_url: https://example.org/demo/\n" + text, encoding="utf-8")
    build(config, tmp_path / "one", hash_seed="1")
    build(config, tmp_path / "two", hash_seed="2")
    assert differences(tmp_path / "one", tmp_path / "two") == []
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    # <lastmod> is the page's ms.date, not the day of the build.
    assert "<loc>https://example.org/demo/customer-communication-from-microsoft/</loc>\n" \
           "         <lastmod>2020-07-10</lastmod>" in sitemap
    with gzip.open(tmp_path / "one" / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    assert re.findall(r"<lastmod>([^<]+)", sitemap)


def _cli(args: list[str], hash_seed: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed,
               PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "mkdocs_sxs", *args], env=env, capture_output=True, timeout=600)


@pytest.mark.parametrize("fmt", ["po", "xliff", "tmx", "jsonl"])
def test_extract_is_byte_identical_across_runs(tmp_path: Path, fmt: str):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / seed
        result = _cli(["extract", str(ROOT / "docs"), "--format", fmt, "--output", f"{target}/"], seed)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(target)
    assert differences(*outputs) == []
    files = [path for path in outputs[0].rglob("*") if path.is_file()]
    assert files
    today = datetime.now(UTC)
    for path in files:  # no timestamp of the run (PO's POT-Creation-Date comes from SOURCE_DATE_EPOCH)
        data = path.read_text(encoding="utf-8")
        assert today.strftime("%Y-%m-%d") not in data and today.strftime("%Y%m%d") not in data, path


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_qa_report_is_byte_identical_across_runs(tmp_path: Path, fmt: str):
    reports = []
    for seed in ("1", "2"):
        report = tmp_path / f"qa-{seed}.{fmt}"
        result = _cli(["qa", str(ROOT / "docs"), "--format", fmt, "--output", str(report)], seed)
        assert result.returncode in (0, 1), result.stderr.decode()
        reports.append(report.read_bytes())
    assert reports[0] == reports[1] and reports[0]
