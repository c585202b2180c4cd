"""Inrichten: the beheerder's first run in the web, in four steps that can each be revisited or skipped —
organisation and budget, departments, people (with a link to set their own password), and the first import."""

from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.core import first_run, roles
from leerlus.core.models import Department, Person
from leerlus.core.people import add_person, people_document
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError, InputErrors
from leerlus.presentation.ids import chosen_id
from leerlus.presentation.number_input import input_value
from leerlus.presentation.twins import json_twin

beheerder_only = roles.beheerder_only(gettext_lazy("Alleen een beheerder richt leerlus in."))


def _page(request, slug: str, template: str, context: dict):
    steps = first_run.setup_steps()
    slugs = [step.slug for step in steps]
    number = slugs.index(slug) + 1
    following = slugs[number] if number < len(slugs) else None
    return render(
        request,
        template,
        {
            "steps": steps,
            "current": slug,
            "number": number,
            "total": len(steps),
            "title": first_run.STEP_TITLES[slug],
            "next_step": following,
            "form": request.POST,
            **context,
        },
    )


@beheerder_only
def setup_start(request):
    """The first step that is not done yet (the first step when all are done); as JSON, how far each step is."""
    if request.GET.get("format") == "json":
        return json_twin(first_run.setup_document())
    steps = first_run.setup_steps()
    open_steps = [step.slug for step in steps if not step.done]
    return redirect("setup-step", slug=(open_steps or [steps[0].slug])[0])


@beheerder_only
def organisation_step(request):
    if request.method == "POST":
        first_run.save_organisation(
            name=request.POST.get("name", ""),
            it_budget=request.POST.get("it_budget", ""),
            share=request.POST.get("share", ""),
        )
        return redirect("setup-step", slug="afdelingen")
    organisation = current_organisation()
    initial = {"name": "", "it_budget": "", "share": "7"}
    if organisation:
        initial = {
            "name": organisation.name,
            "it_budget": input_value(organisation.it_budget, 0) if organisation.it_budget else "",
            "share": input_value(organisation.playground_share * 100),
        }
    return _page(request, "organisatie", "web/first_run/organisation.html", {"initial": initial})


@beheerder_only
def departments_step(request):
    editing = None
    chosen = request.POST.get("department") or request.GET.get("wijzig")
    if chosen:
        editing = get_object_or_404(Department, pk=chosen_id(chosen, _("Afdeling")))
    if request.method == "POST":
        first_run.save_department(
            name=request.POST.get("name", ""), world=request.POST.get("world", ""), department=editing
        )
        return redirect("setup-step", slug="afdelingen")
    return _page(
        request,
        "afdelingen",
        "web/first_run/departments.html",
        {
            "departments": Department.objects.all(),
            "editing": editing,
            "worlds": Department.World.choices,
        },
    )


def _set_password_link(request, user) -> str:
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    path = reverse("set-password", kwargs={"uidb64": uid, "token": token})
    return request.build_absolute_uri(path)


@beheerder_only
def people_step(request):
    if request.method == "POST":
        form = request.POST
        errors = InputErrors()
        department = errors.check(_department, form.get("department", ""))
        errors.check(
            first_run.check_new_person,
            username=form.get("username", ""),
            role=form.get("role", ""),
            email=form.get("email", ""),
        )
        errors.raise_any()
        add_person(
            username=form["username"],
            role=form["role"],
            department=department,
            name=form.get("name", ""),
            email=form.get("email", ""),
        )
        return redirect("setup-step", slug="mensen")
    if request.GET.get("format") == "json":
        return json_twin(people_document())  # the same document as `leerlus user list --json`
    people = Person.objects.select_related("department", "user")
    rows = [
        {
            "person": person,
            "link": _set_password_link(request, person.user)
            if person.user_id and not person.user.has_usable_password()
            else None,
        }
        for person in people
    ]
    return _page(
        request,
        "mensen",
        "web/first_run/people.html",
        {
            "rows": rows,
            "links": [row for row in rows if row["link"]],
            "departments": Department.objects.all(),
            "roles": Person.Role.choices,
        },
    )


def _department(value: str) -> Department:
    try:
        pk = chosen_id(value, _("Afdeling"))
    except InputError as error:
        error.field = "department"
        raise
    department = Department.objects.filter(pk=pk).first() if pk else None
    if department is None:
        raise InputError(_("Kies de afdeling van deze persoon."), field="department")
    return department


@beheerder_only
def import_step(request):
    return _page(request, "import", "web/first_run/import.html", {"wizard": reverse("intake:wizard")})


STEP_VIEWS = {
    "organisatie": organisation_step,
    "afdelingen": departments_step,
    "mensen": people_step,
    "import": import_step,
}


def setup_step(request, slug: str):
    view = STEP_VIEWS.get(slug)
    if view is None:
        raise Http404(slug)
    return view(request)
