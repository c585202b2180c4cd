"""Playground pages: problems ranked, the proposal through the kaders, an experiment with its log, effect,
decision and lesson, the lessons library, the kaders and the start plan. Each list/detail has a JSON twin."""

import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.dates import parse_date
from leerlus.core.models import Person, Service
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError, InputErrors
from leerlus.patterns.models import Pattern
from leerlus.playground import library, services, startplan
from leerlus.playground.effect_sentences import effect_reason
from leerlus.playground.forms import FrameworksForm
from leerlus.playground.models import Experiment, Lesson, LogEntry, Metric, Problem, StartPlan
from leerlus.playground.schemas import (
    ExperimentOut,
    LessonsDocument,
    PlaygroundDocument,
    ProblemOut,
    StartPlanDocument,
)
from leerlus.playground.selectors import (
    data_until,
    rank_problem,
    ranked_problems,
    search_lessons,
    start_plan_progress,
)
from leerlus.presentation.charts import effect_chart
from leerlus.presentation.ids import chosen_id, chosen_ids, object_or_404
from leerlus.presentation.twins import json_twin

METRIC_ROWS = (1, 2)


def acting_person(request) -> Person:
    person = Person.objects.filter(user=request.user).select_related("department").first()
    if person is None:
        raise InputError(_("Uw account is niet aan een persoon gekoppeld; vraag de beheerder dat te doen."))
    return person


@login_required
def playground_home(request):
    if request.method == "POST":
        problem = services.create_problem(
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            patterns=Pattern.objects.filter(pk__in=chosen_ids(request.POST.getlist("pattern"), _("Patronen"))),
            services=Service.objects.filter(pk__in=chosen_ids(request.POST.getlist("service"), _("Diensten"))),
        )
        return redirect("problem-detail", pk=problem.pk)
    ranked = ranked_problems()
    experiments = Experiment.objects.select_related("problem").order_by("-start")
    if request.GET.get("format") == "json":
        return json_twin(
            PlaygroundDocument(
                problems=[ProblemOut.of(r) for r in ranked],
                experiments=experiments,
            )
        )
    frameworks = services.current_frameworks()
    return render(
        request,
        "playground/home.html",
        {
            "ranked": ranked,
            "experiments": experiments,
            "frameworks": frameworks,
            "envelope": services.envelope(frameworks),
            "services": Service.objects.all(),
            "open_patterns": Pattern.objects.filter(problems=None)
            .exclude(status=Pattern.Status.DISMISSED)
            .order_by("-score")[:30],
        },
    )


@login_required
def problem_detail(request, pk: int):
    problem = get_object_or_404(Problem.objects.prefetch_related("patterns__service", "services"), pk=pk)
    ranked = rank_problem(problem, data_until())
    if request.GET.get("format") == "json":
        return json_twin(ProblemOut.of(ranked))
    return render(request, "playground/problem_detail.html", {"ranked": ranked, "problem": problem})


@login_required
def pattern_problem(request, pk: int):
    """Links a pattern to a problem: the form on the pattern page posts here; errors show here."""
    pattern = get_object_or_404(Pattern, pk=pk)
    if request.method == "POST":
        chosen = chosen_id(request.POST.get("problem"), _("Vraagstuk"))
        services.link_pattern(
            pattern,
            problem=get_object_or_404(Problem, pk=chosen) if chosen else None,
            new_title=request.POST.get("title", ""),
        )
        return redirect("pattern-detail", pk=pk)
    return render(request, "playground/pattern_problem.html", {"pattern": pattern, "form": request.POST})


@login_required
def experiment_new(request):
    problem = object_or_404(Problem, request.GET.get("vraagstuk") or request.POST.get("problem"))
    if request.method == "POST":
        experiment = _propose(request, problem)
        return redirect("experiment-detail", pk=experiment.pk)
    return render(
        request,
        "playground/experiment_new.html",
        {
            "problem": problem,
            "form": request.POST,
            "frameworks": services.current_frameworks(),
            "people": Person.objects.select_related("department"),
            "channels": CHANNEL_CHOICES,
            "services": Service.objects.all(),
            "metric_rows": METRIC_ROWS,
            "directions": Metric.Better.choices,
        },
    )


