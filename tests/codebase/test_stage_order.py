"""The layout shows the stages, and data flows one way (issue 26): a module of a stage imports the
base and the stages before it, never a later one; the base (schema, errors, files, text helpers)
imports no stage at all. Only the orchestrators that run the stages in order import them all."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

STAGES = ("snapshot", "extract", "clean", "validate", "package", "release", "sql")
ORCHESTRATORS = {"pipeline.build", "pipeline.cli", "pipeline.__main__"}  # they run every stage in order


def stage_of(module: str) -> int | None:
    """The position of `module`'s stage in the flow (`pipeline.clean.ids` -> 2), None for the base."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[0] == "pipeline" and parts[1] in STAGES else None


def imported_modules(path: Path, module: str) -> list[str]:
    """Every `pipeline` module that `path` (the module `module`) imports, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = module.split(".")[: len(module.split(".")) - node.level] if node.level else []
            base = ".".join([*package, node.module] if node.module else package)
            found += [
                f"{base}.{alias.name}" if base in ("pipeline", *(f"pipeline.{s}" for s in STAGES)) else base
                for alias in node.names
            ]
    return [name for name in found if name == "pipeline" or name.startswith("pipeline.")]


def against_the_flow(root: Path) -> list[str]:
    """`importer imports imported` for every import of a later stage (or, from the base, of any stage)."""
    wrong = []
    for path in sorted((root / "pipeline").rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        if module in ORCHESTRATORS:
            continue
        mine = stage_of(module)
        for name in imported_modules(path, module):
            theirs = stage_of(name)
            if theirs is not None and (mine is None or theirs > mine):
                wrong.append(f"{module} imports {name}")
    return wrong


def test_no_module_imports_a_later_stage():
    assert against_the_flow(ROOT) == []


def test_the_stage_of_a_module_is_its_folder():
    assert [
        stage_of(m) for m in ("pipeline.clean.ids", "pipeline.package.stage", "pipeline.sql", "pipeline.files")
    ] == [2, 4, 6, None]


def test_an_import_against_the_flow_is_found(tmp_path):
    (tmp_path / "pipeline" / "clean").mkdir(parents=True)
    (tmp_path / "pipeline" / "clean" / "stage.py").write_text(
        "def f():\n    from pipeline.package.stage import csv_record\n"
    )
    (tmp_path / "pipeline" / "markdown.py").write_text("from pipeline.validate import report\nimport pipeline.errors\n")
    (tmp_path / "pipeline" / "package").mkdir()
    (tmp_path / "pipeline" / "package" / "docs.py").write_text(
        "from pipeline.validate.findings import CHECKS\nfrom . import stage\n"
    )
    assert against_the_flow(tmp_path) == [
        "pipeline.clean.stage imports pipeline.package.stage",
        "pipeline.markdown imports pipeline.validate.report",
    ]


# Validate reads tidy tables: what it needs of the documents reaches it as rows clean made (the
# package's tables, and the internal ones of pipeline/schema/internal.py), never as extract's
# objects; and it compares the codes and dates clean resolved, never resolving a name or a date again.
RESOLVERS = ("parse_partial_date", "resolve_country")
# The one exception, kept on purpose: date_checks reads the `*_earliest` / `*_latest` columns clean
# made wherever the schema has them, and turns the clean ISO value (never the text as written) into
# its first and last day only for the date columns the package gives no bounds (`sources.retrieved`,
# a severance, a mission's dates): adding those bounds is a schema change, left for a MAJOR release.
NOT_YET = {"pipeline.validate.date_checks uses parse_partial_date"}


def validate_rereads(root: Path) -> list[str]:
    """`module imports M` for each import of extract by a validate module, `module uses R` for each
    name or attribute of a resolver there (a call, an import, or the function passed on)."""
    wrong = []
    for path in sorted((root / "pipeline" / "validate").rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        extract = [
            n for n in imported_modules(path, module) if n == "pipeline.extract" or n.startswith("pipeline.extract.")
        ]
        wrong += [f"{module} imports {name}" for name in extract]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
            names += [node.id] if isinstance(node, ast.Name) else [node.attr] if isinstance(node, ast.Attribute) else []
            wrong += [f"{module} uses {name}" for name in names if name in RESOLVERS]
    return wrong


def test_validate_reads_tables_not_extracts_objects_and_resolves_nothing_again():
    assert set(validate_rereads(ROOT)) <= NOT_YET


def test_a_validate_module_reading_extract_or_resolving_again_is_found(tmp_path):
    (tmp_path / "pipeline" / "validate").mkdir(parents=True)
    (tmp_path / "pipeline" / "validate" / "checks.py").write_text(
        "from pipeline.extract.stage import Extracted\n"
        "from pipeline.clean import countries, dates\n"
        "import pipeline.extract\n"
        "def f(x: Extracted):\n"
        "    return countries.resolve_country(x), dates.parse_partial_date\n"
    )
    (tmp_path / "pipeline" / "validate" / "fine.py").write_text(
        "from pipeline.clean.ids import article_of\nfrom pipeline.clean.dates import says_unknown\n"
    )
    (tmp_path / "pipeline" / "validate" / "reads.py").write_text(
        "from pipeline.clean.dates import parse_partial_date as read\n"
    )
    assert validate_rereads(tmp_path) == [
        "pipeline.validate.checks imports pipeline.extract.stage",
        "pipeline.validate.checks imports pipeline.extract",
        "pipeline.validate.checks uses parse_partial_date",
        "pipeline.validate.checks uses resolve_country",
        "pipeline.validate.reads uses parse_partial_date",
    ]
