"""Departments of the bureau from data/departments.toml (created when missing, never overwritten)."""

import tomllib
from pathlib import Path

from .models import Department

DATA_FILE = Path(__file__).resolve().parent / "data" / "departments.toml"


def department_definitions():
    with DATA_FILE.open("rb") as fh:
        return tomllib.load(fh)["departments"]


def ensure_departments():
    """Create the departments that do not exist yet; return the list of names created."""
    existing = set(Department.objects.values_list("code", flat=True))
    created = []
    for order, data in enumerate(department_definitions(), start=1):
        if data["code"] in existing:
            continue
        Department.objects.create(
            code=data["code"],
            name=data["name"],
            short_name=data.get("short_name", ""),
            category=data["category"],
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            address=data.get("address", ""),
            duties=data.get("duties", ""),
            sort_order=order,
        )
        created.append(data["name"])
    return created
