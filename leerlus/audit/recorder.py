"""Writes the audit trail: every save and delete of a model people work with, views and exports of signal texts,
and logins. Only names of changed fields are kept, never their values, so the trail holds no personal data.

Left out: the signals themselves and what the analysis computes from them (counts, series, topics, the state),
the job table and the trail itself. Patterns and incidents are written by the analysis with a plain save();
people change them only through their markings, which name the fields (`update_fields`), so only those count.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from leerlus.audit.context import Actor, acting, current
from leerlus.audit.models import AuditEntry

NOT_AUDITED = {
    "core.signal",
    "core.dailycount",
    "intake.pagefeedback",  # a citizen's page feedback on its way to become a signal, like the signals
    "patterns.seriescount",
    "patterns.analysisstate",
    "patterns.topic",
    "jobs.job",
    "audit.auditentry",
    "migrations.migration",
    "sessions.session",
    "admin.logentry",
    "contenttypes.contenttype",
    "auth.permission",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
}
PEOPLE_CHANGES_ONLY = {"patterns.pattern", "patterns.incident"}
BOOKKEEPING_FIELDS = {"last_login", "last_used_at", "heartbeat_at"}  # written by the system on every use
Action = AuditEntry.Action


def record(action: str, object_type: str, summary: str = "", object_id: str = "") -> None:
    """One line in the trail, by whoever is acting now (see `context.acting`)."""
    actor = current()
    AuditEntry.objects.create(
        actor=actor.name[:150],
        channel=actor.channel,
        source=actor.source[:200],
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        summary=summary[:300],
    )


def _audited(sender, update_fields=None) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or sender.__module__ == "__fake__":  # the historical models of a running migration
        return False
    label = meta.label_lower
    if label in NOT_AUDITED:
        return False
    if label in PEOPLE_CHANGES_ONLY and not update_fields:
        return False
    return not (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS)


def _field_names(model, names) -> str:
    fields = {field.name: field for field in model._meta.concrete_fields}
    return ", ".join(str(fields[name].verbose_name) if name in fields else name for name in sorted(names))


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remembers which fields a change touches (their names, read from the stored row)."""
    if raw or instance.pk is None or not _audited(sender, update_fields):
        return
    if update_fields:
        instance._audit_changed = set(update_fields)
        return
    stored = sender._default_manager.filter(pk=instance.pk).values().first()
    if stored is None:
        return
    instance._audit_changed = {
        field.name
        for field in sender._meta.concrete_fields
        if field.attname in stored and stored[field.attname] != getattr(instance, field.attname)
    }


def _saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not _audited(sender, update_fields):
        return
    label = sender._meta.label_lower
    if created:
        record(Action.CREATE, label, _describe(instance), instance.pk)
        return
    changed = getattr(instance, "_audit_changed", None)
    if changed == set():
        return  # saved without a change
    summary = _describe(instance) + (f" — {_field_names(sender, changed)}" if changed else "")
    record(Action.UPDATE, label, summary, instance.pk)


def _deleted(sender, instance, **kwargs):
    if _audited(sender):
        record(Action.DELETE, sender._meta.label_lower, _describe(instance), instance.pk)


def _describe(instance) -> str:
    """The object as people name it (a title, a username), except for the user table, where it is the username."""
    if isinstance(instance, get_user_model()):
        return instance.get_username()
    return str(instance)


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _logged_in(sender, request, user, **kwargs):
    channel = AuditEntry.Channel.ADMIN if request.path.startswith("/beheer/") else AuditEntry.Channel.WEB
    with acting(Actor(user.get_username(), channel, _client_address(request))):
        record(Action.LOGIN, "auth.user", user.get_username(), user.pk)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        with acting(Actor(user.get_username(), AuditEntry.Channel.WEB, _client_address(request))):
            record(Action.LOGOUT, "auth.user", user.get_username(), user.pk)


def _login_failed(sender, credentials, request=None, **kwargs):
    """The username is kept only when it is one: people sometimes type their password in the wrong field."""
    typed = str(credentials.get("username", ""))
    known = get_user_model().objects.filter(username=typed).exists()
    name = typed if known else "onbekende gebruikersnaam"
    with acting(Actor(name, AuditEntry.Channel.WEB, _client_address(request))):
        record(Action.LOGIN_FAILED, "auth.user", name)


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="audit-before-save")
    post_save.connect(_saved, dispatch_uid="audit-saved")
    post_delete.connect(_deleted, dispatch_uid="audit-deleted")
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
