"""Snippet views that fetch their object through the permission policy.

Wagtail's SnippetViewSet filters only its listing by `get_queryset`; the edit, delete, inspect,
history and usage views and the chooser load any object by its primary key. A model whose rows
are private to some users (OA items) gives its viewset these views: each fetches from
`permission_policy.instances_user_has_any_permission_for(user, actions)`, so an object outside
the user's scope is a 404 whether its link was hidden or its URL typed by hand."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views


class ScopedObject:
    """Views whose object comes from the permission policy's queryset for `scope_actions`."""

    scope_actions = ("view",)

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, list(self.scope_actions))

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk")) or self.args[0]
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(pk)))


class ScopedByPolicy:
    """Edit and delete views: Wagtail loads their object from get_queryset()."""

    scope_actions = ("change",)

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, list(self.scope_actions))


class ScopedEditView(ScopedByPolicy, snippet_views.EditView):
    scope_actions = ("change",)


class ScopedDeleteView(ScopedByPolicy, snippet_views.DeleteView):
    scope_actions = ("delete",)


class ScopedInspectView(ScopedObject, snippet_views.InspectView):
    pass


class ScopedHistoryView(ScopedObject, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedObject, snippet_views.UsageView):
    pass


# What a chooser may list: what the user may open (read or change, whichever the policy grants).
CHOOSER_ACTIONS = ["view", "change"]


def _chooser_scope(view):
    policy = view.model.snippet_viewset.permission_policy
    return policy.instances_user_has_any_permission_for(view.request.user, CHOOSER_ACTIONS)


class _ScopedChooserList:
    def get_object_list(self):
        return _chooser_scope(self)

    def can_create(self):
        return False


class ScopedChooseView(_ScopedChooserList, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooserList, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(_chooser_scope(self), pk=unquote(str(pk)))


class ScopedChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _chooser_scope(self).filter(pk__in=pks)


class NoChooserCreateView(snippet_chooser.SnippetCreateView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = NoChooserCreateView


class ScopedSnippetViewSet(snippet_views.SnippetViewSet):
    """A SnippetViewSet whose every view and chooser is scoped by its permission policy."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["view"])
