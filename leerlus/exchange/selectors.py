"""Reads of what other municipalities share: "Elders geprobeerd" for a problem (same services by UPL code or name,
similar words, ranked by TF-IDF similarity), the library's filter, and our incidents also seen elsewhere."""

from dataclasses import dataclass
from datetime import date, timedelta

from leerlus.analysis.text import as_tokens, tokenize
from leerlus.core.models import Organisation, Service
from leerlus.core.selectors import current_organisation
from leerlus.exchange.models import ForeignIncident, ForeignLesson
from leerlus.exchange.schemas import SeenElsewhere
from leerlus.exchange.upl import upl_of
from leerlus.patterns.models import Incident
from leerlus.playground.models import Problem

SERVICE_WEIGHT = 0.5  # a shared service counts as much as half a text that says the same


@dataclass(frozen=True)
class Match:
    lesson: ForeignLesson
    score: float
    same_service: bool


def tried_elsewhere(problem: Problem, *, limit: int = 5) -> list[Match]:
    """Lessons of other municipalities that share a service with the problem or its words, most similar first."""
    lessons = list(ForeignLesson.objects.all())
    if not lessons:
        return []
    services = list(problem.services.all()) + [p.service for p in problem.patterns.all() if p.service]
    names = {service.name.casefold() for service in services}
    codes = {found[0] for service in services if (found := upl_of(service.name, *service.alias_list()))}
    texts = [tokenize(f"{problem.title} {problem.description}")] + [tokenize(_text(lesson)) for lesson in lessons]
    similarity = _similarity(texts)
    matches = []
    for lesson, words in zip(lessons, similarity):
        same_service = any(s["upl"] in codes or s["name"].casefold() in names for s in lesson.services)
        if same_service or words > 0:
            matches.append(Match(lesson, words + SERVICE_WEIGHT * same_service, same_service))
    return sorted(matches, key=lambda match: -match.score)[:limit]


def _text(lesson: ForeignLesson) -> str:
    services = " ".join(service["name"] for service in lesson.services)
    return f"{lesson.title} {lesson.problem} {lesson.tried} {lesson.learned} {services}"


def _similarity(texts: list[list[str]]) -> list[float]:
    """Cosine similarity of the first text's TF-IDF vector to each of the others (0 when no word is shared)."""
    if not any(texts):
        return [0.0] * (len(texts) - 1)
    # here, not at the top: every `leerlus` command and worker loads this module, and scikit-learn takes a second
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectors = TfidfVectorizer(analyzer=as_tokens).fit_transform(texts)
    return [float(value) for value in cosine_similarity(vectors[0], vectors[1:])[0]]


def library_elsewhere(query: dict) -> list[ForeignLesson]:
    """The lessons library's other municipalities (page and JSON twin): none when it shows only its own."""
    if query.get("origin") == "eigen":
        return []
    return lessons_elsewhere(words=query.get("q", ""), outcome=query.get("outcome", ""))


def lessons_elsewhere(*, words: str = "", outcome: str = ""):
    """The library's filter over other municipalities' lessons: every word somewhere in the lesson, one outcome."""
    lessons = ForeignLesson.objects.all()
    if outcome:
        lessons = lessons.filter(outcome=outcome)
    wanted = words.casefold().split()
    return [lesson for lesson in lessons if all(word in _text(lesson).casefold() for word in wanted)]


def new_for_open_problems(first, last, *, per_problem: int = 3) -> list[tuple[Problem, Match]]:
    """For the monthly brief: lessons of other municipalities that arrived or changed in first … last and match a
    problem that has no decided experiment yet, each lesson once (with the problem it matches best)."""
    if not ForeignLesson.objects.filter(updated__date__range=(first, last)).exists():
        return []
    best: dict[int, tuple[Problem, Match]] = {}
    for problem in Problem.objects.exclude(experiments__decision__gt="").prefetch_related("services", "patterns"):
        for match in tried_elsewhere(problem, limit=per_problem):
            fresh = first <= match.lesson.updated.date() <= last
            if fresh and (match.lesson.pk not in best or best[match.lesson.pk][1].score < match.score):
                best[match.lesson.pk] = (problem, match)
    return sorted(best.values(), key=lambda pair: -pair[1].score)


def rises_elsewhere(incidents) -> dict[int, list[ForeignIncident]]:
    """For each of our incidents that is a rise: the rises other municipalities published in the same service (by
    UPL name, else by name) that began in the same week or the week next to it (one day apart can cross a Monday).
    An incident that began months earlier and still goes on is another event, not the same rise.

    "The same rise" is decided by each municipality's own incident, not by a threshold of ours on their weekly
    counts: every installation runs the calibrated detectors of `leerlus.analysis` (its own baseline with weekdays,
    holidays and yearly peaks, the negative-binomial tail, its alarm budget) on its daily, unrounded counts, so a
    published incident is already the outcome of a proper test at that municipality's false-alarm rate. Testing the
    published weekly counts again would be weaker (weekly, and counts under 10 are left out) and would count the
    same evidence twice."""
    foreign = list(ForeignIncident.objects.filter(magnitude__gt=0))
    if not foreign:
        return {}
    own_name = (current_organisation() or Organisation(name="")).name
    found = {}
    for incident in incidents:
        if incident.status == Incident.Status.FALSE or not incident.services or _magnitude(incident) <= 0:
            continue
        keys, week = _own_keys(incident.services), _monday(incident.start)
        matches = [
            other
            for other in foreign
            if other.municipality != own_name
            and abs((_monday(other.start) - week).days) <= 7
            and keys & _foreign_keys(other.services)
        ]
        if matches:
            found[incident.pk] = sorted(matches, key=lambda other: (other.municipality, other.start))
    return found


def seen_elsewhere() -> list[SeenElsewhere]:
    """Our incidents that other municipalities saw too, newest first: the start page and `leerlus exchange warnings`."""
    incidents = {incident.pk: incident for incident in Incident.objects.prefetch_related("patterns")}
    found = rises_elsewhere(incidents.values())
    return [
        SeenElsewhere(
            incident=pk,
            start=incidents[pk].start,
            services=incidents[pk].services,
            municipalities=municipalities(matches),
            elsewhere=matches,
        )
        for pk, matches in sorted(found.items(), key=lambda item: incidents[item[0]].start, reverse=True)
    ]


def municipalities(matches: list[ForeignIncident]) -> list[str]:
    return sorted({match.municipality for match in matches})


def _magnitude(incident: Incident) -> float:
    patterns = list(incident.patterns.all())
    return max(patterns, key=lambda pattern: pattern.score).magnitude if patterns else 0.0


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _own_keys(names: list[str]) -> set[str]:
    services = {service.name: service for service in Service.objects.filter(name__in=names)}
    keys = {name.casefold() for name in names}
    for name in names:
        aliases = services[name].alias_list() if name in services else []
        if found := upl_of(name, *aliases):
            keys.add(found[0].casefold())
    return keys


def _foreign_keys(services: list[dict]) -> set[str]:
    return {service["name"].casefold() for service in services} | {
        service["upl"].casefold() for service in services if service["upl"]
    }
