"""在线访谈: phases, questions collected before and during the interview, published with answers, the archive."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction.interviews import questions
from interaction.interviews.models import ARCHIVE, LIVE, UPCOMING, InterviewPage, Question, QuestionStatus
from tests.factories import InterviewPageFactory, make_question

from .conftest import solve_captcha, soup, url

pytestmark = pytest.mark.django_db


def at(hours_from_now, length=2):
    start = timezone.now() + timedelta(hours=hours_from_now)
    return {"starts_at": start, "ends_at": start + timedelta(hours=length)}


def move_to(interview, hours_from_now, length=2):
    InterviewPage.objects.filter(pk=interview.pk).update(**at(hours_from_now, length))
    interview.refresh_from_db()
    return interview


def test_phase_follows_the_times(interview_index):
    interview = InterviewPageFactory(parent=interview_index, **at(5))
    assert interview.phase() == UPCOMING
    assert interview.phase(interview.starts_at) == LIVE
    assert interview.phase(interview.ends_at) == ARCHIVE


def test_the_index_groups_interviews_by_phase(public_client, interview_index):
    InterviewPageFactory(parent=interview_index, title="明天的访谈", **at(24))
    InterviewPageFactory(parent=interview_index, title="正在进行的访谈", **at(-1))
    InterviewPageFactory(parent=interview_index, title="上个月的访谈", **at(-24 * 30))
    doc = soup(public_client.get(url(interview_index)))
    sections = {s.find("h2").get_text(): s.get_text() for s in doc.select("main section") if s.find("h2")}
    assert "正在进行的访谈" in sections["正在直播"]
    assert "明天的访谈" in sections["访谈预告"]
    assert "上个月的访谈" in sections["往期回顾"]
    assert "上个月的访谈" not in sections["访谈预告"]


def test_a_question_appears_only_when_published_with_its_answer(public_client, interview_index, moderator):
    interview = InterviewPageFactory(parent=interview_index, **at(24))
    data = {"nickname": "张江码农", "phone": "13812345678", "body": "夜间施工噪声应该向哪里投诉？"}
    data.update(solve_captcha(public_client, url(interview)))
    response = public_client.post(url(interview), data)
    assert response.status_code == 302
    assert "您的问题已提交" in public_client.get(response["Location"].split("#")[0]).content.decode()
    question = Question.objects.get(interview=interview)
    assert question.status == QuestionStatus.PENDING
    assert "夜间施工噪声" not in public_client.get(url(interview)).content.decode()

    with pytest.raises(questions.QuestionError):
        questions.perform("publish", question, moderator)  # no answer yet
    questions.save_answer(question, moderator, "请拨打环保举报热线 12369。")
    questions.perform("publish", question, moderator)
    page = public_client.get(url(interview)).content.decode()
    assert "夜间施工噪声" in page and "12369" in page and "13812345678" not in page
    actions = list(ModelLogEntry.objects.for_instance(question).order_by("timestamp", "id").values_list("action", flat=True))
    assert actions == ["interviews.ask", "interviews.answer", "interviews.publish"]


def test_the_archive_keeps_the_record_and_takes_no_more_questions(public_client, interview_index, moderator):
    interview = InterviewPageFactory(parent=interview_index, **at(1))
    make_question(interview, "published", moderator=moderator, body="河道整治的进度如何？", answer="年内完成。")
    make_question(interview, "rejected", moderator=moderator, body="不予采用的问题")
    interview = move_to(interview, -48)
    page = public_client.get(url(interview)).content.decode()
    assert "访谈实录" in page and "河道整治的进度如何？" in page and "年内完成。" in page
    assert "不予采用的问题" not in page
    assert "不再征集问题" in page and 'name="body"' not in page
    with pytest.raises(questions.QuestionError):
        questions.ask(interview, nickname="迟到", body="结束后才提的问题")
    public_client.post(url(interview), {"nickname": "迟到", "body": "结束后才提的问题"})
    assert not Question.objects.filter(body="结束后才提的问题").exists()


def test_questions_are_taken_while_live(interview_index):
    interview = InterviewPageFactory(parent=interview_index, **at(-1))
    assert interview.accepts_questions
    assert questions.ask(interview, nickname="直播观众", body="现场提问的内容").status == QuestionStatus.PENDING


def test_sensitive_words_hold_questions_for_the_moderator(interview_index):
    from interaction.board.models import SensitiveWord

    SensitiveWord.objects.create(word="测试违禁")
    interview = InterviewPageFactory(parent=interview_index)
    question = questions.ask(interview, nickname="某人", body="这里有测试违禁的内容")
    assert question.held_word_list == ["测试违禁"]


def test_end_before_start_is_refused(interview_index):
    from django.core.exceptions import ValidationError

    interview = InterviewPageFactory.build(**at(5))
    interview.ends_at = interview.starts_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        interview.clean()
    assert "结束时间应晚于开始时间" in str(error.value)


def test_moderating_questions_in_the_admin_needs_the_right(client, interview_index, moderator, stranger):
    interview = InterviewPageFactory(parent=interview_index)
    question = make_question(interview, phone="13900001111")
    viewset = Question.snippet_viewset
    answer_url = reverse(viewset.get_url_name("answer"), args=[question.pk])
    publish_url = reverse(viewset.get_url_name("moderate"), args=[question.pk, "publish"])

    client.force_login(stranger)
    client.post(answer_url, {"answer": "冒充的答复"})
    client.post(publish_url)
    question.refresh_from_db()
    assert question.answer == "" and question.status == QuestionStatus.PENDING

    client.force_login(moderator)
    listing = client.get(reverse(viewset.get_url_name("list"))).content.decode()
    assert "13900001111" not in listing and "139****1111" in listing
    response = client.post(publish_url, follow=True)
    assert "请先录入嘉宾答复" in response.content.decode()
    assert client.post(answer_url, {"answer": "嘉宾的答复内容"}).status_code == 302
    assert client.post(publish_url).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.answer == "嘉宾的答复内容"


def test_interview_pages_take_a_fixed_number_of_queries(public_client, interview_index, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    interview = InterviewPageFactory(parent=interview_index)
    for _ in range(3):
        make_question(interview, "published", moderator=moderator)
    for hours in (-1, 24, -100):
        InterviewPageFactory(parent=interview_index, **at(hours))

    def count(path):
        public_client.get(path)  # new pages invalidate the cached menus: warm them first
        with CaptureQueriesContext(connection) as ctx:
            assert public_client.get(path).status_code == 200
        return len(ctx)

    base_index, base_detail = count(url(interview_index)), count(url(interview))
    for _ in range(4):
        make_question(interview, "published", moderator=moderator)
    for hours in (-2, 48, -200):
        InterviewPageFactory(parent=interview_index, **at(hours))
    assert count(url(interview_index)) == base_index
    assert count(url(interview)) == base_detail
