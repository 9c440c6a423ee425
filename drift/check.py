"""`drift check` as a library call: configuration -> expected schema -> actual schema -> compare -> baseline.

`run_check(options)` returns a `CheckResult`; it prints nothing and picks no exit code (the CLI does both, from
`result.report` and `result.fail_on`). Failures are `DriftError`s: `BadInput` for a bad schema, option, file or
baseline; `DatabaseUnreachable` when the database cannot be reached.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from drift import background
from drift.errors import BadInput

_IMPORTED = time.perf_counter()  # for _age where /proc is not there

# Nothing heavy is imported here: `run_check` starts the database read before pydantic, lark and the pipeline load,
# so that the read (its own imports included) runs beside them (see `_read_early`).
if TYPE_CHECKING:
    from drift.config import DriftConfig
    from drift.diff.findings import DriftReport, Severity
    from drift.model.schema import DatabaseSchema
    from drift.prisma import ExpectedSchema
    from drift.sources.prisma_config import PrismaConfig

# Where a schema.prisma usually lives when neither --schema nor the configuration says.
DEFAULT_SCHEMA_LOCATIONS = (Path("prisma/schema.prisma"), Path("schema.prisma"), Path("prisma/schema"))


@dataclass(frozen=True)
class CheckOptions:
    schema: Path | None = None
    # The database side: exactly one of these.
    db: str | None = None
    sql: Path | None = None
    migrations: Path | None = None
    snapshot: Path | None = None
    # A server of the user's own for replaying --sql / --migrations instead of the embedded one.
    shadow_url: str | None = None
    # PostgreSQL schemas to read; empty means the configuration's, else the datasource's `schemas = [...]`.
    schema_names: tuple[str, ...] = ()
    config: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    # None means the configuration's fail_on (default error); a Severity or its name.
    fail_on: Severity | str | None = None
    cwd: Path = field(default_factory=Path.cwd)
    # Where the check's stages say what they do and how long it took (the CLI's DRIFT_DEBUG=1), if anywhere.
    trace: Callable[[str], None] | None = None
    # Where the check hands what it no longer needs (the syntax tree) instead of freeing it, if anywhere: a caller
    # that ends its process right after (the CLI) keeps it until then, as freeing it one object at a time costs
    # time at the very end of a check, when nothing else runs (about 0.08 s of a 5,000-model check).
    keep: Callable[[object], None] | None = None


@dataclass(frozen=True)
class CheckResult:
    report: DriftReport
    schema_path: Path
    expected: ExpectedSchema
    actual: DatabaseSchema
    config: DriftConfig
    fail_on: Severity
    schema_names: tuple[str, ...]
    baseline_written: Path | None = None
    # How many findings that baseline accepts (all of the check's, before any --baseline was applied).
    baseline_entries: int = 0

    @property
    def failed(self) -> bool:
        return self.report.has_failures(self.fail_on)


def source_count(options: CheckOptions) -> int:
    return sum(value is not None for value in (options.db, options.sql, options.migrations, options.snapshot))


def resolve_schema_path(options: CheckOptions, config: DriftConfig, prisma_config: PrismaConfig | None = None) -> Path:
    """--schema, else the configuration's `schema`, else prisma.config.ts's `schema`, else ./prisma/schema.prisma,
    ./schema.prisma, ./prisma/schema."""
    if options.schema is not None:
        path = options.schema if options.schema.is_absolute() else options.cwd / options.schema
        if not path.exists():
            raise BadInput(f"{options.schema}: schema file not found.")
        return path
    configured = config.schema_file
    if configured is not None:
        path = configured if configured.is_absolute() else options.cwd / configured
        if not path.exists():
            raise BadInput(f"{configured}: schema file not found (from {config.source}).")
        return path
    if prisma_config is not None and prisma_config.schema is not None:
        if not prisma_config.schema.exists():
            raise BadInput(f"{prisma_config.schema}: schema file not found (from {prisma_config.path.name}).")
        return prisma_config.schema
    for candidate in DEFAULT_SCHEMA_LOCATIONS:
        if (options.cwd / candidate).exists():
            return options.cwd / candidate
    raise BadInput(
        "no schema.prisma found in ./prisma/schema.prisma or ./schema.prisma; pass --schema PATH "
        "or set `schema` in [tool.drift]."
    )


def run_check(options: CheckOptions, prepare: Callable[[], object] | None = None) -> CheckResult:
    """The check; `prepare`, if given, is called once schema.prisma is lowered and before the database side is
    awaited: work the caller needs next (the CLI loads its report renderer) done while the reader may still run."""
    if source_count(options) > 1:
        raise BadInput(
            "give exactly one database source: --db URL, --sql FILE, --migrations DIR or --snapshot FILE (or none, "
            "to read the database Prisma's CLI would: prisma.config.ts, the datasource, DATABASE_URL)."
        )
    from drift.config_file import configured_schemas, read_config_table
    from drift.sources.locate import database_url
    from drift.sources.prisma_config import read_prisma_config

    # prisma.config.ts: where Prisma's CLI finds schema.prisma and (Prisma 7) the database URL.
    prisma_config = read_prisma_config(options.cwd)
    early_db = options.db
    if source_count(options) == 0:
        # No source given: the database Prisma's CLI would read (prisma.config.ts, else schema.prisma's datasource,
        # from the environment or a .env file). The datasource is known once schema.prisma is parsed; meanwhile
        # read what prisma.config.ts or DATABASE_URL names, checked then.
        schema = options.schema
        if schema is not None and not schema.is_absolute():
            schema = options.cwd / schema
        early_db = database_url(prisma_config, None, schema, options.cwd, required=False)

    # A live database is read beside everything else, from the start: in a child process it costs the parent
    # nothing. Which schemas to read: --schema-name, else the configuration's `schemas`, else the datasource's,
    # which is not known before schema.prisma is parsed; guess "public" then (nearly always right) and read again
    # if the guess was wrong.
    table, config_file = read_config_table(options.config, options.cwd)
    from drift.postgres.urls import prisma_schema_parameter

    # The URL's `?schema=` is where Prisma puts the models without @@schema (see _check).
    url_schema = prisma_schema_parameter(early_db) if early_db else None
    guess = tuple(options.schema_names or configured_schemas(table) or (url_schema or "public",))
    if early_db is not None:
        introspection = background.start(_read_early, early_db, guess)
        _stage(options, "reader started")
    else:
        introspection = None
    try:
        return _check(options, (table, config_file, prisma_config), (guess, early_db), introspection, prepare)
    finally:
        if introspection is not None:
            introspection.cancel()  # a bad input or another set of schemas: the early read is not needed


def _check(
    options: CheckOptions,
    config_table: tuple[dict | None, Path | None, PrismaConfig | None],
    early: tuple[tuple[str, ...], str | None],
    introspection: background.Pending | None,
    prepare: Callable[[], object] | None = None,
) -> CheckResult:
    from drift.config import default_config, parse_config
    from drift.diff.compare import compare_schemas
    from drift.diff.findings import Severity
    from drift.postgres.urls import prisma_schema_parameter
    from drift.prisma import lower_prisma_schema
    from drift.prisma.parse import parse_schema_path
    from drift.prisma.sharded import start_sharded
    from drift.sources.locate import database_url

    table, config_file, prisma_config = config_table
    early_db = early[1]
    early_read = _EarlyRead(introspection) if introspection is not None else None
    config = parse_config(table, config_file) if table is not None else default_config(config_file)
    schema_path = resolve_schema_path(options, config, prisma_config)
    # A large schema is parsed and lowered by two processes, half of the models each (drift.prisma.sharded).
    likely_url = options.db or early_db
    sharded = start_sharded(
        schema_path, prisma_schema_parameter(likely_url) if likely_url else None, trace=options.trace
    )
    try:
        # Repeated lines share their nodes below fields and attributes (`parse_source`'s `share`): the lowering
        # takes positions only from models, fields and attributes, and a schema error is reported from a parse
        # without sharing.
        parsed = sharded.parse() if sharded is not None else parse_schema_path(schema_path, share=True)
        if source_count(options) == 0:
            datasource = parsed.datasource
            connection = datasource.connection() if datasource is not None else None
            options = replace(options, db=database_url(prisma_config, connection, schema_path, options.cwd))
        # The URL's `?schema=` is where Prisma puts the models without @@schema.
        url_schema = prisma_schema_parameter(options.db) if options.db else None
        if sharded is not None:
            meanwhile = _Meanwhile(early_read, options, config, early) if early_read is not None else None
            expected = sharded.lower(url_schema, meanwhile)
        else:
            try:
                expected = lower_prisma_schema(parsed, url_schema)
            except BadInput:  # said again from a parse without sharing, so that every error is where it is
                expected = lower_prisma_schema(parse_schema_path(schema_path), url_schema)
        _stage(options, "schema.prisma lowered")
        if options.keep is not None:
            options.keep(parsed)
        del parsed  # not kept here: the syntax tree is the largest object of a check
        schema_names = tuple(options.schema_names or config.schemas or expected.schemas)
        if prepare is not None:
            prepare()
        if early_read is not None and _compares_early_read(options, config, expected.schemas, early):
            actual = early_read.result()
        else:
            actual = _load_actual(options, schema_names)
        _stage(options, "database schema read")
        absent = [name for name in options.schema_names if name not in actual.schemas]
        if absent:  # a typo, most likely: everything schema.prisma has would be "missing"
            raise BadInput(f'--schema-name "{absent[0]}": the database has no such schema.')
        # Tables the sharded lowering's halves found alike in the early read, if that is the database compared.
        alike = None
        if sharded is not None and early_read is not None and early_read.actual is actual:
            alike = sharded.alike
        report = compare_schemas(
            expected.database, actual, config, partial_indexes=expected.partial_indexes, alike=alike or frozenset()
        )
        _stage(options, "compared")
    finally:
        if sharded is not None:
            sharded.cancel()  # by now the child has ended on its own, while the comparison ran (see its `lower`)

    written, entries = None, 0
    if options.write_baseline is not None:
        entries = _write_baseline(report, options.write_baseline)
        written = options.write_baseline
    if options.baseline is not None:
        report = _apply_baseline(report, options.baseline)
    return CheckResult(
        report=report,
        schema_path=schema_path,
        expected=expected,
        actual=actual,
        config=config,
        fail_on=Severity(options.fail_on) if options.fail_on else config.fail_on,
        schema_names=tuple(schema_names),
        baseline_written=written,
        baseline_entries=entries,
    )


def _compares_early_read(options: CheckOptions, config: DriftConfig, datasource_schemas: tuple[str, ...],
                         early: tuple[tuple[str, ...], str | None]) -> bool:
    """Whether the database read early (the guessed schemas, the early URL) is the one the check compares."""
    guess, early_db = early
    return tuple(options.schema_names or config.schemas or datasource_schemas) == guess and options.db == early_db


class _EarlyRead:
    """The database read started before schema.prisma was parsed: its outcome (a DatabaseSchema, or the error it
    raised, raised again) once asked for."""

    def __init__(self, pending: background.Pending) -> None:
        self.pending = pending
        self.actual: DatabaseSchema | None = None
        self.error: Exception | None = None

    def raw(self) -> bytes | None:
        """A forked reader's database schema as it came (`drift.model.transfer`), if it has come; None from a thread,
        from a reader still waiting for the database (a slow server: the lowering goes on meanwhile), for a small
        catalog sent as rows (`_read_early`), or when it could not be read (`result()` then raises why)."""
        raw = getattr(self.pending, "raw", None)
        if raw is None or self.error is not None or not self.ready():
            return None
        try:
            return raw()
        except Exception as error:  # noqa: BLE001 - raised where the check asks for the database schema
            self.error = error
            return None

    def ready(self) -> bool:
        """Whether the reader is done (or as good as: writing its answer), so that nothing here waits for it."""
        return self.actual is not None or self.error is not None or self.pending.ready()

    def result(self) -> DatabaseSchema:
        if self.actual is None and self.error is None:
            try:
                answer = self.pending.result()
                if isinstance(answer, _CatalogRows):
                    from drift.postgres.build import build_schema

                    answer = build_schema(answer.rows, answer.schemas)
                self.actual = answer
            except Exception as error:  # noqa: BLE001 - raised again whenever the result is asked for
                self.error = error
        if self.error is not None:
            raise self.error
        return self.actual


class _Meanwhile:
    """What the check does while a sharded lowering's child finishes its half (`drift.prisma.sharded.Meanwhile`):
    hand it the early read's database schema (the reader is usually done by then), for the child to find which of
    its tables are alike in it, and do the same for the parent's half here. The comparison then skips finding out
    again (`compare_schemas`'s `alike`), in the end, when nothing else runs beside it."""

    def __init__(self, early_read: _EarlyRead, options: CheckOptions, config: DriftConfig, early: tuple) -> None:
        self.early_read, self.options, self.config, self.early = early_read, options, config, early
        self.used = False

    def database_bytes(self, resolved) -> bytes | None:
        self.used = _compares_early_read(self.options, self.config, resolved.schemas, self.early)
        return self.early_read.raw() if self.used else None

    def own_half(self, tables: tuple) -> frozenset[tuple[str, str]]:
        if not self.used or not self.early_read.ready():
            return frozenset()
        try:
            actual = self.early_read.result()
        except Exception:  # noqa: BLE001 - raised again where the check asks for the database schema
            return frozenset()
        from drift.diff.compare import alike_tables

        return alike_tables(tables, actual)


def _stage(options: CheckOptions, what: str) -> None:
    """Tell the trace (DRIFT_DEBUG=1) that a stage ended, with the process's age then."""
    if options.trace is not None:
        options.trace(f"{what} at {_age():.3f} s")


def _age() -> float:
    """Seconds since this process started (from /proc, so Python's own start-up counts), else since this module
    was imported."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            started_ticks = int(stat.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/uptime", "rb") as uptime:
            now = float(uptime.read().split()[0])
        return now - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED


# A catalog with more column rows than this is built into a DatabaseSchema by the reader as its rows arrive; a
# smaller one's rows go to the parent as they are (about 1,000 rows, a 100-table database: 5 ms to build there).
BUILD_IN_READER_ABOVE = 3000


class _CatalogRows(NamedTuple):
    """A small catalog's rows as the reader fetched them (drift.postgres.catalog), for the parent to build."""

    schemas: tuple[str, ...]
    rows: dict[str, list[tuple]]


def _read_early(db: str, schemas: tuple[str, ...]) -> DatabaseSchema | _CatalogRows:
    """The early read, in the reader (a child forked before pydantic and the model classes are imported, which the
    parent imports meanwhile: about 0.08 s the child would otherwise wait for). A small catalog comes back as rows,
    which the parent builds in a few milliseconds, so the child never imports pydantic; a large one is built here as
    it arrives (the model classes imported once the column rows say it is large), the parent busy lowering."""
    from drift.postgres.catalog import read_database

    reader = _EarlyRows(schemas)
    read_database(db, schemas, reader.receive)
    return reader.builder.schema() if reader.builder is not None else _CatalogRows(schemas, reader.rows)


class _EarlyRows:
    """The `receive` of the early read: keeps each query's rows until the column rows (the second query) show a large
    catalog, then builds from there on as the rest arrives (`drift.postgres.build.SchemaBuilder`)."""

    def __init__(self, schemas: tuple[str, ...]) -> None:
        self.schemas = tuple(dict.fromkeys(schemas))
        self.rows: dict[str, list[tuple]] = {}
        self.builder = None

    def receive(self, query: str, rows: list[tuple]) -> None:
        if self.builder is not None:
            self.builder.add(query, rows)
            return
        self.rows[query] = rows
        if query == "columns" and len(rows) > BUILD_IN_READER_ABOVE:
            from drift.postgres.build import SchemaBuilder

            self.builder = SchemaBuilder(self.schemas)
            for received, earlier in self.rows.items():
                self.builder.add(received, earlier)
            self.rows = {}


def _load_actual(options: CheckOptions, schema_names: tuple[str, ...]):
    from drift.sources.load import load_actual_schema

    return load_actual_schema(
        db=options.db,
        sql=options.sql,
        migrations=options.migrations,
        snapshot=options.snapshot,
        schemas=schema_names,
        shadow_url=options.shadow_url,
    )


def _write_baseline(report: DriftReport, path: Path) -> int:
    from drift.baseline import write_baseline

    return write_baseline(report, path)


def _apply_baseline(report: DriftReport, path: Path) -> DriftReport:
    from drift.baseline import apply_baseline, load_baseline

    return apply_baseline(report, load_baseline(path))
