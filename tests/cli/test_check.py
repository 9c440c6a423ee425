"""`drift check` through the command line: exit codes 0/1/2/3, formats, --output, baselines, no tracebacks and no
passwords in any output. Uses a real throwaway PostgreSQL (the `database` fixture)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drift.cli import app, redact

SHOP = Path(__file__).resolve().parent / "shop"
SCHEMA = SHOP / "schema.prisma"
PASSWORD = "s3cret-Pa55word"


def run(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner()
    return runner.invoke(app, list(args), env={"DATABASE_URL": "", "NO_COLOR": "1", **(env or {})})


def all_output(result) -> str:
    return result.stdout + result.stderr


def assert_no_traceback(result) -> None:
    assert "Traceback" not in all_output(result)
    assert result.exception is None or isinstance(result.exception, SystemExit)


def closed_port() -> int:
    # Bind and release: nothing listens on the port afterwards.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shop(database):
    database.load_file(SHOP / "prisma.sql")
    return database


def test_matching_database_exits_0(shop) -> None:
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url)
    assert result.exit_code == 0, all_output(result)
    assert result.stdout.splitlines()[-1] == "0 errors, 0 warnings, 0 info"


def test_drift_exits_1_and_names_the_schema_line(shop) -> None:
    shop.load('ALTER TABLE "orders" DROP COLUMN "note";')
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url)
    assert result.exit_code == 1, all_output(result)
    assert "missing_column" in result.stdout
    assert "schema.prisma:26" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings, 0 info"


def test_fail_on_decides_whether_warnings_fail(shop) -> None:
    shop.load('ALTER TABLE "orders" ADD COLUMN "legacy" text;')
    assert run("check", "--schema", str(SCHEMA), "--db", shop.url).exit_code == 0
    assert run("check", "--schema", str(SCHEMA), "--db", shop.url, "--fail-on", "warning").exit_code == 1


def test_database_url_comes_from_the_environment(shop) -> None:
    result = run("check", "--schema", str(SCHEMA), env={"DATABASE_URL": shop.url})
    assert result.exit_code == 0, all_output(result)


def test_json_report_to_a_file(shop, tmp_path: Path) -> None:
    shop.load('ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;')
    output = tmp_path / "report.json"
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--format", "json", "--output", str(output))
    assert result.exit_code == 1, all_output(result)
    assert result.stdout == ""
    assert result.stderr == f"drift: 1 error, 0 warnings, 0 info; json report written to {output}.\n"
    document = json.loads(output.read_text())
    assert document["summary"] == {"error": 1, "warning": 0, "info": 0}
    [finding] = document["findings"]
    assert (finding["kind"], finding["table"], finding["column"]) == ("nullability_mismatch", "users", "email")
    assert finding["prisma"]["line"] == 13


@pytest.mark.parametrize("report_format", ["text", "json", "markdown", "sarif", "github"])
def test_every_format_runs_end_to_end(shop, report_format: str) -> None:
    shop.load('DROP INDEX "orders_user_id_idx";')
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--format", report_format)
    assert result.exit_code == 1, all_output(result)
    assert "orders_user_id_idx" in result.stdout


def test_baseline_accepts_known_drift(shop, tmp_path: Path) -> None:
    shop.load('ALTER TABLE "orders" DROP COLUMN "note";')
    baseline = tmp_path / "baseline.json"
    first = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--write-baseline", str(baseline))
    assert first.exit_code == 1
    assert baseline.is_file()
    accepted = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--baseline", str(baseline))
    assert accepted.exit_code == 0, all_output(accepted)
    shop.load('ALTER TABLE "users" DROP COLUMN "is_active";')
    new_drift = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--baseline", str(baseline))
    assert new_drift.exit_code == 1
    assert "is_active" in new_drift.stdout and "missing_column" in new_drift.stdout


def test_unreachable_database_exits_3_without_the_password() -> None:
    url = f"postgresql://drift:{PASSWORD}@127.0.0.1:{closed_port()}/shop"
    result = run("check", "--schema", str(SCHEMA), "--db", url)
    assert result.exit_code == 3, all_output(result)
    assert result.stderr.startswith("error: ")
    assert PASSWORD not in all_output(result)
    assert_no_traceback(result)


def test_password_never_appears_even_with_drift(shop) -> None:
    # A password the server ignores (socket trust) still must not be echoed anywhere.
    url = shop.url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@")
    for report_format in ("text", "json", "markdown", "sarif", "github"):
        result = run("check", "--schema", str(SCHEMA), "--db", url, "--format", report_format)
        assert result.exit_code == 0, all_output(result)
        assert PASSWORD not in all_output(result)


def test_schema_syntax_error_exits_2_with_file_line_column(tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(SCHEMA.read_text().replace("note   String?", "note   String? @@@"))
    url = f"postgresql://drift:{PASSWORD}@127.0.0.1:{closed_port()}/shop"
    result = run("check", "--schema", str(schema), "--db", url)
    assert result.exit_code == 2, all_output(result)
    assert f"{schema}:26:" in result.stderr
    assert PASSWORD not in all_output(result)
    assert_no_traceback(result)


def test_an_error_on_a_repeated_line_is_placed_at_each_occurrence(tmp_path: Path) -> None:
    # The check parses with repeated lines sharing their argument nodes (spans of the line's first occurrence); a
    # schema error must still point at every line that has it.
    model = "model M{index} {{\n  id   Int    @id\n  code String @unique(bogus: 1)\n}}\n\n"
    models = "".join(model.format(index=index) for index in range(4))
    schema = tmp_path / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n' + models)
    result = run("check", "--schema", str(schema), "--db", f"postgresql://drift@127.0.0.1:{closed_port()}/shop")
    assert result.exit_code == 2, all_output(result)
    places = [line.split("--> ")[1] for line in result.stderr.splitlines() if "--> " in line]
    assert places == [f"{schema}:{line}:23" for line in (8, 13, 18, 23)]
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bogus"],
        ["check", "--format", "xml"],
        ["check", "--fail-on", "fatal"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert_no_traceback(result)


def test_two_sources_exit_2(tmp_path: Path) -> None:
    dump = tmp_path / "dump.sql"
    dump.write_text("")
    result = run("check", "--schema", str(SCHEMA), "--db", "postgresql://localhost/x", "--sql", str(dump))
    assert result.exit_code == 2
    assert "exactly one database source" in result.stderr


def test_no_source_at_all_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here either
    result = run("check", "--schema", str(SCHEMA))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no database given: schema.prisma's datasource reads the URL from DATABASE_URL, which is neither set "
        "nor in a .env file; pass --db URL, --sql FILE, --migrations DIR or --snapshot FILE.\n"
    )


def test_missing_schema_file_exits_2(tmp_path: Path) -> None:
    result = run("check", "--schema", str(tmp_path / "nope.prisma"), "--db", "postgresql://localhost/x")
    assert result.exit_code == 2
    assert "nope.prisma" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cannot reach postgresql://bob:hunter2@db:5432/app", "cannot reach postgresql://bob:***@db:5432/app"),
        ("host=db password=hunter2 user=bob", "host=db password=*** user=bob"),
        ("auth failed for hunter2", "auth failed for ***"),
    ],
)
def test_redact_masks_passwords(text: str, expected: str) -> None:
    assert redact(text, "postgresql://bob:hunter2@db/app") == expected


def test_sql_dump_source(tmp_path: Path) -> None:
    result = run("check", "--schema", str(SCHEMA), "--sql", str(SHOP / "prisma.sql"))
    assert result.exit_code == 0, all_output(result)
    dump = tmp_path / "dump.sql"
    dump.write_text((SHOP / "prisma.sql").read_text() + '\nALTER TABLE "orders" DROP COLUMN "note";\n')
    drifted = run("check", "--schema", str(SCHEMA), "--sql", str(dump), "--format", "json")
    assert drifted.exit_code == 1, all_output(drifted)
    assert [finding["kind"] for finding in json.loads(drifted.stdout)["findings"]] == ["missing_column"]


def test_migrations_folder_source(tmp_path: Path) -> None:
    migration = tmp_path / "migrations" / "20240101000000_init"
    migration.mkdir(parents=True)
    (migration / "migration.sql").write_text((SHOP / "prisma.sql").read_text())
    result = run("check", "--schema", str(SCHEMA), "--migrations", str(tmp_path / "migrations"))
    assert result.exit_code == 0, all_output(result)


def test_snapshot_source(shop, tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot.json"
    assert run("snapshot", "--db", shop.url, "--output", str(snapshot)).exit_code == 0
    shop.load('DROP TABLE "orders";')  # the snapshot, not the live database, is what gets checked
    result = run("check", "--schema", str(SCHEMA), "--snapshot", str(snapshot))
    assert result.exit_code == 0, all_output(result)


def test_default_schema_location_and_config_fail_on(shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "prisma").mkdir()
    (tmp_path / "prisma" / "schema.prisma").write_text(SCHEMA.read_text())
    (tmp_path / "drift.toml").write_text('fail_on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    shop.load('ALTER TABLE "orders" ADD COLUMN "legacy" text;')
    result = run("check", "--db", shop.url)
    assert result.exit_code == 1, all_output(result)
    assert "prisma/schema.prisma:22" in result.stdout
    assert run("check", "--db", shop.url, "--fail-on", "error").exit_code == 0


def test_an_unexpected_failure_is_one_redacted_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import drift.check

    def broken(options, prepare=None):
        raise ValueError(f"boom near {options.db}")

    monkeypatch.setattr(drift.check, "run_check", broken)
    url = f"postgresql://drift:{PASSWORD}@db.example:5432/shop"
    result = run("check", "--schema", str(SCHEMA), "--db", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: internal error (ValueError): boom near postgresql://drift:***@db.example")
    assert PASSWORD not in all_output(result)
    assert_no_traceback(result)


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "environment, output, expected",
    [
        ({}, None, True),
        ({"NO_COLOR": "1"}, None, False),
        ({"NO_COLOR": ""}, None, True),  # the NO_COLOR convention: only a non-empty value disables colour
        ({"TERM": "dumb"}, None, False),
        ({}, Path("report.txt"), False),
    ],
)
def test_colour_only_on_a_terminal_without_no_color(monkeypatch, environment, output, expected) -> None:
    import drift.commands

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(drift.commands.sys, "stdout", _Terminal())
    assert drift.commands.wants_color(output) is expected


def test_not_a_terminal_means_no_colour(monkeypatch) -> None:

    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(app, ["check", "--schema", str(SCHEMA), "--sql", str(SHOP / "prisma.sql")])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def test_a_baseline_entry_that_no_longer_matches_is_reported_stale(shop, tmp_path: Path) -> None:
    shop.load('ALTER TABLE "orders" DROP COLUMN "note";')
    baseline = tmp_path / "baseline.json"
    run("check", "--schema", str(SCHEMA), "--db", shop.url, "--write-baseline", str(baseline))
    shop.load('ALTER TABLE "orders" ADD COLUMN "note" text;')  # the accepted drift is repaired
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--baseline", str(baseline), "--format", "json")
    assert result.exit_code == 0, all_output(result)
    document = json.loads(result.stdout)
    assert document["findings"] == []
    [stale] = document["stale_baseline"]
    assert (stale["kind"], stale["table"], stale["column"]) == ("missing_column", "orders", "note")
    text = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--baseline", str(baseline))
    assert "1 stale baseline entry (accepted drift that no longer occurs):" in text.stdout


def test_unreachable_shadow_server_exits_3_without_the_password() -> None:
    shadow = f"postgresql://drift:{PASSWORD}@127.0.0.1:{closed_port()}/postgres"
    result = run("check", "--schema", str(SCHEMA), "--sql", str(SHOP / "prisma.sql"), "--shadow-url", shadow)
    assert result.exit_code == 3, all_output(result)
    assert PASSWORD not in all_output(result)
    assert_no_traceback(result)


def test_schema_name_limits_what_is_read(shop) -> None:
    shop.load('CREATE SCHEMA "audit"; CREATE TABLE "audit"."events" ("id" integer PRIMARY KEY);')
    assert run("check", "--schema", str(SCHEMA), "--db", shop.url, "--fail-on", "info").exit_code == 0
    both = run(
        "check",
        "--schema",
        str(SCHEMA),
        "--db",
        shop.url,
        "--schema-name",
        "public",
        "--schema-name",
        "audit",
        "--format",
        "json",
    )
    assert both.exit_code in (0, 1), all_output(both)
    assert any("audit" in json.dumps(finding) for finding in json.loads(both.stdout)["findings"])


MULTI_SCHEMA_PRISMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  schemas  = ["app"]
}

model Thing {
  id Int @id

  @@schema("app")
}
"""


