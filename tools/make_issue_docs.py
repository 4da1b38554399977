"""Regenerate docs/kode-masalah.md from the issue catalogue: python tools/make_issue_docs.py"""

from pathlib import Path

from phbs.issues import catalogue_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "kode-masalah.md"
    target.write_text(catalogue_markdown(), encoding="utf-8")
    print(f"written {target}")
