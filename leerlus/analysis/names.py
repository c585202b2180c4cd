"""Person names in Dutch text: deduce's name lists with context words, fast enough for every import.

`deduce` (Dutch de-identification, UMC Utrecht) ships lists of 14,900 first names, 12,900 surnames,
the tussenvoegsels, 6,700 places and 153,000 street names (the BAG). Its own pipeline was measured
at about 1,000 texts per second after a three-minute first load; an import needs 50,000 per second.
So the lists are read straight from the installed package (nothing of deduce is imported) and one
regular expression finds runs of capitalised words, which are checked against the lists:

- after a context word ("mevrouw", "dhr.", "mijn buurman", "ik ben", "namens", "groet", …) or after
  initials ("J. Kowalczyk") the run is a name, also in lower case when a word of it is a known
  name ("mevrouw jansen");
- without one, a run is a name when it holds a known first name or surname that is not also a
  common Dutch word or a place ("Den Haag"), and is not followed by a word such as "museum"
  ("Van Gogh museum"); a name that is also a common word ("Wil", "Mei") counts only after a
  context word, and one word that opens a value ("Wegen" as a service) is a category.

Most texts hold no capitalised name word and no context word; a cheap test (`_may_hold_name`)
lets them skip the full expression, which keeps the import fast.
"""

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from stop_words import get_stop_words

_TRIGGERS = (
    r"mevrouw|mevr\.?|mw\.?|mej\.?|meneer|mijnheer|dhr\.?|de heer|familie|fam\.|buurman|buurvrouw|buurjongen"
    r"|buurmeisje|ik ben|ik heet|mijn naam is|naam is|namens|collega|genaamd|t\.a\.v\.?|contactpersoon|zoon"
    r"|dochter|echtgenoot|echtgenote|vader|moeder|oom|tante|opa|oma|broer|zus|vriend|vriendin|groet|groeten|mvg"
)
_INTERFIX = (
    r"van der|van den|van de|van het|van 't|in 't|in het|op de|op 't|uit de|aan de|bij de|van|de|den|der|ter|ten"
    r"|te|el|al|da|di|du|le|la|'t|bin|ben|abu|ibn"
)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CAP = rf"[{_UPPER}][{_LOWER}'’]+(?:-(?:[{_UPPER}][{_LOWER}]*|[{_LOWER}]+))*"
_LOW = rf"[{_LOWER}]{{2,}}(?:-[{_LOWER}]+)*"
_INITIALS = rf"(?:[{_UPPER}]\.[ ]?){{1,4}}"
_GAP = rf"[ ]+(?:(?i:{_INTERFIX})[ ]+)?"
_CANDIDATE = re.compile(
    rf"(?P<trigger>(?<!\w)(?i:{_TRIGGERS})[ :,]+)?"
    rf"(?P<run>(?:{_INITIALS})?(?:(?i:{_INTERFIX})[ ]+)?{_CAP}(?:{_GAP}{_CAP}){{0,3}})"
    rf"|(?P<ltrigger>(?<!\w)(?i:{_TRIGGERS})[ :,]+)(?=(?P<lrun>(?:{_INTERFIX}[ ]+)?{_LOW}(?:{_GAP}{_LOW})?))"
)
_NEXT_WORD = re.compile(r"[ -]*(\w+)")
_WORD = re.compile(rf"[{_UPPER}{_LOWER}'’-]+\.?")
_INTERFIXES = frozenset(_INTERFIX.split("|"))
_INITIAL = re.compile(rf"[{_UPPER}]\.")
_CAP_WORD = re.compile(_CAP)
_INITIAL_BEFORE_NAME = re.compile(rf"(?<![\w.])[{_UPPER}]\.[ ]?(?:[{_UPPER}]|(?i:{_INTERFIX}) )").search
# The context words as single words, for the cheap test (the expression above also knows the phrases).
_TRIGGER_WORDS = frozenset(
    "mevrouw mevr mevr. mw mw. mej mej. meneer mijnheer dhr dhr. heer familie fam fam. buurman buurvrouw"
    " buurjongen buurmeisje ben heet naam namens collega genaamd t.a.v. t.a.v contactpersoon zoon dochter"
    " echtgenoot echtgenote vader moeder oom tante opa oma broer zus vriend vriendin groet groeten mvg".split()
)
# A capitalised run followed by one of these names a place or an organisation, not a person.
_INSTITUTIONS = frozenset(
    "museum school ziekenhuis college kliniek stichting centrum instituut huis park plein straat laan weg prijs"
    " fonds zaal bad bibliotheek theater kerk moskee bos tunnel brug universiteit academie polder".split()
)


def _lists_folder() -> Path:
    """The installed deduce package's lookup lists, found without importing deduce."""
    return Path(find_spec("deduce").submodule_search_locations[0]) / "data" / "lookup" / "src"


