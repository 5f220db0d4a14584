"""Numbers as people write them, in the conventions of the language in use
(`model.numbers`): what is read, what is ambiguous and asked again or refused, never
guessed, and what is refused outright."""

from __future__ import annotations


import pytest
from hypothesis import given, strategies as st

from trustdose import i18n
from trustdose.model.numbers import NumberError, parse_number, written

NORDIC = ("da", "nb", "sv")


@pytest.mark.parametrize("lang", NORDIC)
@pytest.mark.parametrize("text, value", [
    ("60000", 60000), ("60.000", 60000), ("60 000", 60000), ("60\u00a0000", 60000),
    ("60\u202f000", 60000), ("1.234.567", 1234567), ("60,5", 60.5), ("60,50", 60.5),
    ("60,0000", 60.0), ("0,500", 0.5), ("1234,567", 1234.567), ("1.234,567", 1234.567),
    ("60.000,5", 60000.5), ("60 000,5", 60000.5), ("-60.000", -60000), ("+5", 5),
    ("\u221260.000", -60000), ("  49.999  ", 49999), ("007", 7)])
def test_the_nordic_conventions(lang, text, value):
    found = parse_number(text, lang)
    assert found == value and type(found) is type(value)


@pytest.mark.parametrize("text, value", [
    ("60000", 60000), ("60,000", 60000), ("60 000", 60000), ("1,234,567", 1234567),
    ("60.5", 60.5), ("60.50", 60.5), ("0.500", 0.5), ("1234.567", 1234.567),
    ("1,234.567", 1234.567), ("60,000.5", 60000.5), ("60 000.5", 60000.5),
    ("-60,000", -60000)])
def test_the_english_conventions(text, value):
    found = parse_number(text, "en")
    assert found == value and type(found) is type(value)


@pytest.mark.parametrize("lang, text, large, small", [
    ("da", "60,000", "60000", "60"), ("nb", "1,234", "1234", "1,234"),
    ("sv", "999,999", "999999", "999,999"), ("da", "-50,000", "-50000", "-50"),
    ("en", "60.000", "60000", "60"), ("en", "1.234", "1234", "1.234")])
def test_the_decimal_sign_before_three_digits_is_ambiguous_and_never_guessed(lang, text, large,
                                                                             small):
    with pytest.raises(NumberError) as caught:
        parse_number(text, lang)
    assert "ambiguous" in caught.value.message and f"({large})" in caught.value.message \
        and f"({small})" in caught.value.message
    # the hint says how to write either, in forms that are not ambiguous themselves
    hint = caught.value.hint
    assert f" {large} for {large}" in hint
    suggested = hint.rsplit(", or ", 1)[1].split(" for ")[0]
    assert parse_number(suggested, lang) == pytest.approx(float(small.replace(",", ".")))


@pytest.mark.parametrize("lang, text, meant", [
    ("da", "60.5", "60,5"), ("da", "1,234.5", "1234,5"), ("da", "60,000,000", "60.000.000"),
    ("da", "0.500", "0,5"), ("da", "6.0", "6"), ("sv", "60.00", "60"),
    ("en", "60,5", "60.5"), ("en", "60.000,5", "60000.5"), ("en", "60.000.000", "60,000,000"),
    ("en", "0,500", "0.5"), ("en", "12345,678", "12345.678")])
def test_a_form_of_the_other_convention_is_refused_with_what_it_would_be(lang, text, meant):
    with pytest.raises(NumberError) as caught:
        parse_number(text, lang)
    assert "is not a number written with" in caught.value.message
    assert caught.value.hint == f"did you mean {meant}?"


@pytest.mark.parametrize("text", [
    "lots", "", "  ", "?", "60000 kr", "kr. 60.000", "DKK 60000", "50%", "6e4", "60_000",
    "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1/2", "٦٠", "６０", "60 000 000,5 kr",
    "- 5", "--5", "60..000", "60.000 000", "60, 000", ".5", ",5", "5.", "5,", "1.000.00",
    "1,00,000", "60 00", "true", "sixty thousand", "1" * 41])
@pytest.mark.parametrize("lang", ["en", *NORDIC])
def test_words_and_malformed_numbers_are_refused_with_what_is_allowed(text, lang):
    with pytest.raises(NumberError) as caught:
        parse_number(text, lang)
    assert caught.value.message and caught.value.hint


def test_the_language_in_use_is_the_default():
    try:
        i18n.set_language("da")
        assert parse_number("60.000") == 60000
        with pytest.raises(NumberError, match="tvetydigt"):
            parse_number("60,000")
        i18n.set_language("en")
        assert parse_number("60,000") == 60000
        with pytest.raises(NumberError, match="ambiguous"):
            parse_number("60.000")
    finally:
        i18n.set_language("en")


def test_messages_are_in_the_language():
    try:
        i18n.set_language("da")
        with pytest.raises(NumberError) as caught:
            parse_number("mange")
        assert "er ikke et tal" in caught.value.message and "tusinder" in caught.value.hint
        with pytest.raises(NumberError) as caught:
            parse_number("60,000")
        assert "tvetydigt" in caught.value.message and "skriv 60.000 eller 60000" in \
            caught.value.hint
    finally:
        i18n.set_language("en")


@given(value=st.one_of(st.integers(-10**15, 10**15),
                       st.builds(lambda whole, places, digits: whole + digits / 10 ** places,
                                 st.integers(-10**9, 10**9), st.integers(1, 4),
                                 st.integers(0, 9999))),
       lang=st.sampled_from(["en", *NORDIC]), grouped=st.booleans())
def test_a_number_as_the_language_writes_it_reads_back(value, lang, grouped):
    text = written(value, lang, grouped=grouped, plain=True)
    assert parse_number(text, lang) == value


@pytest.mark.parametrize("text", [".", "1", "1,", "1.", " 1", "x"])
def test_a_long_text_is_refused_at_once_and_echoed_short(text):
    import time
    start = time.perf_counter()
    with pytest.raises(NumberError) as caught:
        parse_number(text * 200_000, "da")
    assert time.perf_counter() - start < 1 and len(caught.value.message) < 200
