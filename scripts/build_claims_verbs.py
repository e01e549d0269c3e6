"""Build rules/claims-verbs.txt: English verbs, for telling a sentence from a fragment.

A word of the Hunspell en_US dictionary (Debian package hunspell-en-us, SCOWL-derived, free
licence) whose affix flags allow "-ed" (D) or "-ing" (G) is taken as a verb. Claim
detection uses the inflected forms only (-s, -es, -ed: "preserves", "flushed"), never the bare
form, which is too often a noun ("pressure", "target").

Usage: python scripts/build_claims_verbs.py [/usr/share/hunspell/en_US.dic]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "claims-verbs.txt"
HEADER = """\
# Verbs for claim detection's fragment test (checker/claims/lexicon.py): one lemma a line.
# Built by scripts/build_claims_verbs.py from the Hunspell en_US dictionary (hunspell-en-us,
# SCOWL): words whose affix flags allow -ed (D) or -ing (G). Only their inflected forms
# (-s, -es, -ed) count as finite verbs. Edit by hand if a word misleads the test.
"""


def main() -> None:
    """Read the dictionary and write the verb list."""
    dic = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/en_US.dic")
    verbs = set()
    for line in dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        word, _, flags = line.partition("/")
        if word.isalpha() and word.islower() and len(word) > 2 and ("D" in flags or "G" in flags):
            verbs.add(word)
    OUT.write_text(HEADER + "\n".join(sorted(verbs)) + "\n", encoding="utf-8")
    print(f"wrote {len(verbs)} verbs to {OUT}")


if __name__ == "__main__":
    main()
