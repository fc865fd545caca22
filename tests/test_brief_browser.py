"""The brief as a browser renders it: headless Chromium opens the page from disk at a
phone's width and a laptop's, and these tests assert on what it rendered.

They skip, saying why, where Chromium is not installed; under POSDIFF_BROWSER=required
(which .ci/run sets once it has installed Chromium) a missing browser fails them instead.
POSDIFF_SCREENSHOTS=DIR keeps a screenshot of each page at each width, for a person to
look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from posdiff.cli import app

from tests.browser import Browser, Page, find_chromium
from tests.conftest import REPO
from tests.hostile_brief import BREAKOUT, QUOTED, SCRIPT, hostile_record

WIDTHS = (375, 1280)

# Everything the tests ask of a rendered page, in one round trip.
FACTS = """(() => {
  const root = document.documentElement;
  const size = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const inside = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= root.clientWidth + 0.5; };
  const heat = document.querySelector("table.heatmap");
  const pictures = (selector) => [...document.querySelectorAll(selector)].map((svg) => ({
    size: size(svg), marks: svg.querySelectorAll("circle").length,
    shown: [...svg.querySelectorAll("circle")].filter(inside).length,
    label: svg.getAttribute("aria-labelledby"),
    described: !!document.getElementById(svg.getAttribute("aria-describedby")),
  }));
  return {
    width: root.scrollWidth, viewport: root.clientWidth,
    heatmap: heat && { size: size(heat), cells: heat.querySelectorAll("tbody td").length,
      coloured: [...heat.querySelectorAll("tbody td")].filter((td) =>
        getComputedStyle(td).backgroundColor !== "rgba(0, 0, 0, 0)").length },
    strips: pictures("svg.strip"), timelines: pictures("svg.timeline"),
    rows: [...document.querySelectorAll("svg.strip + figcaption")].length,
    scripts: document.scripts.length,
    pwned: typeof window.__posdiff_pwned,
    javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
    text: document.body.innerText,
    cutOff: [...document.querySelectorAll("svg text")].filter((t) => {
      const r = t.getBoundingClientRect(); return r.left < 0 || r.right > root.clientWidth + 0.5;
    }).map((t) => t.textContent),
  };
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        why = ("headless Chromium is not installed (Debian: apt-get install chromium), so "
               "the brief is not checked in a browser")
        if os.environ.get("POSDIFF_BROWSER") == "required":
            pytest.fail(why)
        pytest.skip(why)
    with Browser(executable) as opened:
        yield opened


def _write_brief(folder: Path, out: Path) -> Path:
    done = CliRunner().invoke(app, ["brief", "--positions", str(folder / "positions"),
                                    "-o", str(out)], env={"NO_COLOR": "1"})
    assert done.exit_code == 0, done.output
    return out


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The brief of the shipped record and of a record of hostile values, written by
    the command as a user runs it."""
    here = tmp_path_factory.mktemp("briefs")
    return {"shipped": _write_brief(REPO, here / "shipped.html"),
            "hostile": _write_brief(hostile_record(here), here / "hostile.html")}


@pytest.fixture(scope="module")
def rendered(browser: Browser, briefs: dict[str, Path]) -> dict[tuple[str, int], Any]:
    """(brief, width) -> what the page did while loading and the facts of FACTS."""
    found = {}
    keep = os.environ.get("POSDIFF_SCREENSHOTS")
    for name, path in briefs.items():
        for width in WIDTHS:
            page = browser.open(path, width)
            found[name, width] = (page.visit(), page.evaluate(FACTS))
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                page.screenshot(Path(keep) / f"brief-{name}-{width}.png")
            page.close()
    return found


CASES = [(name, width) for name in ("shipped", "hostile") for width in WIDTHS]


@pytest.mark.parametrize(("name", "width"), CASES)
def test_the_page_loads_without_errors_or_requests(rendered: dict[tuple[str, int], Any],
                                                   name: str, width: int) -> None:
    visit, _ = rendered[name, width]
    assert visit.errors == []
    assert visit.requests == []


@pytest.mark.parametrize(("name", "width"), CASES)
def test_the_page_fits_the_width_without_scrolling_sideways(
        rendered: dict[tuple[str, int], Any], name: str, width: int) -> None:
    _, facts = rendered[name, width]
    assert facts["viewport"] == width
    assert facts["width"] <= width
    assert facts["cutOff"] == []  # no label of a picture runs off the screen


@pytest.mark.parametrize("width", WIDTHS)
def test_the_heatmap_and_every_strip_are_drawn(rendered: dict[tuple[str, int], Any],
                                               width: int) -> None:
    _, facts = rendered["shipped", width]
    heat = facts["heatmap"]
    assert (heat["cells"], heat["coloured"]) == (4 * 4, 4 * 3)  # all but the diagonal
    assert heat["size"][0] > 200 and heat["size"][1] > 100
    assert len(facts["strips"]) == 14  # one per issue of the shipped record
    for strip in facts["strips"]:
        assert strip["size"][0] > width * 0.8 and strip["size"][1] > 60
        assert strip["marks"] >= 1 and strip["shown"] == strip["marks"]  # all in sight
        assert strip["described"]  # its table is there for a screen reader
    assert len(facts["timelines"]) >= 1
    for chart in facts["timelines"]:
        assert chart["marks"] >= 2 and chart["shown"] == chart["marks"]


@pytest.mark.parametrize("width", WIDTHS)
def test_hostile_values_show_as_text_and_never_run(rendered: dict[tuple[str, int], Any],
                                                   width: int) -> None:
    _, facts = rendered["hostile", width]
    assert facts["pwned"] == "undefined"  # neither injected script ran
    assert facts["scripts"] == 0
    assert facts["javascriptLinks"] == 0
    for value in (SCRIPT, QUOTED, BREAKOUT):
        assert value in facts["text"]
    assert len(facts["strips"]) == 2  # the </svg> in a title broke no picture
    assert all(strip["marks"] for strip in facts["strips"])


def test_the_contents_are_reached_by_keyboard(browser: Browser,
                                              briefs: dict[str, Path]) -> None:
    page = browser.open(briefs["shipped"], 1280)
    try:
        _press(page, "Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the contents"
        _press(page, "Enter")
        _press(page, "Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#matrix"
        _press(page, "Enter")
        assert page.evaluate("location.hash") == "#matrix"
    finally:
        page.close()


def test_on_paper_the_contents_go_and_the_colours_stay(browser: Browser,
                                                       briefs: dict[str, Path]) -> None:
    page = browser.open(briefs["shipped"], 1280)
    try:
        browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
        assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") \
            == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('.heatmap td.h8'))"
                             ".printColorAdjust") == "exact"
    finally:
        page.close()


def test_the_browser_checks_would_see_a_request_an_error_and_a_script(
        browser: Browser, tmp_path: Path) -> None:
    """The controls: a page that fetches, logs an error and runs a script is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><img src="http://example.invalid/x.png">'
                   '<script>window.__posdiff_pwned = 1; console.error("boom")</script>',
                   encoding="utf-8")
    page = browser.open(bad, 375)
    try:
        visit = page.visit()
        assert "http://example.invalid/x.png" in visit.requests
        assert any("boom" in error for error in visit.errors)
        assert page.evaluate("typeof window.__posdiff_pwned") == "number"
    finally:
        page.close()


def _press(page: Page, key: str) -> None:
    code = {"Tab": 9, "Enter": 13}[key]
    text = {"Enter": "\r"}.get(key, "")
    for kind in ("keyDown", "keyUp"):
        page.browser.call("Input.dispatchKeyEvent", {
            "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code,
            **({"text": text} if text and kind == "keyDown" else {})}, session=page.session)
