"""The floors hold: every import between the project's apps points down (or sideways on one
floor) and no apps import each other in a cycle. The table is core.floors.FLOORS; the code is read
with `ast` (tests and migrations left out), so an import inside a function counts as well."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from core.floors import FLOORS, floor_of

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", "migrations", "node_modules", "var", "site", "__pycache__"}


def _skipped(path):
    return any(part in SKIPPED_DIRS or part.startswith(".") for part in path.relative_to(ROOT).parts)


def project_apps():
    """Dotted names of the project's Django apps: folders with an apps.py."""
    apps = []
    for apps_py in ROOT.rglob("apps.py"):
        if not _skipped(apps_py.parent):
            apps.append(".".join(apps_py.parent.relative_to(ROOT).parts))
    return sorted(apps, key=len, reverse=True)


def app_of(module, apps):
    for app in apps:
        if module == app or module.startswith(app + "."):
            return app
    return None


def imported_modules(path, module):
    """(line, dotted name) of every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                yield node.lineno, ".".join(base + ([node.module] if node.module else []))
            else:
                yield node.lineno, node.module or ""


def app_imports(apps):
    """[(importing app, imported app, where)] for every import from one app into another."""
    found = []
    for app in apps:
        folder = ROOT.joinpath(*app.split("."))
        for path in folder.rglob("*.py"):
            if _skipped(path):
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if app_of(module, apps) != app:
                continue  # a nested app's file belongs to the nested app
            for line, name in imported_modules(path, module):
                target = app_of(name, apps)
                if target and target != app:
                    found.append((app, target, f"{path.relative_to(ROOT)}:{line}"))
    return found


def cycles(edges):
    """Every elementary cycle in the app graph, each once (as a tuple starting at its least app)."""
    found = set()

    def walk(app, stack):
        for target in sorted(edges[app]):
            if target in stack:
                cycle = stack[stack.index(target):]
                start = cycle.index(min(cycle))
                found.add(tuple(cycle[start:] + cycle[:start]))
            else:
                walk(target, stack + [target])

    for app in sorted(edges):
        walk(app, [app])
    return sorted(found)


APPS = project_apps()
IMPORTS = app_imports(APPS)


def test_every_app_has_a_floor():
    assert APPS, "no app found: is ROOT the project folder?"
    missing = [app for app in APPS if floor_of(app) is None]
    assert not missing, f"add these apps to core.floors.FLOORS: {missing}"


def test_no_app_imports_from_a_higher_floor():
    upward = [
        f"{where}: {src} (floor {floor_of(src)}) imports {dst} (floor {floor_of(dst)})"
        for src, dst, where in IMPORTS
        if floor_of(src) is not None and floor_of(dst) is not None and floor_of(dst) > floor_of(src)
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_core_imports_no_project_app():
    assert [where for src, _, where in IMPORTS if src == "core"] == []


def test_no_import_cycle_between_apps():
    edges = defaultdict(set)
    for src, dst, _ in IMPORTS:
        edges[src].add(dst)
    found = cycles(edges)
    assert not found, "import cycles: " + "; ".join(" -> ".join(c + (c[0],)) for c in found)


# The checker itself: it must see what it is meant to forbid.


def test_checker_finds_cycles_and_relative_imports(tmp_path):
    edges = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert cycles(edges) == [("a", "b", "c")]
    source = tmp_path / "views.py"
    source.write_text("from ..models import Case\nfrom . import forms\nimport columns.models\n", encoding="utf-8")
    names = [name for _, name in imported_modules(source, "interaction.cases.admin.views")]
    assert names == ["interaction.cases.models", "interaction.cases.admin", "columns.models"]


def test_floor_table_names_each_app_once():
    listed = [app for floor in FLOORS for app in floor]
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize("module, app", [("columns.models.article", "columns"), ("interaction.cases.admin.views", "interaction.cases"), ("wagtail.models", None)])
def test_modules_belong_to_their_app(module, app):
    assert app_of(module, APPS) == app


# Function-level imports -------------------------------------------------------------------------
# An import inside a function hides a dependency (and usually a cycle). It is allowed only where
# Django or the runtime requires it (AppConfig.ready, a settings-dependent optional backend, a
# process hook), and then carries its reason: `# deferred: <why>` on the import's line or the line
# above it. Migrations and tests are not checked.

DEFERRED_MARK = "# deferred:"

# Files another branch is rewriting; their deferred imports leave with them.
# interaction/cases/tasks.py: the case reminders move onto the notification app.
KNOWN_UNTIL_MOVED = {"interaction/cases/tasks.py"}


def function_level_imports(path):
    """(line number, source line) of every import inside a function body of `path`."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)) and in_function:
                found.append((child.lineno, lines[child.lineno - 1]))
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, nested)

    visit(ast.parse(source), False)
    return found


def undeclared_deferred_imports(path, root=ROOT):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{path.relative_to(root)}:{number}: {text.strip()}"
        for number, text in function_level_imports(path)
        if DEFERRED_MARK not in text and (number < 2 or DEFERRED_MARK not in lines[number - 2])
    ]


def project_python_files():
    for path in sorted(ROOT.rglob("*.py")):
        if not _skipped(path) and str(path.relative_to(ROOT)) not in KNOWN_UNTIL_MOVED:
            yield path


def test_function_level_imports_say_why():
    found = [problem for path in project_python_files() for problem in undeclared_deferred_imports(path)]
    assert not found, (
        "function-level imports without a `# deferred: <why>` comment (move them to the top of the "
        "module, or say why Django needs them here):\n" + "\n".join(found)
    )


def test_deferred_import_check_sees_what_it_forbids(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(
        "import os\n"
        "def a():\n    from x import y\n"
        "def b():\n    # deferred: AppConfig.ready\n    from x import z\n"
        "def c():\n    import q  # deferred: optional backend\n"
        "class D:\n    def e(self):\n        def f():\n            import w\n",
        encoding="utf-8",
    )
    assert [line for line, _ in function_level_imports(source)] == [3, 6, 8, 12]
    assert [problem.split(":")[1] for problem in undeclared_deferred_imports(source, tmp_path)] == ["3", "12"]

