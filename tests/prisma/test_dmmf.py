"""The parsed syntax tree agrees with Prisma's DMMF (fixtures/prisma/**/dmmf.json, produced by Prisma's engine):
models, fields, types, optionality, lists, attributes and their arguments, enums and indexes.

The projection below reads only syntax (names of models and enums decide a field's kind); Prisma's computed values
(implicit relation names, default index names) are compared only where the schema spells them out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drift.prisma.ast import ArrayValue, ConstantValue, FunctionCall, NumberValue, Schema, StringValue, field_reference
from drift.prisma.parse import parse_sources, read_schema_sources
from drift.prisma.printer import render_value
from tests.prisma.test_printer import oracle_params


def _literal(value):
    if isinstance(value, StringValue):
        return value.value
    if isinstance(value, NumberValue):
        return value.number
    if isinstance(value, ConstantValue):
        return {"true": True, "false": False}.get(value.name, value.name)
    if isinstance(value, ArrayValue):
        return [_literal(item) for item in value.items]
    if isinstance(value, FunctionCall):
        return {"function": value.name}
    raise TypeError(value)


def _dmmf_default(default):
    if isinstance(default, dict):
        return {"function": default["name"]}
    return default


def _items(value) -> list:
    # `@@index(userId)` is accepted as well as `@@index([userId])`.
    return list(value.items) if isinstance(value, ArrayValue) else [value] if value is not None else []


def _names(value) -> list[str]:
    return [field_reference(item)[0] for item in _items(value)]


def _string(value) -> str | None:
    return value.value if isinstance(value, StringValue) else None


def _project_field(field, models: set[str], enums: set[str], single_uniques: set[str]) -> dict:
    attribute = field.attribute
    projected = {
        "name": field.name,
        "type": field.type.name,
        "kind": "object" if field.type.name in models else "enum" if field.type.name in enums else "scalar",
        "isList": field.type.list,
        "isRequired": not field.type.optional,
        "isId": attribute("id") is not None,
        # DMMF: an @id field is not also "unique"; a one-field @@unique makes the field unique.
        "isUnique": attribute("id") is None and (attribute("unique") is not None or field.name in single_uniques),
        "isUpdatedAt": attribute("updatedAt") is not None,
        "hasDefaultValue": attribute("default") is not None,
        "dbName": _string(attribute("map").arg("name", 0)) if attribute("map") else None,
        "documentation": field.documentation,
    }
    if attribute("default") is not None:
        projected["default"] = _literal(attribute("default").arg("value", 0))
    native = next((a for a in field.attributes if a.name.startswith("db.")), None)
    native_arguments = [render_value(value).strip('"') for value in native.positional] if native else []
    projected["nativeType"] = [native.name[3:], native_arguments] if native else None
    relation = attribute("relation")
    if relation is not None:
        if _string(relation.arg("name", 0)) is not None:
            projected["relationName"] = _string(relation.arg("name", 0))
        if relation.arg("fields") is not None:
            projected["relationFromFields"] = _names(relation.arg("fields"))
            projected["relationToFields"] = _names(relation.arg("references"))
        for action in ("onDelete", "onUpdate"):
            if relation.arg(action) is not None:
                projected["relation" + action[0].upper() + action[1:]] = relation.arg(action).name
    return projected


def _expected_field(field: dict, projected: dict) -> dict:
    wanted = {key: field.get(key) for key in projected if key not in ("default", "kind")}
    wanted["kind"] = "scalar" if field["kind"] == "unsupported" else field["kind"]
    if field.get("kind") == "object" and "relationName" in wanted and "relationName" not in projected:
        del wanted["relationName"]
    if "default" in projected:
        wanted["default"] = _dmmf_default(field.get("default"))
    return wanted


def _index_rows(schema: Schema) -> list[tuple]:
    rows = []
    for model in [*schema.models, *schema.views]:
        if model.attribute("ignore") is not None:
            continue
        for field in model.fields:
            for kind in ("id", "unique"):
                attribute = field.attribute(kind)
                if attribute is not None:
                    rows.append((model.name, kind, True, ((field.name, None),), _string(attribute.arg("map"))))
        for attribute in model.attributes:
            kind = {"id": "id", "unique": "unique", "index": "normal", "fulltext": "fulltext"}.get(attribute.name)
            if kind is None:
                continue
            fields = attribute.arg("fields", 0)
            columns = []
            for item in _items(fields):
                name, arguments = field_reference(item)
                sort = next((a.value.name.lower() for a in arguments if a.name == "sort"), None)
                columns.append((name, sort))
            # On @@index, Prisma still reads the legacy `name:` as the database name.
            db_name = _string(attribute.arg("map")) or (_string(attribute.arg("name")) if kind == "normal" else None)
            rows.append((model.name, kind, False, tuple(columns), db_name))
    return sorted(rows, key=repr)


def _dmmf_index_rows(indexes: list[dict]) -> list[tuple]:
    rows = []
    for index in indexes:
        columns = tuple((field["name"], field.get("sortOrder")) for field in index["fields"])
        rows.append((index["model"], index["type"], index["isDefinedOnField"], columns, index.get("dbName")))
    return sorted(rows, key=repr)


@pytest.mark.parametrize(("schema_path", "expected"), oracle_params())
def test_ast_agrees_with_prisma_dmmf(schema_path: Path, expected: Path) -> None:
    dmmf = json.loads((expected / "dmmf.json").read_text())["datamodel"]
    schema, diagnostics = parse_sources(read_schema_sources(schema_path))
    assert diagnostics == []
    models = {model.name for model in [*schema.models, *schema.views, *schema.composite_types]}
    enums = {enum.name for enum in schema.enums}

    # Prisma leaves @@ignore'd models out of the DMMF.
    ours = {model.name: model for model in [*schema.models, *schema.views] if model.attribute("ignore") is None}
    theirs = {model["name"]: model for model in dmmf["models"]}
    assert set(ours) == set(theirs)
    for name, dmmf_model in theirs.items():
        model = ours[name]
        map_attribute = model.attribute("map")
        assert (_string(map_attribute.arg("name", 0)) if map_attribute else None) == dmmf_model["dbName"], name
        assert model.documentation == dmmf_model.get("documentation"), name
        schema_attribute = model.attribute("schema")
        assert (_string(schema_attribute.arg(0)) if schema_attribute else None) == dmmf_model.get("schema"), name
        # Prisma leaves Unsupported fields out of the DMMF.
        fields = [field for field in model.fields if not field.type.is_unsupported]
        assert [field.name for field in fields] == [field["name"] for field in dmmf_model["fields"]], name
        single_uniques = {
            names[0]
            for names in (_names(attribute.arg("fields", 0)) for attribute in model.attributes_named("unique"))
            if len(names) == 1
        }
        for field, dmmf_field in zip(fields, dmmf_model["fields"]):
            projected = _project_field(field, models, enums, single_uniques)
            assert projected == _expected_field(dmmf_field, projected), f"{name}.{field.name}"
        block_id = model.attribute("id")
        if block_id is not None:
            assert _names(block_id.arg("fields", 0)) == dmmf_model["primaryKey"]["fields"], name
        uniques = [_names(attribute.arg("fields", 0)) for attribute in model.attributes_named("unique")]
        assert uniques == dmmf_model["uniqueFields"], name

    def mapped(node) -> str | None:
        return _string(node.attribute("map").arg(0)) if node.attribute("map") else None

    assert {enum.name: [(value.name, mapped(value)) for value in enum.values] for enum in schema.enums} == {
        enum["name"]: [(value["name"], value["dbName"]) for value in enum["values"]] for enum in dmmf["enums"]
    }
    enum_names = {enum["name"]: enum["dbName"] for enum in dmmf["enums"]}
    assert {enum.name: mapped(enum) for enum in schema.enums} == enum_names
    composite = {
        model.name: [(field.name, field.type.name, field.type.list, not field.type.optional) for field in model.fields]
        for model in schema.composite_types
    }
    assert composite == {
        kind["name"]: [(field["name"], field["type"], field["isList"], field["isRequired"]) for field in kind["fields"]]
        for kind in dmmf["types"]
    }
    assert _index_rows(schema) == _dmmf_index_rows(dmmf["indexes"])
