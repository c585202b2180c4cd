"""Runs the analysis on the stored signals and keeps what people decided about earlier patterns.

Incremental by default: only signals that were never analysed are classified, with the model of
the last full run; the series and patterns are then recomputed from the stored labels. `full`
retrains the classifier and the topics and relabels every signal.
"""

import pickle
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from time import perf_counter

import holidays
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.analysis.emerging import EmergingTermDetector, WordsPerDay
from leerlus.analysis.engine import PatternFinder, SignalClassifier, TextIndex
from leerlus.analysis.results import series_name
from leerlus.core.models import Service, Signal
from leerlus.errors import InputError
from leerlus.patterns.models import AnalysisState, Pattern, Topic

# The text only where it is needed (None elsewhere): every text in a full run, the new and recent
# ones in an incremental run. The day as text, which pandas parses far faster than Python dates.
LOAD_SQL = (f"SELECT id, CAST(received_on AS TEXT), channel, service_id, classified_service_id, topic, "
            f"CASE WHEN analysed = %s OR received_on >= %s THEN text END, CAST(analysed AS INTEGER) "
            f"FROM {Signal._meta.db_table}")
TEXT_SQL = f"SELECT id, text FROM {Signal._meta.db_table} WHERE id IN (%s)"
RECENT_DAYS = 28  # texts loaded in an incremental run besides the new ones: the evidence of recent patterns
LABEL_SQL = (f"UPDATE {Signal._meta.db_table} SET classified_service_id = %s, demand = %s, sentiment = %s, "
             f"topic = %s, analysed = %s WHERE id = %s")
EMERGING_WINDOW = EmergingTermDetector().window_days
MATCH_DAYS = 3  # a pattern found again within this many days of its old start is the same pattern


@dataclass(frozen=True)
class AnalysisSummary:
    full: bool
    signals: int
    classified: int
    patterns: int
    new_patterns: int
    data_until: str | None
    seconds: float

    def as_json(self) -> dict:
        return asdict(self)


def load_signals(texts_since: date | None) -> pd.DataFrame:
    """Every signal; the text of the unanalysed ones and of those on or after `texts_since` (all if None)."""
    with connection.cursor() as cursor:
        cursor.execute(LOAD_SQL, [False, texts_since or date.min])
        frame = pd.DataFrame(cursor.fetchall(), columns=["id", "day", "channel", "service_id", "classified_service_id",
                                                          "topic", "text", "analysed"])
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d").dt.date
    frame["analysed"] = frame["analysed"].astype(bool)
    return frame


def texts_of(ids: list[int]) -> list[str]:
    """Texts by signal id, in the order asked."""
    found = {}
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start: start + 500]
            cursor.execute(TEXT_SQL % ", ".join(["%s"] * len(chunk)), chunk)
            found.update(cursor.fetchall())
    return [found.get(i, "") for i in ids]


