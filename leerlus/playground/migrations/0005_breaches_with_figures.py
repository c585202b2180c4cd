"""Kaders breaches were stored as sentences; now as a code with figures. An old sentence keeps its text."""

from django.db import migrations, models

# Words that only the sentence of one kader has (Dutch, and English where a translation existed).
KEYWORDS = [
    ("team_size", ("leden;", " lid;", "members")),
    ("departments", ("afdeling",)),
    ("worlds", ("ontbreekt",)),
    ("duration", ("loopt tot",)),
    ("playground_envelope", ("de proeftuin heeft",)),
    ("budget", ("per experiment",)),
    ("conditions", ("voorwaarden", "conditions")),
]


def _code(sentence: str) -> str:
    return next((code for code, words in KEYWORDS if any(word in sentence for word in words)), "conditions")


def forwards(apps, schema_editor):
    Experiment = apps.get_model("playground", "Experiment")
    for experiment in Experiment.objects.exclude(broken_frameworks=[]):
        experiment.broken_frameworks = [
            b if isinstance(b, dict) else {"code": _code(b), "text": b} for b in experiment.broken_frameworks
        ]
        experiment.save(update_fields=["broken_frameworks"])


def backwards(apps, schema_editor):
    Experiment = apps.get_model("playground", "Experiment")
    for experiment in Experiment.objects.exclude(broken_frameworks=[]):
        experiment.broken_frameworks = [b.get("text", b["code"]) if isinstance(b, dict) else b for b in experiment.broken_frameworks]
        experiment.save(update_fields=["broken_frameworks"])


class Migration(migrations.Migration):
    dependencies = [("playground", "0004_problem_patterns")]

    operations = [
        migrations.AlterField(
            model_name="experiment",
            name="broken_frameworks",
            field=models.JSONField(
                default=list,
                help_text="Welke kaders het voorstel overschrijdt, elk met de cijfers die de zin erover nodig heeft.",
                verbose_name="buiten de kaders",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
