"""Effect of an experiment on a daily signal series: what was observed after the start against what
the series would have done without it, estimated two ways and chosen per series by placebo backtests.

Two estimators from statsmodels, both on daily counts with the series' own weekly rhythm:
- ``its-control``: interrupted time series, a Poisson regression of the counts on the weekday, the
  (log) control series and a step at the start; robust (HAC) errors cover overdispersion and
  autocorrelation. The step is the effect (exp(step) − 1). Without control series it is ``its``.
- ``sts``: a structural time series (local level + weekly seasonal + control series as regressor)
  fitted on the log counts before the start and forecast over the period after it.

Placebo backtests pretend the experiment started earlier, inside the period before the real start,
where the true effect is zero; the estimator whose placebo effects stay closest to zero is used.
"""

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import ruptures
import statsmodels.api as sm
from statsmodels.tsa.statespace.structural import UnobservedComponents

Z95 = 1.959963984540054
MIN_DAYS_BEFORE = 56
MIN_DAYS_AFTER = 14
MIN_MEAN_PER_DAY = 1.0
HISTORY_DAYS = 365
PLACEBO_RUNS = 4
MAX_CONTROLS = 3
MIN_WEEKS_BETWEEN_BREAKS = 4
BREAK_PENALTY = 3.0
CLEARLY_BETTER = 0.75


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
    reason: str = ""
    placebo_error: dict = field(default_factory=dict)
    days: list[str] = field(default_factory=list)
    observed: list[float] = field(default_factory=list)
    counterfactual: list[float] = field(default_factory=list)

    @property
    def interval_excludes_zero(self) -> bool:
        return self.enough_data and (self.ci_low > 0 or self.ci_high < 0)


@dataclass(frozen=True)
class _Fit:
    log_effect: float
    log_se: float
    counterfactual: np.ndarray


def _smooth(control: pd.Series) -> np.ndarray:
    """The control's level without its daily noise (a noisy regressor would pull its weight to zero)."""
    weekly = control.rolling(7, center=True, min_periods=1).mean()
    return np.maximum(weekly.to_numpy(), 0.5) * _weekday_share(control)


def _weekday_share(series: pd.Series) -> np.ndarray:
    """Each day's weekday factor, so that the smoothed control keeps the weekly rhythm."""
    by_day = series.groupby(series.index.day_of_week).mean()
    share = by_day / by_day.mean() if by_day.mean() > 0 else by_day * 0 + 1
    return np.maximum(share.reindex(series.index.day_of_week).to_numpy(), 0.05)


def _weekdays(index: pd.DatetimeIndex) -> np.ndarray:
    return np.eye(7)[index.day_of_week][:, 1:]


class InterruptedTimeSeries:
    """Poisson regression with a step at the start; the control (if any) is the offset: the log-ratio."""
    name = "its"

    def fit_effect(self, y: pd.Series, control: pd.Series | None, start: int) -> _Fit:
        step = (np.arange(len(y)) >= start).astype(float)
        design = np.column_stack([np.ones(len(y)), _weekdays(y.index), step])
        offset = None if control is None else np.log(_smooth(control))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = sm.GLM(y.to_numpy(), design, family=sm.families.Poisson(), offset=offset).fit(
                cov_type="HAC", cov_kwds={"maxlags": 7})
        without = design.copy()
        without[:, -1] = 0.0
        return _Fit(float(result.params[-1]), float(result.bse[-1]), result.predict(without, offset=offset)[start:])


