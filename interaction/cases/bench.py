"""The submission benchmark of `make bench-submit`: complaints sent through the public form to a
real gunicorn (config/gunicorn.conf.py: 3 workers x 2 threads, DEBUG off) on a SQLite database of
its own, N at a time, then lookups by reference and query code.

Each simulated visitor has an address of its own (X-Forwarded-For with NUM_PROXIES=1), so the
per-address rate limits run as in production instead of being switched off; the local captcha
runs in its test mode (CAPTCHA_TEST_MODE=1: the answer "PASSED"). Used only by the bench_submit
command."""

import http.client
import io
import os
import re
import secrets
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from PIL import Image

CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
SESSION_COOKIE = re.compile(r"sessionid=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')
RECEIPT_CODES = re.compile(r'<span class="code-text">([A-Z0-9]+)</span>')
PHOTO_EVERY = 3  # one complaint in three comes with a photo


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 160, 90)).save(buffer, format="JPEG")
    return buffer.getvalue()


PHOTO = None


def multipart(fields, files):
    """(body, content type) of a multipart/form-data request, as a browser sends the form."""
    boundary = f"----bench{uuid.uuid4().hex}"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for name, (filename, content_type, data) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


@dataclass
class Visitor:
    number: int
    ip: str
    cookies: dict = field(default_factory=dict)
    form: dict = field(default_factory=dict)
    reference: str = ""
    code: str = ""
    receipt_url: str = ""


class Client:
    """One keep-alive HTTP connection per thread, like a browser's, to the server under test."""

    def __init__(self, host, port, host_header):
        self.host, self.port, self.host_header = host, port, host_header
        self.local = threading.local()

    def _connection(self):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        return conn

    def request(self, visitor, method, path, body=None, content_type=None):
        headers = {"Host": self.host_header, "X-Forwarded-For": visitor.ip, "User-Agent": "bench-submit/1"}
        if visitor.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in visitor.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Referer"] = f"http://{self.host_header}{path}"
        for attempt in (1, 2):
            conn = self._connection()
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                content = response.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2 or body is not None:
                    raise  # a POST is never sent twice: that would be a second submission
                continue
            elapsed = time.perf_counter() - started
            for header in response.headers.get_all("Set-Cookie") or []:
                for pattern, name in ((CSRF_COOKIE, "csrftoken"), (SESSION_COOKIE, "sessionid")):
                    if match := pattern.match(header):
                        visitor.cookies[name] = match.group(1)
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                self.local.conn = None
            return response.status, response.getheader("Location", ""), content.decode("utf-8", "replace"), elapsed
        raise RuntimeError("unreachable")