def run_analysis(*, full: bool = False, progress=lambda message: None) -> AnalysisSummary:
    started = perf_counter()
    progress(_("Signalen laden …"))
    state = AnalysisState.objects.first() or AnalysisState()
    classifier = None if full or state.words_per_day is None else pickle.loads(state.classifier)
    retrained = classifier is None
    frame = load_signals(None if retrained else state.data_until - timedelta(days=RECENT_DAYS))
    if frame.empty:
        raise InputError(_("Er zijn nog geen signalen. Importeer eerst een bestand met `leerlus import`."))
    index = TextIndex(frame["text"])
    if retrained:
        progress(_("Model trainen op %(n)s signalen …") % {"n": len(frame)})
        aliases = {s.name: [a.strip() for a in s.aliases.splitlines() if a.strip()] for s in Service.objects.all()}
        classifier = SignalClassifier(aliases=aliases).fit(frame.assign(service=_service_names(frame)), index)
    new = frame if retrained else frame[~frame["analysed"]]
    new_index = index if retrained else TextIndex(new["text"])
    progress(_("%(n)s signalen indelen …") % {"n": len(new)})
    labels = _label(frame, new, new_index, classifier)

    progress(_("Patronen zoeken …"))
    topic_terms = {t.number: t.terms for t in classifier.topics_}
    days = pd.to_datetime(frame["day"])
    closed = holidays.country_holidays("NL", years=range(days.min().year, days.max().year + 1))
    finder = PatternFinder(holidays=frozenset(closed))
    columns = frame[["id", "day", "channel", "service", "topic", "text"]]
    if retrained:
        finder.fit(columns, topic_terms, index)
        new_from = None
    else:
        new_from = min(new["day"]) if len(new) else state.data_until
        finder.fit(columns, topic_terms, index, words_per_day=_words_per_day(state, new, new_index), new_from=new_from,
                   text_lookup=texts_of, stored_evidence=_stored_evidence())
    with transaction.atomic():
        if retrained:
            Topic.objects.all().delete()
            Topic.objects.bulk_create([Topic(number=t.number, terms=list(t.terms), size=t.size) for t in classifier.topics_])
        found, fresh = _store_patterns(finder, topic_terms, new_from and new_from - timedelta(days=EMERGING_WINDOW))
        state.classifier = pickle.dumps(classifier)
        state.words_per_day = pickle.dumps(finder.words_per_day_)
        state.data_until = finder.data_until_
        state.finished_at = timezone.now()
        state.seconds = round(perf_counter() - started, 2)
        state.save()
    return AnalysisSummary(full=retrained, signals=len(frame), classified=len(labels), patterns=found,
                           new_patterns=fresh, data_until=finder.data_until_.isoformat(), seconds=state.seconds)


def _service_names(frame: pd.DataFrame) -> pd.Series:
    """The given service by name; with `classified`, the classified one where none was given."""
    names = dict(Service.objects.values_list("id", "name"))
    return frame["service_id"].map(names).fillna(frame["classified_service_id"].map(names))


def _label(frame: pd.DataFrame, new: pd.DataFrame, new_index: TextIndex, classifier) -> pd.DataFrame:
    """Classifies the new signals, stores their labels and puts service and topic into `frame`."""
    labels = classifier.transform(new.assign(service=new["service_id"].map(dict(Service.objects.values_list("id", "name")))),
                                  new_index)
    _store_labels(labels, {name: pk for pk, name in Service.objects.values_list("id", "name")})
    labelled = labels.set_index("id")
    fresh = frame["id"].isin(labelled.index)
    frame["service"] = _service_names(frame)
    frame.loc[fresh, "topic"] = frame.loc[fresh, "id"].map(labelled["topic"])
    frame.loc[fresh, "service"] = frame.loc[fresh, "id"].map(labelled["service"])
    frame["topic"] = frame["topic"].fillna(-1).astype(int)
    return labels


def _words_per_day(state: AnalysisState, new: pd.DataFrame, new_index: TextIndex) -> WordsPerDay:
    """The counts of the last run plus those of the new signals."""
    earlier = pickle.loads(state.words_per_day)
    if new.empty:
        return earlier
    days = pd.to_datetime(new["day"])
    added, _doc_term = WordsPerDay.count(days.min().date(), (days - days.min()).dt.days.to_numpy(), new_index.codes,
                                         new_index.tokens)
    return earlier + added


def _store_labels(labels: pd.DataFrame, service_ids: dict[str, int]) -> None:
    rows = zip(labels["service"].map(service_ids).where(labels["service_origin"] == "classified"), labels["demand"],
               labels["sentiment"], labels["topic"], labels["id"])
    values = [(None if pd.isna(s) else int(s), "" if pd.isna(d) else d, "" if pd.isna(m) else m,
               int(t) if t >= 0 else None, True, int(i)) for s, d, m, t, i in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(values), 10_000):
            cursor.executemany(LABEL_SQL, values[start: start + 10_000])


