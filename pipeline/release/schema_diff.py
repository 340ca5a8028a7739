"""How two packages' schemas differ: fields and resources renamed, removed, added, re-typed,
reordered, constraints tightened or loosened, each with the version level it calls for."""

from __future__ import annotations

from typing import Any

from pipeline.schema import RENAMED_FIELDS, RENAMED_RESOURCES


def schema_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    """(level, words) for each difference between two resources' schemas."""
    renames = field_renames(old["schema"]["fields"], new["schema"]["fields"], RENAMED_FIELDS.get(new["name"], {}))
    old_fields = {renames.get(f["name"], f["name"]): f for f in old["schema"]["fields"]}
    new_fields = {f["name"]: f for f in new["schema"]["fields"]}
    changes = [("major", f"field `{before}` renamed to `{after}`") for before, after in renames.items()]
    changes += [("major", f"field `{name}` removed") for name in old_fields if name not in new_fields]
    changes += [("major", f"field `{name}` added") for name in new_fields if name not in old_fields]
    common_old = [n for n in old_fields if n in new_fields]
    common_new = [n for n in new_fields if n in old_fields]
    if common_old != common_new:
        changes.append(("major", "fields reordered"))
    for name in common_new:
        before, after = old_fields[name], new_fields[name]
        if before.get("type") != after.get("type"):
            changes.append(("major", f"field `{name}` type {before.get('type')} -> {after.get('type')}"))
        changes += _constraint_changes(name, before.get("constraints", {}), after.get("constraints", {}))
        if before.get("description") != after.get("description"):
            changes.append(("patch", f"field `{name}` description changed"))
    if old["schema"].get("primaryKey") != new["schema"].get("primaryKey"):
        changes.append(("major", "primary key changed"))
    if old.get("description") != new.get("description"):
        changes.append(("patch", "description changed"))
    return changes


def field_renames(
    old: list[dict[str, Any]], new: list[dict[str, Any]], declared: dict[str, str] | None = None
) -> dict[str, str]:
    """{old name: new name} for each field renamed: as the schema declares (`RENAMED_FIELDS`),
    or one field removed and one added at the same place between the same neighbours, of the
    same type."""
    old_names, new_names = [f["name"] for f in old], [f["name"] for f in new]
    renames = {
        before: after
        for before, after in (declared or {}).items()
        if before in old_names and before not in new_names and after in new_names and after not in old_names
    }
    for index, before in enumerate(old):
        if before["name"] in new_names or before["name"] in renames or index >= len(new):
            continue
        if new[index]["name"] in old_names or new[index]["name"] in renames.values():
            continue
        after = new[index]
        neighbours = [old_names[i] == new_names[i] for i in (index - 1, index + 1) if 0 <= i < min(len(old), len(new))]
        if before.get("type") == after.get("type") and all(neighbours):
            renames[before["name"]] = after["name"]
    return renames


def resource_renames(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, str]:
    """{old name: new name} for each resource renamed: as the schema declares
    (`RENAMED_RESOURCES`), or one removed whose fields (names and types) are those of exactly
    one resource added."""

    def shape(resource: dict[str, Any]) -> list[tuple[str, str]]:
        return [(f["name"], f.get("type", "")) for f in resource["schema"]["fields"]]

    added = [name for name in new if name not in old and "schema" in new[name]]
    renames = {before: after for before, after in RENAMED_RESOURCES.items() if before in old and after in added}
    added = [name for name in added if name not in renames.values()]
    for name in (name for name in old if name not in new and name not in renames and "schema" in old[name]):
        matches = [other for other in added if shape(new[other]) == shape(old[name])]
        if len(matches) == 1:
            renames[name] = matches[0]
    return renames


def _constraint_changes(name: str, before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str]]:
    """Tightened constraints are major, loosened ones minor."""
    changes = []
    for constraint in sorted(set(before) | set(after)):
        old, new = before.get(constraint), after.get(constraint)
        if old == new:
            continue
        if constraint == "enum" and old and new:
            level = "minor" if set(old) <= set(new) else "major"
        elif constraint in ("required", "unique"):
            level = "major" if new else "minor"
        else:
            level = "minor" if new is None else "major"
        changes.append((level, f"field `{name}` constraint {constraint} {old!r} -> {new!r}"))
    return changes
