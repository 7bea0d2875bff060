#!/usr/bin/env python3
"""Rebuilds a batch's review texts from saved search excerpts, checking each by its sha256.

    python3 eval/rebuild.py eval/BATCH EXCERPTS_DIR OUT_DIR

EXCERPTS_DIR holds ``<id>.txt``: the excerpt of the review's page exactly as the search tool's
``pages`` corpus returns it for the ``query`` of ``sources.json`` (the result whose address is the
``url``). Each text is ``excerpt[excerpt_start:excerpt_end].strip() + "\\n"``; a text whose hash
does not match is reported and not written. Exit status 0 when every review was rebuilt.
"""
import hashlib
import json
import sys
from pathlib import Path


def main(batch: str, excerpts: str, out: str) -> int:
    sources = json.loads((Path(batch) / "sources.json").read_text(encoding="utf-8"))
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    missing = []
    for rid, meta in sources.items():
        path = Path(excerpts) / f"{rid}.txt"
        if not path.is_file():
            missing.append(f"{rid}: no excerpt")
            continue
        excerpt = path.read_text(encoding="utf-8")
        text = excerpt[meta["excerpt_start"]:meta["excerpt_end"]].strip() + "\n"
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != meta["sha256"]:
            missing.append(f"{rid}: sha256 differs (the excerpt changed?)")
            continue
        (target / f"{rid}.txt").write_text(text, encoding="utf-8")
    for line in missing:
        print(line)
    print("all reviews rebuilt" if not missing else f"{len(missing)} of {len(sources)} not rebuilt")
    return 1 if missing else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
