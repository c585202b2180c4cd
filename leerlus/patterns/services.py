"""Runs the analysis on the stored signals and keeps what people decided about earlier patterns and incidents;
records their markings and the known events that the next run takes into account.

Incremental by default: only signals that were never analysed are classified, with the model of
the last full run; the day counts of their days are recounted and the series and patterns are
recomputed from the stored counts (`signal_store.py`). `full` retrains the classifier and the
topics and relabels every signal.
"""

import pickle
from datetime import timedelta
from time import perf_counter

import holidays
import pandas as pd
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.analysis.calibration import AlarmBudget
from leerlus.analysis.emerging import EmergingTermDetector, WordsPerDay
from leerlus.analysis.engine import PatternFinder, TextIndex
from leerlus.analysis.series import count_cube
from leerlus.core.channels import CHANNELS
from leerlus.core.models import Person, Service
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError
from leerlus.patterns import labelling, signal_store
from leerlus.patterns.analysis_lock import analysis_lock
from leerlus.patterns.feedback import feedback_from_people
from leerlus.patterns.incident_store import store_incidents
from leerlus.patterns.models import AnalysisState, Incident, IncidentMarking, KnownEvent, Pattern, SeriesCount, Topic
from leerlus.patterns.schemas import AnalysisSummary

RECENT_DAYS = 28  # texts loaded in an incremental run besides the new ones: the evidence of recent patterns
EMERGING_WINDOW = EmergingTermDetector().window_days
MATCH_DAYS = 3  # a pattern found again within this many days of its old start is the same pattern
MARKINGS = [Incident.Status.EXPECTED, Incident.Status.KNOWN, Incident.Status.FALSE]  # what a person can say


def run_analysis(
    *, full: bool = False, progress=lambda message: None, label_ranges=None, part_size: int = labelling.PART_SIGNALS
) -> AnalysisSummary:
    """One analysis at a time (`analysis_lock`); imports and pages go on while it runs.

    Reading and computing hold no lock. The writes are short transactions: a full run's labels
    in chunks (the run first marks the stored state incomplete, so a run that dies half-way is
    followed by a full one), an incremental run's labels together with the recount of their
    days, and at the end topics, patterns, incidents and state in one transaction.

    A full run trains on a sample and then labels the signals in ranges of `part_size` ids through
    `label_ranges(classifier, ranges, meanwhile)`: by default one range after the other in this process
    and then `meanwhile(labelled=True)`; the analysis job hands the ranges to the workers as parts and runs
    `meanwhile()` (reading and counting the texts, which needs no labels) while they label
    (patterns/jobs.py).
    """
    with analysis_lock():
        return _run_analysis(full, progress, label_ranges or _label_here, part_size)


def _label_here(classifier, ranges: list[tuple[int, int]], meanwhile) -> None:
    """In one process nothing runs beside it: label first, then read the texts with their labels in one go."""
    for first, last in ranges:
        labelling.label_range(first, last, classifier)
    meanwhile(labelled=True)


def _run_analysis(full: bool, progress, label_ranges, part_size: int) -> AnalysisSummary:
    started = perf_counter()
    progress(_("Signalen laden …"))
    state = AnalysisState.objects.first() or AnalysisState()
    complete = state.words_per_day is not None and SeriesCount.objects.exists()  # else the last run predates them
    if full or not complete:
        return _full_run(state, started, progress, label_ranges, labelling.id_ranges(part_size))
    classifier = pickle.loads(state.classifier)
    since = state.data_until - timedelta(days=RECENT_DAYS)
    frame = signal_store.load_signals(since)
    index = TextIndex(frame["text"])
    new = frame[~frame["analysed"]]
    new_index = TextIndex(new["text"])
    progress(_("%(n)s signalen indelen …") % {"n": len(new)})
    with transaction.atomic():
        labels = _label(frame, new, new_index, classifier)
        if len(new):
            signal_store.recount_days(min(new["day"]), max(new["day"]))
    progress(_("Patronen zoeken …"))
    cube = signal_store.load_cube()
    finder = _finder(cube)
    new_from = min(new["day"]) if len(new) else state.data_until
    finder.fit(
        _columns(frame),
        _topic_terms(classifier),
        index,
        cube=cube,
        complete_from=since,
        words_per_day=_words_per_day(state, new, new_index),
        new_from=new_from,
        window_lookup=signal_store.window_texts,
        stored_evidence=_stored_evidence(),
    )
    emerging_from = new_from and new_from - timedelta(days=EMERGING_WINDOW)
    return _store(state, started, classifier, finder, len(labels), cube, full=False, emerging_from=emerging_from)


