"""The house rules of the library's layout (docs/architecture.md), read from the code itself:
no private name crosses a module boundary, no import cycle, views never reach into the command
line, one text lookup, and no long module without a reason in its docstring."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "infoview"
LONG = 420  # "about 400 lines"


def _modules():
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return out


MODULES = _modules()


def _is_package(name):
    return MODULES[name][0].name == "__init__.py"


def _resolve(module, node):
    """The absolute module an ImportFrom names."""
    if not node.level:
        return node.module
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module, tree):
    """``(target module, imported name or None, node)`` for every import anywhere in the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield (submodule, None, node) if submodule in MODULES else (target, alias.name, node)


def test_no_private_name_is_imported_from_another_module():
    crossing = []
    for module, (path, tree) in MODULES.items():
        bound = {}  # names bound to infoview modules, to catch module._private
        for target, name, node in _imports(module, tree):
            if not target or not target.startswith("infoview"):
                continue
            if name is None:
                for alias in node.names:
                    bound[alias.asname or alias.name.split(".")[-1]] = target
            elif name.startswith("_") and not name.startswith("__"):
                crossing.append(f"{path.name}:{node.lineno} imports {name} from {target}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                crossing.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not crossing, crossing


def test_no_import_cycle():
    edges = {module: set() for module in MODULES}
    for module, (_, tree) in MODULES.items():
        for target, _, _ in _imports(module, tree):
            if target in MODULES and target != module and not module.startswith(target + "."):
                edges[module].add(target)  # a module may use its own package's __init__
    state, cycles = {}, []

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_views_never_import_the_command_line():
    for module, (_, tree) in MODULES.items():
        if module.startswith("infoview.widgets"):
            assert not any(t and t.startswith("infoview.cli") for t, _, _ in _imports(module, tree)), module


def test_only_the_text_lookup_reads_the_text_files():
    readers = [module for module, (path, _) in MODULES.items() if "texts/" in path.read_text(encoding="utf-8")
               and "load_bundled(" in path.read_text(encoding="utf-8")]
    assert readers == ["infoview.texts"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_long_module_says_why(module):
    path, tree = MODULES[module]
    length = len(path.read_text(encoding="utf-8").splitlines())
    if length > LONG:
        assert "long because" in " ".join((ast.get_docstring(tree) or "").split()), f"{path} has {length} lines and no reason"
