"""The drug lexicon: the build script on real-format CSV rows, the shipped file, explain."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, run_cli

from checker.spelling.vocab import DRUG_LEXICON, load_drug_lexicon

SCRIPT = ROOT / "scripts" / "build_drug_lexicon.py"

MEDLINEPLUS = """Medline Plus ID,Common name,Synonyms
a619017,Esketamine Nasal Spray,Spravato
a606018,Imatinib,Gleevec
a681004,Acetaminophen,Panadol|Tylenol|Actamin
a611019,Acetaminophen Injection,Ofirmev|APAP|Paracetamol
"""
DRUGBANK = """DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key
DB01221,APRD00493,Ketamine,6740-88-1,690G0D6V8H,(+-)-Ketamine | DL-ketamine | Ketamina | Ketamine,
DB00316,APRD00252,Acetaminophen,103-90-2,362O9ITL9D,Paracetamol | Acetaminophen | APAP,
"""


def build_module():
    """Import scripts/build_drug_lexicon.py as a module."""
    spec = importlib.util.spec_from_file_location("build_drug_lexicon", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_from_csv(tmp_path):
    (tmp_path / "medlineplus_drugs.csv").write_text(MEDLINEPLUS, encoding="utf-8")
    (tmp_path / "drugbank_vocabulary.csv").write_text(DRUGBANK, encoding="utf-8")
    out = tmp_path / "drugs.tsv"
    assert build_module().main(["--drugs", str(tmp_path), "--out", str(out)]) == 0
    lexicon = load_drug_lexicon(out)
    assert {"esketamine", "imatinib", "ketamine", "acetaminophen", "paracetamol"} <= (
        lexicon.generics
    )
    assert lexicon.brands["spravato"] == "Spravato"
    assert lexicon.brands["gleevec"] == "Gleevec"
    assert "paracetamol" not in lexicon.brands  # a brand that is also a generic is generic
    assert "apap" not in lexicon.generics  # all-caps abbreviations are left out
    assert "ketamina" not in lexicon.generics  # foreign forms would hide typos
    text = out.read_text(encoding="utf-8")
    assert "MedlinePlus" in text and "DrugBank" in text  # attribution
    assert "Spravato\tbrand\tmedlineplus:a619017" in text


def test_build_reports_missing_input(tmp_path, capsys):
    assert build_module().main(["--drugs", str(tmp_path), "--out", str(tmp_path / "x")]) == 2
    assert "not found" in capsys.readouterr().err


def test_shipped_lexicon_matches_a_fresh_build(tmp_path):
    drugs = SHARED / "data" / "drugs"
    if not drugs.is_dir():
        pytest.skip(f"drug data not found at {drugs}")
    out = tmp_path / "drugs.tsv"
    assert build_module().main(["--drugs", str(drugs), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == Path(DRUG_LEXICON).read_text(encoding="utf-8")


def test_shipped_lexicon_has_the_seed_drugs():
    lexicon = load_drug_lexicon()
    assert lexicon.brands["spravato"] == "Spravato"
    assert {"ketamine", "esketamine"} <= lexicon.generics
    assert lexicon.knows("Spravato") and not lexicon.knows("spravato")


def test_explain_spl003_tells_how_to_add_a_brand():
    result = run_cli("explain", "SPL003")
    assert result.returncode == 0
    assert "drug-name" in result.stdout
    assert "build_drug_lexicon.py" in result.stdout and "brand" in result.stdout


def test_local_drug_names(tmp_path):
    from helpers import parse_text

    from checker import resources
    from checker.config import Config
    from checker.engine import check_documents

    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "drugs.txt").write_text("# local\nZelquora\nbrintamide\n")
    text = "Patients took zelquora, then Zelqora, then brintamid.\n"
    try:
        resources.set_rules_dir(tmp_path)
        config = Config(select=["SPL003"], rules_path=tmp_path)
        found = check_documents([parse_text(text)], config).findings
    finally:
        resources.set_rules_dir(resources.DEFAULT_RULES_DIR)
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [
        ("zelquora", "Zelquora"),
        ("Zelqora", "Zelquora"),
        ("brintamid", "brintamide"),
    ]