def _propose(request, problem: Problem) -> Experiment:
    form = request.POST
    errors = InputErrors()
    metrics = []
    for row in METRIC_ROWS:
        channel, service = form.get(f"metric_channel_{row}", ""), form.get(f"metric_service_{row}", "")
        if channel or service:
            metrics.append(
                {
                    "channel": channel,
                    "service": Service.objects.filter(
                        pk=errors.field(f"metric_service_{row}", chosen_id, service, _("Dienst"))
                    ).first(),
                    "terms": form.get(f"metric_terms_{row}", ""),
                    "better": form.get(f"metric_better_{row}", Metric.Better.LOWER),
                }
            )
    proposal = {
        "title": form.get("title", ""),
        "intervention": form.get("intervention", ""),
        "expected_effect": form.get("expected_effect", ""),
        "team": list(
            Person.objects.filter(pk__in=errors.field("team", chosen_ids, form.getlist("team"), _("Team")) or ())
        ),
        "start": errors.field("start", parse_date, form.get("start"), _("Start")),
        "end": errors.field("end", parse_date, form.get("end"), _("Einde")),
    }
    budget = errors.field("budget", services.parse_budget, form.get("budget", ""))
    errors.check(services.check_proposal, **proposal)
    errors.raise_any()
    return services.propose_experiment(
        problem=problem,
        budget=budget,
        metrics=metrics,
        conditions_met=form.get("conditions_met") == "on",
        proposed_by=acting_person(request),
        **proposal,
    )


@login_required
def experiment_detail(request, pk: int):
    experiment = get_object_or_404(Experiment.objects.select_related("problem", "decision_maker", "approved_by"), pk=pk)
    if request.method == "POST":
        lesson = _act(request, experiment)
        if lesson:
            return redirect("lesson-library")
        return redirect("experiment-detail", pk=experiment.pk)
    if request.GET.get("format") == "json":
        return json_twin(ExperimentOut.from_orm(experiment))
    person = Person.objects.filter(user=request.user).first()
    return render(
        request,
        "playground/experiment_detail.html",
        {
            "experiment": experiment,
            "metrics": [_metric_view(m) for m in experiment.metrics.all()],
            "log": experiment.log.select_related("author"),
            "kinds": LogEntry.Kind.choices,
            "decisions": Experiment.Decision.choices,
            "outcomes": Lesson.Outcome.choices,
            "visibilities": Lesson.Visibility.choices,
            "lessons": experiment.lessons.all(),
            "may_decide": person is not None
            and experiment.route == Experiment.Route.ESCALATED
            and experiment.status == Experiment.Status.IDEA
            and (person == experiment.decision_maker or person.role == Person.Role.BEHEERDER),
            "today": timezone.localdate(),
        },
    )


def _metric_view(metric: Metric) -> dict:
    estimate = metric.estimate
    view = {"metric": metric, "estimate": estimate, "chart": None, "verdict": None}
    view["reason"] = effect_reason(estimate) if estimate else ""
    if estimate and estimate["enough_data"]:
        view["chart"] = effect_chart(estimate)
        unknown = [None] * len(estimate["days"])  # estimates measured before the band was kept
        view["rows"] = list(
            zip(
                estimate["days"],
                estimate["observed"],
                estimate["counterfactual"],
                estimate.get("counterfactual_low") or unknown,
                estimate.get("counterfactual_high") or unknown,
            )
        )
        view["closed"] = [date.fromisoformat(day) for day in estimate.get("closed_holidays", [])]
        view["verdict"] = verdict(estimate, metric.better)
    return view


def verdict(estimate: dict, better: str) -> str:
    """What the interval says, in the metric's own direction."""
    if estimate["ci_low"] <= 0 <= estimate["ci_high"]:
        return _("Geen aantoonbaar effect: het interval bevat nul.")
    went_down = estimate["ci_high"] < 0
    improved = went_down == (better == Metric.Better.LOWER)
    return _("Aantoonbaar beter.") if improved else _("Aantoonbaar slechter.")


