"""The one door: partytext's public names are pinned, and the import layers hold."""

from __future__ import annotations

import ast
from pathlib import Path

import partytext

SRC = Path(partytext.__file__).parent


def test_all_is_sorted_and_importable():
    assert partytext.__all__ == sorted(partytext.__all__)
    for name in partytext.__all__:
        assert hasattr(partytext, name), name


def test_core_names_are_public():
    for name in ("extract", "analyze", "Record", "Article", "Figure", "Point", "PartytextError", "fold", "canonical",
                 "parse_number", "evaluate", "facts"):
        assert name in partytext.__all__


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(("." * node.level) + node.module)
    return names


def _modules():
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        yield ".".join(rel.parts), path


def test_only_nlp_imports_underthesea_and_only_fetch_imports_requests():
    for name, path in _modules():
        imports = _imports(path)
        if any(i.split(".")[0] == "underthesea" for i in imports):
            assert name == "nlp", f"{name} imports underthesea"
        if any(i.split(".")[0] == "requests" for i in imports):
            assert name == "crawl.fetch", f"{name} imports requests"
        if any(i.split(".")[0] == "protego" for i in imports):
            assert name == "crawl.robots", f"{name} imports protego"


def test_network_code_lives_in_the_crawl_package():
    """The crawl stage is one package; its old top-level modules are gone."""
    for old in ("fetch", "robots", "discover", "warc"):
        assert not (SRC / f"{old}.py").exists(), f"partytext/{old}.py should live in partytext/crawl/"
    assert (SRC / "crawl" / "__init__.py").exists() and not (SRC / "crawl.py").exists()


def test_lower_layers_never_import_higher_ones():
    higher = {"cli", "web"}
    for name, path in _modules():
        top = name.split(".")[0]
        if top in higher or top in ("__main__", "__init__"):
            continue  # the package's one door re-exports every layer, lazily
        for imp in _imports(path):
            target = imp.lstrip(".").split(".")[0]
            if top in ("extract", "normalize", "numbers", "records", "errors", "nlp", "sources"):
                # parsing is pure: no network (crawl), no database (archive)
                assert target not in ("archive", "crawl", "cli", "web", "analysis"), f"{name} imports {imp}"
            if top == "crawl" and imp.startswith(".."):
                # the crawl stage stores through the archive's public door only
                assert target not in ("web", "analysis"), f"{name} imports {imp}"
            assert target not in higher or top in higher, f"{name} imports {imp}"


def test_only_the_cli_prints():
    for name, path in _modules():
        if name.startswith("cli") or name == "__main__":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"]
        assert not calls, f"{name} calls print()"


def test_every_command_has_an_example_and_is_in_the_readme():
    from partytext.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = (SRC.parent.parent / "README.md").read_text(encoding="utf-8")
    assert len(sub.choices) >= 13
    for name, cmd in sub.choices.items():
        assert "example" in cmd.format_help().lower(), f"partytext {name} --help shows no example"
        assert f"partytext {name}" in readme or f"`{name} DB" in readme, f"README does not document {name}"
