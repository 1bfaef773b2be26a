"""The staff's listing and export of a campaign's submissions: Wagtail's, with personal answers
masked. The campaign page names it (get_submissions_list_view_class); it takes everything from
the page it is given and imports no model of this app. Wagtail's listing views load models when
imported, so the page imports this module when asked for the class, as Wagtail's own form pages
do, never while the models load."""

from django.utils.cache import patch_cache_control
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

from interaction.cases.masking import mask_email, mask_name, mask_phone


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
