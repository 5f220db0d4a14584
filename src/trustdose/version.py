"""The version of trustdose: what `--version` says and what the rule cache, the journal
and the batch output record. A module of its own, at the bottom of the layers, so that
recording it never imports the public API (`trustdose/__init__.py`) from below."""

__version__ = "0.1.0"
