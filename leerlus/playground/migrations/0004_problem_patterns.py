"""The playground owns the link between problems and patterns; a linked pattern counts as acknowledged."""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    Pattern = apps.get_model("patterns", "Pattern")
    Link = apps.get_model("playground", "Problem").patterns.through
    linked = Pattern.objects.exclude(problem=None)
    Link.objects.bulk_create(Link(problem_id=p.problem_id, pattern_id=p.pk) for p in linked)
    linked.filter(status="nieuw").update(status="erkend")


class Migration(migrations.Migration):
    dependencies = [
        ("patterns", "0003_problem_link_unnamed"),
        ("playground", "0003_experiment_excluded_controls"),
    ]

    operations = [
        migrations.AddField(
            model_name="problem",
            name="patterns",
            field=models.ManyToManyField(
                blank=True,
                help_text="De patronen waaruit het vraagstuk blijkt.",
                related_name="problems",
                to="patterns.pattern",
                verbose_name="patronen",
            ),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
