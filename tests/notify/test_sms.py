"""SMS backends: the HTTP gateway against a real local HTTP server (success, refusal, server
error, timeout, nobody listening), the file and console backends, and the choice by setting."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from intranet.notify import sms
from intranet.notify.api import notify
from intranet.notify.delivery import deliver
from intranet.notify.models import Delivery, Preference

from .conftest import EVENT


class Gateway:
    """A tiny SMS gateway on a spare local port; `status` and `delay` say how it answers."""

    def __init__(self):
        self.status, self.delay, self.requests = 200, 0, []
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.requests.append({"headers": dict(self.headers), "json": json.loads(body)})
                if gateway.delay:
                    gateway.release.wait(gateway.delay)
                try:
                    self.send_response(gateway.status)
                    if 300 <= gateway.status < 400:
                        self.send_header("Location", "/elsewhere")
                    self.end_headers()
                    self.wfile.write(b'{"code": 0}')
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    with Gateway() as running:
        yield running


def backend(url, timeout=1):
    return sms.HTTPSMSBackend(url=url, account="pdhb", token="secret-token", timeout=timeout)


def test_the_gateway_receives_the_message_as_json_with_the_token(gateway):
    backend(gateway.url).send("13900001111", "【浦东环境局内网】请阅：通知")
    (request,) = gateway.requests
    assert request["json"] == {"account": "pdhb", "mobile": "13900001111", "content": "【浦东环境局内网】请阅：通知"}
    assert request["headers"]["Authorization"] == "Bearer secret-token"


@pytest.mark.parametrize("status", [302, 400, 403, 500, 503])
def test_a_refusal_or_server_error_fails(gateway, status):
    gateway.status = status
    with pytest.raises(sms.SMSError, match=str(status)):
        backend(gateway.url).send("13900001111", "x")


def test_a_gateway_that_does_not_answer_times_out(gateway):
    import time

    gateway.delay = 5
    started = time.monotonic()
    with pytest.raises(sms.SMSError, match="超时"):
        backend(gateway.url, timeout=0.5).send("13900001111", "x")
    assert time.monotonic() - started < 3


def test_nobody_listening_fails():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(sms.SMSError, match="无法连接"):
        backend(f"http://127.0.0.1:{port}/").send("13900001111", "x")


def test_an_unconfigured_gateway_fails_clearly():
    with pytest.raises(sms.SMSError, match="NOTIFY_SMS_URL"):
        sms.HTTPSMSBackend(url="").send("13900001111", "x")


@pytest.mark.django_db
def test_a_gateway_failure_is_recorded_on_the_delivery_and_success_later(alice, gateway, settings):
    settings.NOTIFY_SMS_BACKEND = "http"
    settings.NOTIFY_SMS_URL, settings.NOTIFY_SMS_TIMEOUT = gateway.url, 1
    Preference.objects.create(user=alice, event=EVENT, channel="sms", enabled=True)
    Preference.objects.create(user=alice, event=EVENT, channel="email", enabled=False)
    (note,) = notify([alice], event=EVENT, title="短信网关故障")
    gateway.status = 502
    assert deliver([note.pk])["failed"] == 1
    delivery = Delivery.objects.get(notification=note)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 1, "短信网关返回 502")
    gateway.status = 200
    assert deliver(None)["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert len(gateway.requests) == 2


def test_the_file_backend_appends_a_line_per_message(tmp_path):
    sms.FileSMSBackend(directory=tmp_path).send("13900001111", "第一条")
    sms.FileSMSBackend(directory=tmp_path).send("13900002222", "第二条")
    (log,) = tmp_path.iterdir()
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"]) for line in lines] == [("13900001111", "第一条"), ("13900002222", "第二条")]


def test_the_console_backend_prints(capsys):
    sms.ConsoleSMSBackend().send("13900001111", "控制台")
    assert "13900001111: 控制台" in capsys.readouterr().out


def test_the_backend_is_chosen_by_setting(settings):
    settings.NOTIFY_SMS_BACKEND = "file"
    assert isinstance(sms.get_backend(), sms.FileSMSBackend)
    settings.NOTIFY_SMS_BACKEND = "intranet.notify.sms.ConsoleSMSBackend"
    assert isinstance(sms.get_backend(), sms.ConsoleSMSBackend)
