"""The 志愿者登记 sub-column page. It serves its own routes, as a Wagtail routable page: thin, the
rules are registration.py's (which takes its models from records.py, loaded before this module)."""

from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from interaction.protection.ratelimit import rate_limit_message, rate_limited

# Modules of this app that do not import the models package (or only its submodule records.py,
# loaded before this one): see models/__init__.py for the order.
from .. import forms
from .. import registration as rules
from .records import Activity, Registration

RECEIPT_SESSION_KEY = "volunteers.receipt"
SIGNUP_SESSION_KEY = "volunteers.signup"
CANCEL_RATE_LIMIT = (30, 3600)  # attempts per client IP per hour, as the case lookups
PAGE_SIZE = 10


def visible_activities(now=None):
    now = now or timezone.now()
    return Activity.objects.filter(published=True, ends_at__gte=now).with_counts().order_by("starts_at", "id")


class VolunteerPage(RoutablePageMixin, SubColumnBase):
    """The 志愿者登记 sub-column: upcoming activities, registration, cancellation by code, and
    the general volunteer sign-up."""

    serves_app = "volunteer"
    intro = StreamField(BodyBlock(), verbose_name="栏目说明", blank=True)
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    column_type_label = "互动交流"
    subpage_types = []
    max_count_per_parent = 1
    template = "volunteers/volunteer_page.html"

    content_panels = SubColumnBase.content_panels + [FieldPanel("intro"), FieldPanel("contact")]

    class Meta:
        verbose_name = "志愿者登记"
        verbose_name_plural = "志愿者登记"

    def route_url(self, request, name, *args):
        return self.get_url(request) + self.reverse_subpage(name, args=args).lstrip("/")

    def _render(self, request, template, status=200, **context):
        response = self.render(request, template=template, context_overrides=context)
        response.status_code = status
        add_never_cache_headers(response)  # per-visitor captchas, receipts and codes
        return response

    # Routes ---------------------------------------------------------------------------------

    @path("", name="index")
    def index_view(self, request):
        items = paginate(request, visible_activities(), per_page=PAGE_SIZE)
        return self.render(request, context_overrides={"items": items, "current_tab": "index"})

    @path("activity/<int:activity_id>/", name="activity")
    def activity_view(self, request, activity_id):
        item = visible_activities().filter(pk=activity_id).first()
        if item is None:
            raise Http404("没有找到该活动")
        is_open = rules.registration_open(item)
        form = forms.RegistrationForm(request.POST or None, request=request) if is_open else None
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
                        return HttpResponseRedirect(self.route_url(request, "registered") + "#main")
        return self._render(
            request, "volunteers/activity.html", status=status,
            activity=item, form=form, is_open=is_open, trail_title=item.title, current_tab="index",
        )

    @path("registered/", name="registered")
    def registered_view(self, request):
        """The reference and the cancellation code, shown once."""
        receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
        registration = None
        if receipt:
            registration = Registration.objects.select_related("activity").filter(reference=receipt["reference"]).first()
        return self._render(
            request, "volunteers/registered.html",
            receipt=receipt, registration=registration,
            position=rules.waiting_position(registration) if registration else None,
            trail_title="报名结果", current_tab="index",
        )

    @path("cancel/", name="cancel")
    def cancel_view(self, request):
        form = forms.CancelForm(request.POST or None, request=request)
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
        return self._render(request, "volunteers/cancel.html", status=status, form=form, done=done,
                            trail_title="取消报名", current_tab="cancel")

    @path("signup/", name="signup")
    def signup_view(self, request):
        """POST: sign up, then redirect (a reload does not sign up again); GET after it: the thanks."""
        form = forms.SignupForm(request.POST or None, request=request)
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
                return HttpResponseRedirect(self.route_url(request, "signup") + "#main")
        done = request.session.pop(SIGNUP_SESSION_KEY, None) if request.method == "GET" else None
        return self._render(request, "volunteers/signup.html", status=status, form=form, done=done,
                            trail_title="志愿者登记", current_tab="signup")