def _full_run(state: AnalysisState, started: float, progress, label_ranges, ranges) -> AnalysisSummary:
    """Trains on a sample, labels every signal range by range, then counts the series and finds the patterns."""
    sample = labelling.training_sample()
    if sample.empty:
        raise InputError(_("Er zijn nog geen signalen. Importeer eerst een bestand met `leerlus import`."))
    progress(_("Model trainen op %(n)s signalen …") % {"n": len(sample)})
    classifier = labelling.train(state, sample)
    progress(_("Signalen indelen …"))
    texts = _Texts(ranges)
    label_ranges(classifier, ranges, texts.read)
    progress(_("Patronen zoeken …"))
    frame = texts.with_labels()
    frame["service"] = _service_names(frame)
    frame["topic"] = frame["topic"].fillna(-1).astype(int)
    columns = _columns(frame)
    cube = count_cube(columns)
    signal_store.replace_series_counts(cube)
    finder = _finder(cube).fit(columns, _topic_terms(classifier), texts.index, cube=cube)
    with transaction.atomic():
        Topic.objects.all().delete()
        Topic.objects.bulk_create(Topic(number=t.number, terms=list(t.terms), size=t.size) for t in classifier.topics_)
        classified = int(frame["analysed"].sum())
        return _store(state, started, classifier, finder, classified, cube, full=True, emerging_from=None)


