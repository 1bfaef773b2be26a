"""Sequence moved here from columns: the table columns_sequence stays where it is, only the
model's state moves (columns/migrations/0004_move_sequence_to_core removes it there)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The table is created by columns' migrations (as IndexSequence, renamed in 0003).
    dependencies = [("columns", "0003_sequence")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Sequence",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=80, unique=True)),
                        ("last", models.PositiveIntegerField(default=0)),
                    ],
                    options={"verbose_name": "编号序列", "db_table": "columns_sequence"},
                ),
            ],
            database_operations=[],
        ),
    ]
