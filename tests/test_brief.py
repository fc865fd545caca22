"""`posdiff brief`: what the page holds (from the same results as the other commands),
that every value of the record reaches it as text, its budgets, and the command."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from posdiff.analysis.compromise import compromise
from posdiff.analysis.distance import compare, matrix
from posdiff.analysis.trend import trends
from posdiff.record.check import CheckReport, run_check
from posdiff.record.paths import resolve_paths
from posdiff.render.html import http_url, render_brief
from posdiff.reports.brief import page, pictures, svg
from posdiff.reports.brief.page import Brief, build_brief
from posdiff.reports.compare import compare_report
from posdiff.reports.sheet import number

from tests.conftest import Invoke, edit
from tests.hostile_brief import BREAKOUT, ENTITIES, LINK, QUOTED, SCRIPT, hostile_record


def _check(root: Path) -> CheckReport:
    return run_check(resolve_paths(root / "positions", root / "seeds"))


def _brief(root: Path, parties: list[str] | None = None, issues: list[str] | None = None,
           as_of: dt.date | None = None) -> Brief:
    report = _check(root)
    record = report.record
    chosen = [record.party(p) for p in parties] if parties else list(record.parties.values())
    wanted = [record.issue(i) for i in issues] if issues else list(record.issues.values())
    return build_brief(report, root.name, chosen, bool(parties), wanted, as_of)


# -- what the page holds ---------------------------------------------------------

def test_the_heatmap_holds_the_matrix_as_the_matrix_command_computes_it(river: Path) -> None:
    brief = _brief(river)
    record = _check(river).record
    result = matrix(list(record.parties.values()), list(record.issues.values()))
    ids = list(record.parties)
    assert brief.heatmap.parties == tuple(ids)
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            cell = brief.heatmap.rows[i][j]
            if a == b:
                assert (cell.text, cell.shared, cell.step) == ("·", "", None)
            else:
                assert cell.text == number(result.distance[a][b])
                assert cell.shared == str(result.shared[a][b])
                assert cell.step == svg.heat_step(result.distance[a][b])


def test_a_strip_draws_each_position_its_range_red_line_and_the_compromise(
        river: Path) -> None:
    brief = _brief(river)
    water = next(s for s in brief.strips if s.issue.id == "water-share")
    upstream = next(r for r in water.rows if r.name == "Upstream State")
    # Upstream: 60, salience 90, range [60, 70] inferred, red line stated by a quote.
    assert (upstream.x, upstream.r) == (svg.across(60), svg.radius(90))
    assert upstream.range == (svg.across(60), svg.across(70))
    assert (upstream.range_inferred, upstream.red_line) == (True, "stated")
    assert upstream.cells == ("60, nearest point: even split [red line] (2024-05-01)", "90",
                              "60–70 (inferred)")
    # The mediator is drawn but not weighed unless named, as in `posdiff compromise`.
    mediator = next(r for r in water.rows if r.name == "Mediator")
    assert not mediator.weighed and upstream.weighed
    record = _check(river).record
    weighed = [record.parties["downstream"], record.parties["upstream"]]
    expected = compromise(record.issues["water-share"], weighed)
    assert [(g.name, g.value) for g in water.guides] == [
        ("mean", number(expected.mean)), ("median", number(expected.median))]
    assert [g.x for g in water.guides] == [svg.across(expected.mean or 0),
                                           svg.across(expected.median or 0)]


def test_named_parties_are_all_weighed(river: Path) -> None:
    brief = _brief(river, ["mediator", "upstream"])
    water = next(s for s in brief.strips if s.issue.id == "water-share")
    assert all(row.weighed for row in water.rows)
    assert brief.not_weighed == ()


def test_each_pair_gets_what_compare_prints(river: Path) -> None:
    brief = _brief(river)
    record = _check(river).record
    parties = list(record.parties.values())
    assert [p.title for p in brief.pairs] == [
        "Downstream State and Mediator", "Downstream State and Upstream State",
        "Mediator and Upstream State"]
    expected = compare_report(compare(parties[0], parties[2], list(record.issues.values())),
                              record.seeds)
    assert brief.pairs[1].sheets == tuple(expected.sheets)
    assert brief.pairs[1].notes == tuple(expected.notes)


def test_a_timeline_steps_from_entry_to_entry(tmp_path: Path) -> None:
    brief = _brief(hostile_record(tmp_path))
    [chart] = brief.timelines.charts
    assert chart.issue.id == "water-share"
    mediator = next(line for line in chart.lines if line.name == "Mediator")
    first, second = dt.date(2024, 5, 2), dt.date(2024, 5, 20)
    # Every party's entries run from 2024-05-01 to 2024-05-20: the shared time axis.
    x1 = svg.day_across(first, dt.date(2024, 5, 1), second, pictures.PLOT_EDGE)
    x2 = svg.day_across(second, dt.date(2024, 5, 1), second, pictures.PLOT_EDGE)
    y1 = svg.down(50, pictures.PLOT_TOP, pictures.PLOT_HEIGHT)
    y2 = svg.down(45, pictures.PLOT_TOP, pictures.PLOT_HEIGHT)
    assert mediator.segments == ((x1, y1, x2, y1), (x2, y1, x2, y2),
                                 (x2, y2, svg.across(100, pictures.PLOT_EDGE), y2))
    assert mediator.dots == ((x1, y1), (x2, y2))
    assert ("Mediator", "2024-05-02", "50 even split") in chart.rows


def test_no_timeline_without_a_second_entry(river: Path) -> None:
    assert _brief(river).timelines.charts == ()


def test_as_of_picks_the_entries_in_force(tmp_path: Path) -> None:
    brief = _brief(hostile_record(tmp_path), as_of=dt.date(2024, 5, 10))
    water = next(s for s in brief.strips if s.issue.id == "water-share")
    mediator = next(r for r in water.rows if r.name == "Mediator")
    assert mediator.x == svg.across(50)  # the 2024-05-20 entry is later
    assert brief.timelines.charts == ()  # one entry each up to that day
    assert brief.as_of == "2024-05-10"


def test_the_evidence_holds_every_entry_with_its_quotes_in_context(tmp_path: Path) -> None:
    brief = _brief(hostile_record(tmp_path))
    entries = brief.evidence.entries
    assert len(entries) == 6
    assert [e.in_force for e in entries if e.party == "Mediator"] == [False, True]
    quote = next(q for e in entries for q in e.quotes if q.quote == QUOTED)
    assert quote.located and quote.line == 7 and quote.seed.id == "river-report"
    assert quote.after == " for the cameras."
    red = next(q for e in entries for q in e.quotes if q.supports)
    assert red.supports == "red line"
    assert [s.id for s in brief.evidence.sources] == ["river-report", "round-notes"]


# -- budgets ---------------------------------------------------------------------

def test_quotes_past_the_budget_are_counted_not_shown(river: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "MAX_QUOTES", 3)
    evidence = _brief(river).evidence
    # water-share: downstream (1 quote), mediator (1), upstream (2: over the budget);
    # the cut is whole: monitoring's one-quote entries after it are left out too.
    assert [(e.issue.id, e.party) for e in evidence.entries] == [
        ("water-share", "Downstream State"), ("water-share", "Mediator")]
    assert (evidence.left_out, evidence.left_out_quotes) == (3, 4)
    html = render_brief(_brief(river))
    assert "the quotes of 3 more entries (4 quotes), past the 3 a brief holds" in html


def test_pairs_past_the_budget_are_left_to_the_matrix(river: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "MAX_PAIRS", 2)
    brief = _brief(river)
    assert (brief.pairs, brief.pairs_left_out) == ((), 3)
    assert "make 3 pairs, too many to compare" in render_brief(brief)
    assert len(_brief(river, ["upstream", "downstream"]).pairs) == 1


def test_strips_past_the_budget_are_named(river: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "MAX_MARKS", 3)
    brief = _brief(river)
    assert [s.issue.id for s in brief.strips] == ["water-share"]  # 3 marks; monitoring: 2
    assert [i.id for i in brief.strips_left_out] == ["monitoring"]
    assert "the strips of 1 more issue (monitoring)" in render_brief(brief)


def test_charts_past_the_budget_are_named(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "MAX_LINES", 2)
    brief = _brief(hostile_record(tmp_path))
    assert brief.timelines.charts == ()
    assert [i.id for i in brief.timelines.left_out] == ["water-share"]


# -- the check at the top --------------------------------------------------------

def test_a_failing_record_says_so_at_the_top_in_words(river: Path) -> None:
    edit(river / "positions" / "upstream.yaml", "quote: called any higher share a red line",
         "quote: called any higher share a blue line")
    brief = _brief(river)
    assert not brief.check.ok and brief.check.errors == 1
    assert "[quote-not-found]" in brief.check.problems[0]
    html = render_brief(brief)
    header = html[html.index("<header>"):html.index("</header>")]
    assert "Check failed: this record has 1 error and 0 warnings" in header
    assert "1 quote not found;" in header and "(s)" not in header
    assert "[quote-not-found]" in header
    assert "not found in the seed" in html  # the quote itself, in the evidence
    # Nothing is scored from it: no distance, strip, chart or pair, only the evidence.
    assert not brief.scored
    assert (brief.heatmap.parties, brief.strips, brief.timelines.charts, brief.pairs) == (
        (), (), (), ())
    assert "Nothing is scored from a record that fails check" in header
    for section in ("matrix", "issues", "over-time", "pairs"):
        assert f'id="{section}"' not in html and f'href="#{section}"' not in html
    assert 'id="evidence"' in html and len(brief.evidence.entries) == 5


def test_a_passing_record_says_so_too(river: Path) -> None:
    html = render_brief(_brief(river))
    assert "Check passed:" in html and "Check failed" not in html


# -- escaping ----------------------------------------------------------------------

class _Page(HTMLParser):
    """What a browser's parser sees: elements, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ends: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.ends.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ends.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Page:
    parsed = _Page()
    parsed.feed(html)
    parsed.close()
    return parsed


