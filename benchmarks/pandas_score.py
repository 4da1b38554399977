"""Baseline for the benchmark: the village summary of `phbs score` in fast, idiomatic pandas.

What a data-savvy analyst writes today with pandas >= 3 (strings backed by pyarrow) for the
synthetic file of ``bench_score.py``: read every cell as text with the pyarrow CSV reader
(``engine="pyarrow"``, multithreaded: on a million households the whole script took about
5 s with it and 7 s with the default C reader, alternating runs), keep the first
row of each household id, fold each answer column with vectorised ``.str.strip().str.lower()``
and ``isin`` to Ya / Tidak / not applicable / missing, decide each household's outcome (any
Tidak: not PHBS; else any missing answer: incomplete; else PHBS) and count everything per
village with one ``groupby().sum()``. It writes the same columns as the village summary of
``phbs score -o rekap.csv`` (households, PHBS, not PHBS, incomplete, percent PHBS, and per
indicator the Ya answers, the applicable answers and the coverage), without village names.

What it does NOT check, so it does less work than ``phbs``: village codes (any text groups
as a village, no region table), dates, answers that are not applicable for the child's age
(a Ya for exclusive breastfeeding at 40 months counts), households set aside for errors,
duplicate ids with different answers (the later row is dropped silently), the column names
of the form and the file's encoding; it gives no confidence intervals and no list of
problems.

    python benchmarks/pandas_score.py survei.csv rekap.csv
"""

from __future__ import annotations

import sys

import pandas as pd

YES = ["ya", "y", "1", "yes", "true"]
NO = ["tidak", "t", "0", "no", "false"]
NOT_APPLICABLE = ["-", "n", "na", "n/a", "tb", "tidak berlaku"]
#: The columns before the answers (the answers are every column after the child's age).
LAST_CONTEXT = "umur_anak_termuda_bulan"


def main(source: str, target: str) -> None:
    """Score ``source`` and write the village summary to ``target``."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, engine="pyarrow")
    frame = frame[~frame["id_rumah_tangga"].duplicated(keep="first")]
    indicators = list(frame.columns[frame.columns.get_loc(LAST_CONTEXT) + 1 :])
    counts: dict[str, pd.Series] = {}
    any_no = any_missing = pd.Series(False, index=frame.index)
    for code in indicators:
        answer = frame[code].str.strip().str.lower()
        ya, tidak = answer.isin(YES), answer.isin(NO)
        answered = ya | tidak
        missing = ~(answered | answer.isin(NOT_APPLICABLE))
        counts[f"{code}_ya"], counts[f"{code}_berlaku"] = ya, answered
        any_no, any_missing = any_no | tidak, any_missing | missing
    status = {
        "ber_phbs": ~any_no & ~any_missing,
        "tidak_ber_phbs": any_no,
        "belum_lengkap": ~any_no & any_missing,
    }
    village = frame["kode_desa"].str.strip().rename("kode")
    summary = pd.DataFrame(status | counts).groupby(village).sum()
    summary.insert(0, "rumah_tangga_disurvei", summary[list(status)].sum(axis=1))
    decided = summary["ber_phbs"] + summary["tidak_ber_phbs"]
    percent = {"persen_ber_phbs": summary["ber_phbs"] / decided.where(decided > 0) * 100}
    for code in indicators:
        berlaku = summary[f"{code}_berlaku"]
        percent[f"{code}_cakupan"] = summary[f"{code}_ya"] / berlaku.where(berlaku > 0) * 100
    order = ["rumah_tangga_disurvei", *status, "persen_ber_phbs"]
    order += [f"{code}_{part}" for code in indicators for part in ("ya", "berlaku", "cakupan")]
    pd.concat([summary, pd.DataFrame(percent)], axis=1)[order].to_csv(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
