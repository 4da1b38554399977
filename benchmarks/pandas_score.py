"""Baseline for the benchmark: a straightforward pandas script doing what `phbs score` does.

What an analyst would write by hand for the synthetic file of ``bench_score.py``: read the CSV,
fold answers to Ya/Tidak/not applicable, drop repeated household ids, decide each household's
outcome (any Tidak: not PHBS; any blank among applicable: incomplete; else PHBS), and sum
households and Ya answers per village into ``rekap.csv``. It does not check village codes,
dates or applicability against the child's age, so it does less work than ``phbs``.

    python benchmarks/pandas_score.py survei.csv rekap.csv
"""

from __future__ import annotations

import sys

import pandas as pd

YES = {"ya", "y", "1", "yes", "true"}
NO = {"tidak", "t", "0", "no", "false"}
NOT_APPLICABLE = {"-", "n", "na", "n/a", "tb", "tidak berlaku"}


def main(source: str, target: str) -> None:
    """Score ``source`` and write the village summary to ``target``."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.drop_duplicates(subset="id_rumah_tangga", keep="first")
    # The answers are the columns after the age of the youngest child (dusun and petugas,
    # before it, play no part in the village summary).
    first = frame.columns.get_loc("umur_anak_termuda_bulan") + 1
    indicators = list(frame.columns[first:])
    folded = frame[indicators].apply(lambda column: column.str.strip().str.lower())
    ya = folded.isin(YES)
    tidak = folded.isin(NO)
    missing = ~(ya | tidak | folded.isin(NOT_APPLICABLE))
    status = pd.Series("ber_phbs", index=frame.index)
    status[missing.any(axis=1)] = "belum_lengkap"
    status[tidak.any(axis=1)] = "tidak_ber_phbs"
    village = frame["kode_desa"].str.strip()
    summary = pd.crosstab(village, status)
    for column in ("ber_phbs", "tidak_ber_phbs", "belum_lengkap"):
        if column not in summary:
            summary[column] = 0
    summary.insert(0, "rumah_tangga_disurvei", summary.sum(axis=1))
    decided = summary["ber_phbs"] + summary["tidak_ber_phbs"]
    summary["persen_ber_phbs"] = summary["ber_phbs"] / decided.where(decided > 0) * 100
    answered = (ya | tidak).groupby(village).sum()
    yes = ya.groupby(village).sum()
    for code in indicators:
        summary[f"{code}_ya"] = yes[code]
        summary[f"{code}_berlaku"] = answered[code]
        summary[f"{code}_cakupan"] = yes[code] / answered[code].where(answered[code] > 0) * 100
    summary.index.name = "kode"
    summary.to_csv(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
