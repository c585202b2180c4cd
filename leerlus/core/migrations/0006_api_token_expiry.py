"""API keys get an expiry (existing keys: a year from now), a revocation moment and their last use."""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def a_year_from_now(apps, schema_editor):
    apps.get_model("core", "ApiToken").objects.update(expires_at=timezone.now() + timedelta(days=365))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_proeftuin_label")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                null=True, help_text="Daarna werkt de sleutel niet meer.", verbose_name="geldig tot"
            ),
        ),
        migrations.RunPython(a_year_from_now, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="Daarna werkt de sleutel niet meer.", verbose_name="geldig tot"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="last_used_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="laatst gebruikt"),
        ),
    ]
