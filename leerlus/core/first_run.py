"""The first run: the organisation and its first beheerder (`leerlus setup`), and how far the setup in the web has got.

The first beheerder needs a department (every person has one); `leerlus setup` makes the one it is given,
by default "Informatievoorziening" (techniek), which the web's first run lets the beheerder rename.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leerlus.core.models import Department, Organisation, Person, Signal
from leerlus.core.people import add_person, check_email, check_password, check_role, check_username
from leerlus.core.schemas import SetupDocument, SetupOut
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError, InputErrors
from leerlus.presentation.number_input import parse_number

DEFAULT_DEPARTMENT = "Informatievoorziening"
DEFAULT_WORLD = Department.World.TECHNIEK
SHARE_RANGE = (Decimal(5), Decimal(10))  # the playground's share of the IT budget, in percent
ENOUGH_DEPARTMENTS = 2  # an experiment team comes from at least two departments


def check_world(world: str) -> str:
    if world not in Department.World.values:
        raise InputError(
            _("Onbekende wereld '%(v)s'. Kies uit: %(keuzes)s.")
            % {"v": world, "keuzes": ", ".join(Department.World.values)},
            field="world",
        )
    return world


def check_not_installed() -> None:
    """Refuses a second organisation: names the one there is and its beheerders."""
    organisation = current_organisation()
    if organisation is None:
        return
    admins = Person.objects.filter(role=Person.Role.BEHEERDER, user__isnull=False).values_list(
        "user__username", flat=True
    )
    raise InputError(
        _(
            "leerlus is al ingericht voor %(org)s (beheerders: %(admins)s). Er verandert niets; voeg mensen toe "
            "met 'leerlus user add' of richt verder in via Inrichten in de webapplicatie."
        )
        % {"org": organisation.name, "admins": ", ".join(admins) or "-"}
    )


def check_install(*, organisation: str, admin: str, email: str, department: str, world: str) -> InputErrors:
    """Checks everything `install` gets but the password; the errors are raised by the caller (or by `install`)."""
    errors = InputErrors()
    if not organisation.strip():
        errors.add(_("Vul de naam van de organisatie in, bijvoorbeeld 'Gemeente Voorbeeldstad'."))
    if not department.strip():
        errors.add(_("Vul de naam van de afdeling van de beheerder in."))
    errors.check(check_world, world)
    errors.check(check_username, admin)
    if not email.strip():
        errors.add(_("Vul het e-mailadres van de beheerder in."))
    errors.check(check_email, email)
    return errors


@transaction.atomic
def install(
    *,
    organisation: str,
    admin: str,
    email: str,
    password: str,
    name: str = "",
    department: str = DEFAULT_DEPARTMENT,
    world: str = DEFAULT_WORLD,
) -> SetupOut:
    """Creates the organisation, the beheerder's department and the first beheerder, or nothing at all."""
    check_not_installed()
    errors = check_install(organisation=organisation, admin=admin, email=email, department=department, world=world)
    if not errors.errors:
        errors.check(check_password, password, username=admin.strip(), email=email.strip(), name=name)
    errors.raise_any()
    created = Organisation.objects.create(name=organisation.strip())
    home = Department.objects.create(organisation=created, name=department.strip(), world=world)
    person = add_person(
        username=admin, role=Person.Role.BEHEERDER, department=home, name=name, email=email, password=password
    )
    return SetupOut(organisation=created.name, admin=person)


@dataclass(frozen=True)
class Step:
    """One step of the setup in the web: its slug (in the address), title, whether it is done and why (not)."""

    slug: str
    title: str
    done: bool
    state: str


STEP_TITLES = {
    "organisatie": gettext_lazy("Organisatie"),
    "afdelingen": gettext_lazy("Afdelingen"),
    "mensen": gettext_lazy("Mensen"),
    "import": gettext_lazy("Eerste import"),
}


def setup_steps() -> list[Step]:
    """The four steps with what is there already; the setup is complete when every step is done."""
    organisation = current_organisation()
    departments = Department.objects.count()
    people = Person.objects.count()
    has_signals = Signal.objects.exists()
    budget = organisation.it_budget if organisation else 0
    return [
        Step("organisatie", str(STEP_TITLES["organisatie"]), bool(budget), _("klaar") if budget else _("IT-budget 0")),
        Step(
            "afdelingen",
            str(STEP_TITLES["afdelingen"]),
            departments >= ENOUGH_DEPARTMENTS,
            ngettext("%(n)s afdeling", "%(n)s afdelingen", departments) % {"n": departments},
        ),
        Step(
            "mensen",
            str(STEP_TITLES["mensen"]),
            people > 1,
            ngettext("%(n)s persoon", "%(n)s mensen", people) % {"n": people},
        ),
        Step("import", str(STEP_TITLES["import"]), has_signals, _("klaar") if has_signals else _("nog geen signalen")),
    ]


def setup_document() -> SetupDocument:
    steps = setup_steps()
    return SetupDocument(complete=all(step.done for step in steps), steps=steps)


@transaction.atomic
def save_organisation(*, name: str, it_budget: str, share: str) -> Organisation:
    """Step 1: the name, the IT budget per year and the playground's share in percent (5 to 10), typed the Dutch way.
    Creates the organisation when there is none yet."""
    errors = InputErrors()
    if not name.strip():
        errors.add(_("Vul de naam van de organisatie in."), "name")
    budget = errors.check(_number, it_budget, _("IT-budget per jaar"), "it_budget", "480.000", Decimal(0))
    percent = errors.check(_number, share, _("Aandeel proeftuin"), "share", "7", None)
    if percent is not None and not SHARE_RANGE[0] <= percent <= SHARE_RANGE[1]:
        errors.add(
            _("Het aandeel proeftuin is 5 tot 10 procent van het IT-budget; %(v)s ligt daarbuiten.") % {"v": share},
            "share",
        )
    errors.raise_any()
    organisation = current_organisation() or Organisation(name=name.strip())
    organisation.name, organisation.it_budget = name.strip(), budget
    organisation.playground_share = percent / 100
    organisation.save()
    return organisation


def _number(value: str, label: str, field: str, example: str, minimum):
    try:
        return parse_number(value, label=label, example=example, minimum=minimum)
    except InputError as error:
        error.field = field
        raise


@transaction.atomic
def save_department(*, name: str, world: str, department: Department | None = None) -> Department:
    """Step 2: a new department, or a new name or world for an existing one."""
    errors = InputErrors()
    name = name.strip()
    if not name:
        errors.add(_("Vul de naam van de afdeling in."), "name")
    elif Department.objects.filter(name__iexact=name).exclude(pk=getattr(department, "pk", None)).exists():
        errors.add(_("Afdeling '%(v)s' bestaat al.") % {"v": name}, "name")
    errors.check(check_world, world)
    organisation = current_organisation()
    if organisation is None:
        errors.add(_("Vul eerst de organisatie in (stap 1)."))
    errors.raise_any()
    department = department or Department(organisation=organisation)
    department.name, department.world = name, world
    department.save()
    return department


def check_new_person(*, username: str, role: str, email: str) -> None:
    """The checks of step 3 before anything is made, so that a form shows every mistake at once."""
    errors = InputErrors()
    errors.check(check_username, username)
    errors.check(check_role, role)
    errors.check(check_email, email)
    errors.raise_any()
