from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("columns", "0002_initial")]

    operations = [
        migrations.RenameModel("IndexSequence", "Sequence"),
        migrations.RenameField("Sequence", "prefix", "key"),
        migrations.AlterModelOptions(name="sequence", options={"verbose_name": "编号序列"}),
    ]
