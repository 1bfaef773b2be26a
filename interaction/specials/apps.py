from django.apps import AppConfig


class SpecialsConfig(AppConfig):
    name = "interaction.specials"
    label = "specials"
    verbose_name = "专题专辑"
