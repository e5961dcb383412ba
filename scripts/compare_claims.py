"""Prove that a change left the extractor's output alone: extract a corpus now and compare it, claim by
claim, with a file of claims saved before the change.

    python scripts/compare_claims.py save before.jsonl CORPUS.jsonl...
    python scripts/compare_claims.py check before.jsonl CORPUS.jsonl...

`check` exits 1 and names the first differing claims when the two disagree.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from metrics.link.extract import claims_from_document
from metrics.read.documents import read_documents


def claim_lines(corpora: list[str]) -> Iterator[str]:
    for document in read_documents(corpora):
        for claim in claims_from_document(document):
            yield json.dumps(claim.to_dict(), ensure_ascii=False, sort_keys=True)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("save", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    verb, saved, corpora = argv[0], Path(argv[1]), argv[2:]
    if verb == "save":
        with saved.open("w", encoding="utf-8") as out:
            count = sum(out.write(line + "\n") > 0 for line in claim_lines(corpora))
        print(f"saved {count} claims to {saved}")
        return 0
    before = saved.read_text(encoding="utf-8").splitlines()
    after = list(claim_lines(corpora))
    differ = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    if len(before) == len(after) and not differ:
        print(f"identical: {len(after)} claims")
        return 0
    print(f"DIFFERENT: {len(before)} claims before, {len(after)} after, {len(differ)} changed in place")
    for i in differ[:5]:
        print(f"- before: {before[i]}\n+ after:  {after[i]}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
