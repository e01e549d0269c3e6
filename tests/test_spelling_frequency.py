"""Word frequencies read straight from wordfreq's file equal what wordfreq itself gives."""

from __future__ import annotations

import sys

from wordfreq import get_frequency_dict

from checker.spelling.frequency import Frequencies, read_table


def test_table_is_wordfreqs_large_english_list() -> None:
    table = read_table()
    assert table == get_frequency_dict("en", wordlist="large")
    assert len(table) > 100_000


def test_zipf_values() -> None:
    freq = Frequencies()
    assert 7 < freq.zipf("the") <= 8
    assert 3 < freq.zipf("rhythm") < 5
    assert freq.zipf("qzxwvkj") == 0.0
    assert freq.zipf("the rhythm") == freq.zipf("rhythm")


def test_reading_the_table_does_not_import_wordfreq() -> None:
    import subprocess

    code = (
        "import sys; from checker.spelling.frequency import read_table; read_table(); "
        "print('wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_common_is_zipf_at_least_minimum() -> None:
    freq = Frequencies()
    words = ["the", "rhythm", "qzxwvkj", "", "The Rhythm", "naïve", "a b", "medicine"]
    for minimum in (0.0, 3.0, 4.5, 7.0):
        assert freq.common(words, minimum) == [w for w in words if freq.zipf(w) >= minimum]
    assert freq.common(words, 3.0)[:2] == ["the", "rhythm"]
