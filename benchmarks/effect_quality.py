"""Effect estimates across public holidays: error in points and 95% interval coverage over many seeds.

Usage: python benchmarks/effect_quality.py [--seeds 20]

Two settings, both with a true effect of −35% on phone calls (the line is closed at weekends and on
Dutch public holidays, and part of a closed day's calls come the next working day) and
negative-binomial counts:
- series: `analysis.synthetic.experiment_series`, phone calls against two online channels (k = 10),
  start 16 March 2026 (Good Friday, Easter Monday, King's Day, Ascension Day and Whit Monday fall in
  the 90 days after), a year of history;
- municipality: `analysis.scenario.municipality` (18 months, k between 8 and 15, yearly seasons),
  the WhatsApp bot on telefoon · Algemeen against the 12 largest other channels × other services,
  the candidates the experiment page offers, until the end of the data.
Every estimate is made as the experiment page makes it: EffectEstimator with the Dutch public
holidays. Prints per setting the mean error and the mean absolute error in points, how many
estimates are within 5 points, how many 95% intervals cover the truth, and the seconds.
"""

import argparse
import time

import holidays
import numpy as np
import pandas as pd

from leerlus.analysis import scenario, synthetic
from leerlus.analysis.effect import EffectEstimator

TRUTH = -0.35
START = 439  # 16 March 2026 from 1 January 2025
CANDIDATES = 12


def public_holidays(days: pd.DatetimeIndex) -> frozenset:
    return frozenset(holidays.country_holidays("NL", years=range(days[0].year, days[-1].year + 1)))


def series_estimate(seed: int):
    metric, controls = synthetic.experiment_series(
        days=START + 90,
        start=START,
        effect=TRUTH,
        week=synthetic.OFFICE_WEEK,
        control_week=synthetic.ONLINE_WEEK,
        holidays=public_holidays(pd.date_range("2025-01-01", periods=START + 90)),
        dispersion=10,
        seed=seed,
    )
    return EffectEstimator(holidays=public_holidays(metric.index)).fit(metric, controls, metric.index[START]).estimate_


def municipality_estimate(seed: int):
    frame, truth = scenario.municipality(seed=seed)
    bot = next(event for event in truth if event.name == "whatsapp-bot")
    channel, service = bot.metric
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    daily = frame.groupby(["channel", "service", "day"]).size()

    def series(pair):
        return daily.loc[pair].rename(index=pd.Timestamp).reindex(days, fill_value=0).astype(float)

    pairs = [pair for pair in daily.index.droplevel("day").unique() if pair[0] != channel and pair[1] != service]
    largest = sorted(pairs, key=lambda pair: -daily.loc[pair].sum())[:CANDIDATES]
    controls = {f"{c} / {s}": series((c, s)) for c, s in largest}
    return (
        EffectEstimator(holidays=public_holidays(days))
        .fit(series(bot.metric), controls, pd.Timestamp(bot.start))
        .estimate_
    )


def report(name: str, estimate, seeds: range) -> None:
    started = time.perf_counter()
    estimates = [estimate(seed) for seed in seeds]
    errors = 100 * (np.array([e.relative_effect for e in estimates]) - TRUTH)
    covered = sum(e.ci_low <= TRUTH <= e.ci_high for e in estimates)
    print(
        f"| {name} | {len(estimates)} | {errors.mean():+.1f} | {np.abs(errors).mean():.1f} | "
        f"{np.sum(np.abs(errors) <= 5)}/{len(estimates)} | {covered}/{len(estimates)} | "
        f"{time.perf_counter() - started:.0f} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20)
    seeds = range(parser.parse_args().seeds)
    print(
        "| setting | seeds | mean error, points | mean absolute error, points | within 5 points | "
        "intervals covering | seconds |"
    )
    print("|---|---|---|---|---|---|---|")
    report("series", series_estimate, seeds)
    report("municipality", municipality_estimate, seeds)


if __name__ == "__main__":
    main()