@pytest.mark.parametrize("configured", [False, True], ids=["schemas-from-datasource", "schemas-from-config"])
def test_schemas_other_than_public_are_read(database, tmp_path: Path, monkeypatch, configured: bool) -> None:
    # The live read starts before schema.prisma is parsed: from the configuration's `schemas` when it has some,
    # else guessing "public" and reading again once the datasource says otherwise. Both end with the right schema.
    database.load('CREATE SCHEMA app; CREATE TABLE app."Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" '
                  'PRIMARY KEY ("id"));')
    (tmp_path / "schema.prisma").write_text(MULTI_SCHEMA_PRISMA)
    if configured:
        (tmp_path / "drift.toml").write_text('schemas = ["app"]\n')
    monkeypatch.chdir(tmp_path)
    result = run("check", "--schema", "schema.prisma", "--db", database.url, "--format", "json")
    assert result.exit_code == 0, all_output(result)
    assert json.loads(result.stdout)["findings"] == []


def test_prepare_runs_once_after_lowering_and_before_the_database_is_awaited(shop, monkeypatch) -> None:
    """The CLI loads its report renderer through `prepare` while the forked reader may still be working: it must
    come after schema.prisma is lowered (a bad schema never pays for it) and before the reader's result is read."""
    from drift import background
    from drift.check import CheckOptions, run_check

    events: list[str] = []
    started = background.start

    def recording_start(function, *args):
        pending = started(function, *args)
        read = pending.result

        def result():
            events.append("awaited")
            return read()

        pending.result = result
        return pending

    monkeypatch.setattr(background, "start", recording_start)
    result = run_check(CheckOptions(schema=SCHEMA, db=shop.url), prepare=lambda: events.append("prepared"))
    assert events == ["prepared", "awaited"]
    assert not result.report.findings

    events.clear()
    broken = SHOP.parent / "missing.prisma"
    with pytest.raises(Exception, match="not found"):
        run_check(CheckOptions(schema=broken, db=shop.url), prepare=lambda: events.append("prepared"))
    assert events == []


