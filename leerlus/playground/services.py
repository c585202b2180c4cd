"""Writes in the playground: problems, proposals through the kaders, the status of an experiment, its
learning log, its effect estimates and the lessons it leaves. Edges validate; these run in a transaction."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.models import Organisation, Person, Service
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError
from leerlus.patterns import services as pattern_services
from leerlus.patterns.models import Pattern
from leerlus.playground.frameworks import Envelope, Proposal, broken_frameworks
from leerlus.playground.measurement import estimate_effect, parse_exclusions, series_label
from leerlus.playground.models import Experiment, Frameworks, Lesson, LogEntry, Metric, Problem
from leerlus.playground.schemas import EffectOut
from leerlus.presentation.documents import as_document
from leerlus.presentation.formatting import day
from leerlus.presentation.number_input import parse_number

Status = Experiment.Status
COMMITTED = (Status.APPROVED, Status.RUNNING, Status.EVALUATION)
# Which status an experiment must have for each step, and where the step leads.
STEPS = {
    "start": ((Status.APPROVED,), Status.RUNNING),
    "evaluate": ((Status.RUNNING,), Status.EVALUATION),
    "decide": ((Status.RUNNING, Status.EVALUATION), Status.DECIDED),
}


def current_frameworks() -> Frameworks:
    organisation = current_organisation()
    if organisation is None:
        organisation = Organisation.objects.create(name=_("Mijn gemeente"))
    frameworks, _created = Frameworks.objects.get_or_create(organisation=organisation)
    return frameworks


def envelope(frameworks: Frameworks, *, leaving_out: Experiment | None = None) -> Envelope:
    committed = Experiment.objects.filter(status__in=COMMITTED)
    if leaving_out is not None:
        committed = committed.exclude(pk=leaving_out.pk)
    organisation = frameworks.organisation
    return Envelope(
        size=organisation.playground_budget,
        committed=committed.aggregate(total=Sum("budget"))["total"] or Decimal(0),
        share=organisation.playground_share,
    )


@transaction.atomic
def create_problem(*, title: str, description: str = "", patterns=(), services=()) -> Problem:
    if not title.strip():
        raise InputError(_("Geef het vraagstuk een titel."))
    problem = Problem.objects.create(title=title.strip()[:200], description=description.strip())
    problem.services.set(services)
    for pattern in patterns:
        link_pattern(pattern, problem=problem)
    return problem


@transaction.atomic
def link_pattern(pattern: Pattern, *, problem: Problem | None = None, new_title: str = "") -> Problem:
    """Links a pattern to a problem (a new one when only a title is given); the pattern counts as acknowledged."""
    if problem is None:
        if not new_title.strip():
            raise InputError(_("Kies een vraagstuk of geef een titel voor een nieuw vraagstuk."))
        problem = Problem.objects.create(title=new_title.strip()[:200], description=pattern.summary)
    problem.patterns.add(pattern)
    if pattern.status == Pattern.Status.NEW:
        pattern_services.acknowledge(pattern)
    return problem


def parse_budget(value) -> Decimal:
    """An amount as a person types it (12.000, 12.000,50, € 12000) or as a JSON number; never negative."""
    return parse_number(value, label=_("Budget"), example="12.000", minimum=0)


def check_proposal(*, title: str, intervention: str, expected_effect: str, team, start, end) -> None:
    """Refuses a proposal with every mistake at once; a start or end that could not be read is left out."""
    messages = []
    if not title.strip() or not intervention.strip() or not expected_effect.strip():
        messages.append(_("Vul de titel en de hypothese in: wat jullie doen en wat dat verandert."))
    if not team:
        messages.append(_("Kies de teamleden."))
    if start and end and end <= start:
        messages.append(_("Het einde %(e)s moet na de start %(s)s liggen.") % {"e": day(end), "s": day(start)})
    if messages:
        raise InputError(*messages)


@transaction.atomic
def propose_experiment(
    *,
    problem: Problem,
    title: str,
    intervention: str,
    expected_effect: str,
    team: list[Person],
    budget: Decimal,
    start: date,
    end: date,
    metrics: list[dict],
    conditions_met: bool = False,
    proposed_by: Person | None = None,
) -> Experiment:
    """Records a proposal and routes it: inside every kader it is approved at once (the fast route);
    outside, it waits for the named decision-maker with the broken kaders listed."""
    check_proposal(
        title=title, intervention=intervention, expected_effect=expected_effect, team=team, start=start, end=end
    )
    if not metrics:
        raise InputError(_("Kies minstens één meetreeks: een kanaal, een dienst of allebei."))
    experiment = Experiment.objects.create(
        problem=problem,
        title=title.strip()[:200],
        intervention=intervention.strip(),
        expected_effect=expected_effect.strip(),
        budget=budget,
        start=start,
        end=end,
        conditions_met=conditions_met,
        proposed_by=proposed_by,
    )
    experiment.team.set(team)
    for metric in metrics:
        add_metric(experiment, **metric)
    _route(experiment, team, proposed_by)
    return experiment


def add_metric(
    experiment: Experiment,
    *,
    channel: str = "",
    service: Service | None = None,
    terms: str = "",
    better: str = Metric.Better.LOWER,
) -> Metric:
    if not channel and service is None:
        raise InputError(_("Een meetreeks heeft een kanaal, een dienst of allebei."))
    if better not in Metric.Better.values:
        raise InputError(
            _("'%(v)s' is geen richting. Kies uit: %(keuzes)s.")
            % {"v": better, "keuzes": ", ".join(Metric.Better.values)}
        )
    return Metric.objects.create(
        experiment=experiment, channel=channel, service=service, terms=terms.strip(), better=better
    )


def _route(experiment: Experiment, team: list[Person], proposed_by: Person | None) -> None:
    frameworks = current_frameworks()
    team = Person.objects.filter(pk__in=[p.pk for p in team]).select_related("department")
    proposal = Proposal(
        team_departments=[p.department.name for p in team],
        team_worlds=[p.department.world for p in team],
        budget=experiment.budget,
        start=experiment.start,
        end=experiment.end,
        conditions_met=experiment.conditions_met,
    )
    experiment.broken_frameworks = broken_frameworks(proposal, frameworks, envelope(frameworks, leaving_out=experiment))
    if experiment.broken_frameworks:
        experiment.route, experiment.decision_maker = Experiment.Route.ESCALATED, frameworks.decision_maker
    else:
        experiment.route, experiment.status = Experiment.Route.FAST, Status.APPROVED
        experiment.approved_at = timezone.now()
        _log(
            experiment,
            proposed_by,
            LogEntry.Kind.DECISION,
            _("Goedgekeurd via de snelle route: het voorstel valt binnen alle kaders."),
        )
    experiment.save()


def approve(experiment: Experiment, *, by: Person) -> None:
    """The decision-maker (or a beheerder) approves a proposal outside the kaders."""
    _check_decider(experiment, by)
    experiment.status, experiment.approved_by, experiment.approved_at = Status.APPROVED, by, timezone.now()
    experiment.refusal = ""
    experiment.save(update_fields=["status", "approved_by", "approved_at", "refusal"])
    _log(
        experiment,
        by,
        LogEntry.Kind.DECISION,
        _("Goedgekeurd door %(p)s, buiten de kaders: %(k)s")
        % {"p": by, "k": " ".join(experiment.broken_framework_sentences)},
    )


def refuse(experiment: Experiment, *, by: Person, reason: str) -> None:
    _check_decider(experiment, by)
    if not reason.strip():
        raise InputError(_("Geef een reden op, zodat het team het voorstel kan aanpassen."))
    experiment.refusal = reason.strip()
    experiment.save(update_fields=["refusal"])
    _log(
        experiment, by, LogEntry.Kind.DECISION, _("Niet goedgekeurd door %(p)s: %(r)s") % {"p": by, "r": reason.strip()}
    )


def _check_decider(experiment: Experiment, person: Person) -> None:
    if experiment.status != Status.IDEA or experiment.route != Experiment.Route.ESCALATED:
        raise InputError(_("Dit experiment wacht niet op een beslissing."))
    if person != experiment.decision_maker and person.role != Person.Role.BEHEERDER:
        raise InputError(
            _("Alleen %(p)s of een beheerder beslist over dit voorstel.")
            % {"p": experiment.decision_maker or _("de beslisser")}
        )


def advance(experiment: Experiment, step: str, *, by: Person | None = None, decision: str = "", note: str = "") -> None:
    """Moves an experiment on: start (goedgekeurd → lopend), evaluate (→ evaluatie), decide (→ besluit)."""
    if step not in STEPS:
        raise InputError(_("Onbekende stap '%(v)s'. Kies uit: %(keuzes)s.") % {"v": step, "keuzes": ", ".join(STEPS)})
    allowed, target = STEPS[step]
    if experiment.status not in allowed:
        raise InputError(
            _("Een experiment met status '%(s)s' kan niet naar '%(t)s'.")
            % {"s": experiment.get_status_display(), "t": Status(target).label}
        )
    if step == "decide":
        if decision not in Experiment.Decision.values:
            raise InputError(_("Kies een besluit: %(keuzes)s.") % {"keuzes": ", ".join(Experiment.Decision.values)})
        experiment.decision, experiment.decision_note = decision, note.strip()
        _log(
            experiment,
            by,
            LogEntry.Kind.DECISION,
            _("Besluit: %(d)s. %(n)s") % {"d": Experiment.Decision(decision).label, "n": note.strip()},
        )
    experiment.status = target
    experiment.save()


def add_log_entry(experiment: Experiment, *, author: Person, kind: str, text: str, day: date | None = None) -> LogEntry:
    if author.role != Person.Role.BEHEERDER and not experiment.team.filter(pk=author.pk).exists():
        raise InputError(_("Alleen teamleden van dit experiment schrijven in het logboek."))
    if kind not in LogEntry.Kind.values:
        raise InputError(
            _("'%(v)s' is geen soort. Kies uit: %(keuzes)s.") % {"v": kind, "keuzes": ", ".join(LogEntry.Kind.values)}
        )
    if not text.strip():
        raise InputError(_("Schrijf op wat je zag, wat je verraste of wat jullie besloten."))
    return _log(experiment, author, kind, text.strip(), day)


def _log(experiment, author, kind, text, day=None) -> LogEntry:
    return LogEntry.objects.create(
        experiment=experiment, author=author, kind=kind, text=text, day=day or timezone.localdate()
    )


@transaction.atomic
def measure(experiment: Experiment, excluded_controls: list[str] | None = None) -> list[Metric]:
    """Estimates the effect on every metric from the start until the end (or the last data). The series of
    the experiment's other metrics are touched by it, so they never serve as control; nor do the series a
    person left out (`excluded_controls`, kept on the experiment when given)."""
    if excluded_controls is not None:
        labels = [series_label(*series) for series in parse_exclusions(excluded_controls)]
        experiment.excluded_controls = list(dict.fromkeys(labels))
        experiment.save(update_fields=["excluded_controls"])
    left_out = parse_exclusions(experiment.excluded_controls)
    metrics = list(experiment.metrics.select_related("service"))
    for metric in metrics:
        touched = left_out + [
            (m.channel or None, m.service.name if m.service else None) for m in metrics if m != metric
        ]
        estimate = estimate_effect(
            channel=metric.channel or None,
            service=metric.service,
            terms=metric.terms.split(),
            start=experiment.start,
            end=experiment.end,
            touched=touched,
        )
        metric.estimate, metric.estimated_at = as_document(EffectOut.from_orm(estimate)), timezone.now()
        metric.save(update_fields=["estimate", "estimated_at"])
    return metrics


def write_lesson(
    *,
    title: str,
    tried: str,
    happened: str,
    learned: str,
    outcome: str,
    differently: str = "",
    tags=(),
    visibility: str = Lesson.Visibility.INTERNAL,
    experiment: Experiment | None = None,
    author: Person | None = None,
) -> Lesson:
    if not all(part.strip() for part in (title, tried, happened, learned)):
        raise InputError(_("Vul in: titel, wat jullie probeerden, wat er gebeurde en wat jullie leerden."))
    if outcome not in Lesson.Outcome.values:
        raise InputError(
            _("'%(v)s' is geen uitkomst. Kies uit: %(keuzes)s.")
            % {"v": outcome, "keuzes": ", ".join(Lesson.Outcome.values)}
        )
    if visibility not in Lesson.Visibility.values:
        raise InputError(
            _("'%(v)s' is geen zichtbaarheid. Kies uit: %(keuzes)s.")
            % {"v": visibility, "keuzes": ", ".join(Lesson.Visibility.values)}
        )
    tags = sorted({t.strip().lower() for t in tags if t.strip()})
    return Lesson.objects.create(
        title=title.strip()[:200],
        tried=tried.strip(),
        happened=happened.strip(),
        learned=learned.strip(),
        differently=differently.strip(),
        outcome=outcome,
        tags=tags,
        visibility=visibility,
        experiment=experiment,
        author=author,
    )
