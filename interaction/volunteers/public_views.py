"""The public pages of 志愿者登记 (routed by models.VolunteerPage): thin, the rules are in
registration.py."""

from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from core.pagination import paginate
from interaction.protection.ratelimit import rate_limit_message, rate_limited

from . import registration as rules
from .forms import CancelForm, RegistrationForm, SignupForm
from .models import Activity

RECEIPT_SESSION_KEY = "volunteers.receipt"
SIGNUP_SESSION_KEY = "volunteers.signup"
CANCEL_RATE_LIMIT = (30, 3600)  # attempts per client IP per hour, as the case lookups
PAGE_SIZE = 10


def visible_activities(now=None):
    now = now or timezone.now()
    return Activity.objects.filter(published=True, ends_at__gte=now).with_counts().order_by("starts_at", "id")


def _route(page, request, name, *args):
    return page.get_url(request) + page.reverse_subpage(name, args=args).lstrip("/")


def _render(page, request, template, status=200, **context):
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    add_never_cache_headers(response)  # per-visitor captchas, receipts and codes
    return response


def index(page, request):
    items = paginate(request, visible_activities(), per_page=PAGE_SIZE)
    return page.render(request, context_overrides={"items": items, "current_tab": "index"})


def activity(page, request, activity_id):
    item = visible_activities().filter(pk=activity_id).first()
    if item is None:
        raise Http404("没有找到该活动")
    is_open = rules.registration_open(item)
    form = RegistrationForm(request.POST or None, request=request) if is_open else None
    status = 200
    if request.method == "POST":
        if form is None:
            status = 409
        elif form.is_valid():
            if rate_limited(request, "volunteer-register"):
                form.add_error(None, rate_limit_message())
                status = 429
            else:
                try:
                    registration, code = rules.register(
                        item, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"],
                        email=form.cleaned_data["email"],
                    )
                except rules.RegistrationError as error:
                    form.add_error(None, error.messages[0])
                else:
                    request.session[RECEIPT_SESSION_KEY] = {"reference": registration.reference, "code": code}
                    return HttpResponseRedirect(_route(page, request, "registered") + "#main")
    return _render(
        page, request, "volunteers/activity.html", status=status,
        activity=item, form=form, is_open=is_open, trail_title=item.title, current_tab="index",
    )


def registered(page, request):
    """The reference and the cancellation code, shown once."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    registration = None
    if receipt:
        registration = (
            rules.Registration.objects.select_related("activity").filter(reference=receipt["reference"]).first()
        )
    return _render(
        page, request, "volunteers/registered.html",
        receipt=receipt, registration=registration,
        position=rules.waiting_position(registration) if registration else None,
        trail_title="报名结果", current_tab="index",
    )


def cancel(page, request):
    form = CancelForm(request.POST or None, request=request)
    status, done = 200, None
    if request.method == "POST" and form.is_valid():
        limit, window = CANCEL_RATE_LIMIT
        if rate_limited(request, "volunteer-cancel", limit=limit, window=window):
            form.add_error(None, rate_limit_message())
            status = 429
        else:
            found = rules.find(form.cleaned_data["reference"], form.cleaned_data["code"])
            if found is None:
                form.add_error(None, "报名编号或取消码不正确，请核对后重新输入。")
            else:
                try:
                    rules.cancel(found)
                except rules.RegistrationError as error:
                    form.add_error(None, error.messages[0])
                else:
                    done = found
    return _render(page, request, "volunteers/cancel.html", status=status, form=form, done=done,
                   trail_title="取消报名", current_tab="cancel")


def signup(page, request):
    """POST: sign up, then redirect (a reload does not sign up again); GET after it: the thanks."""
    form = SignupForm(request.POST or None, request=request)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "volunteer-signup"):
            form.add_error(None, rate_limit_message())
            status = 429
        else:
            data = form.cleaned_data
            volunteer = rules.sign_up(
                name=data["name"], phone=data["phone"], email=data["email"], id_number=data["id_number"],
                interests=data["interests"], availability=data["availability"], note=data["note"],
            )
            request.session[SIGNUP_SESSION_KEY] = {
                "name": volunteer.masked_name, "interests": volunteer.interests_display(),
            }
            return HttpResponseRedirect(_route(page, request, "signup") + "#main")
    done = request.session.pop(SIGNUP_SESSION_KEY, None) if request.method == "GET" else None
    return _render(page, request, "volunteers/signup.html", status=status, form=form, done=done,
                   trail_title="志愿者登记", current_tab="signup")
