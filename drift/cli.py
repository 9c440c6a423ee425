"""The command line (typer). With drift/commands.py, the only code that prints and picks exit codes; commands are
thin and call the library. The console script (drift/entry.py) runs a plain `drift check` itself, through the same
drift.commands.check_command, and hands every other command line to `main` here.

Heavy imports (psycopg, lark, the pipeline) happen inside the commands so that `drift --help` stays fast.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from drift import __version__
from drift.commands import check_command, emit_check, leave, prepare_process, redact, report_failure
from drift.errors import EXIT_OK, BadInput, DriftError

__all__ = ["app", "main", "redact"]

app = typer.Typer(
    name="drift",
    help="Reconcile schema.prisma with the PostgreSQL database it describes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"drift {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """drift: where schema.prisma and PostgreSQL disagree, and how to fix either side."""


def fail(error: DriftError) -> "typer.Exit":
    """Print a domain error on stderr and return the exit to raise."""
    typer.echo(f"error: {error}" if "\n" not in str(error) else str(error), err=True)
    return typer.Exit(error.exit_code)


# ------------------------------------------------------------------------------------------------ check and demo


class OutputFormat(str, enum.Enum):
    # Mirrors drift.emit.reports.ReportFormat, kept here so that `--help` imports nothing heavy.
    text = "text"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    github = "github"


class FailLevel(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


# The database-side options `check` and `snapshot` share.
DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        help="PostgreSQL URL (default: `check` reads the one schema.prisma's datasource names, from the environment "
        "or a .env file; `snapshot` reads $DATABASE_URL).",
    ),
]
SqlOption = Annotated[
    Optional[Path], typer.Option("--sql", help="A schema-only SQL dump, replayed into a throwaway server.")
]
MigrationsOption = Annotated[
    Optional[Path], typer.Option("--migrations", help="A Prisma migrations folder, replayed in order.")
]
ShadowUrlOption = Annotated[
    Optional[str],
    typer.Option("--shadow-url", envvar="DRIFT_SHADOW_URL", help="A server of your own for --sql / --migrations."),
]


@app.command()
def check(
    schema: Annotated[
        Optional[Path], typer.Option("--schema", help="schema.prisma, or a folder of .prisma files.")
    ] = None,
    db: DbOption = None,
    sql: SqlOption = None,
    migrations: MigrationsOption = None,
    snapshot: Annotated[
        Optional[Path], typer.Option("--snapshot", help="A JSON snapshot from `drift snapshot`.")
    ] = None,
    shadow_url: ShadowUrlOption = None,
    schema_name: Annotated[
        Optional[list[str]],
        typer.Option("--schema-name", help="PostgreSQL schema to read (repeatable; default: the datasource's)."),
    ] = None,
    report_format: Annotated[OutputFormat, typer.Option("--format", help="Report format.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    fail_on: Annotated[
        Optional[FailLevel], typer.Option("--fail-on", help="Lowest severity that fails (default: error).")
    ] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="drift.toml or pyproject.toml to use.")] = None,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Accept the findings recorded in FILE.")
    ] = None,
    write_baseline: Annotated[
        Optional[Path], typer.Option("--write-baseline", help="Record the current findings in FILE.")
    ] = None,
) -> None:
    """Where schema.prisma and the database disagree. Exit 0: nothing at or above --fail-on; 1: drift;
    2: bad input or usage; 3: the database cannot be reached."""
    # The console entry point runs most `drift check` command lines itself, without typer (drift/entry.py); this
    # is the same call, for the command lines it leaves to typer and for `python -m drift.cli`.
    raise typer.Exit(
        check_command(
            schema=schema,
            db=db,
            sql=sql,
            migrations=migrations,
            snapshot=snapshot,
            shadow_url=shadow_url,
            schema_names=tuple(schema_name or ()),
            report_format=report_format.value,
            output=output,
            fail_on=fail_on.value if fail_on else None,
            config=config,
            baseline=baseline,
            write_baseline=write_baseline,
        )
    )


def _mpanel_fixture() -> Path:
    """fixtures/mpanel: beside the package in a checkout, inside it if a build ships it, else in the working
    directory or one of its parents (a wheel installed from a checkout, run from inside that checkout)."""
    package = Path(__file__).resolve().parent
    candidates = [package.parent / "fixtures" / "mpanel", package / "fixtures" / "mpanel"]
    candidates += [folder / "fixtures" / "mpanel" for folder in (Path.cwd(), *Path.cwd().parents)]
    for folder in candidates:
        if (folder / "schema.prisma").is_file() and (folder / "production.sql").is_file():
            return folder
    raise BadInput(
        "drift demo needs fixtures/mpanel from the drift repository: run it inside a checkout of the repository."
    )


@app.command()
def demo(
    report_format: Annotated[OutputFormat, typer.Option("--format", help="Report format.")] = OutputFormat.text,
    fail_on: Annotated[
        Optional[FailLevel], typer.Option("--fail-on", help="Lowest severity that fails (default: error).")
    ] = None,
) -> None:
    """drift check on the bundled example, in a throwaway PostgreSQL.

    Loads fixtures/mpanel/production.sql into an embedded server, checks fixtures/mpanel/schema.prisma against it
    and removes the server. Exits with the check's code: 1, because the example has drift on purpose."""
    from drift.check import CheckOptions, run_check
    from drift.diff.findings import Severity

    try:
        folder = _mpanel_fixture()
        repository = folder.parent.parent  # report paths read fixtures/mpanel/schema.prisma
        typer.echo("starting a throwaway PostgreSQL and loading fixtures/mpanel/production.sql ...", err=True)
        # The same path as `drift check --sql`: the dump is replayed into a throwaway server, which is removed.
        options = CheckOptions(
            schema=folder / "schema.prisma",
            sql=folder / "production.sql",
            fail_on=Severity(fail_on.value) if fail_on else None,
            config=None,
            cwd=repository,
        )
        result = run_check(options)
        exit_code = emit_check(result, report_format.value, None, repository)
    except Exception as error:  # noqa: BLE001 - the edge
        raise typer.Exit(report_failure(error)) from None
    raise typer.Exit(exit_code)


