"""Who sees a meeting notice: its organiser, its recipients and the registrars (公文收发员) of
the organising department. Nobody else, superusers included; applied to querysets and to single
objects alike (a typed URL of another's notice is a 404)."""

from django.db.models import Exists, OuterRef, Q

from intranet.oa.access import is_registrar, is_staff_member
from intranet.org.models import department_of

from .models import Meeting, Receipt


def visibility_filter(user):
    if not is_staff_member(user):
        return None
    rule = Q(organiser=user) | Exists(Receipt.objects.filter(meeting=OuterRef("pk"), user=user))
    if is_registrar(user):
        rule |= Q(department=department_of(user))
    return rule


def visible_meetings(user):
    rule = visibility_filter(user)
    return Meeting.objects.none() if rule is None else Meeting.objects.filter(rule)


def may_manage(user, meeting):
    """The organiser's side: urge, attach, see who has not replied, print the sign-in list."""
    if not is_staff_member(user):
        return False
    return meeting.organiser_id == user.pk or is_registrar(user, meeting.department)
