from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "interaction.volunteers"
    label = "volunteers"
    verbose_name = "志愿者登记"
