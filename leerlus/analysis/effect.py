"""Effect of an experiment on a daily signal series: what was observed after the start against what
the series would have done without it, estimated two ways and chosen per series by placebo backtests.

Two estimators from statsmodels, both on daily counts with the series' own weekly rhythm:
- ``its-control``: interrupted time series, a Poisson regression of the counts on the weekday, open
  public holidays, catch-up days, the (log) control series and a step at the start; robust (HAC)
  errors cover overdispersion and autocorrelation. The step is the effect (exp(step) − 1). Without
  control series it is ``its``.
- ``sts``: a structural time series (local level + weekly seasonal + holiday and catch-up regressors,
  control series as offset) fitted on the log counts before the start and forecast after it.

Days on which the metric's channel was closed (effect_days) are left out of both fits and get no
counterfactual contacts: the effect is over the open days. Placebo backtests pretend the experiment
started earlier, inside the period before the real start, where the true effect is zero; the
estimator whose placebo effects stay closest to zero is used.
"""

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tsa.statespace.structural import UnobservedComponents

from leerlus.analysis.effect_controls import MIN_MEAN_PER_DAY, choose_controls, control_level, last_break, off_season
from leerlus.analysis.effect_days import day_kinds, unusual

Z95 = 1.959963984540054
MIN_DAYS_BEFORE = 56
MIN_DAYS_AFTER = 14
HISTORY_DAYS = 365
PLACEBO_RUNS = 4
CLEARLY_BETTER = 0.75
REASONS = (
    "too_few_days_after",  # days_needed more days after the start are needed
    "too_few_days_before",  # days_needed more days before the start are needed
    "too_few_signals",  # mean_per_day_before is too low to measure an effect on
    "changed_shortly_before_start",  # around changed_on; only the last days_before days are used
    "changed_before_start",  # around changed_on; only the period after it counts as the past
    "no_placebo_periods",  # too short to backtest; the first method is used
    "placebo_backtests",  # in placebo_runs fake starts the chosen method erred least (placebo_error)
    "interval_widened",  # by `widening`: the placebo effects scattered more than the model promised
)


@dataclass(frozen=True)
class EffectEstimate:
    """The effect JSON of PRODUCT.md plus what the page needs to show and explain it."""

    relative_effect: float | None
    ci_low: float | None
    ci_high: float | None
    absolute_per_day: float | None
    method: str | None
    control: list[str]
    enough_data: bool = True
    days_needed: int = 0
    reasons: list[str] = field(default_factory=list)  # codes of REASONS, in reading order
    changed_on: str | None = None  # when the series changed before the start (changed_*_before_start)
    days_before: int = 0  # the days before the start that the estimate learned from
    mean_per_day_before: float | None = None  # signals per day before the start (too_few_signals)
    placebo_runs: int = 0
    widening: float = 1.0  # how much wider the interval was made after the placebo backtests
    placebo_error: dict = field(default_factory=dict)
    days: list[str] = field(default_factory=list)
    observed: list[float] = field(default_factory=list)
    counterfactual: list[float] = field(default_factory=list)
    counterfactual_low: list[float] = field(default_factory=list)
    counterfactual_high: list[float] = field(default_factory=list)
    closed_holidays: list[str] = field(default_factory=list)

    @property
    def interval_excludes_zero(self) -> bool:
        return self.enough_data and (self.ci_low > 0 or self.ci_high < 0)


@dataclass(frozen=True)
class _Fit:
    log_effect: float
    log_se: float
    counterfactual: np.ndarray


def _day_columns(index: pd.DatetimeIndex, days: pd.DataFrame, start: int, weekdays: bool) -> np.ndarray:
    """Weekday dummies (if asked), holidays and catch-up days: the columns seen on an open day before the
    start (a closed weekday or a kind of day the history never had cannot be learned). Closed days are
    left out of every fit, so the holiday column stands for the open holidays."""
    parts = [np.eye(7)[index.day_of_week][:, 1:]] if weekdays else []
    columns = np.column_stack([*parts, days["holiday"], days["catch_up"]]).astype(float)
    seen = columns[:start][~days["closed"].to_numpy()[:start]].any(axis=0)
    return columns[:, seen]


