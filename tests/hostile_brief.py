"""A copy of the river record whose values try to break out of a page: markup, entities,
a closing </svg>, a javascript: address. Shared by the brief's HTML and browser tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import DATA, edit, repin

SCRIPT = "<script>window.__posdiff_pwned = 1</script>"
BREAKOUT = "</svg></table><svg onload=alert(1)>"
ENTITIES = "&amp; &lt;b&gt; &#60;i&#62; \"double\" 'single'"
QUOTED = "They painted <script>window.__posdiff_pwned = 2</script> on the weir & left it"
LINK = "https://example.org/report?a=1&b=2"


def hostile_record(root: Path) -> Path:
    """The river record under ``root``/hostile, its values made hostile; the record still
    passes `posdiff check`, so every value reaches the page."""
    # JSON strings are YAML double-quoted scalars: any value goes in as it is.
    q = json.dumps
    record = root / "hostile"
    shutil.copytree(DATA / "river", record)
    positions, seeds = record / "positions", record / "seeds"
    edit(positions / "issues.yaml", "title: Monitoring", f"title: {q('Monitoring ' + BREAKOUT)}")
    edit(positions / "issues.yaml", "label: no monitoring",
         f"label: {q('<img src=x onerror=alert(1)> no monitoring')}")
    edit(positions / "downstream.yaml", "name: Downstream State",
         f"name: {q('Downstream ' + SCRIPT)}")
    edit(positions / "downstream.yaml", "stance: Wants a joint monitoring commission.",
         f"stance: {q('Wants a joint commission ' + ENTITIES)}")
    edit(seeds / "talks.txt", "acceptable in principle.\n",
         f"acceptable in principle.\n{QUOTED} for the cameras.\n")
    edit(positions / "upstream.yaml",
         "        quote: a joint monitoring commission was acceptable in principle\n",
         "        quote: a joint monitoring commission was acceptable in principle\n"
         f"      - seed: river-report\n        quote: {q(QUOTED)}\n")
    edit(seeds / "index.yaml", "    title: River talks stall over summer flows",
         f"    title: {q('River talks </title><script>alert(3)</script>')}\n"
         f"    url: {q('javascript:alert(document.domain)')}")
    (seeds / "notes.txt").write_text("Notes of the second round.\nThe mediator proposed a "
                                     "55 per cent share once more.\n", encoding="utf-8")
    with (seeds / "index.yaml").open("a", encoding="utf-8") as index:
        index.write(f"  - id: round-notes\n    file: notes.txt\n    outlet: {q('Gazette <b>')}\n"
                    f"    url: {q(LINK)}\n")
    # An earlier entry, so that the page draws a line over time.
    edit(positions / "mediator.yaml", "positions:\n", """positions:
  - issue: water-share
    as_of: 2024-05-02
    position: 50
    salience: 40
    stance: Proposes an even split first.
    evidence:
      - seed: round-notes
        quote: The mediator proposed a 55 per cent share once more
""")
    repin(record)
    return record
