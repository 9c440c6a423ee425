"""Our name resolution agrees with Prisma's DMMF for every corpus schema.

`fixtures/prisma/oracle/<project>/dmmf.json` is Prisma's own reading of the corpus schema (`oracle dmmf`): database
names of models, fields, enums and enum values, what each field's type is, and each relation field's relation
name (generated `AToB` ones included), `fields`, `references` and explicit `onDelete`.
"""

from __future__ import annotations

import json

import pytest

from drift.prisma.parse import parse_schema_path
from drift.prisma.resolve import ResolvedSchema, resolve_schema
from tests.conftest import CORPUS, FIXTURES, corpus_schema_path, requires_corpus

ORACLE = FIXTURES / "prisma" / "oracle"
PROJECTS = sorted(path.parent.name for path in ORACLE.glob("*/dmmf.json")) if ORACLE.is_dir() else []

# DMMF field kinds -> ours ("object" is a relation field).
KINDS = {"scalar": "scalar", "enum": "enum", "object": "relation", "unsupported": "unsupported"}


def relation_names(resolved: ResolvedSchema) -> dict[tuple[str, str], str]:
    names = {}
    for relation in resolved.relations:
        for side in (relation.forward, relation.back, relation.side_a, relation.side_b):
            if side is not None:
                names[(side.model, side.field)] = relation.name
    return names


def our_reading(resolved: ResolvedSchema) -> dict:
    names = relation_names(resolved)
    models = {}
    for model in resolved.models.values():
        if model.is_view:
            continue
        fields = {}
        for field in model.fields:
            entry = {"kind": field.kind, "list": field.is_list, "required": not field.optional and not field.is_list}
            if field.kind == "relation":
                entry["relation"] = names.get((model.name, field.name))
                entry["from"] = list(field.relation.fields)
                entry["to"] = list(field.relation.references)
                entry["on_delete"] = field.relation.on_delete
            else:
                entry["db_name"] = field.db_name
            fields[field.name] = entry
        models[model.name] = {"db_name": model.db_name, "fields": fields}
    enums = {
        enum.name: {"db_name": enum.db_name, "values": [value.name for value in enum.node.values]}
        for enum in resolved.enums.values()
    }
    return {"models": models, "enums": enums}


def prismas_reading(dmmf: dict) -> dict:
    models = {}
    for model in dmmf["models"]:
        fields = {}
        for field in model["fields"]:
            entry = {"kind": KINDS[field["kind"]], "list": field["isList"],
                     "required": field["isRequired"] and not field["isList"]}
            if field["kind"] == "object":
                entry["relation"] = field["relationName"]
                entry["from"] = field.get("relationFromFields") or []
                entry["to"] = field.get("relationToFields") or []
                entry["on_delete"] = field.get("relationOnDelete")
            else:
                entry["db_name"] = field.get("dbName") or field["name"]
            fields[field["name"]] = entry
        models[model["name"]] = {"db_name": model.get("dbName") or model["name"], "fields": fields}
    enums = {
        enum["name"]: {"db_name": enum.get("dbName") or enum["name"], "values": [value["name"] for value in enum["values"]]}
        for enum in dmmf["enums"]
    }
    return {"models": models, "enums": enums}


@requires_corpus
@pytest.mark.parametrize("project", PROJECTS)
def test_resolution_agrees_with_prismas_dmmf(project: str) -> None:
    dmmf = json.loads((ORACLE / project / "dmmf.json").read_text())["datamodel"]
    resolved = resolve_schema(parse_schema_path(corpus_schema_path(CORPUS / project)))
    assert not resolved.errors
    ours, prismas = our_reading(resolved), prismas_reading(dmmf)
    assert ours["enums"] == prismas["enums"]
    assert ours["models"].keys() == prismas["models"].keys()
    for name, model in prismas["models"].items():
        assert ours["models"][name] == model, name


def test_oracle_readings_are_present() -> None:
    assert not ORACLE.is_dir() or len(PROJECTS) >= 5
