"""A self-contained HTML page, as every HTML output of trustdose starts one: in its
language, titled, its style inline, under a security policy that lets nothing be fetched
or run, whatever a title or a case's text holds."""

from __future__ import annotations

POLICY = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
          'style-src \'unsafe-inline\'">')


def opening(lang: str, title: str, style: str) -> list[str]:
    """The page's lines up to and with its heading; `lang` and `title` escaped already
    (each page escapes its texts its own way)."""
    return ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
            POLICY, '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>", f"<style>\n{style}\n</style>", "</head>", "<body>",
            "<main>", f"<h1>{title}</h1>"]
