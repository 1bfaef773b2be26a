"""Background work of the security app (django-tasks)."""

from django_tasks import task

from .retention import prune


@task()
def prune_security_audit():
    """Delete audit entries past SECURITY_AUDIT_RETENTION_DAYS; returns how many."""
    deleted, _cutoff = prune()
    return deleted
