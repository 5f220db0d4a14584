"""The translation seam: rule text per language with English as the per-string fallback."""

from __future__ import annotations

from trustdose import _i18n


def test_rule_text_falls_back_to_english_per_string():
    text = {"en": "Agree", "da": "Aftal"}
    try:
        _i18n.set_language("da")
        assert _i18n.pick(text) == "Aftal"
        assert _i18n.pick({"en": "Only English"}) == "Only English"
        assert _i18n._("Warnings") == "Warnings"  # no catalogue yet: English stays
        _i18n.set_language("xx")  # unknown languages fall back to English
        assert _i18n.pick(text) == "Agree"
    finally:
        _i18n.set_language("en")
    assert _i18n.pick(None) == ""
