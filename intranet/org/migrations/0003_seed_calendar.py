"""Every install gets the statutory holidays and 调休上班 days the chinesecalendar package knows."""

from django.db import migrations


def seed(apps, schema_editor):
    from intranet.org.calendar_seed import seed_calendar

    seed_calendar(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0002_calendar"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
