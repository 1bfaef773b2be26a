"""SMS backends, chosen like Django's EMAIL_BACKEND by settings.NOTIFY_SMS_BACKEND (a dotted
path, or one of the short names console / file / http / locmem):

- console: prints each message (the default in development and tests);
- file: appends each message to a dated file under NOTIFY_SMS_FILE_DIR (var/sms by default);
- http: POSTs JSON to the bureau's SMS gateway (NOTIFY_SMS_URL, NOTIFY_SMS_ACCOUNT,
  NOTIFY_SMS_TOKEN, NOTIFY_SMS_TIMEOUT); any non-2xx answer, timeout or connection error fails;
- locmem: keeps messages in `outbox` (tests only).

A backend's send(number, text) returns on success and raises SMSError otherwise."""

import json
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

ALIASES = {
    "console": "intranet.notify.sms.ConsoleSMSBackend",
    "file": "intranet.notify.sms.FileSMSBackend",
    "http": "intranet.notify.sms.HTTPSMSBackend",
    "locmem": "intranet.notify.sms.LocmemSMSBackend",
}

outbox = []  # LocmemSMSBackend's messages (tests)


class SMSError(Exception):
    """The message was not accepted; str() says why (kept in the delivery record)."""


class BaseSMSBackend:
    def send(self, number, text):
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, number, text):
        self.stream.write(f"[短信] {number}: {text}\n")
        self.stream.flush()


class FileSMSBackend(BaseSMSBackend):
    _lock = threading.Lock()  # one line per message within a process; separate processes append whole lines

    def __init__(self, directory=None):
        self.directory = Path(directory or getattr(settings, "NOTIFY_SMS_FILE_DIR", None) or settings.VAR_DIR / "sms")

    def send(self, number, text):
        now = timezone.localtime()
        line = json.dumps({"time": now.isoformat(timespec="seconds"), "to": number, "text": text}, ensure_ascii=False)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.directory / f"{now:%Y%m%d}.log", "a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError as error:
            raise SMSError(f"无法写入短信文件：{error}") from error


class LocmemSMSBackend(BaseSMSBackend):
    def send(self, number, text):
        outbox.append({"to": number, "text": text})


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirected POST would be retried as a GET without the message: a 3xx is a failure."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


class HTTPSMSBackend(BaseSMSBackend):
    """POST {"account", "mobile", "content"} as JSON with `Authorization: Bearer <token>`;
    anything but a 2xx answer (a redirect included) is a failure."""

    def __init__(self, url=None, account=None, token=None, timeout=None):
        self.url = url or getattr(settings, "NOTIFY_SMS_URL", "")
        self.account = account if account is not None else getattr(settings, "NOTIFY_SMS_ACCOUNT", "")
        self.token = token if token is not None else getattr(settings, "NOTIFY_SMS_TOKEN", "")
        self.timeout = timeout or getattr(settings, "NOTIFY_SMS_TIMEOUT", 5)

    def send(self, number, text):
        if not self.url:
            raise SMSError("未配置短信网关地址（NOTIFY_SMS_URL）")
        payload = json.dumps({"account": self.account, "mobile": number, "content": text}, ensure_ascii=False)
        request = urllib.request.Request(
            self.url,
            data=payload.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with _opener.open(request, timeout=self.timeout) as response:  # noqa: S310 - the configured gateway
                status = response.status
        except urllib.error.HTTPError as error:
            raise SMSError(f"短信网关返回 {error.code}") from error
        except TimeoutError as error:
            raise SMSError("短信网关超时") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise SMSError("短信网关超时") from error
            raise SMSError(f"无法连接短信网关：{reason}") from error
        if not 200 <= status < 300:
            raise SMSError(f"短信网关返回 {status}")


def get_backend():
    path = getattr(settings, "NOTIFY_SMS_BACKEND", "") or "console"
    return import_string(ALIASES.get(path, path))()