class StructuralTimeSeries:
    """Local level + weekly seasonal (+ control regressor) on log(1 + count), forecast after the start."""
    name = "sts"

    def fit_effect(self, y: pd.Series, control: pd.Series | None, start: int) -> _Fit:
        log_y = np.log1p(y.to_numpy())
        if control is not None:
            log_y = log_y - np.log(_smooth(control))
        model = UnobservedComponents(log_y[:start], level="llevel", seasonal=7)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = model.fit(disp=False, method="lbfgs", maxiter=200)
        horizon = len(y) - start
        forecast = result.get_forecast(horizon).predicted_mean
        log_effect = float(np.mean(log_y[start:] - forecast))
        log_se = float(np.sqrt(_forecast_sum_variance(result, horizon)) / horizon)
        scale = 1.0 if control is None else _smooth(control)[start:]
        return _Fit(log_effect, log_se, np.exp(forecast) * scale - 1.0)


def _forecast_sum_variance(result, horizon: int) -> float:
    """Variance of the sum of the next `horizon` forecast errors of a time-invariant state space model.

    statsmodels gives each horizon's variance but not their covariances, which the sum needs: the
    errors of a local level share the same unknown level. With x₁ ~ N(0, P) the state error after the
    last observation and G_m = Σ_{k<m} Z Tᵏ: Var = G_h P G_hᵀ + Σ_i G_{h−i} R Q Rᵀ G_{h−i}ᵀ + h·H.
    """
    ssm = result.filter_results
    design, transition = ssm.design[:, :, 0], ssm.transition[:, :, 0]
    noise = ssm.selection[:, :, 0] @ ssm.state_cov[:, :, 0] @ ssm.selection[:, :, 0].T
    initial = result.predicted_state_cov[:, :, -1]
    cumulative = np.zeros_like(design)
    power = np.eye(transition.shape[0])
    sums = []
    for _ in range(horizon):
        cumulative = cumulative + design @ power
        power = power @ transition
        sums.append(cumulative)
    variance = (sums[-1] @ initial @ sums[-1].T).item()
    variance += sum((g @ noise @ g.T).item() for g in sums[:-1])
    return variance + horizon * float(ssm.obs_cov[0, 0, 0])


ESTIMATORS = (InterruptedTimeSeries(), StructuralTimeSeries())


def choose_controls(y: pd.Series, candidates: dict[str, pd.Series], start: int) -> list[str]:
    """The candidate series whose ratio to the metric was steadiest before the start (weekly sums, log scale).

    A steady ratio is exactly what the counterfactual assumes; a candidate with its own trend or jump
    (a new app, a yearly peak) makes an unsteady ratio and is left out.
    """
    weeks = len(y.iloc[:start]) // 7
    if weeks < 4:
        return []
    def weekly(series):
        return series.iloc[start - 7 * weeks:start].to_numpy().reshape(weeks, 7).sum(axis=1)
    metric = np.log1p(weekly(y))
    scored = []
    for name, series in candidates.items():
        if series.iloc[:start].mean() < MIN_MEAN_PER_DAY:
            continue
        scored.append((float(np.std(metric - np.log1p(weekly(series)))), name))
    return [name for _, name in sorted(scored)[:MAX_CONTROLS]]


@dataclass(frozen=True)
class Backtest:
    """Placebo result of one candidate: mean absolute log effect where there is none, and how much wider
    its intervals must be to match the scatter of those placebo effects (never narrower)."""
    error: float
    widening: float
    runs: int