def test_hostile_values_are_text_and_never_markup(tmp_path: Path) -> None:
    html = render_brief(_brief(hostile_record(tmp_path)))
    parsed = _parsed(html)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names
    assert not [(tag, a) for tag, attrs in parsed.tags for a in attrs if a.startswith("on")]
    # Every element opened is closed where the template closes it: nothing broke out.
    for element in ("svg", "table", "section", "title"):
        assert names.count(element) == parsed.ends.count(element), element
    text = "".join(parsed.text)
    for value in (SCRIPT, BREAKOUT, QUOTED, "River talks </title><script>alert(3)</script>",
                  "<img src=x onerror=alert(1)> no monitoring", "Gazette <b>"):
        assert value in text, value
    assert ENTITIES in text  # "&amp;" in the record is shown as "&amp;", not as "&"


def test_only_http_addresses_become_links(tmp_path: Path) -> None:
    html = render_brief(_brief(hostile_record(tmp_path)))
    hrefs = [attrs["href"] for tag, attrs in _parsed(html).tags if tag == "a"]
    outside = {href for href in hrefs if href and not href.startswith("#")}
    assert outside == {LINK}
    assert "javascript:alert(document.domain)" in "".join(_parsed(html).text)  # as text


def test_the_page_needs_nothing_from_outside(river: Path) -> None:
    html = render_brief(_brief(river))
    for sign in ("<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "//fonts"):
        assert sign not in html, sign
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/a?b=1&c=2", True), ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG/", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<b>", False),
    ("//example.org/x", False), ("/etc/passwd", False), ("https://", False),
    ("https://exa mple.org", False), ('https://example.org/"onmouseover=x', False),
    ("file:///etc/passwd", False), ("", False), (None, False)])
