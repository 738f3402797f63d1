from __future__ import annotations

from pathlib import Path

import mediakit as mk
from mediakit.datasets import sample_articles_path


def test_load_sample_articles_reads_both_versions(repo_root: Path):
    articles = mk.load_sample_articles()
    assert articles.index.name == "doc_id"
    assert articles.index.tolist() == ["wire", "rewrite"]
    # the originals keep their names (data/seed-pair/README.md)
    files = {"wire": "000_f6e284209844c78c.txt", "rewrite": "001_9ff499f4b0b3160f.txt"}
    for doc, name in files.items():
        expected = (repo_root / "data" / "seed-pair" / name).read_text("utf-8")
        assert articles.loc[doc, "text"] == expected
        assert Path(articles.loc[doc, "path"]).name == name
    assert set(articles["encoding"]) == {"utf-8"}


def test_sample_path_is_package_data():
    path = sample_articles_path()
    assert path.is_dir()
    assert path.parts[-3:] == ("mediakit", "data", "seed_pair")


def test_sample_is_a_fresh_frame_each_call():
    a = mk.load_sample_articles()
    a.loc["wire", "text"] = "changed"
    assert mk.load_sample_articles().loc["wire", "text"] != "changed"
