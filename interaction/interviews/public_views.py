"""The public pages of 在线访谈: the index (live, upcoming, archive) and one interview with its
published questions and answers and, until it ends, the question form."""

from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from core.pagination import paginate
from interaction.board.forms import PostForm
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

from . import questions
from .models import InterviewPage, Question, QuestionStatus

SUBMITTED_SESSION_KEY = "interviews.asked.{page_id}"
LIST_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "guest", "guest_title", "starts_at", "ends_at")


def interviews_of(index_page):
    return InterviewPage.objects.child_of(index_page).live().public().only(*LIST_FIELDS)


def split_by_phase(index_page, now=None):
    """(live, upcoming, archive querysets) of an index page's interviews at `now`."""
    now = now or timezone.now()
    pages = interviews_of(index_page)
    live = pages.filter(starts_at__lte=now, ends_at__gt=now).order_by("starts_at")
    upcoming = pages.filter(starts_at__gt=now).order_by("starts_at")
    archive = pages.filter(ends_at__lte=now).order_by("-starts_at")
    return live, upcoming, archive


def published_questions(interview):
    return (
        Question.objects.filter(interview=interview, status=QuestionStatus.PUBLISHED)
        .only("id", "nickname", "body", "answer", "published_at", "answered_at")
        .order_by("published_at", "id")
    )


def interview_index(page, request):
    live, upcoming, archive = split_by_phase(page)
    return page.render(
        request, context_overrides={"live": live, "upcoming": upcoming, "items": paginate(request, archive)}
    )


def interview_detail(page, request):
    form = PostForm(request.POST or None, request=request, with_title=False, body_label="您的问题") if page.accepts_questions else None
    status = 200
    if request.method == "POST" and form is not None and form.is_valid():
        if rate_limited(request, "interview-question"):
            form.add_error(None, rate_limit_message())
            status = 429
        else:
            try:
                questions.ask(page, ip_hash=hash_ip(client_ip(request)), **form.post_fields())
            except questions.QuestionError as error:
                form.add_error(None, str(error))
            else:
                request.session[SUBMITTED_SESSION_KEY.format(page_id=page.pk)] = True
                return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("submitted").lstrip("/") + "#main")
    response = page.render(request, context_overrides={"form": form, "items": paginate(request, published_questions(page), per_page=50)})
    response.status_code = status
    add_never_cache_headers(response)
    return response


def submitted(page, request):
    asked = request.session.pop(SUBMITTED_SESSION_KEY.format(page_id=page.pk), False)
    response = page.render(request, template="interviews/submitted.html", context_overrides={"asked": asked, "trail_title": "提问成功"})
    add_never_cache_headers(response)
    return response
