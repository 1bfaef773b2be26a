"""Sequence now belongs to core (core/migrations/0001_sequence); its table columns_sequence is
kept, so only the model's state leaves this app."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("columns", "0003_sequence"), ("core", "0001_sequence")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Sequence")],
            database_operations=[],
        ),
    ]
