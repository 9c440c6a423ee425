"""DriftConfig: discovery upward, pyproject vs drift.toml, overrides applied by compare_schemas, bad keys."""

from __future__ import annotations

import pytest

from drift.config import DriftConfig, find_config_file, load_config
from drift.diff.compare import alike_tables, compare_schemas
from drift.diff.findings import FindingKind, Severity
from drift.errors import BadInput
from tests.diff.builders import columns, index, schema, table


def test_defaults_when_no_file(tmp_path):
    config = load_config(start=tmp_path)
    assert config == DriftConfig()
    assert config.fail_on is Severity.ERROR
    assert config.source is None


def test_pyproject_tool_drift_found_from_a_subdirectory(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        """
[project]
name = "app"

[tool.drift]
schema = "prisma/schema.prisma"
schemas = ["public", "billing"]
ignore = ["audit_*"]
fail_on = "warning"

[tool.drift.severity]
extra_index = "info"

[tool.drift.renames]
"products.is_active" = "status"
"""
    )
    nested = tmp_path / "src" / "deep"
    nested.mkdir(parents=True)
    assert find_config_file(nested) == tmp_path / "pyproject.toml"
    config = load_config(start=nested)
    assert config.schema_file == tmp_path / "prisma" / "schema.prisma"
    assert config.schemas == ("public", "billing")
    assert config.fail_on is Severity.WARNING
    assert config.severity == {FindingKind.EXTRA_INDEX: Severity.INFO}
    assert config.renames == {"products.is_active": "status"}


def test_pyproject_without_tool_drift_is_skipped_for_a_parent_drift_toml(tmp_path):
    (tmp_path / "drift.toml").write_text('fail_on = "info"\nsynonyms = [["payload", "body"]]\n')
    child = tmp_path / "child"
    child.mkdir()
    (child / "pyproject.toml").write_text('[project]\nname = "x"\n')
    config = load_config(start=child)
    assert config.source == tmp_path / "drift.toml"
    assert config.fail_on is Severity.INFO
    assert config.synonyms == (("payload", "body"),)


def test_a_pyproject_that_never_mentions_drift_is_not_read(tmp_path):
    # Someone else's (even broken) pyproject.toml is no reason to fail a check; one that mentions drift is parsed.
    (tmp_path / "pyproject.toml").write_text('[project\nname = "app"\n')
    assert load_config(start=tmp_path) == DriftConfig()
    (tmp_path / "pyproject.toml").write_text('[project\nname = "drift-app"\n')
    with pytest.raises(BadInput, match="invalid TOML"):
        load_config(start=tmp_path)


def test_a_configuration_that_is_not_utf8_is_bad_input(tmp_path):
    path = tmp_path / "drift.toml"
    path.write_bytes('fail_on = "warning" # caf\u00e9\n'.encode("latin-1"))
    with pytest.raises(BadInput, match="not UTF-8"):
        load_config(path)


def test_drift_toml_may_use_a_tool_drift_table(tmp_path):
    path = tmp_path / "drift.toml"
    path.write_text('[tool.drift]\nforbid_renames = { "ssl_certificates.domain_id" = "*" }\n')
    assert load_config(path).forbid_renames == {"ssl_certificates.domain_id": "*"}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('fail_on = "fatal"\n', "'fail_on'"),
        ('[severity]\nmissing_tabel = "info"\n', "'severity.missing_tabel'"),
        ('colour = "red"\n', "'colour': unknown key"),
        ("ignore = 3\n", "'ignore'"),
        ('synonyms = [["lonely"]]\n', "'synonyms'"),
        ("fail_on = \n", "invalid TOML"),
    ],
)
def test_bad_configuration_names_the_file_and_the_key(tmp_path, text, needle):
    path = tmp_path / "drift.toml"
    path.write_text(text)
    with pytest.raises(BadInput) as error:
        load_config(path)
    assert str(path) in str(error.value)
    assert needle in str(error.value)


def test_explicit_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="not found"):
        load_config(tmp_path / "nope.toml")


def base():
    return schema(
        table("products", columns(("id", "uuid", False), ("name", "text", False)), indexes=(index("p_name", "name"),)),
    )