def test_keep_is_handed_the_syntax_tree_instead_of_the_check_freeing_it(shop) -> None:
    """The CLI ends its process right after a check: the syntax tree is handed to `keep` (freed by the process's
    end) rather than freed object by object at the end of the check."""
    from drift.check import CheckOptions, run_check
    from drift.prisma.ast import Schema

    kept: list[object] = []
    result = run_check(CheckOptions(schema=SCHEMA, db=shop.url, keep=kept.append))
    assert not result.report.findings
    assert len(kept) == 1 and isinstance(kept[0], Schema) and kept[0].models


def test_the_trace_hears_each_stage_with_the_process_age(shop) -> None:
    """DRIFT_DEBUG=1's stages: the reader's start, the lowering, the read, the comparison, in that order, each at an
    age that never goes back."""
    import re

    from drift.check import CheckOptions, run_check

    heard: list[str] = []
    run_check(CheckOptions(schema=SCHEMA, db=shop.url, trace=heard.append))
    stages = [re.fullmatch(r"(.+) at (\d+\.\d{3}) s", line) for line in heard]
    assert all(stages), heard
    assert [stage[1] for stage in stages] == [
        "reader started",
        "schema.prisma lowered",
        "database schema read",
        "compared",
    ]
    ages = [float(stage[2]) for stage in stages]
    assert ages == sorted(ages) and ages[0] > 0


