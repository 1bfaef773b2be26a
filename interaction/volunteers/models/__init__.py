"""The models of 志愿者登记. The order matters: records.py imports no other module of this app
that needs the models package; pages.py (the public page, which serves its own routes) comes last
and imports registration.py and forms.py, which take their models from records.py."""

from ..choices import AVAILABILITY, INTERESTS
from .records import Activity, ActivityQuerySet, Registration, Volunteer, hours_by_volunteer
from .pages import VolunteerPage

__all__ = [
    "AVAILABILITY",
    "INTERESTS",
    "Activity",
    "ActivityQuerySet",
    "Registration",
    "Volunteer",
    "VolunteerPage",
    "hours_by_volunteer",
]
