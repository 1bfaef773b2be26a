"""A tiny public form used only by the protection tests: the mixin, the include and the limit."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from interaction.protection.forms import ProtectedFormMixin
from interaction.protection.ratelimit import rate_limit_message, rate_limited

SCOPE = "protection-test"

PAGE = engines["django"].from_string(
    """<!doctype html><html lang="zh-CN"><body>
<form method="post" novalidate>{% csrf_token %}
{% if form.non_field_errors %}<div class="form-errors" role="alert">{% for e in form.non_field_errors %}<p>{{ e }}</p>{% endfor %}</div>{% endif %}
{% for field in form.unprotected_fields %}<p>{{ field.label_tag }} {{ field }} {{ field.errors }}</p>{% endfor %}
{% include "protection/includes/protection_fields.html" %}
<button type="submit">提交</button>
</form></body></html>"""
)


class MessageForm(ProtectedFormMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=20)
    phone = forms.CharField(label="联系电话", max_length=20)
    content = forms.CharField(label="留言内容", widget=forms.Textarea)


def message_view(request):
    form = MessageForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, SCOPE):
            form.add_error(None, rate_limit_message())
            return HttpResponse(PAGE.render({"form": form}, request), status=429)
        return HttpResponse("已受理", status=201)
    return HttpResponse(PAGE.render({"form": form}, request))


urlpatterns = [
    path("message/", message_view, name="message"),
    path("captcha/", include("interaction.protection.urls")),
]
