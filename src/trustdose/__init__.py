"""trustdose: how much trust to dose when delegating a task.

The public API for scripts and notebooks::

    import trustdose
    rules = trustdose.load_rules()                 # defaults, plus folders to layer
    result = trustdose.assess("case.yaml", rules)   # or a dict, or a Case
    print(result.level.name, result.to_json())
    for result in trustdose.assess_many(cases, rules): ...   # lazily, one at a time
    trustdose.set_language("da")                    # texts in Danish from now on

Names are imported lazily so `trustdose --version` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Assessment", "Case", "CaseError", "ConfigError", "InputError", "Problem", "RuleSet",
           "RulesError", "TrustdoseError", "UsageError", "__version__", "assess", "assess_many",
           "load_case", "load_rules", "set_language"]

_WHERE = {"Assessment": "_assessment", "Case": "_case", "RuleSet": "_rules",
          "load_rules": "_rules", "assess": "_api", "load_case": "_api",
          "assess_many": "_batch", "set_language": "_i18n", "ConfigError": "_errors",
          "CaseError": "_errors", "InputError": "_errors", "Problem": "_errors",
          "RulesError": "_errors", "TrustdoseError": "_errors", "UsageError": "_errors"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib
        return getattr(importlib.import_module(f"trustdose.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'trustdose' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover
    from ._api import assess, load_case
    from ._batch import assess_many
    from ._i18n import set_language
    from ._assessment import Assessment
    from ._case import Case
    from ._errors import (CaseError, ConfigError, InputError, Problem, RulesError,
                          TrustdoseError, UsageError)
    from ._rules import RuleSet, load_rules