def test_ignore_globs_cover_tables_schema_qualified_tables_and_columns():
    actual = schema(
        table(
            "products",
            columns(("id", "uuid", False), ("name", "text", False), ("internal_note", "text")),
            indexes=(index("p_name", "name"),),
        ),
        table(
            "audit_events",
            columns(
                ("id", "bigint", False),
            ),
        ),
        table(
            "legacy_users",
            columns(
                ("id", "bigint", False),
            ),
        ),
    )
    assert len(compare_schemas(base(), actual).findings) == 3
    config = DriftConfig(ignore=["audit_*", "public.legacy_*", "products.internal_*"])
    assert compare_schemas(base(), actual, config).findings == ()
    # Tables found alike before the ignored columns left them are alike after: the same report.
    unscoped = schema(*(table.model_copy(update={"columns": table.columns[:2]}) for table in actual.tables[:1]))
    alike = alike_tables(base().tables, unscoped)
    assert alike == {("public", "products")}
    assert compare_schemas(base(), actual, config, alike=alike) == compare_schemas(base(), actual, config)


def test_severity_override_and_fail_on():
    actual = schema(table("products", columns(("id", "uuid", False), ("name", "text", False))))
    report = compare_schemas(base(), actual)
    assert report.findings[0].severity is Severity.ERROR and report.has_failures("error")
    relaxed = compare_schemas(base(), actual, DriftConfig(severity={"missing_index": "info"}))
    assert relaxed.findings[0].severity is Severity.INFO
    assert not relaxed.has_failures("warning")
    assert relaxed.has_failures("info")
    assert relaxed.summary == {"error": 0, "warning": 0, "info": 1}


def test_configured_schemas_decide_what_is_checked():
    from drift.model.schema import DatabaseSchema, Table

    other = Table(schema_name="billing", name="invoices", columns=columns(("id", "uuid", False)))
    actual = DatabaseSchema(schemas=("public", "billing"), tables=base().tables + (other,))
    assert [f.kind for f in compare_schemas(base(), actual).findings] == [FindingKind.UNMANAGED_OBJECT]
    config = DriftConfig(schemas=["public", "billing"])
    finding = compare_schemas(base(), actual, config).findings
    assert [(f.kind, f.path) for f in finding] == [(FindingKind.EXTRA_TABLE, "billing.invoices")]


def test_ignore_applies_to_enums():
    from drift.model.schema import Enum, EnumValue

    legacy = Enum(schema_name="public", name="legacy_state", values=(EnumValue(name="A"),))
    actual = base().model_copy(update={"enums": (legacy,)})
    assert len(compare_schemas(base(), actual).findings) == 1
    assert compare_schemas(base(), actual, DriftConfig(ignore=["public.legacy_*"])).findings == ()


def test_ignore_applies_to_index_and_constraint_names():
    actual = schema(
        table(
            "products",
            columns(("id", "uuid", False), ("name", "text", False)),
            indexes=(index("p_name", "name"), index("legacy_name_idx", "name", method="hash")),
        )
    )
    assert len(compare_schemas(base(), actual).findings) == 1
    assert compare_schemas(base(), actual, DriftConfig(ignore=["products.legacy_*"])).findings == ()


def test_the_table_is_read_without_validation_and_schemas_peeked(tmp_path):
    from drift.config_file import configured_schemas, read_config_table

    (tmp_path / "drift.toml").write_text('schemas = ["app", "billing"]\nfail_on = "warning"\n')
    table, file = read_config_table(start=tmp_path)
    assert file == tmp_path / "drift.toml"
    assert configured_schemas(table) == ("app", "billing")
    assert configured_schemas({"schemas": "app"}) is None  # invalid: left to validation, which reports it
    assert read_config_table(start=tmp_path / "nowhere-below") == (table, file)


def test_starting_a_check_imports_neither_pydantic_nor_psycopg():
    # `drift check` starts its database read before the heavy imports (drift/check.py): keep those modules light.
    import subprocess
    import sys

    code = (
        "import sys, drift.cli, drift.check, drift.config_file;"
        " print(sorted({'pydantic', 'psycopg', 'lark'} & set(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    # The console script's fast path for `drift check` does not import typer either.
    code = (
        "import sys, drift.entry, drift.commands, drift.check, drift.config_file;"
        " print(sorted({'pydantic', 'psycopg', 'lark', 'typer', 'click'} & set(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