def test_the_renderer_of_each_format_can_be_loaded_ahead() -> None:
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from drift.emit.reports import ReportFormat, load_renderer\n"
        "for name in sys.argv[1:]:\n"
        "    load_renderer(name)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('drift.emit.') or m == 'rich.console')))\n"
    )
    formats = ["text", "json", "markdown", "sarif", "github", "no-such-format"]  # the last is left to render_report
    done = subprocess.run([sys.executable, "-c", program, *formats], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert {"drift.emit.text", "drift.emit.json_report", "drift.emit.markdown", "drift.emit.sarif",
            "drift.emit.github", "rich.console"} <= loaded


def test_a_datasource_listing_one_schema_gets_suggested_models_with_their_schema(database, tmp_path: Path) -> None:
    # `schemas = ["public"]` alone still makes Prisma want @@schema on every model and enum (checked with the
    # prisma-oracle's validate: 'This model is missing an `@@schema` attribute').
    database.load('CREATE TABLE "Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));'
                  'CREATE TABLE "extra" ("id" INTEGER NOT NULL, CONSTRAINT "extra_pkey" PRIMARY KEY ("id"));')
    schema = tmp_path / "schema.prisma"
    schema.write_text(MULTI_SCHEMA_PRISMA.replace('["app"]', '["public"]').replace('"app"', '"public"'))
    result = run("check", "--schema", str(schema), "--db", database.url, "--format", "json")
    assert result.exit_code == 0, all_output(result)  # an extra table is a warning
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["kind"] == "extra_table"
    assert '  @@schema("public")' in finding["fix"]["prisma"].splitlines()


DOTENV_PRISMA = """datasource db {
  provider  = "postgresql"
  url       = env("POSTGRES_PRISMA_URL")
  directUrl = env("POSTGRES_URL_NON_POOLING")
}

model Thing {
  id Int @id
}
"""


def test_without_a_source_the_datasource_url_is_read_where_prisma_reads_it(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --db: the datasource's directUrl (url may be a pooler), from the environment or a .env file in the
    schema's folder or the project root, as Prisma's CLI finds it; the environment wins over .env."""
    database.load('CREATE TABLE "Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));')
    (tmp_path / "prisma").mkdir()
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.write_text(DOTENV_PRISMA)
    unreachable = f"postgresql://drift:{PASSWORD}@127.0.0.1:{closed_port()}/x"
    (tmp_path / "prisma" / ".env").write_text(
        f'# pooled, for the app\nPOSTGRES_PRISMA_URL="{unreachable}"\nexport POSTGRES_URL_NON_POOLING={database.url}\n'
    )
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json")
    assert result.exit_code == 0, all_output(result)
    assert json.loads(result.stdout)["findings"] == []
    # The environment wins over .env, as with Prisma; the password never shows.
    result = run("check", "--format", "json", env={"POSTGRES_URL_NON_POOLING": unreachable})
    assert result.exit_code == 3, all_output(result)
    assert PASSWORD not in all_output(result)
    # A variable set nowhere is named.
    (tmp_path / "prisma" / ".env").write_text("")
    result = run("check")
    assert result.exit_code == 2
    assert "reads the URL from POSTGRES_URL_NON_POOLING, which is neither set nor in a .env file" in result.stderr


def test_an_accelerate_database_url_gives_way_to_the_direct_url(database, tmp_path: Path, monkeypatch) -> None:
    # The usual Accelerate set-up: url = env("DATABASE_URL") is prisma://..., directUrl = env("DIRECT_URL").
    database.load('CREATE TABLE "Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));')
    (tmp_path / "schema.prisma").write_text(
        DOTENV_PRISMA.replace("POSTGRES_PRISMA_URL", "DATABASE_URL").replace("POSTGRES_URL_NON_POOLING", "DIRECT_URL")
    )
    monkeypatch.chdir(tmp_path)
    accelerate = "prisma://accelerate.prisma-data.net/?api_key=secret"
    result = run("check", "--format", "json", env={"DATABASE_URL": accelerate, "DIRECT_URL": database.url})
    assert result.exit_code == 0, all_output(result)


def test_an_accelerate_url_without_direct_url_is_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "schema.prisma").write_text(
        DOTENV_PRISMA.replace('  directUrl = env("POSTGRES_URL_NON_POOLING")\n', "").replace(
            'env("POSTGRES_PRISMA_URL")', '"prisma://accelerate.prisma-data.net/?api_key=secret"'
        )
    )
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "Prisma Accelerate URL" in result.stderr and "secret" not in all_output(result)


def test_the_urls_schema_parameter_is_where_the_models_are(database, tmp_path: Path, monkeypatch) -> None:
    """Without `schemas` in the datasource, Prisma puts every model in the connection URL's `?schema=` (public when
    it has none): the URL drift reads through says where the tables must be, from --db or from the environment."""
    database.load('CREATE SCHEMA app; CREATE TABLE app."Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" '
                  'PRIMARY KEY ("id"));')
    schema = tmp_path / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'
                      "model Thing {\n  id Int @id\n}\n")
    separator = "&" if "?" in database.url else "?"
    url = f"{database.url}{separator}schema=app"
    monkeypatch.chdir(tmp_path)
    for arguments, env in ((["--db", url], {}), ([], {"DATABASE_URL": url})):
        result = run("check", "--schema", str(schema), "--format", "json", *arguments, env=env)
        assert result.exit_code == 0, all_output(result)
        assert json.loads(result.stdout)["findings"] == []
    # Without the parameter the model's table is expected in public, and found in app.
    result = run("check", "--schema", str(schema), "--db", database.url, "--format", "json")
    assert [f["kind"] for f in json.loads(result.stdout)["findings"]] == ["missing_table"]


PRISMA_7_CONFIG = """import "dotenv/config";
import path from "node:path";
import { defineConfig, env } from "prisma/config";

// Prisma 7: the URL lives here, not in schema.prisma.
export default defineConfig({
  schema: path.join("db", "schema.prisma"),
  migrations: { path: "db/migrations" },
  datasource: {
    url: env("APP_DATABASE_URL"),
  },
});
"""


def test_prisma_config_ts_says_where_the_schema_and_the_database_are(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.load('CREATE TABLE "Thing" ("id" INTEGER NOT NULL, CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));')
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "schema.prisma").write_text('datasource db {\n  provider = "postgresql"\n}\n\n'
                                                   "model Thing {\n  id Int @id\n}\n")
    (tmp_path / "prisma.config.ts").write_text(PRISMA_7_CONFIG)
    (tmp_path / ".env").write_text(f"APP_DATABASE_URL={database.url}\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json")
    assert result.exit_code == 0, all_output(result)
    assert json.loads(result.stdout)["findings"] == []
    (tmp_path / ".env").write_text("")
    result = run("check")
    assert result.exit_code == 2
    assert "prisma.config.ts reads the URL from APP_DATABASE_URL, which is neither set nor in a .env file" in (
        result.stderr
    )


def test_github_format_appends_the_report_to_the_job_summary(shop, tmp_path: Path) -> None:
    """The CLI writes GitHub's job summary (the renderer only says that it was written)."""
    shop.load('ALTER TABLE "orders" DROP COLUMN "note";')
    summary = tmp_path / "summary.md"
    result = run("check", "--schema", str(SCHEMA), "--db", shop.url, "--format", "github",
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, all_output(result)
    assert "missing_column" in summary.read_text(encoding="utf-8") and "::error " in result.stdout
