"""Detection quality: what a municipal analyst would see, on a municipality with a known truth and on real exports.

Usage: python benchmarks/detection_quality.py [--seeds 0 1 2] [--volumes 0.25 1 4]
                                              [--real-data ../shared/data] [--json]

For every volume and seed, `leerlus.analysis.scenario.municipality` generates 18 months of signals
(volume 1: about 233,000; 4: about 930,000) with negative-binomial counts, staffed channels closed
on public holidays, yearly seasons and planted events: a portal release with a ripple to the
phone, a new waste pass (level shift and new words), a two-day storm, an energy allowance (new
words), a WhatsApp bot that takes 35% off phone calls about general questions. The library runs on
them as `leerlus analyse --full` does (SignalClassifier, then PatternFinder with the Dutch public
holidays), and the cards are scored:

- cards: the incidents that are not marked expected (each one card an analyst reads);
- a card matches an event when its period [start, end or start + 13 days] overlaps
  [event.start − 3 days, (event.end or event.start + 27 days) + 7 days] and it shares a service
  or a word with the event; a card about no service matches on a shared channel, a card with no
  channel and no service (about all signals) on time alone (the rule is in quality_scoring.py);
- recall per event kind: an event is found when at least one card matches it;
- false cards per month of data: cards that match no event; a card that matches a yearly season
  in its first year is forgiven and counted apart ("forgiven"); "repeat season" counts the false
  cards about a season that came the year before as well;
- cards per event: the number of cards matching each planted event (mean and max);
- effect: the effect estimate of the WhatsApp bot on telefoon · Algemeen against the other
  channels × other services (as the experiment page does), its error in points and whether its
  95% interval covers the truth (−35%).

Real exports (read in place, skipped with a note when missing): NYC 311 street flooding (one
channel, no text; are hurricanes Irene, August 2011, and Sandy, October 2012, among the cards, and
at which rank), and Katwijk's Fixi meldingen (cards per calendar year, and the cards about the
fireworks category, Vuurwerkoverlast, around each December).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import holidays
import numpy as np
from quality_real import KATWIJK_FILE, NYC_FILE, katwijk_frame, katwijk_report, nyc_frame, nyc_report
from quality_scoring import cards, effect_check, score

from leerlus.analysis import scenario
from leerlus.analysis.engine import PatternFinder, SignalClassifier, TextIndex

COLUMNS = ["id", "day", "channel", "service", "topic", "text"]
KINDS = ("spike", "level_shift", "ripple", "emerging_topic", "drop")


def analyse(frame, country: str):
    """The library pipeline of a full `leerlus analyse`; the finder and the seconds it took."""
    started = time.perf_counter()
    years = range(frame["day"].min().year, frame["day"].max().year + 1)
    closed = frozenset(holidays.country_holidays(country, years=years))
    index = TextIndex(frame["text"])
    classifier = SignalClassifier().fit(frame, index)
    labels = classifier.transform(frame, index)
    labelled = frame.assign(service=labels["service"], topic=labels["topic"])
    topic_terms = {topic.number: topic.terms for topic in classifier.topics_}
    finder = PatternFinder(holidays=closed).fit(labelled[COLUMNS], topic_terms, index)
    return finder, time.perf_counter() - started


def scenario_run(volume: float, seed: int) -> dict:
    frame, truth = scenario.municipality(volume=volume, seed=seed)
    finder, seconds = analyse(frame, "NL")
    days = (frame["day"].max() - frame["day"].min()).days + 1
    bot = next(e for e in truth if e.name == "whatsapp-bot")
    return {
        "volume": volume,
        "seed": seed,
        "signals": len(frame),
        "patterns": len(finder.patterns_),
        **score(cards(finder.incidents_), truth, days),
        "effect": effect_check(frame, bot),
        "seconds": round(seconds, 1),
    }


def real_runs(folder: Path) -> dict:
    result = {}
    for name, file, load, country, report in (
        ("nyc", NYC_FILE, nyc_frame, "US", lambda found, _frame: nyc_report(found)),
        ("katwijk", KATWIJK_FILE, katwijk_frame, "NL", katwijk_report),
    ):
        path = folder / file
        if not path.exists():
            print(f"note: {path} is missing; {name} skipped", file=sys.stderr)
            continue
        frame = load(path)
        finder, seconds = analyse(frame, country)
        result[name] = {
            "signals": len(frame),
            "patterns": len(finder.patterns_),
            **report(cards(finder.incidents_), frame),
            "seconds": round(seconds, 1),
        }
    return result


def recall_text(recall: dict) -> str:
    return ", ".join(f"{kind} {recall[kind][0]}/{recall[kind][1]}" for kind in KINDS if kind in recall)


def effect_text(effect: dict) -> str:
    if effect.get("estimate") is None:
        return "none"
    return (
        f"{effect['estimate']:+.0%} [{effect['ci_low']:+.0%}, {effect['ci_high']:+.0%}] "
        f"{'covers' if effect['covered'] else 'misses'}"
    )


def print_runs(runs: list[dict]) -> None:
    print(
        "| volume | seed | signals | patterns | cards | recall | false | false/month | forgiven | "
        "false: repeat season | cards/event mean (max) | effect (truth −35%) | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(
            f"| {r['volume']:g} | {r['seed']} | {r['signals']:,} | {r['patterns']} | {r['cards']} | "
            f"{recall_text(r['recall'])} | {r['false_cards']} | {r['false_per_month']:.1f} | "
            f"{r['forgiven_first_season']} | {r['false_repeat_season']} | {r['cards_per_event_mean']:.1f} "
            f"({r['cards_per_event_max']}) | {effect_text(r['effect'])} | {r['seconds']:.0f} |"
        )


def print_summary(runs: list[dict]) -> None:
    print(
        "\n| volume | runs | signals | patterns | cards | recall (all seeds) | false/month mean (max) | "
        "cards/event mean (max) | effect error mean, points | intervals covering | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for volume in sorted({r["volume"] for r in runs}):
        group = [r for r in runs if r["volume"] == volume]
        recall = {}
        for r in group:
            for kind, (found, total) in r["recall"].items():
                recall[kind] = [recall.get(kind, [0, 0])[0] + found, recall.get(kind, [0, 0])[1] + total]
        errors = [abs(r["effect"]["error_points"]) for r in group if r["effect"].get("estimate") is not None]
        covered = sum(bool(r["effect"].get("covered")) for r in group)
        print(
            f"| {volume:g} | {len(group)} | {np.mean([r['signals'] for r in group]):,.0f} | "
            f"{np.mean([r['patterns'] for r in group]):.0f} | {np.mean([r['cards'] for r in group]):.0f} | "
            f"{recall_text(recall)} | {np.mean([r['false_per_month'] for r in group]):.1f} "
            f"({max(r['false_per_month'] for r in group):.1f}) | "
            f"{np.mean([r['cards_per_event_mean'] for r in group]):.1f} ({max(r['cards_per_event_max'] for r in group)}) | "  # noqa: E501
            f"{np.mean(errors) if errors else float('nan'):.1f} | {covered}/{len(group)} | "
            f"{np.mean([r['seconds'] for r in group]):.0f} |"
        )


def print_real(real: dict) -> None:
    if "nyc" in real:
        nyc = real["nyc"]
        print(
            f"\nNYC street flooding: {nyc['signals']:,} complaints, {nyc['patterns']} patterns, {nyc['cards']} cards "
            f"({nyc['seconds']:.0f} s); rank among the cards: "
            + ", ".join(f"{name} {rank or 'not a card'}" for name, rank in nyc["storm_rank"].items())
        )
        for line in nyc["top"]:
            print(f"  {line}")
    if "katwijk" in real:
        katwijk = real["katwijk"]
        print(
            f"\nKatwijk meldingen: {katwijk['signals']:,} signals, {katwijk['patterns']} patterns, "
            f"{katwijk['cards']} cards ({katwijk['seconds']:.0f} s)"
        )
        print("  cards per year: " + ", ".join(f"{y}: {n}" for y, n in katwijk["cards_per_year"].items()))
        print(
            "  fireworks cards around December: "
            + ", ".join(f"{y}: {n}" for y, n in katwijk["fireworks_cards_per_december"].items())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--volumes", type=float, nargs="+", default=[0.25, 1.0, 4.0])
    parser.add_argument(
        "--real-data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the tables")
    args = parser.parse_args()
    runs = []
    for volume in args.volumes:
        for seed in args.seeds:
            runs.append(scenario_run(volume, seed))
            print(
                f"volume {volume:g} seed {seed}: {runs[-1]['cards']} cards, {runs[-1]['seconds']:.0f} s",
                file=sys.stderr,
            )
    real = real_runs(args.real_data)
    if args.json:
        print(json.dumps({"runs": runs, "real": real}, indent=1, default=str))
        return
    print_runs(runs)
    print_summary(runs)
    print_real(real)


if __name__ == "__main__":
    main()
