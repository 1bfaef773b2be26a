from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "interaction.cases"
    label = "cases"
    verbose_name = "互动办件"