class _Texts:
    """The signals of a full run with their texts, read, tokenised and counted per day before they are labelled.

    None of that needs the labels, so the analysis job does it while other workers label; `with_labels`
    then adds the labels the parts stored."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ids = (ranges[0][0], ranges[-1][1]) if ranges else (0, -1)

    def read(self, *, labelled: bool = False) -> None:
        self.labelled = labelled  # read after the labelling: the frame has the labels already
        self.frame = signal_store.load_signals(id_range=self.ids)
        self.index = TextIndex(self.frame["text"])
        if len(self.frame):  # the counts PatternFinder.fit asks for, from the first day on
            days = pd.to_datetime(self.frame["day"])
            self.index.count_words(days.min().date(), (days - days.min()).dt.days.to_numpy())

    def with_labels(self) -> pd.DataFrame:
        if self.labelled:
            return self.frame
        labels = signal_store.load_labels(self.ids).set_index("id")
        for column in labels.columns:
            self.frame[column] = self.frame["id"].map(labels[column])
        return self.frame


def _columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[["id", "day", "channel", "service", "topic", "text"]]


def _topic_terms(classifier) -> dict:
    return {t.number: t.terms for t in classifier.topics_}


def _finder(cube: pd.DataFrame) -> PatternFinder:
    years = range(min(cube["day"]).year, max(cube["day"]).year + 1)
    return PatternFinder(
        holidays=frozenset(holidays.country_holidays("NL", years=years)),
        budget=alarm_budget(),
        feedback=feedback_from_people(),
    )


def _store(state, started, classifier, finder, classified: int, cube, *, full: bool, emerging_from) -> AnalysisSummary:
    """Patterns, incidents and the state in one transaction; the summary of the run."""
    with transaction.atomic():
        rows, fresh = _store_patterns(finder, _topic_terms(classifier), emerging_from)
        incidents, fresh_incidents = store_incidents(finder.incidents_, rows)
        state.classifier = pickle.dumps(classifier)
        state.words_per_day = pickle.dumps(finder.words_per_day_)
        state.data_until = finder.data_until_
        state.finished_at = timezone.now()
        state.seconds = round(perf_counter() - started, 2)
        state.save()
    return AnalysisSummary(
        full=full,
        signals=int(cube["n"].sum()),
        classified=classified,
        patterns=len({row.pk for row in rows}),
        new_patterns=fresh,
        incidents=incidents,
        new_incidents=fresh_incidents,
        data_until=finder.data_until_,
        seconds=state.seconds,
    )


def alarm_budget() -> AlarmBudget:
    """The false cards a month the organisation accepts (Beheer → Organisatie), by default one."""
    organisation = current_organisation()
    return AlarmBudget(per_month=organisation.alarm_budget) if organisation else AlarmBudget()


def _service_names(frame: pd.DataFrame) -> pd.Series:
    """The given service by name, else the classified one."""
    names = signal_store.service_names()
    return frame["effective_service_id"].map(names)


def _label(frame: pd.DataFrame, new: pd.DataFrame, new_index: TextIndex, classifier) -> pd.DataFrame:
    """Classifies the new signals, stores their labels and puts service and topic into `frame`."""
    labels = classifier.transform(new.assign(service=new["service_id"].map(signal_store.service_names())), new_index)
    signal_store.store_labels(labels)
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
    added, _doc_term = WordsPerDay.count(
        days.min().date(), (days - days.min()).dt.days.to_numpy(), new_index.codes, new_index.tokens
    )
    return earlier + added


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


def _store_patterns(finder: PatternFinder, topic_terms, emerging_searched_from) -> tuple[list[Pattern], int]:
    """Saves the patterns; a pattern found before keeps its status, reason and incident.

    Returns the stored pattern for each found one, in order, and how many are new. Emerging topics
    that start before `emerging_searched_from` were not looked for again (an incremental run only
    looks where new signals can change the answer), so they stay; so do the patterns of an incident
    that a person marked, which the next runs learn from. A pattern that a person acknowledged (as
    linking it to a problem does) or dismissed is never removed.
    """
    services = {s.name: s for s in Service.objects.all()}
    earlier: dict[str, list[Pattern]] = {}
    for pattern in Pattern.objects.all():
        earlier.setdefault(pattern.signature.rsplit("|", 1)[0], []).append(pattern)
    kept, rows, new = set(), [], 0
    for found in finder.patterns_:
        where = found.cause if found.kind == "ripple" else found.key
        identity = _identity(found.kind, where.channel, where.service, where.topic, found.terms)
        match = next(
            (
                p
                for p in earlier.get(identity, [])
                if p.pk not in kept and abs(p.start - found.start) <= timedelta(days=MATCH_DAYS)
            ),
            None,
        )
        pattern = match or Pattern()
        pattern.kind, pattern.start, pattern.end = found.kind, found.start, found.end
        pattern.channel, pattern.topic = found.key.channel or "", found.key.topic
        pattern.service = services.get(found.key.service)
        pattern.terms, pattern.magnitude, pattern.score = list(found.terms), found.magnitude, found.score
        pattern.figures = _figures(found)
        pattern.examples = list(found.examples)
        pattern.evidence = [_side(k, topic_terms) for k in found.evidence]
        pattern.cause = _side(found.cause, topic_terms) if found.cause else None
        pattern.effect = _side(found.effect, topic_terms) if found.effect else None
        pattern.cause_topic = found.cause.topic if found.cause else None
        pattern.lag_days = found.lag_days
        pattern.series = {
            "first_day": found.first_day.isoformat(),
            "observed": list(found.observed),
            "expected": list(found.baseline),
        }
        pattern.signature = f"{identity}|{found.start.isoformat()}"
        twin = Pattern.objects.filter(signature=pattern.signature).first() if match is None else None
        if twin is not None:  # the same event found twice in one run
            rows.append(twin)
            continue
        new += match is None  # after the twin check: the same event found twice is one new pattern
        pattern.save()
        kept.add(pattern.pk)
        rows.append(pattern)
    stale = Pattern.objects.exclude(pk__in=kept).filter(status=Pattern.Status.NEW)
    stale = stale.filter(Q(incident=None) | Q(incident__marked_at=None))
    if emerging_searched_from:
        stale = stale.exclude(kind="emerging_topic", start__lt=emerging_searched_from)
    stale.delete()
    return rows, new


def _figures(found) -> dict:
    """What the sentence about it needs besides the pattern's own fields (patterns/sentences.py)."""
    figures = {"before": found.before, "after": found.after, "cause_magnitude": found.cause_magnitude}
    return {name: value for name, value in figures.items() if value is not None} | (
        {"recent": found.recent} if found.recent is not None else {}
    )


