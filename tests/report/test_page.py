"""The workshop page (`batch -o workshop.html`): self-contained, in the chosen language,
every text from a case escaped, the table capped; and, where a browser is installed, the
page as a headless Chromium draws it and sorts it."""

from __future__ import annotations

import re
import struct

import pytest

from helpers import browser_drawn, run

HEADER = "id,subject,task,competence,intention,resources,risk,planned_level\n"
ROWS = [("a1", "<script>alert(1)</script>", "Plan & <b>rota</b>", 4, 4, 4, 2, 7),
        ("a2", "Åse \"Quote\" Ødegård", "Budget", 2, 3, 3, 4, 5),
        ("a3", "Bo", "</td></tr><img src=x onerror=alert(2)>", 5, 5, 5, 1, 2),
        ("a4", "Kari", "Vakter", 3, 3, 3, 3, ""),
        ("a5", "Lise", "Møte", 3, 4, 4, 2, 4)]


def _page(tmp_path, *more: str) -> tuple[str, object]:
    cases = tmp_path / "workshop.csv"
    cases.write_text(HEADER + "".join(",".join(f'"{v}"' if '"' not in str(v) else
                                               '"' + str(v).replace('"', '""') + '"'
                                               for v in row) + "\n" for row in ROWS),
                     encoding="utf-8")
    page = tmp_path / "workshop.html"
    said = run("--lang", "nb", "batch", str(cases), "-o", str(page), *more)
    assert said.returncode == 0, said.stderr
    return page.read_text(encoding="utf-8"), said


def test_the_page_is_self_contained_in_the_language_and_escapes_every_case_text(tmp_path):
    page, said = _page(tmp_path)
    assert page.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert page.count("<script") == 1 and page.count("<img") == 0 and "<b>rota" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "Plan &amp; &lt;b&gt;" in page
    assert "Åse &quot;Quote&quot; Ødegård" in page
    # nothing fetched: no address but the SVG namespace, no link, source or import
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * 3
    assert not re.search(r"<[^>]*\b(src|href)=|@import|url\(|@font-face", page)
    assert page.count("<tr><td>") == 5 and page.count("<svg") == 3
    assert "Saker per nivå" in page and "Svakeste forutsetning" in page
    # stderr: the short lines; the summary is on the page
    assert said.stderr.splitlines()[0] == "5 saker: 5 vurdert, 0 avvist"


def test_the_table_holds_at_most_shown_cases_and_says_so(tmp_path, monkeypatch):
    from trustdose.report import page as module
    monkeypatch.setattr(module, "SHOWN", 3)
    page, _said = _page(tmp_path, "--format", "html")
    assert page.count("<tr><td>") == 3
    assert "Tabellen viser de første 3 av 5 saker; diagrammene teller dem alle." in page
    assert sum(int(n) for n in re.findall(r'class="n"[^>]*>(\d+)<', page)[:7]) == 5


@pytest.mark.process
def test_a_headless_browser_draws_the_page_and_sorts_it_by_the_address(tmp_path):
    page, _said = _page(tmp_path)
    shot = tmp_path / "shot.png"
    # one start: the screenshot, and the DOM after the script sorted by the gap, largest
    # first (#sort=-gap: the sort a second click on the heading leaves in the address)
    dom = browser_drawn(tmp_path / "workshop.html", shot, anchor="#sort=-gap")
    body = dom[dom.index("<tbody>"):dom.index("</tbody>")]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>",
                                                                          body)]
    steps = [int(row[4].replace("\u2212", "-")) if row[4] else None for row in rows]
    given = [s for s in steps if s is not None]
    assert len(steps) == 5 and given == sorted(given, reverse=True) and steps[-1] is None
    assert re.search(r'<th data-key="gap" data-type="n" aria-sort="descending">', dom)
    # the subject `<script>` is text in the document, and no element came from a case
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<img" not in dom
    assert dom.count("<script") == 1
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1280, 900)
    assert len(png) > 30_000  # charts and type drawn, not a blank page


def test_the_table_carries_the_extra_columns_after_the_subject(tmp_path):
    cases = tmp_path / "workshop.csv"
    cases.write_text("subject,Leder,task,competence,intention,resources,risk,Afdeling\n"
                     "Søren,Dorte,Oplære nye vikarer,3,4,3,2,Hjemmeplejen Nord\n"
                     "Bjørn,Erik,Svare borgere,3,4,3,2,\n", encoding="utf-8")
    page = tmp_path / "workshop.html"
    assert run("--lang", "da", "batch", str(cases), "-o", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    heads = re.findall(r'<th data-key="([a-z0-9]+)"[^>]*><button type="button">(.*?)</button>',
                       html)
    assert [name for _key, name in heads][:4] == ["Medarbejder/<wbr>team", "Leder",
                                                   "Afdeling", "Opgave"]
    assert len({key for key, _name in heads}) == len(heads)  # each sorts by its own key
    assert "<tr><td>Søren</td><td>Dorte</td><td>Hjemmeplejen Nord</td><td>Oplære" in html
    assert "<tr><td>Bjørn</td><td>Erik</td><td></td><td>Svare" in html
