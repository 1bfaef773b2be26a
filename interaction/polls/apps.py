from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "interaction.polls"
    label = "polls"
    verbose_name = "网上投票"
