from django import forms
from django_filters import BooleanFilter, ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet

from .models import Post, PostKind, PostStatus


class PostFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label="状态", choices=PostStatus.choices, empty_label="全部状态")
    kind = ChoiceFilter(label="类型", choices=PostKind.choices, empty_label="全部类型")
    held = BooleanFilter(
        label="命中敏感词", method="filter_held",
        widget=forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")]),
    )

    class Meta:
        model = Post
        fields = ["status", "kind"]

    def filter_held(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(held_words="") if value else queryset.filter(held_words="")