class EffectEstimator:
    """Estimate the relative effect on `y` of something that started on `start`.

    y and every control are daily counts on a calendar index. `fit` keeps at most a year before the
    start, picks up to three control series that moved with it before the start, backtests each
    estimator and leaves the estimate of the one with the smallest placebo error in ``estimate_``.
    """

    def __init__(self, *, min_days_before=MIN_DAYS_BEFORE, min_days_after=MIN_DAYS_AFTER, history_days=HISTORY_DAYS,
                 placebo_runs=PLACEBO_RUNS, estimators=ESTIMATORS):
        self.min_days_before, self.min_days_after = min_days_before, min_days_after
        self.history_days, self.placebo_runs, self.estimators = history_days, placebo_runs, estimators

    def fit(self, y: pd.Series, controls: dict[str, pd.Series], start, end=None):
        start, end = pd.Timestamp(start), pd.Timestamp(end) if end is not None else y.index[-1]
        y = y.loc[start - pd.Timedelta(days=self.history_days):end].astype(float)
        days_before, days_after = int((y.index < start).sum()), int((y.index >= start).sum())
        if days_after < self.min_days_after:
            self.estimate_ = _not_enough(self.min_days_after - days_after, "after")
        elif days_before < self.min_days_before:
            self.estimate_ = _not_enough(self.min_days_before - days_before, "before")
        elif y.iloc[:days_before].mean() < MIN_MEAN_PER_DAY:
            self.estimate_ = _too_few_signals(y.iloc[:days_before].mean())
        else:
            self.estimate_ = self._estimate(y, controls, days_before, days_after)
        return self

    def _estimate(self, y, controls, days_before, days_after) -> EffectEstimate:
        aligned = {name: s.reindex(y.index, fill_value=0.0).astype(float) for name, s in controls.items()}
        chosen = choose_controls(y, aligned, days_before)
        changed = last_break(y.iloc[:days_before], _control_sum(aligned, chosen, days_before)) if chosen else 0
        changed_on = y.index[changed].date().isoformat()
        first = min(changed, days_before - self.min_days_before)
        if first > 0:
            y, aligned, days_before = y.iloc[first:], {n: s.iloc[first:] for n, s in aligned.items()}, days_before - first
            chosen = choose_controls(y, aligned, days_before)
        control = _control_sum(aligned, chosen, None)
        suffix = "" if control is None else "-control"
        candidates = {estimator.name + suffix: estimator for estimator in self.estimators}
        backtests = {name: self._backtest(estimator, y.iloc[:days_before], control, days_after)
                     for name, estimator in candidates.items()}
        best = simplest_good_enough(list(candidates), backtests, 1.0 if control is None else CLEARLY_BETTER)
        fit = candidates[best].fit_effect(y, control, days_before)
        reason = _reason(best, backtests)
        if changed > first:
            reason = (f"Kort vóór de start, rond {changed_on}, veranderde de reeks al; de schatting gebruikt de laatste "
                      f"{self.min_days_before} dagen en is minder zeker. ") + reason
        elif first > 0:
            reason = f"Vóór de start veranderde de reeks al eens, rond {changed_on}; alleen de periode daarna telt als verleden. " + reason
        return _estimate(y, fit, days_before, backtests[best].widening, best, chosen,
                         {name: round(test.error, 4) for name, test in backtests.items()}, reason)

    def _backtest(self, estimator, y_before, control, horizon) -> Backtest:
        """Fake starts inside the period before the real one, where the true effect is zero. Each placebo
        period is as long as the real one, or shorter when the history would not hold enough of them."""
        horizon = min(horizon, (len(y_before) - self.min_days_before // 2) // self.placebo_runs)
        effects, z_scores = [], []
        for run in range(1, self.placebo_runs + 1):
            fake_start = len(y_before) - run * horizon
            if fake_start < self.min_days_before // 2 or horizon < 7:
                break
            window = slice(0, fake_start + horizon)
            fit = estimator.fit_effect(y_before.iloc[window], None if control is None else control.iloc[window],
                                       fake_start)
            effects.append(abs(fit.log_effect))
            z_scores.append(fit.log_effect / fit.log_se)
        if not effects:
            return Backtest(float("inf"), 1.0, 0)
        return Backtest(float(np.mean(effects)), max(1.0, float(np.sqrt(np.mean(np.square(z_scores))))), len(effects))


def simplest_good_enough(names: list[str], backtests: dict[str, "Backtest"], margin: float) -> str:
    """The first (simplest) estimator, unless a later one had placebo errors below `margin` times its own.

    With control series the constant ratio of the interrupted time series is the natural model and a
    small difference between a few placebos is noise (margin 0.75); without them the series' own level
    may wander, and the estimator with the smaller placebo error is taken (margin 1).
    """
    best = min(names, key=lambda name: backtests[name].error)
    return best if backtests[best].error < margin * backtests[names[0]].error else names[0]


def _control_sum(aligned: dict[str, pd.Series], chosen: list[str], until: int | None) -> pd.Series | None:
    return sum(aligned[name].iloc[:until] for name in chosen) if chosen else None


def last_break(y_before: pd.Series, control_before: pd.Series) -> int:
    """Where the latest lasting change in the metric relative to its control before the start began.

    Weekly means of the log-ratio are searched for changes in
    mean with ruptures (PELT, a BIC-like penalty on the noise of the weekly means); the history before
    the last change would describe a different situation. 0 means no change was found.
    """
    weeks = len(y_before) // 7
    if weeks < 2 * MIN_WEEKS_BETWEEN_BREAKS:
        return 0
    offset = len(y_before) - 7 * weeks
    ratio = np.log1p(y_before.to_numpy()[offset:]) - np.log(_smooth(control_before)[offset:])
    weekly = ratio.reshape(weeks, 7).mean(axis=1)
    noise = 1.4826 * np.median(np.abs(np.diff(weekly) - np.median(np.diff(weekly)))) / np.sqrt(2)
    if noise == 0:
        return 0
    breaks = ruptures.Pelt(model="l2", min_size=MIN_WEEKS_BETWEEN_BREAKS, jump=1).fit(weekly.reshape(-1, 1)).predict(
        pen=BREAK_PENALTY * noise ** 2 * np.log(weeks))
    inner = [b for b in breaks if b < weeks]
    return offset + 7 * inner[-1] if inner else 0


def _reason(best: str, backtests: dict[str, Backtest]) -> str:
    """Why this method, in Dutch, for the page."""
    test = backtests[best]
    if not test.runs:
        return "Te kort om proefperiodes vóór de start te toetsen; de eerste methode is gebruikt."
    others = ", ".join(f"{name} {100 * np.expm1(t.error):.1f}%" for name, t in backtests.items() if name != best)
    reason = (f"In {test.runs} proefperiodes vóór de start, waarin niets veranderde, week {best} gemiddeld "
              f"{100 * np.expm1(test.error):.1f}% af van nul (de andere methodes: {others}).")
    if test.widening > 1.0:
        reason += (f" Het interval is {test.widening:.1f}× verbreed, omdat de proefperiodes meer schommelden dan "
                   f"het model verwacht.")
    return reason


def _estimate(y, fit, start, widening, method, control, placebo, reason) -> EffectEstimate:
    after = y.iloc[start:]
    margin = Z95 * fit.log_se * widening
    return EffectEstimate(
        relative_effect=round(float(np.expm1(fit.log_effect)), 4),
        ci_low=round(float(np.expm1(fit.log_effect - margin)), 4),
        ci_high=round(float(np.expm1(fit.log_effect + margin)), 4),
        absolute_per_day=round(float(after.mean() - np.mean(fit.counterfactual)), 2),
        method=method, control=control, reason=reason, placebo_error=placebo,
        days=[d.date().isoformat() for d in after.index], observed=[float(v) for v in after],
        counterfactual=[round(float(v), 2) for v in fit.counterfactual])


def _not_enough(days_needed: int, side: str) -> EffectEstimate:
    where = "na de start" if side == "after" else "vóór de start"
    return EffectEstimate(None, None, None, None, None, [], enough_data=False, days_needed=days_needed,
                          reason=f"Te weinig gegevens: nog {days_needed} dagen {where} nodig.")


def _too_few_signals(mean_per_day: float) -> EffectEstimate:
    return EffectEstimate(None, None, None, None, None, [], enough_data=False, days_needed=0,
                          reason=(f"Te weinig signalen in deze reeks: gemiddeld {mean_per_day:.1f} per dag vóór de "
                                  f"start; een effect is daarop niet betrouwbaar te meten. Kies een bredere reeks."))
