"""SARIF 2.1.0: valid against the official schema, exact regions, rules with help, fixes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED_MD

from checker.config import Config
from checker.engine import RunResult, run
from checker.report import ReportOptions
from checker.report.sarif import render, uri

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def _sarif(result: RunResult) -> dict:
    log = json.loads(render(result, ReportOptions()))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_seed_report_is_valid_and_regions_slice_to_the_excerpt(tmp_path: Path) -> None:
    bad = tmp_path / "bad file.md"
    bad.write_bytes(b"\xff\xfe not utf-8")
    result = run([str(SEED_MD), str(bad)], Config(select=["DUP", "SPL"]))
    log = _sarif(result)
    sarif_run = log["runs"][0]
    assert log["version"] == "2.1.0" and sarif_run["columnKind"] == "unicodeCodePoints"
    lines = SEED_MD.read_text(encoding="utf-8").splitlines()
    text = SEED_MD.read_text(encoding="utf-8")
    seed_results = [
        r
        for r in sarif_run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "is-ketamine-therapy-addictive.md"
        )
    ]
    assert {r["ruleId"] for r in seed_results} >= {"DUP001", "DUP002"}
    for res in seed_results:
        region = res["locations"][0]["physicalLocation"]["region"]
        snippet = region["snippet"]["text"]
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == snippet
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == snippet
    unreadable = [r for r in sarif_run["results"] if r["ruleId"] == "INP001"]
    assert unreadable[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "bad%20file.md"
    )


def test_schema_rejects_a_wrong_level() -> None:
    log = json.loads(render(run([str(SEED_MD)], Config(select=["DUP"])), ReportOptions()))
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_rules_have_names_help_and_default_levels() -> None:
    log = _sarif(run([str(SEED_MD)], Config(select=["DUP"])))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    dup = by_id["DUP001"]
    assert dup["name"] == "duplicate-list-item"
    assert "## Why is this bad?" in dup["help"]["text"]
    assert dup["defaultConfiguration"]["level"] == "error"
    assert by_id["DUP002"]["defaultConfiguration"]["level"] == "warning"
    for res in log["runs"][0]["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_fix_and_related_locations() -> None:
    log = _sarif(run([str(SEED_MD)], Config(select=["DUP001"])))
    (res,) = log["runs"][0]["results"]
    (fix,) = res["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    deleted = replacement["deletedRegion"]
    assert replacement["insertedContent"]["text"] == ""
    assert (deleted["startLine"], deleted["startColumn"], deleted["endLine"]) == (52, 1, 53)
    assert deleted["endColumn"] == 1 and deleted["charLength"] == len(
        "- Increase in blood pressure\n"
    )
    related = res["relatedLocations"][0]["physicalLocation"]["region"]
    assert related["startLine"] == 51
    assert res["partialFingerprints"]["checkerFinding/v1"].endswith(":1")


def test_rule_codes_made_at_run_time_get_descriptors() -> None:
    result = run([str(SEED_MD)], Config(select=["DUP002"]))
    finding = result.files[0].findings[0]
    result.files[0].findings.append(
        dataclasses.replace(finding, rule="DUP002:VARIANT", message="made up, 100%: a, b")
    )
    log = _sarif(result)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids.count("DUP002:VARIANT") == 1
    variant = log["runs"][0]["tool"]["driver"]["rules"][ids.index("DUP002:VARIANT")]
    assert "## What it does" in variant["help"]["text"]  # the base rule's explanation


def test_uri() -> None:
    assert uri("./articles/a b#1.md") == "articles/a%20b%231.md"
    assert uri("/tmp/x.md") == "file:///tmp/x.md"
