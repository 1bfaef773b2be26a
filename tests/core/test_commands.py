"""The daily maintenance commands share one shape (core/commands.py): operator mistakes are
refused with a Chinese message before any work is done."""

import pytest
from django.core.management import CommandError, call_command

DATED = ["prune_search_log", "send_case_reminders", "purge_case_personal_data"]


@pytest.mark.django_db
@pytest.mark.parametrize("command", DATED)
def test_a_malformed_date_is_refused(command):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(command, "--date", "2026-13-40")


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["prune_search_log", "purge_case_personal_data"])
def test_a_dry_run_cannot_be_enqueued(command):
    with pytest.raises(CommandError, match="--dry-run"):
        call_command(command, "--dry-run", "--enqueue")


@pytest.mark.django_db
def test_the_security_audit_prune_takes_no_date():
    with pytest.raises(CommandError):
        call_command("prune_security_audit", "--date", "2026-01-01")