class InterruptedTimeSeries:
    """Poisson regression with a step at the start; the control (if any) is the offset: the log-ratio."""

    name = "its"

    def fit_effect(self, y: pd.Series, level: pd.Series | None, start: int, days: pd.DataFrame) -> _Fit:
        opened = ~days["closed"].to_numpy()
        step = (np.arange(len(y)) >= start).astype(float)
        design = np.column_stack([np.ones(len(y)), _day_columns(y.index, days, start, weekdays=True), step])
        offset = np.zeros(len(y)) if level is None else np.log(level.to_numpy())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = sm.GLM(
                y.to_numpy()[opened], design[opened], family=sm.families.Poisson(), offset=offset[opened]
            ).fit(cov_type="HAC", cov_kwds={"maxlags": 7})
        without = design[start:].copy()
        without[:, -1] = 0.0
        counterfactual = result.predict(without, offset=offset[start:]) * opened[start:]
        return _Fit(float(result.params[-1]), float(result.bse[-1]), counterfactual)


class StructuralTimeSeries:
    """Local level + weekly seasonal (+ holiday and catch-up regressors, control offset) on log(1 + count),
    forecast after the start; closed days are missing observations."""

    name = "sts"

    def fit_effect(self, y: pd.Series, level: pd.Series | None, start: int, days: pd.DataFrame) -> _Fit:
        opened = ~days["closed"].to_numpy()
        log_y = np.log1p(y.to_numpy())
        if level is not None:
            log_y = log_y - np.log(level.to_numpy())
        exog = _day_columns(y.index, days, start, weekdays=False)
        exog = exog if exog.shape[1] else None
        model = UnobservedComponents(
            np.where(opened, log_y, np.nan)[:start],
            level="llevel",
            seasonal=7,
            exog=None if exog is None else exog[:start],
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = model.fit(disp=False, method="lbfgs", maxiter=200)
        after_open = opened[start:]
        forecast = result.get_forecast(len(y) - start, exog=None if exog is None else exog[start:]).predicted_mean
        log_effect = float(np.mean((log_y[start:] - forecast)[after_open]))
        log_se = float(np.sqrt(_forecast_sum_variance(result, after_open)) / after_open.sum())
        scale = 1.0 if level is None else level.to_numpy()[start:]
        return _Fit(log_effect, log_se, np.maximum(np.exp(forecast) * scale - 1.0, 0.0) * after_open)


def _forecast_sum_variance(result, included: np.ndarray) -> float:
    """Variance of the sum of the forecast errors on the `included` days ahead, for a time-invariant state
    space model.

    statsmodels gives each horizon's variance but not their covariances, which the sum needs: the
    errors of a local level share the same unknown level. With x₁ ~ N(0, P) the state error after the
    last observation, wₜ = 1 for an included day t and Bᵢ = Σ_{t>i} wₜ Z Tᵗ⁻¹⁻ⁱ (so Bᵢ = w_{i+1} Z + B_{i+1} T):
    Var = B₀ P B₀ᵀ + Σ_{i=1}^{h−1} Bᵢ R Q Rᵀ Bᵢᵀ + (Σ wₜ)·H.
    """
    ssm = result.filter_results
    design, transition = ssm.design[:, :, 0], ssm.transition[:, :, 0]
    noise = ssm.selection[:, :, 0] @ ssm.state_cov[:, :, 0] @ ssm.selection[:, :, 0].T
    initial = result.predicted_state_cov[:, :, -1]
    coefficient = np.zeros_like(design)
    variance = 0.0
    for i in range(len(included) - 1, -1, -1):
        coefficient = included[i] * design + coefficient @ transition
        variance += (coefficient @ (initial if i == 0 else noise) @ coefficient.T).item()
    return variance + included.sum() * float(ssm.obs_cov[0, 0, 0])


ESTIMATORS = (InterruptedTimeSeries(), StructuralTimeSeries())


@dataclass(frozen=True)
class Backtest:
    """Placebo result of one candidate: mean absolute log effect where there is none, and how much wider
    its intervals must be to match the scatter of those placebo effects (never narrower)."""

    error: float
    widening: float
    runs: int


@dataclass(frozen=True)
class _Window:
    """The metric, its kinds of day and the candidate controls with their unusual (closed or catch-up) days,
    from one day on."""

    y: pd.Series
    days: pd.DataFrame
    controls: dict[str, pd.Series]
    control_unusual: dict[str, np.ndarray]

    def since(self, first: int) -> "_Window":
        return _Window(
            self.y.iloc[first:],
            self.days.iloc[first:],
            {n: s.iloc[first:] for n, s in self.controls.items()},
            {n: c[first:] for n, c in self.control_unusual.items()},
        )

    def level(self, chosen: list[str]) -> pd.Series | None:
        return control_level({n: self.controls[n] for n in chosen}, self.control_unusual)


class EffectEstimator:
    """Estimate the relative effect on `y` of something that started on `start`.

    y and every control are daily counts on a calendar index; `holidays` are the public holidays (dates)
    on which a staffed channel may close. `fit` keeps at most a year before the start, picks up to three
    control series that moved with it before the start, backtests each estimator and leaves the estimate
    of the one with the smallest placebo error in ``estimate_``.
    """

    def __init__(
        self,
        *,
        min_days_before=MIN_DAYS_BEFORE,
        min_days_after=MIN_DAYS_AFTER,
        history_days=HISTORY_DAYS,
        placebo_runs=PLACEBO_RUNS,
        estimators=ESTIMATORS,
        holidays=frozenset(),
    ):
        self.min_days_before, self.min_days_after = min_days_before, min_days_after
        self.history_days, self.placebo_runs, self.estimators = history_days, placebo_runs, estimators
        self.holidays = holidays

    def fit(self, y: pd.Series, controls: dict[str, pd.Series], start, end=None):
        start, end = pd.Timestamp(start), pd.Timestamp(end) if end is not None else y.index[-1]
        y = y.loc[start - pd.Timedelta(days=self.history_days) : end].astype(float)
        days_before, days_after = int((y.index < start).sum()), int((y.index >= start).sum())
        if days_after < self.min_days_after:
            self.estimate_ = _not_enough(self.min_days_after - days_after, "after")
        elif days_before < self.min_days_before:
            self.estimate_ = _not_enough(self.min_days_before - days_before, "before")
        elif y.iloc[:days_before].mean() < MIN_MEAN_PER_DAY:
            self.estimate_ = _too_few_signals(y.iloc[:days_before].mean())
        else:
            self.estimate_ = self._estimate(self._window(y, controls, days_before), days_before, days_after)
        return self

    def _window(self, y: pd.Series, controls: dict[str, pd.Series], days_before: int) -> _Window:
        aligned = {name: s.reindex(y.index, fill_value=0.0).astype(float) for name, s in controls.items()}
        return _Window(
            y,
            day_kinds(y, days_before, self.holidays),
            aligned,
            {name: unusual(day_kinds(s, days_before, self.holidays)) for name, s in aligned.items()},
        )

    def _estimate(self, window: _Window, days_before: int, days_after: int) -> EffectEstimate:
        skip = unusual(window.days)
        seasonal = off_season(window.y, window.controls, days_before, skip, days_after)
        usable = {name: series for name, series in window.controls.items() if name not in seasonal}
        chosen = choose_controls(window.y, usable, days_before, skip)
        changed = 0
        if chosen:
            level = window.level(chosen)
            changed = last_break(window.y.iloc[:days_before], level.iloc[:days_before], skip[:days_before])
        changed_on = window.y.index[changed].date().isoformat()
        first = min(changed, days_before - self.min_days_before)
        if first > 0:
            window, days_before = window.since(first), days_before - first
            chosen = choose_controls(
                window.y, {n: window.controls[n] for n in usable}, days_before, unusual(window.days)
            )
        level = window.level(chosen)
        suffix = "" if level is None else "-control"
        candidates = {estimator.name + suffix: estimator for estimator in self.estimators}
        backtests = {
            name: self._backtest(estimator, window, level, days_before, days_after)
            for name, estimator in candidates.items()
        }
        best = simplest_good_enough(list(candidates), backtests, 1.0 if level is None else CLEARLY_BETTER)
        fit = candidates[best].fit_effect(window.y, level, days_before, window.days)
        reasons = ["placebo_backtests" if backtests[best].runs else "no_placebo_periods"]
        if backtests[best].widening > 1.0:
            reasons.append("interval_widened")
        if changed > first:
            reasons.insert(0, "changed_shortly_before_start")
        elif first > 0:
            reasons.insert(0, "changed_before_start")
        return _estimate(
            window,
            fit,
            days_before,
            backtests[best].widening,
            best,
            chosen,
            {name: round(test.error, 4) for name, test in backtests.items()},
            reasons,
            changed_on if changed > 0 else None,
            backtests[best].runs,
        )

    def _backtest(self, estimator, window: _Window, level, days_before: int, horizon: int) -> Backtest:
        """Fake starts inside the period before the real one, where the true effect is zero. Each placebo
        period is as long as the real one, or shorter when the history would not hold enough of them."""
        horizon = min(horizon, (days_before - self.min_days_before // 2) // self.placebo_runs)
        effects, z_scores = [], []
        for run in range(1, self.placebo_runs + 1):
            fake_start = days_before - run * horizon
            if fake_start < self.min_days_before // 2 or horizon < 7:
                break
            part = slice(0, fake_start + horizon)
            fit = estimator.fit_effect(
                window.y.iloc[part], None if level is None else level.iloc[part], fake_start, window.days.iloc[part]
            )
            effects.append(abs(fit.log_effect))
            z_scores.append(fit.log_effect / fit.log_se)
        if not effects:
            return Backtest(float("inf"), 1.0, 0)
        return Backtest(float(np.mean(effects)), max(1.0, float(np.sqrt(np.mean(np.square(z_scores))))), len(effects))


def simplest_good_enough(names: list[str], backtests: dict[str, Backtest], margin: float) -> str:
    """The first (simplest) estimator, unless a later one had placebo errors below `margin` times its own.

    With control series the constant ratio of the interrupted time series is the natural model and a
    small difference between a few placebos is noise (margin 0.75); without them the series' own level
    may wander, and the estimator with the smaller placebo error is taken (margin 1).
    """
    best = min(names, key=lambda name: backtests[name].error)
    return best if backtests[best].error < margin * backtests[names[0]].error else names[0]


def _estimate(
    window: _Window, fit: _Fit, start, widening, method, control, placebo, reasons, changed_on, runs
) -> EffectEstimate:
    """The estimate over the open days after the start; closed days show with no counterfactual contacts."""
    after = window.y.iloc[start:]
    opened = ~window.days["closed"].to_numpy()[start:]
    closed_holidays = after.index[~opened & window.days["holiday"].to_numpy()[start:]]
    margin = Z95 * fit.log_se * widening
    return EffectEstimate(
        relative_effect=round(float(np.expm1(fit.log_effect)), 4),
        ci_low=round(float(np.expm1(fit.log_effect - margin)), 4),
        ci_high=round(float(np.expm1(fit.log_effect + margin)), 4),
        absolute_per_day=round(float(np.mean(after.to_numpy()[opened] - fit.counterfactual[opened])), 2),
        method=method,
        control=control,
        reasons=reasons,
        changed_on=changed_on,
        days_before=start,
        placebo_runs=runs,
        widening=round(widening, 2),
        placebo_error=placebo,
        days=[d.date().isoformat() for d in after.index],
        observed=[float(v) for v in after],
        counterfactual=_rounded(fit.counterfactual),
        counterfactual_low=_rounded(fit.counterfactual * np.exp(-margin)),
        counterfactual_high=_rounded(fit.counterfactual * np.exp(margin)),
        closed_holidays=[d.date().isoformat() for d in closed_holidays],
    )


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 2) for v in values]


def _not_enough(days_needed: int, side: str) -> EffectEstimate:
    reason = "too_few_days_after" if side == "after" else "too_few_days_before"
    return EffectEstimate(
        None, None, None, None, None, [], enough_data=False, days_needed=days_needed, reasons=[reason]
    )


def _too_few_signals(mean_per_day: float) -> EffectEstimate:
    return EffectEstimate(
        None,
        None,
        None,
        None,
        None,
        [],
        enough_data=False,
        reasons=["too_few_signals"],
        mean_per_day_before=round(float(mean_per_day), 2),
    )
