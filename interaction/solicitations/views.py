"""Public serving of a campaign and the staff views of its submissions.

Who may see submissions is decided in one place, `submission_pages_for(user)` (Wagtail's
`get_forms_for_user`, which the `filter_form_submissions_for_user` hook narrows to the owning
group): the listing, export, delete and file URLs all ask it."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

from home.files import open_stored_file
from interaction.cases.masking import mask_email, mask_name, mask_phone
from interaction.protection.ratelimit import rate_limit_message, rate_limited

from .models import SolicitationFile
from .phases import Phase


def submission_pages_for(user):
    return get_forms_for_user(user)


def mask_value(value, field_type):
    """A personal answer as listings show it: 138****5678, z***@example.cn, 张** ..."""
    text = ", ".join(value) if isinstance(value, list) else str(value or "")
    if not text:
        return ""
    if field_type == "email" or "@" in text:
        return mask_email(text)
    if sum(ch.isdigit() for ch in text) >= 7:
        return mask_phone(text)
    if len(text) > 6:
        return text[:3] + "****"
    return mask_name(text)


# Public ---------------------------------------------------------------------------------------

def serve_campaign(page, request):
    phase = page.phase()
    form = None
    status = 200
    if phase == Phase.OPEN:
        if request.method == "POST":
            form = page.get_form(request.POST, request.FILES, page=page, user=request.user, request=request)
            if form.is_valid():
                if rate_limited(request, "solicitation"):
                    form.add_error(None, rate_limit_message())
                    status = 429
                else:
                    submission = page.process_form_submission(form)
                    response = page.render_landing_page(request, submission)
                    add_never_cache_headers(response)
                    return response
        else:
            form = page.get_form(page=page, user=request.user, request=request)
    elif request.method == "POST":
        status = 409  # the campaign is not (or no longer) accepting opinions
    context = page.get_context(request)
    context.update(form=form, phase=phase, Phase=Phase, closed_post=status == 409)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


# Staff ----------------------------------------------------------------------------------------

class SolicitationSubmissionsListView(SubmissionsListView):
    """Wagtail's listing and XLSX/CSV export, with personal answers masked in the listing and
    files linked to the checked download view. Export gives the owning group full answers and
    is audit-logged."""

    results_template_name = "solicitations/admin/list_submissions.html"

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("files")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        personal = self.form_page.personal_field_names()
        types = {f.clean_name: f.field_type for f in self.form_page.get_form_fields()}
        names = [name for name, _label in self.form_page.get_data_fields()]
        files = {s.pk: list(s.files.all()) for s in context["submissions"]}
        for row in context.get("data_rows", []):
            for i, name in enumerate(names):
                if name in personal:
                    row["fields"][i] = mask_value(row["fields"][i], types.get(name))
            row["fields"] = row["fields"][:-1]  # the attachments column: links, in the template
            row["files"] = files.get(row["model_id"], [])
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            log(instance=self.form_page, action="solicitations.export", data={"format": self.request.GET.get("export")})
        response = super().render_to_response(context, **response_kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response


def download_file(request, file_id):
    """A submission's attachment, for members of the campaign's owning group only."""
    attachment = get_object_or_404(SolicitationFile.objects.select_related("submission__page"), pk=file_id)
    if not submission_pages_for(request.user).filter(pk=attachment.submission.page_id).exists():
        raise PermissionDenied
    handle = open_stored_file(attachment.file)
    log(instance=attachment.submission.page.specific, action="solicitations.download_file",
        data={"submission": attachment.submission_id, "file": attachment.original_name})
    response = FileResponse(handle, content_type=attachment.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
