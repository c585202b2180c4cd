"""Named sources: a saved wizard mapping, so that the next export of the same kind imports in one step."""

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.models import Source
from leerlus.intake.wizard import Mapping


def save_source(name: str, mapping: Mapping, *, user=None) -> Source:
    """Keeps the mapping under this name (a source of that name gets the new mapping)."""
    name = " ".join(name.split())[:100]
    source, _created = Source.objects.update_or_create(
        name=name, defaults={"mapping": mapping.as_json(), "kind": Source.Kind.FILE, "created_by": user}
    )
    return source


def source_mapping(name: str) -> Mapping:
    """The saved mapping of a source, marked as used now; an unknown name names the ones there are."""
    source = Source.objects.filter(name=name).first()
    if source is None:
        names = ", ".join(Source.objects.values_list("name", flat=True)) or _("geen")
        raise InputError(_("Onbekende bron '%(v)s'. Bewaarde bronnen: %(keuzes)s.") % {"v": name, "keuzes": names})
    Source.objects.filter(pk=source.pk).update(last_used_at=timezone.now())
    return Mapping.from_json(source.mapping)


def source_options(name: str) -> dict:
    """The saved mapping of a source as `import_file`'s keyword arguments (for `leerlus import --source`)."""
    mapping = source_mapping(name)
    return {
        "file_format": mapping.file_format,
        "column_map": mapping.column_map(),
        "channel_map": mapping.channel_map,
        "default_channel": mapping.default_channel,
        "default_date": mapping.default_date,
    }
