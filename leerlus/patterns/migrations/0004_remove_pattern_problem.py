"""The old link from a pattern to its problem goes; Problem.patterns in the playground holds it now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("patterns", "0003_problem_link_unnamed"),
        ("playground", "0004_problem_patterns"),
    ]

    operations = [
        migrations.RemoveField(model_name="pattern", name="problem"),
    ]