def process_cpu_seconds(root_pid):
    """CPU time (user + system) used so far by a process and its children (gunicorn's master and
    workers), read from /proc: how much work the server did, whatever else the machine runs."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, utime + stime
    family = {root_pid}
    for pid, (ppid, _cpu) in stats.items():
        if ppid == root_pid:
            family.add(pid)
    return sum(stats[pid][1] for pid in family if pid in stats) / ticks


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    ok: int = 0
    failed: list = field(default_factory=list)
    server_cpu: float = 0.0

    @property
    def rate(self):
        return self.ok / self.seconds if self.seconds else 0.0

    def summary(self):
        return {
            "ok": self.ok,
            "failed": len(self.failed),
            "seconds": round(self.seconds, 2),
            "per_second": round(self.rate, 1),
            "p50_ms": round(percentile(self.latencies, 0.50) * 1000, 1),
            "p99_ms": round(percentile(self.latencies, 0.99) * 1000, 1),
            "max_ms": round(max(self.latencies) * 1000, 1) if self.latencies else None,
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else None,
            "server_cpu_ms_each": round(self.server_cpu * 1000 / len(self.latencies), 1) if self.latencies else None,
        }


def run_phase(name, visitors, concurrency, action, server_pid=None):
    """Run action(visitor) -> (ok, seconds, detail) for every visitor, `concurrency` at a time."""
    phase = Phase(name)
    cpu_before = process_cpu_seconds(server_pid) if server_pid else 0.0
    lock = threading.Lock()

    def one(visitor):
        try:
            ok, elapsed, detail = action(visitor)
        except Exception as exc:  # noqa: BLE001 - counted as a failure, reported
            ok, elapsed, detail = False, None, repr(exc)
        with lock:
            if elapsed is not None:
                phase.latencies.append(elapsed)
            if ok:
                phase.ok += 1
            else:
                phase.failed.append((visitor.number, detail))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, visitors))
    phase.seconds = time.perf_counter() - started
    if server_pid:
        phase.server_cpu = process_cpu_seconds(server_pid) - cpu_before
    return phase


class Benchmark:
    def __init__(self, base_url, form_path, lookup_path, count, concurrency, tag, server_pid=None):
        self.server_pid = server_pid
        parts = urlsplit(base_url)
        self.client = Client(parts.hostname if parts.hostname != "localhost" else "127.0.0.1", parts.port or 80,
                             parts.netloc)
        self.form_path = form_path
        self.lookup_path = lookup_path
        self.concurrency = concurrency
        self.tag = tag
        run = secrets.randbelow(200) + 20
        self.visitors = [Visitor(i, f"10.{run}.{i // 250}.{i % 250 + 1}") for i in range(count)]

    # Steps of one visitor ---------------------------------------------------------------------

    def open_form(self, visitor, path):
        status, _location, body, elapsed = self.client.request(visitor, "GET", path)
        csrf, key = CSRF_FIELD.search(body), CAPTCHA_KEY.search(body)
        if status != 200 or not csrf or not key:
            return False, elapsed, f"GET {path}: {status}"
        visitor.form = {"csrfmiddlewaretoken": csrf.group(1), "captcha_0": key.group(1), "captcha_1": "PASSED"}
        return True, elapsed, ""

    def submit(self, visitor):
        global PHOTO
        fields = {
            **visitor.form,
            "name": f"压测{visitor.number}",
            "phone": f"139{visitor.number:08d}",
            "email": "",
            "address": "",
            "category": "noise",
            "location": "浦东新区某路某号附近",
            "title": f"{self.tag} 第{visitor.number}件",
            "content": "夜间工地施工噪声扰民，每晚持续到凌晨两点，请尽快处理。",
            "consent_publish": "on",
            "website": "",
        }
        files = {}
        if visitor.number % PHOTO_EVERY == 0:
            PHOTO = PHOTO or _photo()
            files["photos"] = ("现场.jpg", "image/jpeg", PHOTO)
        body, content_type = multipart(fields, files)
        status, location, page, elapsed = self.client.request(visitor, "POST", self.form_path, body, content_type)
        if status != 302 or "submitted" not in location:
            error = re.search(r'class="form-errors"[^>]*>(.*?)</', page, re.S)
            return False, elapsed, f"POST {status} {error.group(1).strip()[:80] if error else ''}"
        visitor.receipt_url = urlsplit(location).path
        return True, elapsed, ""

    def read_receipt(self, visitor):
        status, _location, body, elapsed = self.client.request(visitor, "GET", visitor.receipt_url)
        values = RECEIPT_CODES.findall(body)
        if status != 200 or len(values) != 2:
            return False, elapsed, f"receipt {status}"
        visitor.reference, visitor.code = values
        return True, elapsed, ""

    def look_up(self, visitor, code=None):
        fields = {**visitor.form, "action": "lookup", "reference": visitor.reference, "code": code or visitor.code,
                  "website": ""}
        status, location, _body, elapsed = self.client.request(
            visitor, "POST", self.lookup_path, urlencode(fields).encode(), "application/x-www-form-urlencoded"
        )
        if code is None:
            return status == 302 and f"ref={visitor.reference}" in location, elapsed, f"lookup {status}"
        return status == 200, elapsed, f"wrong-code lookup {status}"

    # The run ----------------------------------------------------------------------------------

    def phase(self, name, visitors, action):
        return run_phase(name, visitors, self.concurrency, action, server_pid=self.server_pid)

    def run(self, log=print):
        visitors, n = self.visitors, self.concurrency
        phases = {}
        log(f"  打开投诉表单（{len(visitors)} 位访客，每位一个地址，不计入提交时间）……")
        phases["form"] = self.phase("form", visitors, lambda v: self.open_form(v, self.form_path))
        ready = [v for v in visitors if v.form]
        log(f"  提交投诉（{n} 个同时）……")
        phases["submit"] = self.phase("submit", ready, self.submit)
        submitted = [v for v in ready if v.receipt_url]
        log("  打开回执页，读取编号和查询码……")
        phases["receipt"] = self.phase("receipt", submitted, self.read_receipt)
        known = [v for v in submitted if v.code]
        log("  打开查询页（不计入查询时间）……")
        phases["lookup_form"] = self.phase("lookup_form", known, lambda v: self.open_form(v, self.lookup_path))
        log(f"  按编号和查询码查询（{n} 个同时）……")
        phases["lookup"] = self.phase("lookup", known, self.look_up)
        log("  再打开查询页，用错误的查询码查询……")
        self.phase("lookup_form2", known, lambda v: self.open_form(v, self.lookup_path))
        phases["wrong_code"] = self.phase("wrong_code", known, lambda v: self.look_up(v, code="WRONG222"))
        return phases, known
