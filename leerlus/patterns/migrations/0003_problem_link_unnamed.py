"""The link to a problem moves to the playground (Problem.patterns): first the old link gives up its name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patterns", "0002_incidents"),
        ("playground", "0003_experiment_excluded_controls"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pattern",
            name="problem",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="playground.problem",
                verbose_name="vraagstuk",
            ),
        ),
    ]
