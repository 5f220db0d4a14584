"""The fixed vocabulary of the model: the four dimensions and the seven delegation levels.

Kept apart from the rule-file models so that code which only needs these names (the
engine, case reading, the CLI) does not pay for defining the pydantic classes.
"""

PRECONDITIONS: tuple[str, ...] = ("competence", "intention", "resources")
DIMENSIONS: tuple[str, ...] = PRECONDITIONS + ("risk",)
# The delegation-poker scale, 1-7; these English names are stable ids in JSON and files.
LEVEL_NAMES: tuple[str, ...] = ("tell", "sell", "consult", "agree", "advise", "inquire",
                                "delegate")
LANGUAGES: tuple[str, ...] = ("en", "da", "nb", "sv")
