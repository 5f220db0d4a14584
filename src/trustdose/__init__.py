"""trustdose: how much trust to dose when delegating a task.

The public API for scripts and notebooks::

    import trustdose
    rules = trustdose.load_rules()                 # defaults, plus folders to layer
    result = trustdose.assess("case.yaml", rules)   # or a dict, or a Case
    print(result.level.name, result.to_json())
    for result in trustdose.assess_many(cases, rules): ...   # lazily, one at a time
    trustdose.set_language("da")                    # texts in Danish from now on

Everything in `__all__` is the API; the subpackages are the implementation. A name is
imported when it is first used (PEP 562), so the command line's `--version`, `--help`
and the journal commands start without loading pydantic and the engine.
"""

from __future__ import annotations

from typing import Any

from .version import __version__ as __version__  # the API names it

# Each public name, and the module it lives in: the one list of the API.
_API = {"assess": "api", "assess_many": "api", "load_case": "api",
        "load_rules": "rules.loader", "RuleSet": "rules.ruleset", "set_language": "i18n",
        "set_country": "engine.workdays",
        "Assessment": "model.assessment", "Case": "model.case",
        "TrustdoseError": "errors", "InputError": "errors", "RulesError": "errors",
        "CaseError": "errors", "ConfigError": "errors", "UsageError": "errors",
        "JournalError": "errors", "Problem": "errors"}
__all__ = sorted([*_API, "__version__"])


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'trustdose' has no attribute {name!r}")
    import importlib
    found = getattr(importlib.import_module(f"trustdose.{_API[name]}"), name)
    globals()[name] = found  # once found, an attribute like any other
    return found


def __dir__() -> list[str]:
    return __all__
