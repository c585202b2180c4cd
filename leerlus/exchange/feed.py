"""Publishing: the lessons marked openbaar as pages of the feed, with only what another municipality may read —
no staff names, no personal data, no signal texts."""

from django.db.models import Prefetch
from django.urls import reverse

from leerlus.core.models import Organisation, Person, Service
from leerlus.core.selectors import current_organisation
from leerlus.exchange.schemas import (
    Discipline,
    FeedEffect,
    FeedLesson,
    FeedService,
    LessonsFeed,
    Municipality,
    Period,
)
from leerlus.exchange.upl import upl_of
from leerlus.playground.models import Experiment, Lesson

PAGE_SIZE = 50


def public_lessons():
    team = Prefetch("experiment__team", queryset=Person.objects.select_related("department"))
    return (
        Lesson.objects.filter(visibility=Lesson.Visibility.PUBLIC)
        .select_related("experiment__problem")
        .prefetch_related(team, "experiment__metrics__service", "experiment__problem__services")
        .order_by("pk")
    )


def lessons_feed(page: int, absolute) -> LessonsFeed:
    """One page of the feed; `absolute(path)` makes an address absolute (the request's host)."""
    organisation, municipality = publisher()
    start = (page - 1) * PAGE_SIZE
    lessons = list(public_lessons()[start : start + PAGE_SIZE + 1])
    following = absolute(f"{reverse('exchange-lessons-json')}?pagina={page + 1}") if len(lessons) > PAGE_SIZE else None
    return LessonsFeed(
        municipality=municipality,
        licence=organisation.lessons_licence,
        page=page,
        next=following,
        lessons=[_feed_lesson(lesson, organisation, municipality, absolute) for lesson in lessons[:PAGE_SIZE]],
    )


def feed_lesson(lesson: Lesson, absolute) -> FeedLesson:
    """One public lesson, as it stands at its own URI."""
    return _feed_lesson(lesson, *publisher(), absolute)


def publisher() -> tuple[Organisation, Municipality]:
    organisation = current_organisation() or Organisation(name="")
    return organisation, Municipality(name=organisation.name, cbs_code=organisation.cbs_code or None)


def lesson_uri(lesson: Lesson, absolute) -> str:
    return absolute(reverse("exchange-lesson", args=[lesson.pk]))


def _feed_lesson(lesson: Lesson, organisation: Organisation, municipality: Municipality, absolute) -> FeedLesson:
    experiment = lesson.experiment
    return FeedLesson(
        uri=lesson_uri(lesson, absolute),
        title=lesson.title,
        municipality=municipality,
        licence=organisation.lessons_licence,
        problem=_problem_in_words(experiment),
        tried=lesson.tried,
        happened=lesson.happened,
        learned=lesson.learned,
        differently=lesson.differently,
        outcome=lesson.outcome,
        effects=_effects(experiment),
        period=Period(start=experiment.start, end=experiment.end) if experiment else None,
        disciplines=_disciplines(experiment),
        services=_services(experiment),
        channels=sorted({m.channel for m in experiment.metrics.all() if m.channel}) if experiment else [],
        published=lesson.created_at.isoformat(),
        updated=lesson.updated_at.isoformat(),
    )


def _problem_in_words(experiment: Experiment | None) -> str:
    if experiment is None:
        return ""
    problem = experiment.problem
    return f"{problem.title}\n\n{problem.description}".strip()


def _effects(experiment: Experiment | None) -> list[FeedEffect]:
    if experiment is None:
        return []
    return [
        FeedEffect(
            channel=metric.channel or None,
            service=metric.service.name if metric.service else None,
            relative_effect=metric.estimate.get("relative_effect"),
            ci_low=metric.estimate.get("ci_low"),
            ci_high=metric.estimate.get("ci_high"),
            method=metric.estimate.get("method"),
        )
        for metric in experiment.metrics.all()
        if metric.estimate
    ]


def _disciplines(experiment: Experiment | None) -> list[Discipline]:
    if experiment is None:
        return []
    departments = {person.department for person in experiment.team.all()}
    return [Discipline(department=d.name, world=d.world) for d in sorted(departments, key=lambda d: d.name)]


def _services(experiment: Experiment | None) -> list[FeedService]:
    if experiment is None:
        return []
    services = {*experiment.problem.services.all(), *(m.service for m in experiment.metrics.all() if m.service)}
    return [feed_service(service) for service in sorted(services, key=lambda s: s.name)]


def feed_service(service: Service) -> FeedService:
    """A service as other municipalities read it: its name and, where one fits, its UPL name and URI."""
    upl = upl_of(service.name, *service.alias_list())
    return FeedService(name=service.name, upl=upl[0] if upl else None, upl_uri=upl[1] if upl else None)
