"""Reads of the lessons from other municipalities: "Elders geprobeerd" for a problem (same services by UPL code or
name, similar words, ranked by TF-IDF similarity) and the library's filter."""

from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from leerlus.analysis.text import as_tokens, tokenize
from leerlus.exchange.models import ForeignLesson
from leerlus.exchange.upl import upl_of
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
    vectors = TfidfVectorizer(analyzer=as_tokens).fit_transform(texts)
    return [float(value) for value in cosine_similarity(vectors[0], vectors[1:])[0]]


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