# ------------------------------------------------------------------------------------------------------- snapshot

@app.command()
def snapshot(
    output: Annotated[Path, typer.Option("--output", "-o", help="Write the JSON snapshot to FILE.")],
    db: DbOption = None,
    sql: SqlOption = None,
    migrations: MigrationsOption = None,
    shadow_url: ShadowUrlOption = None,
    schema_name: Annotated[
        Optional[list[str]],
        typer.Option("--schema-name", help="PostgreSQL schema to read (repeatable; default: public)."),
    ] = None,
) -> None:
    """Write the database's description as JSON, for `drift check --snapshot` without credentials."""
    from drift.postgres.urls import prisma_schema_parameter
    from drift.sources.load import load_actual_schema
    from drift.sources.snapshot import write_snapshot

    try:
        if db is None and sql is None and migrations is None:
            # As `check` finds it: prisma.config.ts's datasource, else DATABASE_URL (the environment, else .env).
            from drift.sources.locate import database_url
            from drift.sources.prisma_config import read_prisma_config

            cwd = Path.cwd()
            sources = "--db URL, --sql FILE or --migrations DIR"
            db = database_url(read_prisma_config(cwd), None, None, cwd, sources=sources)
        # Without --schema-name: the `?schema=` of a Prisma connection URL, else public.
        default_schema = prisma_schema_parameter(db) if db else None
        schema = load_actual_schema(
            db=db,
            sql=sql,
            migrations=migrations,
            schemas=tuple(schema_name or (default_schema or "public",)),
            shadow_url=shadow_url,
        )
        write_snapshot(schema, output)
    except Exception as error:  # noqa: BLE001 - the edge: every failure becomes a message and an exit code
        raise typer.Exit(report_failure(error, db, shadow_url, os.environ.get("DATABASE_URL"))) from None
    counts = f"{len(schema.tables)} tables, {len(schema.enums)} enums and {len(schema.views)} views"
    typer.echo(f"wrote {counts} to {output}.", err=True)


@app.command("parse")
def parse_command(
    schema: Annotated[Path, typer.Argument(help="A schema.prisma file or a folder of .prisma files.")],
    output_format: Annotated[
        str, typer.Option("--format", help="json (the syntax tree) or text (an outline).")
    ] = "text",
) -> None:
    """Parse a Prisma schema and print its syntax tree; syntax errors go to stderr (exit 2)."""
    from drift.prisma.formatting import describe_schema
    from drift.prisma.parse import parse_schema_path

    if output_format not in ("json", "text"):
        raise fail(DriftError(f'Unknown format "{output_format}"; use json or text.'))
    try:
        parsed = parse_schema_path(schema)
    except DriftError as error:
        raise fail(error) from None
    typer.echo(parsed.model_dump_json(indent=2) if output_format == "json" else describe_schema(parsed))


@app.command("format")
def format_command(
    schema: Annotated[Path, typer.Argument(help="A schema.prisma file or a folder of .prisma files.")],
    check_only: Annotated[
        bool, typer.Option("--check", help="Exit 1 and name the files that are not formatted.")
    ] = False,
    write: Annotated[bool, typer.Option("--write", help="Rewrite the files in place.")] = False,
) -> None:
    """Format a Prisma schema exactly as `prisma format` does (prints it unless --check or --write)."""
    from drift.prisma.formatting import format_schema_path

    try:
        results = format_schema_path(schema)
    except DriftError as error:
        raise fail(error) from None
    changed = [file for file, original, formatted in results if original != formatted]
    if check_only:
        for file in changed:
            typer.echo(f"not formatted: {file}", err=True)
        raise typer.Exit(1 if changed else 0)
    if write:
        for file, original, formatted in results:
            if original != formatted:
                Path(file).write_text(formatted, encoding="utf-8")
                typer.echo(f"formatted {file}", err=True)
        return
    for file, _, formatted in results:
        if len(results) > 1:
            typer.echo(f"// file: {file}")
        typer.echo(formatted, nl=False)


def main() -> None:
    """The command line through typer (`python -m drift.cli`; the console script is drift.entry.main)."""
    prepare_process()
    try:
        app()  # click's standalone mode: always ends with SystemExit
        status: object = EXIT_OK
    except SystemExit as exit:
        status = exit.code
    except KeyboardInterrupt:
        typer.echo("interrupted.", err=True)
        status = 130
    except Exception as error:  # noqa: BLE001 - a command's failure (an output that cannot be written): no traceback
        status = report_failure(error)
    leave(status)


if __name__ == "__main__":
    main()
