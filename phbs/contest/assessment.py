"""How sure a ranking is, as one result: the survey's intervals, the rank bootstrap, the weight
sensitivity and the shrinkage prior (docs/peringkat.md §11), and the call that runs the analyses
a user asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from phbs.contest.bootstrap import bootstrap_ranking
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import LoadedRubric
from phbs.contest.uncertainty import (
    RankBootstrap,
    WeightSensitivity,
    surveyed_in_full,
    weight_sensitivity,
)
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport
from phbs.shrinkage import BetaBinomialPrior, posterior_interval, shrunk_proportion

#: The survey's own % ber-PHBS and its confidence interval, each bound named after the value
#: it brackets: ``persen_ber_phbs`` is the value scored, shrunk with --shrink, and
#: ``persen_ber_phbs_susut_*`` bracket that one (docs/aturan.md §7.8).
CI_COLUMNS = [
    "persen_ber_phbs_survei",
    "persen_ber_phbs_survei_bawah",
    "persen_ber_phbs_survei_atas",
]

#: With --shrink: the posterior mean (the value ranked) and its equal-tailed interval at the
#: run's confidence level, then the prior's μ (percent) and κ (empty when κ = ∞), repeated on
#: every row so that the CSV names the prior it was shrunk with (docs/aturan.md §7.8).
SHRINK_COLUMNS = [
    "persen_ber_phbs_susut",
    "persen_ber_phbs_susut_bawah",
    "persen_ber_phbs_susut_atas",
    "prior_mu_persen",
    "prior_kappa",
]


BOOTSTRAP_COLUMNS = [
    "peringkat_median",
    "peringkat_bawah",
    "peringkat_atas",
    "p_pertama",
    "p_tiga_besar",
]


@dataclass
class Uncertainty:
    """What ``phbs rank`` found out about how sure its ranking is."""

    report: AreaReport | None = None
    bootstrap: RankBootstrap | None = None
    weights: WeightSensitivity | None = None
    prior: BetaBinomialPrior | None = None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def columns(self) -> list[str]:
        """The extra CSV columns, in order."""
        columns = list(CI_COLUMNS) if self.report is not None else []
        if self.prior is not None and self.report is not None:
            columns += SHRINK_COLUMNS  # beside the survey's own value and interval
        if self.bootstrap is not None:
            columns += BOOTSTRAP_COLUMNS
        if self.weights is not None:
            columns.append("p_tetap_bobot")
        return columns

    def cells(self) -> dict[str, dict[str, Any]]:
        """Extra cells per village code."""
        rows: dict[str, dict[str, Any]] = {}
        if self.report is not None:
            for area in self.report.wilayah:
                rows[area.kode] = {
                    "persen_ber_phbs_survei": area.persen_ber_phbs,
                    "persen_ber_phbs_survei_bawah": area.persen_ber_phbs_bawah,
                    "persen_ber_phbs_survei_atas": area.persen_ber_phbs_atas,
                }
        if self.bootstrap is not None:
            for v in self.bootstrap.desa:
                rows.setdefault(v.kode_desa, {}).update(
                    {c: getattr(v, c) for c in BOOTSTRAP_COLUMNS}
                )
        if self.weights is not None:
            for w in self.weights.desa:
                rows.setdefault(w.kode_desa, {})["p_tetap_bobot"] = w.p_tetap
        for code, shrunk in self.shrunk().items():
            rows.setdefault(code, {}).update(shrunk)
        return rows

    def shrunk(self) -> dict[str, dict[str, Any]]:
        """Per village with households: the shrunk % ber-PHBS, its posterior interval at the
        run's confidence level and the prior (the :data:`SHRINK_COLUMNS`). A village surveyed
        in full keeps its own value, its interval that point (docs/aturan.md §7.8)."""
        if self.prior is None or self.report is None:
            return {}
        base = self.report.penyebut
        areas = [a for a in self.report.wilayah if base.ber_phbs_base_of(a) > 0]
        x = np.array([a.ber_phbs for a in areas], dtype=np.float64)
        n = np.array([base.ber_phbs_base_of(a) for a in areas], dtype=np.float64)
        census = np.array([surveyed_in_full(a) for a in areas], dtype=bool)
        own = x / np.maximum(n, 1)
        mean = np.where(census, own, shrunk_proportion(x, n, self.prior)) * 100
        lower, upper = posterior_interval(x, n, self.prior, self.report.tingkat_kepercayaan)
        lower, upper = np.where(census, own, lower), np.where(census, own, upper)
        kappa = None if self.prior.infinite else self.prior.strength
        return {
            a.kode: dict(
                zip(
                    SHRINK_COLUMNS,
                    [
                        float(mean[i]),
                        float(lower[i]) * 100,
                        float(upper[i]) * 100,
                        self.prior.mean * 100,
                        kappa,
                    ],
                    strict=True,
                )
            )
            for i, a in enumerate(areas)
        }

    def document(self) -> dict[str, Any]:
        """The JSON section ``ketidakpastian``."""
        return {
            "metode_ci": self.report.metode_ci.value if self.report else None,
            "tingkat_kepercayaan": self.report.tingkat_kepercayaan if self.report else None,
            "bootstrap": self.bootstrap.model_dump(mode="json") if self.bootstrap else None,
            "kepekaan_bobot": self.weights.model_dump(mode="json") if self.weights else None,
            "penyusutan": self._shrinkage_document(),
        }

    def _shrinkage_document(self) -> dict[str, Any] | None:
        prior = self.prior
        if prior is None:
            return None
        infinite = prior.infinite
        return {
            "metode": f"empirical Bayes beta-binomial ({prior.method})",
            "rujukan": "docs/aturan.md §7.8",
            "alpha": None if infinite else prior.alpha,
            "beta": None if infinite else prior.beta,
            "rata_rata_prior": prior.mean,
            "kekuatan_prior": None if infinite else prior.strength,
            "kappa_tak_hingga": infinite,
            "log_likelihood": prior.log_likelihood,
            "jumlah_desa": prior.villages,
            "desa_sensus": [a.kode for a in self.report.wilayah if surveyed_in_full(a)]
            if self.report
            else [],
            "tingkat_kepercayaan": self.report.tingkat_kepercayaan if self.report else None,
            "desa": [
                {
                    "kode_desa": code,
                    "persen_ber_phbs_susut": values["persen_ber_phbs_susut"],
                    "persen_ber_phbs_susut_bawah": values["persen_ber_phbs_susut_bawah"],
                    "persen_ber_phbs_susut_atas": values["persen_ber_phbs_susut_atas"],
                }
                for code, values in self.shrunk().items()
            ],
        }


@dataclass(frozen=True)
class UncertaintyOptions:
    """Which analyses to run, as ``phbs rank`` and ``phbs report`` take them as options.

    ``bootstrap`` and ``weight_sensitivity`` are numbers of replicates (0: not run);
    ``weight_spread`` replaces the Dirichlet draw by a uniform ±percent per group; ``shrink``
    replaces % ber-PHBS by its empirical-Bayes posterior mean before the villages are scored.
    """

    bootstrap: int = 0
    seed: int = 42
    resample_judges: bool = False
    weight_sensitivity: int = 0
    weight_concentration: float = 100.0
    weight_spread: float | None = None
    shrink: bool = False

    @property
    def asked(self) -> bool:
        """Whether any analysis is asked for (the outputs then show how sure the ranking is)."""
        return bool(self.bootstrap or self.weight_sensitivity or self.shrink)


def assess_ranking(
    ranking: Ranking,
    rubric: LoadedRubric,
    report: AreaReport | None,
    options: UncertaintyOptions,
    *,
    prior: BetaBinomialPrior | None = None,
    households: ScoreResult | None = None,
) -> Uncertainty:
    """Run the analyses ``options`` ask for.

    ``report`` is the village summary the ranking's survey criteria came from; ``prior``
    the shrinkage prior when the survey measures were shrunk; ``households`` the scored
    survey, for the joint household bootstrap (without it the bootstrap resamples
    ``report``'s counts).

    >>> from phbs.contest.rubric_loading import load_rubric
    >>> from phbs.demo.contest import sample_ranking
    >>> found = assess_ranking(
    ...     sample_ranking(), load_rubric("lomba-desa-ber-phbs"), None,
    ...     UncertaintyOptions(weight_sensitivity=50),
    ... )
    >>> found.bootstrap is None, found.weights is not None, "p_tetap_bobot" in found.columns()
    (True, True, True)
    """
    found = Uncertainty(report=report, prior=prior)
    if options.bootstrap:
        found.bootstrap = bootstrap_ranking(
            ranking,
            rubric,
            report,
            replicates=options.bootstrap,
            seed=options.seed,
            resample_judges_too=options.resample_judges,
            prior=prior,
            households=households,
        )
    if options.weight_sensitivity:
        found.weights = weight_sensitivity(
            ranking,
            rubric,
            replicates=options.weight_sensitivity,
            seed=options.seed,
            concentration=options.weight_concentration,
            spread=options.weight_spread,
        )
    return found