def test_http_url(url: str | None, link: bool) -> None:
    assert http_url(url) == (url if link else None)


# -- the command -------------------------------------------------------------------

def test_brief_writes_the_page_and_says_what_it_wrote(river: Path, posdiff: Invoke) -> None:
    done = posdiff("brief", "-o", "brief.html")
    assert done.exit_code == 0, done.stderr
    written = (river / "brief.html").read_bytes()
    assert done.stdout == (f"Wrote brief.html ({len(written):,} bytes): 3 parties, "
                           "2 issues, 6 quotes.\n")
    assert written.startswith(b"<!doctype html>")
    assert b"<title>Brief: river</title>" in written


def test_brief_never_overwrites_unless_forced(river: Path, posdiff: Invoke) -> None:
    target = river / "brief.html"
    target.write_text("mine", encoding="utf-8")
    refused = posdiff("brief", "-o", "brief.html")
    assert refused.exit_code == 2
    assert ("brief.html already exists; nothing was written (--force overwrites it)"
            in refused.stderr)
    assert target.read_text(encoding="utf-8") == "mine"
    assert posdiff("brief", "-o", "brief.html", "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(("target", "said"), [
    ("no/such/folder/brief.html",
     "posdiff: there is no folder no/such/folder to write brief.html in\n"),
])
def test_brief_refuses_a_place_it_cannot_write_before_any_work(
        river: Path, posdiff: Invoke, target: str, said: str) -> None:
    for force in ((), ("--force",)):
        refused = posdiff("brief", "-o", target, *force)
        assert (refused.exit_code, refused.stderr) == (2, said)


