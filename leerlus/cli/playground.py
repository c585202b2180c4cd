"""Experiments' numbers: the effect of a change and the what-if simulation."""

from pathlib import Path

import click

from leerlus.cli.base import cli, command, emit
from leerlus.core.channels import channel_label, readable_series
from leerlus.presentation.formatting import change, method, number, percent, signed


@cli.command()
@click.option("--channel", help="Het kanaal van de meetreeks.")
@click.option("--service", help="De dienst van de meetreeks.")
@click.option(
    "--terms", multiple=True, help="Alleen signalen met deze woorden (herhaal de optie of scheid met spaties)."
)
@click.option(
    "--start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Start van het experiment (jjjj-mm-dd)."
)
@click.option(
    "--end", type=click.DateTime(["%Y-%m-%d"]), help="Einde (jjjj-mm-dd); standaard de laatste dag met gegevens."
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="KANAAL/DIENST",
    help="Laat deze reeks weg uit de controlereeksen (herhaalbaar): whatsapp/Algemeen, whatsapp of /Afval.",
)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def effect(channel, service, terms, start, end, exclude, as_json):
    """Schat het effect op een reeks sinds de start: waargenomen tegen wat zonder experiment verwacht was."""
    from leerlus.playground.measurement import estimate_effect, parse_exclusions, resolve_service
    from leerlus.playground.schemas import EffectOut

    estimate = estimate_effect(
        channel=channel,
        service=resolve_service(service),
        terms=[word for value in terms for word in value.replace(",", " ").split()],
        start=start.date(),
        end=end.date() if end else None,
        touched=parse_exclusions(exclude),
    )
    emit(EffectOut.from_orm(estimate), as_json, _effect_lines)


def _effect_lines(estimate):
    from leerlus.playground.effect_sentences import effect_reason

    if not estimate["enough_data"]:
        yield effect_reason(estimate)
        return
    yield (
        f"Relatief effect {change(estimate['relative_effect'])} (95%-interval {change(estimate['ci_low'])} tot "
        f"{change(estimate['ci_high'])}), {signed(estimate['absolute_per_day'])} signalen per dag."
    )
    controls = ", ".join(map(readable_series, estimate["control"])) or "geen"
    yield f"Methode: {method(estimate['method'])}; controlereeksen: {controls}."
    yield effect_reason(estimate)


@cli.command()
@click.option(
    "--scenario",
    "scenario_file",
    required=True,
    type=click.Path(path_type=Path),
    help="JSON-bestand met kanalen (en eventueel scenario's).",
)
@click.option("--simulation", is_flag=True, help="Simuleren (SimPy) in plaats van de formules (Erlang C/A).")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def simulate(scenario_file, simulation, as_json):
    """Wachttijden per kanaal: servicelevel, gemiddelde wachttijd, bezetting, afhakers, wachtrij."""
    from leerlus.systemview.scenarios import read_scenario, run

    emit(run(read_scenario(scenario_file), simulation=simulation), as_json, _simulation_lines)


def _or_rising(value, decimals: int) -> str:
    return "loopt op" if value is None else number(value, decimals)


def _simulation_lines(document):
    def lines(channels):
        for c in channels:
            yield (
                f"  {channel_label(c['name']):<12} binnen de tijd {percent(c['service_level'])}, "
                f"wachttijd {_or_rising(c['asa_seconds'], 0)} s, bezetting {percent(c['occupancy'])}, "
                f"afhakers {percent(c['abandon_rate'])}, wachtrij {_or_rising(c['queue_length'], 1)} "
                f"({method(c['method'])})"
            )

    yield "Nu:"
    yield from lines(document["channels"])
    for scenario in document.get("scenarios", []):
        yield f"{scenario['name']}:"
        yield from lines(scenario["channels"])
