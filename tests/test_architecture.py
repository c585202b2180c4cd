"""Dependencies point down: no module of a lower layer imports one of a higher layer (read with ast, not run).

The tests inside each app sit above every layer (they drive the app through the CLI and the import),
so their folders are not checked.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "leerlus"

# Bottom to top; the parts on one line are on the same layer and may use each other.
LAYERS = [
    ["analysis"],
    ["errors", "presentation"],
    ["core", "audit"],
    ["jobs"],
    ["intake"],
    ["patterns"],
    ["playground"],
    ["rhythm", "systemview", "exchange"],
    ["web", "api"],
    ["urls", "cli", "demo", "settings", "wsgi", "conftest", "__main__"],
]
LAYER_OF = {part: height for height, parts in enumerate(LAYERS) for part in parts}


def _part(module: str) -> str | None:
    """'leerlus.patterns.models' → 'patterns'; None for modules outside the package."""
    names = module.split(".")
    return names[1] if names[0] == "leerlus" and len(names) > 1 else None


def _imports(path: Path):
    """Every leerlus module that a file imports, at the top or inside a function, with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield f"{node.module}.{alias.name}" if node.module == "leerlus" else node.module, node.lineno


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE)
        own = where.parts[0].removesuffix(".py")
        if own == "__init__" or "tests" in where.parts:
            continue
        for module, line in _imports(path):
            part = _part(module)
            if part in LAYER_OF and LAYER_OF[part] > LAYER_OF[own]:
                found.append(f"leerlus/{where}:{line} imports {module} ({part} is above {own})")
    return found


def test_every_part_of_the_package_has_a_layer():
    parts = {path.name.removesuffix(".py") for path in PACKAGE.iterdir() if path.suffix == ".py" or path.is_dir()}
    unplaced = parts - set(LAYER_OF) - {"__init__", "__pycache__", "locale"}
    assert not unplaced, f"give these a layer in LAYERS: {sorted(unplaced)}"


def test_no_layer_imports_a_higher_one():
    violations = _violations()
    assert not violations, "a lower layer imports a higher one:\n" + "\n".join(violations)


def test_the_check_sees_an_upward_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from leerlus.playground.models import Problem\n")
    assert ("leerlus.playground.models", 2) in list(_imports(probe))
