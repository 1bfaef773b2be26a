import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from wagtail.models import Site

from interaction.cases import bench
from interaction.cases.choices import Channel
from interaction.cases.models import Case, ComplaintPage


def _wait_until_up(url, proc, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise CommandError("gunicorn 启动失败，见日志。")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"gunicorn 未在 {timeout} 秒内就绪。")


def _port_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


class Command(BaseCommand):
    help = (
        "办件提交性能测试：在单独的 SQLite 数据库上启动 gunicorn（config/gunicorn.conf.py，DEBUG 关闭，"
        "真实的密码哈希设置），N 个同时提交投诉，再按编号和查询码查询，报告每秒件数、p50/p99、丢失件数和编号是否重复。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=300, help="提交件数（默认 300）")
        parser.add_argument("--concurrency", type=int, default=16, help="同时提交的访客数（默认 16）")
        parser.add_argument("--port", type=int, default=int(os.environ.get("SITE_PORT") or 8799), help="gunicorn 端口")
        parser.add_argument("--json", help="把结果另存为 JSON 文件")
        parser.add_argument("--force", action="store_true", help="允许在名称不含 bench 的数据库上运行")
        parser.add_argument(
            "--server-dir", help="从另一份代码（如旧版本的导出目录）启动 gunicorn，用于对比；数据库须由那份代码建好"
        )
        parser.add_argument("--no-setup", action="store_true", help="不做 migrate、load_demo 和 collectstatic")

    def handle(self, *args, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name and not options["force"]:
            raise CommandError(
                f"数据库 {name} 的名称不含“bench”。性能测试会写入大量办件，请使用单独的数据库"
                "（make bench-submit 默认使用 var/bench-submit/db.sqlite3）。"
            )
        if settings.SITE_PORT != options["port"]:
            raise CommandError(f"请用 SITE_PORT={options['port']} 运行（站点地址中的端口须与 gunicorn 一致）。")
        hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
        if "MD5" in hasher or "Unsalted" in hasher:
            raise CommandError(f"密码哈希为 {hasher}：性能测试须使用真实设置（默认 PBKDF2），不能用测试用的快速哈希。")
        if not _port_free(options["port"]):
            raise CommandError(f"端口 {options['port']} 已被占用，请用 --port 换一个（同时设置 SITE_PORT）。")
        out = self.stdout.write
        server_dir = Path(options["server_dir"] or settings.BASE_DIR).resolve()
        out(f"数据库：{connection.vendor} {name}；密码哈希：{hasher}；服务器代码：{server_dir}")
        if not options["no_setup"]:
            self.prepare(out)

        page = ComplaintPage.objects.live().first()
        if page is None:
            raise CommandError("没有已发布的网上投诉页面。")
        _site_id, root_url, form_path = page.get_url_parts()
        lookup_path = form_path + page.reverse_subpage("lookup").lstrip("/")
        tag = f"压测{time.strftime('%m%d%H%M%S')}"
        connection.close()  # the server writes now; this process only reads afterwards

        workers = os.environ.get("GUNICORN_WORKERS", "3")
        threads = os.environ.get("GUNICORN_THREADS", "2")
        log_path = Path(settings.VAR_DIR) / "bench-submit-gunicorn.log"
        env = {**os.environ, "DEBUG": "0", "CAPTCHA_TEST_MODE": "1", "NUM_PROXIES": "1"}
        out(f"启动 gunicorn（{workers} 个进程 × {threads} 个线程，DEBUG 关闭，日志 {log_path}）……")
        with open(log_path, "w") as log_file:
            proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py",
                 "-b", f"127.0.0.1:{options['port']}"],
                cwd=server_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_up(f"http://127.0.0.1:{options['port']}/robots.txt", proc)
                runner = bench.Benchmark(
                    root_url, form_path, lookup_path, options["count"], options["concurrency"], tag, server_pid=proc.pid
                )
                load_before = os.getloadavg()[0]
                phases, known = runner.run(log=out)
                load_after = os.getloadavg()[0]
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()

        cases = Case.objects.filter(channel=Channel.COMPLAINT, title__startswith=tag)
        stored = cases.count()
        distinct = cases.aggregate(n=Count("reference", distinct=True))["n"]
        # Counts only (no model columns), so a database built by another version (--server-dir) works too.
        with_photo = cases.filter(attachments__isnull=False).values("pk").distinct().count()
        receipts = {v.reference for v in known}
        report = {
            "database": connection.vendor,
            "password_hasher": hasher,
            "gunicorn": {"workers": int(workers), "threads": int(threads)},
            "count": options["count"],
            "concurrency": options["concurrency"],
            "stored": stored,
            "lost": options["count"] - stored,
            "distinct_references": distinct,
            "receipts": len(receipts),
            "with_photo": with_photo,
            "cpus": os.cpu_count(),
            "load_average": [round(load_before, 2), round(load_after, 2)],
            **{key: phase.summary() for key, phase in phases.items()},
        }
        self.print_report(report, phases)
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(report, ensure_ascii=False, indent=2))

    def prepare(self, out):
        call_command("migrate", verbosity=0, interactive=False)
        if not ComplaintPage.objects.live().exists():
            out("建立栏目树与演示数据（load_demo，约 1-2 分钟）……")
            call_command("load_demo", stdout=io.StringIO())
        Site.objects.update(port=settings.SITE_PORT)  # this database's sites follow SITE_PORT
        out("收集静态文件……")
        call_command("collectstatic", interactive=False, verbosity=0)

    def print_report(self, report, phases):
        out = self.stdout.write
        submit, lookup, wrong = report["submit"], report["lookup"], report["wrong_code"]
        out("")
        out(
            f"本机 {report['cpus']} 核，运行前后 1 分钟平均负载 {report['load_average'][0]} / {report['load_average'][1]}"
            "（其他进程也在用 CPU 时，每秒件数随之下降；“服务器 CPU”是 gunicorn 各进程实际用掉的 CPU 时间）"
        )
        out(f"提交：{report['count']} 件，{report['concurrency']} 个同时；其中 {report['with_photo']} 件带照片")
        out(
            f"  每秒 {submit['per_second']} 件（用时 {submit['seconds']} 秒）；p50 {submit['p50_ms']} ms，"
            f"p99 {submit['p99_ms']} ms，最大 {submit['max_ms']} ms；服务器 CPU 每件 {submit['server_cpu_ms_each']} ms"
        )
        out(
            f"  入库 {report['stored']} 件，丢失 {report['lost']} 件，编号不重复 {report['distinct_references']} 个，"
            f"失败响应 {submit['failed']} 个"
        )
        out(f"  回执页：p50 {report['receipt']['p50_ms']} ms，p99 {report['receipt']['p99_ms']} ms")
        out(f"  表单页（提交前打开）：p50 {report['form']['p50_ms']} ms，p99 {report['form']['p99_ms']} ms")
        out(
            f"查询（编号 + 正确查询码）：{lookup['ok']} 次成功，每秒 {lookup['per_second']} 次；"
            f"p50 {lookup['p50_ms']} ms，p99 {lookup['p99_ms']} ms；服务器 CPU 每次 {lookup['server_cpu_ms_each']} ms"
        )
        out(
            f"查询（错误查询码）：{wrong['ok']} 次，每秒 {wrong['per_second']} 次；"
            f"p50 {wrong['p50_ms']} ms，p99 {wrong['p99_ms']} ms；服务器 CPU 每次 {wrong['server_cpu_ms_each']} ms"
        )
        for phase in phases.values():
            for number, detail in phase.failed[:5]:
                self.stderr.write(f"  {phase.name} #{number}: {detail}")