def _act(request, experiment: Experiment) -> Lesson | None:
    form, action = request.POST, request.POST.get("action")
    person = acting_person(request)
    if action == "approve":
        services.approve(experiment, by=person)
    elif action == "refuse":
        services.refuse(experiment, by=person, reason=form.get("reason", ""))
    elif action in services.STEPS:
        services.advance(experiment, action, by=person, decision=form.get("decision", ""), note=form.get("note", ""))
    elif action == "log":
        services.add_log_entry(
            experiment,
            author=person,
            kind=form.get("kind", ""),
            text=form.get("text", ""),
            day=parse_date(form.get("day") or timezone.localdate(), _("Datum")),
        )
    elif action == "measure":
        services.measure(experiment, excluded_controls=_series_list(form.get("excluded_controls")))
    elif action == "lesson":
        return _write_lesson(form, person, experiment)
    else:
        raise InputError(_("Onbekende actie '%(v)s'.") % {"v": (action or "")[:20]})
    return None


def _series_list(text: str | None) -> list[str] | None:
    """The series written in a form field, separated by commas or lines; None when the field was not sent."""
    return None if text is None else [part for part in re.split(r"[,\n]", text) if part.strip()]


def _write_lesson(form, person: Person, experiment: Experiment | None) -> Lesson:
    return services.write_lesson(
        title=form.get("title", ""),
        tried=form.get("tried", ""),
        happened=form.get("happened", ""),
        learned=form.get("learned", ""),
        differently=form.get("differently", ""),
        outcome=form.get("outcome", ""),
        tags=form.get("tags", "").split(","),
        visibility=form.get("visibility", Lesson.Visibility.INTERNAL),
        experiment=experiment,
        author=person,
    )


@login_required
def lesson_library(request):
    if request.method == "POST":
        _write_lesson(request.POST, acting_person(request), None)
        return redirect("lesson-library")
    query = {key: request.GET.get(key, "") for key in ("q", "tag", "outcome", "visibility", "origin")}
    lessons = search_lessons(
        words=query["q"], tag=query["tag"], outcome=query["outcome"], visibility=query["visibility"]
    )
    if request.GET.get("format") == "json":
        own = lessons if query["origin"] != "elders" else []
        return json_twin(LessonsDocument(lessons=own, elsewhere=library.lessons_elsewhere(query)))
    return render(
        request,
        "playground/lessons.html",
        {
            "lessons": lessons,
            "query": query,
            "outcomes": Lesson.Outcome.choices,
            "visibilities": Lesson.Visibility.choices,
            "form": request.POST,
            "failures": sum(lesson.outcome == Lesson.Outcome.FAILURE for lesson in lessons),
        },
    )


@login_required
def frameworks_page(request):
    frameworks = services.current_frameworks()
    person = Person.objects.filter(user=request.user).first()
    may_edit = request.user.is_superuser or (person is not None and person.role == Person.Role.BEHEERDER)
    form = FrameworksForm(request.POST or None, instance=frameworks)
    if request.method == "POST" and may_edit and form.is_valid():
        form.save()
        return redirect("frameworks")
    return render(
        request,
        "playground/frameworks.html",
        {
            "frameworks": frameworks,
            "form": form,
            "may_edit": may_edit,
            "envelope": services.envelope(frameworks),
            "refused": request.method == "POST" and not may_edit,
        },
        status=403 if request.method == "POST" and not may_edit else 200,
    )


@login_required
def start_plan_page(request):
    organisation = current_organisation()
    plan = StartPlan.objects.filter(organisation=organisation).first() if organisation else None
    if request.method == "POST":
        if request.POST.get("action") == "begin":
            startplan.begin_plan(parse_date(request.POST.get("start") or timezone.localdate(), _("Start")))
        else:
            startplan.record_stories(
                request.POST.get("stories", ""),
                service=Service.objects.filter(pk=chosen_id(request.POST.get("service"), _("Dienst"))).first(),
                day=parse_date(request.POST.get("day") or timezone.localdate(), _("Datum")),
            )
        return redirect("start-plan")
    steps = start_plan_progress(plan)
    if request.GET.get("format") == "json":
        return json_twin(StartPlanDocument(start=plan.start if plan else None, steps=steps))
    return render(
        request,
        "playground/start_plan.html",
        {
            "plan": plan,
            "steps": steps,
            "services": Service.objects.all(),
            "today": timezone.localdate(),
        },
    )