def _stored_evidence():
    """Looks up the words and examples of a stored pattern by kind, series and start (a ripple: its effect)."""
    stored = {}
    for pattern in Pattern.objects.select_related("service"):
        day = pattern.end if pattern.kind == "ripple" else pattern.start
        where = (pattern.channel or None, pattern.service.name if pattern.service else None, pattern.topic)
        stored[(pattern.kind, *where, day)] = (tuple(pattern.terms), tuple(pattern.examples))
    return lambda kind, key, start: stored.get((kind, key.channel, key.service, key.topic, start))


def _identity(kind, channel, service, topic, terms) -> str:
    subject = ",".join(sorted(terms[:3])) if kind == "emerging_topic" else ""
    return f"{kind}|{channel or ''}|{service or ''}|{'' if topic is None else topic}|{subject}"


def _store_patterns(finder: PatternFinder, topic_terms, emerging_searched_from) -> tuple[int, int]:
    """Saves the patterns; a pattern found before keeps its status, reason and problem.

    Emerging topics that start before `emerging_searched_from` were not looked for again (an
    incremental run only looks where new signals can change the answer), so they stay.
    """
    services = {s.name: s for s in Service.objects.all()}
    earlier: dict[str, list[Pattern]] = {}
    for pattern in Pattern.objects.all():
        earlier.setdefault(pattern.signature.rsplit("|", 1)[0], []).append(pattern)
    kept, new = set(), 0
    for found in finder.patterns_:
        where = found.cause if found.kind == "ripple" else found.key
        identity = _identity(found.kind, where.channel, where.service, where.topic, found.terms)
        match = next((p for p in earlier.get(identity, []) if p.pk not in kept
                      and abs(p.start - found.start) <= timedelta(days=MATCH_DAYS)), None)
        pattern = match or Pattern()
        new += match is None
        pattern.kind, pattern.start, pattern.end = found.kind, found.start, found.end
        pattern.channel, pattern.topic = found.key.channel or "", found.key.topic
        pattern.service = services.get(found.key.service)
        pattern.terms, pattern.magnitude, pattern.score = list(found.terms), found.magnitude, found.score
        pattern.summary, pattern.examples = found.summary, list(found.examples)
        pattern.evidence = [series_name(k, topic_terms) for k in found.evidence]
        pattern.cause = _side(found.cause, topic_terms) if found.cause else None
        pattern.effect = _side(found.effect, topic_terms) if found.effect else None
        pattern.lag_days = found.lag_days
        pattern.series = {"first_day": found.first_day.isoformat(), "observed": list(found.observed),
                          "expected": list(found.expected)}
        pattern.signature = f"{identity}|{found.start.isoformat()}"
        if match is None and Pattern.objects.filter(signature=pattern.signature).exists():
            continue  # the same event found twice in one run
        pattern.save()
        kept.add(pattern.pk)
    stale = Pattern.objects.exclude(pk__in=kept).filter(status=Pattern.Status.NEW, problem=None)
    if emerging_searched_from:
        stale = stale.exclude(kind="emerging_topic", start__lt=emerging_searched_from)
    stale.delete()
    return len(kept), new


def _side(key, topic_terms) -> dict:
    return {"channel": key.channel, "service": key.service,
            "terms": list(topic_terms.get(key.topic, ())) if key.topic is not None else []}


def acknowledge(pattern: Pattern) -> None:
    pattern.status = Pattern.Status.ACKNOWLEDGED
    pattern.save(update_fields=["status"])


def dismiss(pattern: Pattern, reason: str) -> None:
    if not reason.strip():
        raise InputError(_("Geef een reden op: die wordt bewaard om van te leren."))
    pattern.status, pattern.dismiss_reason = Pattern.Status.DISMISSED, reason.strip()
    pattern.save(update_fields=["status", "dismiss_reason"])


def link_to_problem(pattern: Pattern, *, problem=None, new_title: str = "") -> None:
    from leerlus.playground.models import Problem

    if problem is None:
        if not new_title.strip():
            raise InputError(_("Kies een vraagstuk of geef een titel voor een nieuw vraagstuk."))
        problem = Problem.objects.create(title=new_title.strip()[:200], description=pattern.summary)
    pattern.problem = problem
    pattern.save(update_fields=["problem"])