def _side(key, topic_terms) -> dict:
    return {
        "channel": key.channel,
        "service": key.service,
        "terms": list(topic_terms.get(key.topic, ())) if key.topic is not None else [],
    }


def acknowledge(pattern: Pattern) -> None:
    pattern.status = Pattern.Status.ACKNOWLEDGED
    pattern.save(update_fields=["status"])


def dismiss(pattern: Pattern, reason: str) -> None:
    if not reason.strip():
        raise InputError(_("Geef een reden op: die wordt bewaard om van te leren."))
    pattern.status, pattern.dismiss_reason = Pattern.Status.DISMISSED, reason.strip()
    pattern.save(update_fields=["status", "dismiss_reason"])


@transaction.atomic
def mark_incident(incident: Incident, *, status: str, reason: str, person: Person | None) -> IncidentMarking:
    """A person says what the incident was: verwacht, bekend or onterecht, and why. Kept, audited, learned from."""
    if person is None:
        raise InputError(_("Uw account is niet aan een persoon gekoppeld; vraag de beheerder dat te doen."))
    if status not in MARKINGS:
        raise InputError(
            _("Onbekende markering '%(v)s'. Kies uit: %(keuzes)s.")
            % {"v": str(status)[:20], "keuzes": ", ".join(MARKINGS)}
        )
    if not reason.strip():
        raise InputError(_("Geef een reden op: die wordt bewaard en de volgende analyse leert ervan."))
    marking = IncidentMarking.objects.create(incident=incident, status=status, reason=reason.strip(), person=person)
    incident.status, incident.reason = status, marking.reason
    incident.marked_by, incident.marked_at = person, marking.at
    incident.save(update_fields=["status", "reason", "marked_by", "marked_at"])
    return marking


def add_known_event(
    *, day, description: str, services=(), channels=(), days: int = 28, person: Person | None = None
) -> KnownEvent:
    """An event announced ahead: the rise in its services and channels in the `days` after it is expected."""
    if not description.strip():
        raise InputError(_("Geef een omschrijving, bijvoorbeeld 'aanslagen gemeentelijke belastingen verstuurd'."))
    known = set(Service.objects.values_list("name", flat=True))
    unknown = [name for name in services if name not in known]
    if unknown:
        raise InputError(
            _("Onbekende dienst '%(v)s'. Kies uit: %(keuzes)s.")
            % {"v": unknown[0][:50], "keuzes": ", ".join(sorted(known))}
        )
    wrong = [channel for channel in channels if channel not in CHANNELS]
    if wrong:
        raise InputError(
            _("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.") % {"v": wrong[0][:20], "keuzes": ", ".join(CHANNELS)}
        )
    if not 1 <= days <= 366:
        raise InputError(_("Het aantal dagen '%(v)s' ligt niet tussen 1 en 366.") % {"v": days})
    return KnownEvent.objects.create(
        day=day,
        description=description.strip()[:200],
        services=list(services),
        channels=list(channels),
        days=days,
        added_by=person,
    )


def remove_known_event(event: KnownEvent) -> None:
    event.delete()
