#!/usr/bin/env python3
"""Regenerate docs/brief.png, the README's picture of `posdiff brief`: the brief of the
shipped record as headless Chromium (Debian's `chromium` package) draws it 1000 CSS
pixels wide, from its matrix down. It drives the browser with the tests' own helper.

    python docs/screenshot.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "brief.png"
WIDTH, HEIGHT = 1000, 1700

sys.path.insert(0, str(REPO))
from tests.browser import Browser, find_chromium  # noqa: E402


def main() -> int:
    browser = find_chromium()
    if browser is None:
        print("docs/screenshot.py needs Chromium: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        page_file = Path(work) / "brief.html"
        subprocess.run([sys.executable, "-m", "posdiff", "brief", "--positions",
                        str(REPO / "positions"), "-o", str(page_file)], check=True,
                       stdout=subprocess.DEVNULL)
        with Browser(browser) as chromium:
            page = chromium.open(page_file, WIDTH)
            top = page.evaluate("document.getElementById('matrix')"
                                ".getBoundingClientRect().top + window.scrollY")
            page.screenshot(OUT, top, HEIGHT)
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
