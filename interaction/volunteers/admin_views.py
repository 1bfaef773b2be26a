"""Staff views beside the snippet listings: the printable check-in list of an activity (with a
QR code per registration), checking one registration in (the QR code's address), correcting
hours, and a volunteer's full personal data (permission-checked and audit-logged)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from wagtail.log_actions import log

from . import registration as rules
from .models import Activity, Registration, Volunteer
from .qr import qr_svg

CHECK_IN_PERMISSION = "volunteers.check_in_registration"
PERSONAL_DATA_PERMISSION = "volunteers.view_volunteer_personal_data"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def roster(request, activity_id):
    _require(request, CHECK_IN_PERMISSION)
    activity = get_object_or_404(Activity.objects.with_counts(), pk=activity_id)
    registrations = list(
        Registration.objects.filter(activity=activity).exclude(status=Registration.Status.CANCELLED)
        .order_by("status", "created_at", "id")
    )
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITING]
    for r in confirmed:
        address = request.build_absolute_uri(reverse("volunteers_check_in", args=[r.reference]))
        r.qr = mark_safe(qr_svg(address))  # noqa: S308 - SVG markup drawn by qrcode from our own URL
    return _private(TemplateResponse(request, "volunteers/admin/roster.html", {
        "activity": activity, "confirmed": confirmed, "waiting": waiting,
        "hours_total": sum((r.hours_served or 0) for r in confirmed),
    }))


def check_in(request, reference):
    """GET: who this is, with a button; POST: check in (the QR code leads here)."""
    _require(request, CHECK_IN_PERMISSION)
    registration = get_object_or_404(Registration.objects.select_related("activity"), reference=reference.upper())
    if request.method == "POST":
        try:
            if request.POST.get("action") == "hours":
                rules.set_hours(registration, request.POST.get("hours") or "0", user=request.user)
                messages.success(request, f"已更新 {registration.reference} 的服务时长。")
            else:
                rules.check_in(registration, user=request.user, hours=request.POST.get("hours") or None)
                messages.success(request, f"{registration.masked_name}（{registration.reference}）已签到。")
        except (rules.RegistrationError, ArithmeticError, ValueError) as error:
            messages.error(request, getattr(error, "messages", ["服务时长格式不正确。"])[0])
        return redirect("volunteers_roster", registration.activity_id)
    return _private(TemplateResponse(request, "volunteers/admin/check_in.html", {"registration": registration}))


def personal_data(request, volunteer_id):
    _require(request, PERSONAL_DATA_PERMISSION)
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    log(instance=volunteer, action="volunteers.view_personal_data", user=request.user)
    history = volunteer.registrations.select_related("activity").order_by("-created_at")[:50]
    context = {"volunteer": volunteer, "history": history}
    return _private(TemplateResponse(request, "volunteers/admin/personal_data.html", context))
