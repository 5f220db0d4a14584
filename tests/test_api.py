"""The public Python API: what it exports and how a script uses it."""

from __future__ import annotations

import json
import subprocess
import sys

import trustdose

from helpers import EXAMPLES


def test_public_names():
    assert sorted(trustdose.__all__) == sorted([
        "Assessment", "Case", "CaseError", "ConfigError", "InputError", "JournalError",
        "Problem", "RuleSet",
        "RulesError", "TrustdoseError", "UsageError", "__version__", "assess", "assess_many",
        "load_case", "load_rules", "set_country", "set_language"])
    for name in trustdose.__all__:
        assert getattr(trustdose, name) is not None


def test_version_does_not_import_the_heavy_parts():
    code = ("import sys, trustdose; trustdose.__version__; import trustdose.cli.app; "
            "print('pydantic' in sys.modules, 'trustdose.engine' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False False", out.stderr


def test_assess_a_file_a_dict_and_a_case(rules):
    from_file = trustdose.assess(EXAMPLES / "overloaded-expert.yaml", rules)
    case, _doc = trustdose.load_case(EXAMPLES / "overloaded-expert.yaml")
    assert isinstance(case, trustdose.Case)
    from_case = trustdose.assess(case, rules)
    from_dict = trustdose.assess(case.model_dump(), rules)
    assert from_file.to_json() == from_case.to_json() == from_dict.to_json()
    data = from_file.to_json()
    json.dumps(data)  # plain JSON types only
    assert data["limiting"] == "resources" and data["frame_first"]["now"]["name"] == "consult"
    assert data["level"] == data["frame_first"]["level"] and data["next_step"] is None


def test_errors_are_one_family():
    assert issubclass(trustdose.RulesError, trustdose.InputError)
    assert issubclass(trustdose.CaseError, trustdose.TrustdoseError)
    assert issubclass(trustdose.UsageError, trustdose.TrustdoseError)


def test_set_language_for_scripts():
    try:
        trustdose.set_language("sv")
        result = trustdose.assess(EXAMPLES / "new-employee.yaml")
        assert result.level.label == "Rådfråga" and result.lang == "sv"
    finally:
        trustdose.set_language("en")
    assert trustdose.assess(EXAMPLES / "new-employee.yaml").level.label == "Consult"
