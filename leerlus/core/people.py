"""People with an account: adding one (checked by the password rules) and listing them, for the CLI and the web."""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from leerlus.core.models import Department, Person
from leerlus.core.schemas import PeopleDocument, UnlockOut
from leerlus.errors import InputError, InputErrors

USERNAME_MAX = 150


def check_role(role: str) -> str:
    if role not in Person.Role.values:
        raise InputError(
            _("Onbekende rol '%(v)s'. Kies uit: %(keuzes)s.") % {"v": role, "keuzes": ", ".join(Person.Role.values)},
            field="role",
        )
    return role


def find_department(name: str) -> Department:
    """The department with this name (case does not matter); an unknown name lists the existing ones."""
    department = Department.objects.filter(name__iexact=name.strip()).first()
    if department is None:
        existing = ", ".join(Department.objects.values_list("name", flat=True)) or _("(nog geen)")
        raise InputError(
            _("Onbekende afdeling '%(v)s'. Bestaande afdelingen: %(keuzes)s.") % {"v": name, "keuzes": existing},
            field="department",
        )
    return department


def only_department() -> Department:
    """The department when there is just one; otherwise the person's department has to be named."""
    departments = list(Department.objects.all()[:2])
    if len(departments) == 1:
        return departments[0]
    existing = ", ".join(Department.objects.values_list("name", flat=True)) or _("(nog geen)")
    raise InputError(
        _("Noem de afdeling van deze persoon met --department. Bestaande afdelingen: %(keuzes)s.")
        % {"keuzes": existing},
        field="department",
    )


def check_username(username: str) -> str:
    username = username.strip()
    user_model = get_user_model()
    if not username:
        raise InputError(_("Vul een gebruikersnaam in."), field="username")
    try:
        user_model.username_validator(username)
    except ValidationError:
        raise InputError(
            _("Gebruikersnaam '%(v)s' mag alleen letters, cijfers en @ . + - _ bevatten.") % {"v": username[:40]},
            field="username",
        ) from None
    if len(username) > USERNAME_MAX:
        raise InputError(_("Een gebruikersnaam is hoogstens %(n)s tekens.") % {"n": USERNAME_MAX}, field="username")
    if user_model.objects.filter(username__iexact=username).exists():
        raise InputError(_("Gebruikersnaam '%(v)s' bestaat al.") % {"v": username}, field="username")
    return username


def check_email(email: str) -> str:
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError(_("'%(v)s' is geen e-mailadres.") % {"v": email[:60]}, field="email") from None
    return email


def check_password(password: str, *, username: str, email: str = "", name: str = "") -> str:
    """Runs the password rules (settings.AUTH_PASSWORD_VALIDATORS); every rule it breaks is one message."""
    first, _sep, last = name.partition(" ")
    probe = get_user_model()(username=username, email=email, first_name=first, last_name=last)
    try:
        password_validation.validate_password(password, probe)
    except ValidationError as error:
        raise InputError(*error.messages, field="password") from None
    return password


@transaction.atomic
def add_person(
    *,
    username: str,
    role: str,
    department: Department,
    name: str = "",
    email: str = "",
    password: str | None = None,
) -> Person:
    """A person with an account. Without a password the account cannot log in until a password is set (the web
    shows a link for that). A beheerder may also use Beheer (Django's admin)."""
    errors = InputErrors()
    username = errors.check(check_username, username)
    errors.check(check_role, role)
    email = errors.check(check_email, email)
    if password is not None and username:
        errors.check(check_password, password, username=username, email=email or "", name=name)
    errors.raise_any()
    beheerder = role == Person.Role.BEHEERDER
    user = get_user_model().objects.create_user(
        username, email=email, password=password, is_staff=beheerder, is_superuser=beheerder
    )
    return Person.objects.create(name=name.strip() or username, department=department, user=user, role=role)


def people_document() -> PeopleDocument:
    """Everyone with their role, department and discipline, and whether they can log in."""
    return PeopleDocument(people=list(Person.objects.select_related("department", "user").order_by("name")))


def unlock(username: str) -> UnlockOut:
    """Lifts the lock-out after too many failed logins (django-axes) for this username, from every address."""
    from axes.utils import reset

    if not get_user_model().objects.filter(username=username).exists():
        raise InputError(_("Er is geen account met gebruikersnaam '%(u)s'.") % {"u": username}, field="username")
    return UnlockOut(username=username, attempts_cleared=reset(username=username))
