"""Value normalisation: years, decades, ranges, units, ratios, categories, modifiers."""

from __future__ import annotations

import math

import pytest

from checker.facts.base import load_fact_base
from checker.facts.values import (
    BadValue,
    Unit,
    apply_modifier,
    parse_quantity,
    parse_ratio,
    parse_year,
)
from checker.resources import DEFAULT_RULES_DIR

UNITS = {
    "mg": Unit("mg", "mass", 0.001),
    "g": Unit("g", "mass", 1.0),
    "grams": Unit("g", "mass", 1.0),
    "mL": Unit("mL", "volume", 0.001),
}


@pytest.fixture(scope="module")
def base():
    return load_fact_base(DEFAULT_RULES_DIR / "facts.yml")


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("1970", 1970, 1970),
        ("1960s", 1960, 1969),
        ("1960's", 1960, 1969),
        ("early 1960s", 1960, 1963),
        ("mid-1960s", 1963, 1966),
        ("late 1960s", 1966, 1969),
        ("1800s", 1800, 1899),
        ("1964-1966", 1964, 1966),
        ("1964 to 1966", 1964, 1966),
    ],
)
def test_years_decades_and_ranges_are_intervals(text: str, lo: int, hi: int) -> None:
    value = parse_year(text)
    assert (value.lo, value.hi) == (lo, hi)


def test_year_agreement_is_interval_overlap() -> None:
    assert parse_year("1964").agrees(parse_year("1960s"))
    assert parse_year("1960s").agrees(parse_year("1964-1966"))
    assert not parse_year("1970").agrees(parse_year("1960s"))
    assert not parse_year("1970").agrees(parse_year("1972"))


def test_backwards_range_is_rejected() -> None:
    with pytest.raises(BadValue):
        parse_year("1970-1960")


def test_units_are_compared_as_values() -> None:
    one_gram = parse_quantity("1,000 mg", UNITS)
    assert one_gram.agrees(parse_quantity("1 g", UNITS))
    assert one_gram.agrees(parse_quantity("1 grams", UNITS))
    assert not one_gram.agrees(parse_quantity("100 mg", UNITS))
    assert not one_gram.agrees(parse_quantity("1 mL", UNITS)), "different dimensions"
    dose_range = parse_quantity("56 to 84 mg", UNITS)
    assert dose_range.agrees(parse_quantity("84 mg", UNITS))
    assert not dose_range.agrees(parse_quantity("28 mg", UNITS))


def test_unknown_unit_is_an_error() -> None:
    with pytest.raises(BadValue):
        parse_quantity("5 furlongs", UNITS)


def test_ratios_and_ranges_of_ratios() -> None:
    value = parse_ratio("1 in 15,000 to 40,000")
    assert value.lo == pytest.approx(1 / 40000) and value.hi == pytest.approx(1 / 15000)
    assert value.agrees(parse_ratio("1 in 20,000"))
    assert parse_ratio("one in 400 to one in 1,000").agrees(parse_ratio("1 in 500"))
    assert parse_ratio("1 in 2 million").hi == pytest.approx(5e-7)
    assert not parse_ratio("1 in 10,000").agrees(parse_ratio("1 in 50,000"))


def test_approximate_values_agree_within_tolerance() -> None:
    exact = parse_ratio("1 in 10,000")
    about = apply_modifier(parse_ratio("1 in 11,000"), "approx")
    assert not exact.agrees(parse_ratio("1 in 11,000"), 0.2), "exact values are exact"
    assert exact.agrees(about, 0.2)
    assert not exact.agrees(about, 0.0)


def test_bounds_from_modifiers() -> None:
    fewer = apply_modifier(parse_ratio("1 in 1 million"), "upper")
    assert fewer.lo == 0 and fewer.agrees(parse_ratio("1 in 5 million"))
    more = apply_modifier(parse_year("1970"), "lower")
    assert math.isinf(more.hi) and more.agrees(parse_year("1975"))


def test_categories_and_lists(base) -> None:
    route = base.value_types["route"]
    assert route.parse("tablets").categories == {"oral"}
    assert route.parse("IV").agrees(route.parse("intravenous infusion"))
    listed = route.parse("IV infusions, nasal sprays, or injections")
    assert listed.categories == {"intravenous", "nasal spray", "injection"}
    allowed = route.parse("nasal spray")
    assert route.parse("nasal sprays").within(allowed)
    assert not listed.within(allowed), "every listed route must be allowed"


def test_broader_category_agrees_with_each_meaning(base) -> None:
    inheritance = base.value_types["inheritance"]
    x_linked = inheritance.parse("X-linked")
    assert x_linked.agrees(inheritance.parse("X-linked recessive"))
    assert x_linked.within(inheritance.parse("X-linked dominant"))
    assert not inheritance.parse("autosomal dominant").agrees(
        inheritance.parse("autosomal recessive")
    )


def test_modifier_words_come_from_the_fact_base(base) -> None:
    assert base.modifiers.kind_of("About") == "approx"
    assert base.modifiers.kind_of("fewer  than") == "upper"
    assert base.modifiers.kind_of("at least") == "lower"