def _read(*parts: str) -> set[str]:
    folder = _lists_folder().joinpath(*parts)
    items = {line.strip().lower() for line in (folder / "items.txt").read_text(encoding="utf-8").splitlines()}
    exceptions = folder / "exceptions.txt"
    if exceptions.exists():
        items -= {line.strip().lower() for line in exceptions.read_text(encoding="utf-8").splitlines()}
    items.discard("")
    return items


# Words of contact texts that the lists do not know as common, and the calendar.
_ALSO_COMMON = (
    "bel mail stuur graag kan wil hoi hallo beste groet gemeente balie loket noord oost zuid west centrum haven"
    " januari februari maart april mei juni juli augustus september oktober november december"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag pasen pinksteren kerst kerstmis"
)


@cache
def common_words() -> frozenset[str]:
    """Dutch words that are also names ("Wil", "Mei", "Bakker" as a word): not a name on their own."""
    lists = _read("whitelist", "lst_common_word") | _read("whitelist", "lst_stop_word")
    return frozenset(lists | set(get_stop_words("dutch")) | set(_ALSO_COMMON.split()))


@cache
def any_name_words() -> frozenset[str]:
    """Every first name and surname of the lists, also those spelled like a word or a place ("Berg", "Horst")."""
    kinds = ("lst_first_name", "lst_surname", "lst_interfix_surname")
    return frozenset(set().union(*(_read("names", kind) for kind in kinds)))


@cache
def name_words() -> frozenset[str]:
    """First names and surnames, lower case, without the ones that are common Dutch words or places."""
    return any_name_words() - common_words() - places()


@cache
def interfix_surnames() -> frozenset[str]:
    """Surnames that follow a tussenvoegsel ("de Vries", "van Dijk"), also when a place or a word is spelled alike."""
    return frozenset(_read("names", "lst_interfix_surname"))


@cache
def places() -> frozenset[str]:
    """Places, municipalities, provinces and regions, lower case."""
    folder = ("locations", "lst_placename")
    kinds = ("lst_residence", "lst_municipality", "lst_province", "lst_region")
    return frozenset(set().union(*(_read(*folder, kind) for kind in kinds)))


@cache
def street_names() -> frozenset[str]:
    """The street names of the BAG, lower case (about 150,000)."""
    return frozenset(_read("locations", "lst_street"))


def _name_span(text: str, match: re.Match) -> tuple[int, int] | None:
    """The part of a candidate that is a person's name, as (start, end) in the text, or None."""
    names, common = name_words(), common_words()
    if match.group("lrun") is not None:  # after a context word, in lower case: only names of the lists
        words = [w for w in match.group("lrun").split() if w not in _INTERFIXES]
        if not words or words[0] in common or not any(w in any_name_words() for w in words):
            return None
        if words[-1] not in any_name_words() or words[-1] in common:  # "mevrouw jansen belde": one word too many
            return match.start("lrun"), match.start("lrun") + match.group("lrun").rindex(" " + words[-1])
        return match.span("lrun")
    start, end = match.span("run")
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).lower() in _INSTITUTIONS:
        return None
    run = match.group("run")
    words = [w.lower() for w in _WORD.findall(run) if w.lower() not in _INTERFIXES and not _INITIAL.fullmatch(w)]
    if match.group("trigger") or _INITIAL.match(run):  # "mevrouw Berg", "J. Kowalczyk"
        return (start, end) if any(w not in common or w in any_name_words() for w in words) else None
    if run.lower() in places():
        return None
    if start == 0 and len(words) == 1 and " " not in run:  # "Wegen", "Afval": a category opens a value
        return None
    offset, after_interfix = 0, False
    for word in _WORD.finditer(run):
        lower = word.group().lower()
        if lower in _INTERFIXES or _INITIAL.fullmatch(word.group()):
            after_interfix = lower in _INTERFIXES
            continue
        if lower in names or (after_interfix and lower in interfix_surnames()):
            return start + _name_start(run, offset, word.start()), end
        offset, after_interfix = word.end(), False
    return None


def _name_start(run: str, after: int, name_at: int) -> int:
    """Where the name begins: at the first name word, with the initials and tussenvoegsels right before it."""
    head = run[after:name_at]
    stripped = head.lstrip()
    return after + len(head) - len(stripped)


@cache
def _plain_interfix_surnames() -> frozenset[str]:
    return interfix_surnames() - common_words()


def _may_hold_name(text: str) -> bool:
    """Cheap test that skips the full expression for most texts: a known name word or a context word."""
    names, after_interfix = name_words(), _plain_interfix_surnames()
    for word in _CAP_WORD.findall(text):
        lower = word.lower()
        if lower in names or lower in after_interfix:
            return True
    if _INITIAL_BEFORE_NAME(text):
        return True
    return not _TRIGGER_WORDS.isdisjoint(text.lower().replace(",", " ").split())


def find_names(text: str) -> list[tuple[int, int]]:
    """The spans of person names in a text."""
    if not _may_hold_name(text):
        return []
    spans = []
    for match in _CANDIDATE.finditer(text):
        span = _name_span(text, match)
        if span and span[0] < span[1] and (not spans or spans[-1][1] <= span[0]):
            spans.append(span)
    return spans
