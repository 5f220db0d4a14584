"""The agreement in each form (Markdown, HTML, Word, text) says the same, drawn from one
structure, and text from a case acts in none of them."""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import re

import pytest
from hypothesis import given, settings, strategies as st

import trustdose
from trustdose import i18n
from trustdose.report.agreement import build
from trustdose.report.agreement_parts import Agreement, Items, Section, plain
from trustdose.report.formats import AgreementForm as Form, agreement
from trustdose.report.signing import Signature, Signing

from helpers import EXAMPLES, make_case


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def texts(made: Agreement) -> list[str]:
    """Every text of the agreement, as each form must show it (on one line)."""
    found = [made.title, made.opening]
    for section in made.sections:
        found.append(section.heading)
        for block in section.blocks:
            found += list(block.items) if isinstance(block, Items) else [block]
    signing = made.signing  # whom it is from, and the two who sign
    found += [signing.sender, signing.heading,
              *(line for signer in signing.signatures for line in signing.lines(signer))]
    return [plain(text) for text in found]


def word_paragraphs(data: bytes) -> list[tuple[str, str]]:
    from docx import Document
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


class Page(html.parser.HTMLParser):
    """The tags, attributes and texts of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def page(data: bytes) -> Page:
    parsed = Page()
    parsed.feed(data.decode())
    return parsed


def shown(form: Form, data: bytes) -> str:
    """What a reader of the form sees, as text."""
    if form is Form.docx:
        return "\n".join(text for _style, text in word_paragraphs(data))
    if form is Form.html:
        return "\n".join(page(data).texts)
    return data.decode()


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_every_form_says_the_whole_agreement(rules, lang):
    i18n.set_language(lang)
    a = trustdose.assess(str(EXAMPLES / "aide-as-needed-medication.yaml"), rules)
    made = build(a)
    assert len(made.sections) > 6 and made.lang == lang
    for form in Form:
        seen = " ".join(shown(form, agreement(form, a)).split())
        for text in texts(made):
            if form is Form.markdown:  # Markdown escapes; its own test says how
                text = re.sub(r"[\\`*_\[\]<>&|~#]", "", text)
                seen = re.sub(r"[\\`*_\[\]<>&|~#]|&\w+;", "", seen)
            assert text in seen, (form, text)


def test_word_has_headings_lists_and_language_and_no_marks(rules):
    i18n.set_language("da")
    a = trustdose.assess(str(EXAMPLES / "aide-as-needed-medication.yaml"), rules)
    data = agreement(Form.docx, a)
    paragraphs = word_paragraphs(data)
    styles = [style for style, _text in paragraphs]
    # each section's heading, and the signatures'
    assert styles[0] == "Title" and styles.count("Heading 1") == len(build(a).sections) + 1
    assert "List Bullet" in styles
    assert not any(text.lstrip().startswith(("#", "- ", "* ")) for _s, text in paragraphs)
    from docx import Document
    props = Document(io.BytesIO(data)).core_properties
    assert props.language == "da-DK" and props.author == "" and props.comments == ""
    assert props.title == paragraphs[0][1] and props.created.date() == a.date
    assert b'w:val="da-DK"' in _part(data, "word/styles.xml")


def _part(data: bytes, name: str) -> bytes:
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read(name)


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p",
                "section", "ul", "li", "br"}
CSP = "Content-Security-Policy"
ALLOWED_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class"}
# text as a case may hold it: markup, entities, quotes, control and bidi characters
hostile_text = st.text(st.sampled_from(list("<>&\"'`*_#[]()!/\\ aé\n\t\x07\x1b\u202e\u05d0"))
                       | st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=hostile_text, item=hostile_text, paragraph=hostile_text)
def test_no_text_acts_in_html_or_word(title, item, paragraph):
    made = Agreement(title, paragraph, (Section(item, (paragraph, Items((item, title)))),),
                     "da", dt.date(2026, 1, 5),
                     Signing(title, item, (Signature(item, paragraph),), item, title))
    from trustdose.report import agreement_html, agreement_word
    parsed = page(agreement_html.render(made).encode())
    assert {tag for tag, _a in parsed.tags} <= ALLOWED_TAGS
    assert all(name in ALLOWED_ATTRS for _t, attrs in parsed.tags for name, _v in attrs)
    policy = [dict(attrs) for tag, attrs in parsed.tags if ("http-equiv", CSP) in attrs]
    assert policy[0]["content"].startswith("default-src 'none';")  # nothing loads
    for text in (plain(title), plain(item), plain(paragraph)):
        assert text in "\n".join(parsed.texts)  # as text, whatever it holds
    assert "\n".join(parsed.texts).count(plain(title)) >= 3  # the sender's line too
    said = [text for _style, text in word_paragraphs(agreement_word.render(made))]
    assert said[0] == re.sub("[\ud800-\udfff\ufffe\uffff]", "\ufffd", plain(title))
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e]", t) for t in said)


def test_text_is_plain_wrapped_and_unescaped(rules):
    case = make_case(4, 4, 3, 2, subject={"name": "Anne_Marie [x]"},
                     task={"title": "Plan *the* rota for the kitchen and the cleaning crew "
                                    "for the whole spring term, week by week"})
    text = agreement(Form.text, trustdose.assess(case, rules)).decode()
    assert "For Anne_Marie [x], agreed on" in text and "\\" not in text
    lines = text.splitlines()
    assert lines[0].startswith("Our agreement: Plan *the* rota") and set(lines[2]) == {"="}
    assert max(len(line) for line in lines) <= 78
    assert "#" not in text and "\n- " in text


def test_markdown_escapes_a_mark_anywhere_in_a_heading(rules):
    a = trustdose.assess(make_case(4, 4, 3, 2, task={"title": "Plan C# ##"}), rules)
    first = agreement(Form.markdown, a).decode().splitlines()[0]
    assert first == "# Our agreement: Plan C\\# \\#\\#"  # a closing ## would vanish
