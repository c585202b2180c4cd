"""Rhythm pages: the overview with the calendar address, the monthly brief (and its PDF and JSON), the
citizen-conversation kit, the governance check, and the calendar feed itself."""

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from leerlus.core.dates import parse_date
from leerlus.core.models import Person, Service
from leerlus.core.roles import beheerder_only
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError, about
from leerlus.jobs.models import Job
from leerlus.jobs.services import submit
from leerlus.presentation.ids import chosen_id, chosen_ids, object_or_404
from leerlus.presentation.twins import json_twin
from leerlus.rhythm import governance, services
from leerlus.rhythm.brief import brief_document, parse_month
from leerlus.rhythm.calendar import calendar_bytes
from leerlus.rhythm.jobs import brief_path
from leerlus.rhythm.kit import first_of_quarter, kit_document, parse_quarter, quarter_label, record_conversation
from leerlus.rhythm.models import Action, CalendarFeed, GovernanceCheck
from leerlus.rhythm.report import brief_pdf, page_context

ACTION_ROWS = (1, 2, 3)


@login_required
def rhythm_home(request):
    organisation = current_organisation()
    feed = CalendarFeed.objects.get_or_create(organisation=organisation)[0] if organisation else None
    today = timezone.localdate()
    return render(
        request,
        "rhythm/home.html",
        {
            "feed_url": request.build_absolute_uri(f"/ritme/agenda/{feed.key}.ics") if feed else None,
            "last_month": f"{today - relativedelta(months=1):%Y-%m}",
            "this_quarter": quarter_label(first_of_quarter(today)),
        },
    )


def _chosen(request, key: str, parse, default: str):
    """The period asked for in the address; a bad one is refused, and the page shows the default."""
    with about(key):
        return parse(request.GET.get(key) or default)


@login_required
def brief_page(request):
    month = _chosen(request, "maand", parse_month, f"{timezone.localdate() - relativedelta(months=1):%Y-%m}")
    if request.method == "POST":
        job = _act_on_brief(request, month)
        return redirect("job-detail", job_id=job.pk) if job else redirect(f"{request.path}?maand={month:%Y-%m}")
    document = brief_document(month)
    if request.GET.get("format") == "json":
        return json_twin(document)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(brief_pdf(document, current_organisation()), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="maandbrief-{document["month"]}.pdf"'
        return response
    return render(
        request,
        "rhythm/brief_page.html",
        {
            **page_context(document, current_organisation()),
            "people": Person.objects.all(),
            "action_rows": ACTION_ROWS,
            "pdf_jobs": Job.objects.filter(kind="brief", params__month=document["month"])[:3],
        },
    )


def _act_on_brief(request, month):
    form = request.POST
    if form.get("action") == "pdf":
        return submit(
            "brief",
            {"month": f"{month:%Y-%m}"},
            user=request.user,
            title=_("Maandbrief %(m)s als PDF") % {"m": f"{month:%Y-%m}"},
        )
    if form.get("action") == "done":
        services.complete_action(object_or_404(Action, form.get("action_id")), timezone.localdate())
        return
    actions = []
    for row in ACTION_ROWS:
        text = form.get(f"action_text_{row}", "").strip()
        if text:
            owner = Person.objects.filter(pk=chosen_id(form.get(f"action_owner_{row}"), _("Eigenaar"))).first()
            due = parse_date(form.get(f"action_due_{row}"), _("Uiterlijk")) if form.get(f"action_due_{row}") else None
            actions.append((text, owner, due))
    services.record_retrospective(
        month=month,
        held_on=parse_date(form.get("held_on"), _("Gehouden op")),
        participants=list(Person.objects.filter(pk__in=chosen_ids(form.getlist("participants"), _("Deelnemers")))),
        conclusions=form.get("conclusions", ""),
        actions=actions,
    )


@login_required
def brief_download(request, job_id):
    """The PDF a finished brief job made."""
    job = object_or_404(Job.objects.filter(kind="brief", status=Job.Status.DONE), job_id)
    path = brief_path(job.pk, job.result["month"])
    if not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"maandbrief-{job.result['month']}.pdf")


@login_required
def kit_page(request):
    today = timezone.localdate()
    first = _chosen(request, "kwartaal", parse_quarter, quarter_label(first_of_quarter(today)))
    if request.method == "POST":
        participants = request.POST.get("participants") or "0"
        if not participants.isdigit():
            raise InputError(_("Het aantal inwoners '%(v)s' is geen heel getal.") % {"v": participants[:20]})
        record_conversation(
            first=first,
            held_on=parse_date(request.POST.get("held_on"), _("Gehouden op")),
            place=request.POST.get("place", ""),
            participants=int(participants),
            statements=request.POST.get("statements", ""),
            service=Service.objects.filter(pk=chosen_id(request.POST.get("service"), _("Dienst"))).first(),
        )
        return redirect(f"{request.path}?kwartaal={quarter_label(first)}")
    document = kit_document(first)
    if request.GET.get("format") == "json":
        return json_twin(document)
    return render(request, "rhythm/kit.html", {"kit": document, "services": Service.objects.all()})


@login_required
def governance_page(request):
    if request.method == "POST":
        governance.record_check(
            held_on=parse_date(request.POST.get("held_on"), _("Datum")),
            answers={key: request.POST.get(key, "") for key in governance.STATEMENTS},
            note=request.POST.get("note", ""),
        )
        return redirect(request.path)
    document = governance.governance_document()
    if request.GET.get("format") == "json":
        return json_twin(document)
    today = timezone.localdate()
    measured = governance.measure_all(today)
    return render(
        request,
        "rhythm/governance.html",
        {
            "document": document,
            "chart": governance.governance_chart(list(GovernanceCheck.objects.all())),
            "today": today,
            "statements": [
                {
                    "key": key,
                    "text": text,
                    "measured": measured.get(key),
                    "ask": key in governance.needs_people(measured),
                }
                for key, (text, _m) in governance.STATEMENTS.items()
            ],
        },
    )


@beheerder_only(gettext_lazy("Alleen een beheerder geeft de agenda een nieuw adres."))
@require_POST
def rotate_calendar(request):
    """A new secret address; the old one stops working at once (for an address that leaked)."""
    services.rotate_calendar_key(current_organisation())
    messages.success(request, _("De agenda heeft een nieuw adres. Het oude adres werkt niet meer: abonneer opnieuw."))
    return redirect("rhythm")


def calendar_feed(request, key: str):
    """The subscription address: no login (calendar clients cannot log in), but a secret key."""
    if not CalendarFeed.objects.filter(key=key).exists():
        raise Http404
    return HttpResponse(calendar_bytes(), content_type="text/calendar; charset=utf-8")