def test_a_name_too_long_for_the_system_is_a_usage_error(river: Path, posdiff: Invoke) -> None:
    refused = posdiff("brief", "-o", "z" * 300 + ".html")
    assert refused.exit_code == 2
    assert refused.stderr.endswith(".html cannot be used: File name too long\n")


def test_brief_to_a_pipe_nobody_reads_says_so_instead_of_waiting(river: Path) -> None:
    os.mkfifo(river / "pipe.html")
    # In a process of its own, so that a regression fails here instead of hanging.
    refused = subprocess.run([sys.executable, "-m", "posdiff", "brief", "-o", "pipe.html",
                              "--force"], cwd=river, capture_output=True, text=True,
                             timeout=60, check=False)
    assert refused.returncode == 74
    assert refused.stderr == ("posdiff: cannot write pipe.html: a named pipe that no "
                              "process reads\n")


def test_the_name_written_cannot_forge_a_line(river: Path, posdiff: Invoke) -> None:
    done = posdiff("brief", "-o", "b\nok: 0 errors.html")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Wrote b\\nok: 0 errors.html (")
    assert len(done.stdout.splitlines()) == 1


@pytest.mark.parametrize(("command", "written"), [
    (["brief"], "brief.html"), (["export", "ktab", "nobody"], "w.csv")])
def test_a_taken_file_is_refused_before_the_record_is_read(
        river: Path, posdiff: Invoke, command: list[str], written: str) -> None:
    # Reading a large record takes seconds: the refusal comes first, so the folder that
    # is not there is never looked for (nor the party that is not in the record).
    (river / written).write_text("mine", encoding="utf-8")
    refused = posdiff(*command, "-o", written, "--positions", "nowhere")
    assert refused.exit_code == 2
    assert refused.stderr == (f"posdiff: {written} already exists; nothing was written "
                              "(--force overwrites it)\n")
    assert (river / written).read_text(encoding="utf-8") == "mine"


def test_brief_of_a_failing_record_writes_it_and_exits_1(river: Path,
                                                         posdiff: Invoke) -> None:
    edit(river / "positions" / "upstream.yaml", "salience: 30", "salience: 300")
    done = posdiff("brief", "-o", "brief.html")
    assert done.exit_code == 1
    assert "the record fails check (1 error); the page says so at the top" in done.stderr
    assert "Check failed" in (river / "brief.html").read_text(encoding="utf-8")


def test_brief_takes_parties_issues_and_a_date(river: Path, posdiff: Invoke) -> None:
    done = posdiff("brief", "upstream", "lowlands", "--issue", "water-share", "--as-of",
                   "2024-05-10", "-o", "two.html")
    assert done.exit_code == 0, done.stderr
    assert "2 parties, 1 issue, 3 quotes" in done.stdout
    html = (river / "two.html").read_text(encoding="utf-8")
    assert "Each party's latest entry on or before 2024-05-10" in html


@pytest.mark.parametrize(("args", "message"), [
    (["nobody", "-o", "x.html"], "unknown party 'nobody'"),
    (["--issue", "nothing", "-o", "x.html"], "unknown issue 'nothing'"),
    (["--as-of", "soon", "-o", "x.html"], "--as-of: 'soon' is not a date"),
    ([], "Missing option '--output'"),
])
def test_brief_usage_errors(river: Path, posdiff: Invoke, args: list[str],
                            message: str) -> None:
    done = posdiff("brief", *args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert not (river / "x.html").exists()


def test_stated_only_leaves_inferred_limits_out_of_the_page_and_says_so(
        river: Path, posdiff: Invoke) -> None:
    """As `compare --stated-only`: upstream's inferred range on water-share is not drawn,
    not counted as an overlap in the pairs, and the header says why."""
    assert posdiff("brief", "-o", "all.html").exit_code == 0
    assert posdiff("brief", "--stated-only", "-o", "stated.html").exit_code == 0
    every = (river / "all.html").read_text(encoding="utf-8")
    stated = (river / "stated.html").read_text(encoding="utf-8")
    assert "60–70 (inferred)" in every and "60–70 (inferred)" not in stated
    said = "inferred ranges and red lines, are left out"
    assert said in stated and said not in every
    brief = _brief(river)
    water = next(s for s in brief.strips if s.issue.id == "water-share")
    assert next(r for r in water.rows if r.name == "Upstream State").range_inferred


def test_a_long_party_name_is_cut_in_the_strip_and_whole_in_its_tooltip_and_table(
        river: Path) -> None:
    long = "The Upstream State's Joint Commission for the Management of Shared Rivers"
    edit(river / "positions" / "upstream.yaml", "name: Upstream State", f"name: {long}")
    html = render_brief(_brief(river))
    shown = svg.label(long)
    assert shown != long and shown.endswith("…")
    assert f"<title>{escape(long)}</title>{escape(shown)}</text>" in html
    assert f'<th scope="row">{escape(long)}</th>' in html


def test_the_brief_takes_its_title_from_the_catalogue_and_prints_no_path(
        river: Path, posdiff: Invoke) -> None:
    """A page made to be mailed: titled after the negotiation, never the local folder."""
    edit(river / "positions/issues.yaml", "issues:\n", "title: The river talks of 2024\nissues:\n")
    assert posdiff("brief", "-o", "b.html").exit_code == 0
    page = (river / "b.html").read_text(encoding="utf-8")
    assert "<h1>Brief: The river talks of 2024</h1>" in page
    assert str(river) not in page and str(river.parent) not in page
    edit(river / "positions/issues.yaml", "title: The river talks of 2024\n", "")
    assert posdiff("brief", "-o", "c.html").exit_code == 0
    untitled = (river / "c.html").read_text(encoding="utf-8")
    assert "<h1>Brief: river</h1>" in untitled and str(river) not in untitled


@pytest.mark.parametrize("where", ["a subfolder", "the seeds apart"])
def test_a_failing_record_s_problems_name_files_by_the_record_s_folders(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Run from anywhere, the page names a problem's file as positions/… or seeds/…: a
    path on this machine (absolute, or up by ..) would leave it with the page."""
    edit(river / "positions/upstream.yaml", "called any higher share", "called any larger share")
    (river / "seeds/extra.txt").write_text("Not in the index.\n", encoding="utf-8")
    if where == "a subfolder":
        (river / "docs/sub").mkdir(parents=True)
        monkeypatch.chdir(river / "docs/sub")
        args = ["brief", "-o", "b.html"]
    else:
        shutil.move(river / "seeds", river.parent / "elsewhere")
        args = ["brief", "--positions", "positions", "--seeds", "../elsewhere", "-o", "b.html"]
    result = posdiff(*args)
    assert result.exit_code == 1, result.stderr
    page = Path("b.html").read_text(encoding="utf-8")
    assert str(river.parent) not in page and "../" not in page
    seeds = "seeds" if where == "a subfolder" else "elsewhere"
    assert re.search(r"<li>positions/upstream\.yaml:\d+:\d+: error", page), page
    assert re.search(rf"<li>{seeds}/extra\.txt:1:1: warning", page), page


def _mediator_moves(river: Path) -> None:
    """A later entry of the mediator's on water-share: its pairs then have two points."""
    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write("  - issue: water-share\n    as_of: 2024-06-01\n    position: even split\n"
                    "    salience: 60\n    stance: Moved to an even split.\n    evidence:\n"
                    "      - seed: river-report\n"
                    "        quote: The mediator proposed a 55 per cent share\n"
                    "        voice: reported\n")


def test_converging_or_not_draws_each_pair_over_time_with_its_verdict(
        river: Path, posdiff: Invoke) -> None:
    _mediator_moves(river)
    brief = _brief(river)
    pairs = {p.anchor: p for p in brief.converging.pairs}
    assert set(pairs) == {"trend-downstream-mediator", "trend-mediator-upstream",
                          "trend-downstream-upstream"}
    moved = pairs["trend-downstream-mediator"]
    # downstream at 30 (salience 80); the mediator at 45 (50), then 50 (60): one issue
    assert [row[:2] for row in moved.rows] == [("2024-05-20", "15"), ("2024-06-01", "20")]
    # +5: at least 5 points above the first, so diverging by the rule
    assert moved.verdict == "diverging" and len(moved.dots) == 2 and len(moved.segments) == 1
    assert "the distance went from 15" in moved.words
    html = render_brief(brief)
    assert '<h2 id="converging-h">Converging or not</h2>' in html
    assert "Downstream State and Mediator: diverging" in html


def test_converging_or_not_shows_the_pairs_that_moved_most_and_counts_the_rest(
        river: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the budget, the pairs drawn are those whose distance moved most (ranked by
    their first and last points), traced in full; "left out" counts only pairs with a
    distance to follow."""
    monkeypatch.setattr(page, "MAX_PAIRS", 1)
    _mediator_moves(river)
    brief = _brief(river)
    found = trends(list(brief.parties), list(brief.issues)).trends
    most = max(found, key=lambda t: abs(t.change or 0.0))
    assert [p.anchor for p in brief.converging.pairs] == [f"trend-{most.a.id}-{most.b.id}"]
    assert [row[:2] for row in brief.converging.pairs[0].rows] == [
        (p.day.isoformat(), number(p.distance)) for p in most.points]
    assert brief.converging.left_out == len([t for t in found if t.points]) - 1 == 2
    report = _check(river)  # on no issue, no pair has a distance: none is "left out"
    bare = build_brief(report, "river", list(report.record.parties.values()), False, [], None)
    assert (bare.converging.pairs, bare.converging.left_out) == ((), 0)


def test_the_heatmap_names_every_mark_it_prints(river: Path, posdiff: Invoke) -> None:
    assert posdiff("brief", "-o", "b.html").exit_code == 0
    page = (river / "b.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="heatmap"'):page.index("</table>", page.index(
        '<table class="heatmap"'))]
    cells = re.findall(r"<td[^>]*>([^<]*)", table)
    for mark, named in (("·", "· : a party against itself"), ("—", "— : no issue in common"),
                        ("†", "† marks a distance")):
        if any(mark in cell for cell in cells):
            assert named in page, mark
    assert any("·" in cell for cell in cells)


def test_the_brief_s_summary_line_agrees_with_its_page(river: Path, posdiff: Invoke) -> None:
    """Of a record that fails check, the line says how much of what was read the page
    shows (it said '0 quotes' beside a page that counts 6)."""
    with (river / "seeds/index.yaml").open("a", encoding="utf-8") as index:
        index.write("junk\n")
    result = posdiff("brief", "-o", "b.html")
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith(": 3 parties, 2 issues, 0 quotes of the 6 read."), (
        result.stdout)


def test_the_heatmap_key_has_bins_that_meet_and_never_overlap() -> None:
    from posdiff import api
    from posdiff.reports.brief.pictures import heatmap

    found = api.matrix(api.load(api.example()), [])
    words = [said for step, said in heatmap(found).legend if step is not None]
    assert words[0] == "0 to under 10" and words[-1] == "90 to 100"
    assert all(said.startswith(f"{10 * i} to ") for i, said in enumerate(words))


@pytest.mark.parametrize("name", ["positions/brief.yaml", "brief", "brief.txt"])
def test_the_page_is_written_only_under_an_html_name(river: Path, posdiff: Invoke,
                                                     name: str) -> None:
    """As export ktab writes only .csv: a page written as positions/brief.yaml made the
    record fail check."""
    refused = posdiff("brief", "-o", name)
    assert refused.exit_code == 2
    assert refused.stderr == (f"posdiff: -o {name}: the brief is an HTML page; give a name "
                              "ending in .html\n")
    assert not (river / name).exists()
    assert posdiff("brief", "-o", "page.HTM").exit_code == 0


@pytest.mark.parametrize(("command", "name"), [
    (["brief"], "seeds/brief.html"), (["brief"], "positions/brief.html"),
    (["export", "ktab", "upstream", "downstream", "--issue", "water-share"], "seeds/k.csv"),
    (["export", "ktab", "upstream", "downstream", "--issue", "water-share"], "positions/k.csv")])
def test_nothing_is_written_into_the_records_own_folders(river: Path, posdiff: Invoke,
                                                         command: list[str], name: str) -> None:
    """A page in seeds/ made check --strict fail ('brief.html is not listed in
    seeds/index.yaml'); a scenario in positions/ likewise."""
    refused = posdiff(*command, "-o", name)
    assert refused.exit_code == 2
    folder = name.split("/")[0]
    assert refused.stderr == (f"posdiff: -o {name}: that is in the record's {folder}/ folder, "
                              "where check would read it as part of the record; write it "
                              "elsewhere\n")
    assert not (river / name).exists()


def test_a_hidden_html_name_is_an_html_name(river: Path, posdiff: Invoke) -> None:
    assert posdiff("brief", "-o", ".html").exit_code == 0  # it was 'give a name ending in .html'
