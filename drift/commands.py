"""What `drift check` and `drift demo` do once their options are known: run, report, pick the exit code.

Shared by the typer command line (drift/cli.py) and the console entry point's fast path for `drift check`
(drift/entry.py), so nothing here imports typer: output goes straight to sys.stdout and sys.stderr, and failures
come back as exit codes, never as tracebacks or passwords.
"""

from __future__ import annotations

import atexit
import errno
import gc
import os
import sys
from pathlib import Path
from typing import NoReturn

from drift.errors import EXIT_BAD_INPUT, EXIT_DRIFT, EXIT_OK, EXIT_UNREACHABLE, BadInput, DriftError, mask_passwords

# A check's result (both schemas, hundreds of thousands of objects) stays referenced until the process leaves: the
# command's return would otherwise free it one object at a time (0.1-0.15 s at 5,000 models), just before `leave`
# hands the whole memory back at once.
_KEPT_UNTIL_EXIT: list[object] = []
# errno values of a failed write to the output (no space, a broken device or terminal).
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF})



def echo(text: str, err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}\n" if nl else text)
    stream.flush()


def redact(text: str, *urls: str | None) -> str:
    """Mask every password in a message: in URLs, in `password=` settings, and the literal passwords of `urls`."""
    from urllib.parse import unquote, urlsplit

    for url in urls:
        if not url:
            continue
        try:
            password = urlsplit(url).password
        except ValueError:
            password = None
        for secret in {password, unquote(password) if password else None} - {None, ""}:
            text = text.replace(secret, "***")
    return mask_passwords(text)


def wants_color(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _trace(message: str) -> None:
    """DRIFT_DEBUG=1: what a check's stages say (when each ended, a sharded lowering's stage times, why it fell
    back), on stderr."""
    echo(f"drift: {message}", err=True)


def report_failure(error: BaseException, *urls: str | None) -> int:
    """Any failure as one redacted line (or rendered diagnostics) on stderr; returns its exit code."""
    if isinstance(error, DriftError):
        message, exit_code = redact(str(error), *urls), error.exit_code
    elif isinstance(error, OSError) and error.strerror:
        # A file or the output that cannot be read or written (`> /dev/full`, a closed terminal): what and why.
        where = f"{error.filename}: " if error.filename else "cannot write the output: " if error.errno in _WRITE_ERRORS else ""
        message, exit_code = redact(f"{where}{error.strerror}.", *urls), EXIT_BAD_INPUT
    else:
        # A bug below the CLI: still no traceback (and no password), but say what broke; DRIFT_DEBUG=1 shows where.
        if os.environ.get("DRIFT_DEBUG"):
            import traceback

            echo(redact("".join(traceback.format_exception(error)), *urls), err=True)
        message = f"internal error ({type(error).__name__}): {redact(str(error), *urls)}; DRIFT_DEBUG=1 shows where."
        exit_code = EXIT_UNREACHABLE if type(error).__name__ == "OperationalError" else EXIT_BAD_INPUT
    echo(f"error: {message}" if "\n" not in message else message, err=True)
    return exit_code


def emit_check(result, report_format: str, output: Path | None, context_cwd: Path) -> int:
    """Render a check's report to stdout or `output`; the exit code it calls for."""
    from drift.emit.context import ReportContext
    from drift.emit.reports import render_report

    context = ReportContext.for_check(result, context_cwd)
    if report_format == "github":
        context = with_step_summary(result.report, context)
    rendered = render_report(result.report, report_format, context, color=wants_color(output))
    if output is not None:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as error:
            raise BadInput(f"{output}: cannot write the report ({error.strerror}).") from None
        # The log of a CI job still says how it went.
        from drift.emit.summary import summary_line

        echo(f"drift: {summary_line(result.report)}; {report_format} report written to {output}.", err=True)
    else:
        try:
            echo(rendered, nl=False)
        except BrokenPipeError:
            pass  # `drift check | head`: the reader has what it wanted; the exit code still tells how the check went
    if result.baseline_written is not None:
        count = result.baseline_entries
        echo(f"wrote {count} finding{'' if count == 1 else 's'} to the baseline {result.baseline_written}.", err=True)
    return EXIT_DRIFT if result.failed else EXIT_OK


def with_step_summary(report, context, environ=None):
    """For `--format github`: the Markdown report appended to GitHub's job summary when GITHUB_STEP_SUMMARY names a
    file (GitHub sets it in every step); the context then says whether that worked, for the annotations."""
    from dataclasses import replace

    from drift.emit.github import step_summary

    path = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not path:
        return context
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(step_summary(report, context))
    except OSError as error:
        problem = f"GITHUB_STEP_SUMMARY {path}: cannot append the report ({error.strerror})."
        return replace(context, step_summary_problem=problem)
    return replace(context, step_summary_written=True)


def _load_renderer(report_format: str) -> None:
    # Not imported before the check starts: the report modules bring pydantic, which the forked reader would wait for.
    from drift.emit.reports import load_renderer

    load_renderer(report_format)


def check_command(
    *,
    schema: Path | None = None,
    db: str | None = None,
    sql: Path | None = None,
    migrations: Path | None = None,
    snapshot: Path | None = None,
    shadow_url: str | None = None,
    schema_names: tuple[str, ...] = (),
    report_format: str = "text",
    output: Path | None = None,
    fail_on: str | None = None,
    config: Path | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
) -> int:
    """`drift check` with its options parsed: the exit code (0 clean, 1 drift, 2 bad input, 3 unreachable)."""
    from drift.check import CheckOptions, run_check

    if output is not None and write_baseline is not None and _same_file(output, write_baseline):
        return report_failure(BadInput(f"{output}: --output and --write-baseline name the same file."))

    # Without a source, run_check takes the URL from schema.prisma's datasource (the environment, or a .env file).
    kept: list[object] = []  # what the check would free at its end: freed by the process's end instead (`leave`)
    options = CheckOptions(
        schema=schema,
        db=db,
        sql=sql,
        migrations=migrations,
        snapshot=snapshot,
        shadow_url=shadow_url,
        schema_names=schema_names,
        config=config,
        baseline=baseline,
        write_baseline=write_baseline,
        fail_on=fail_on,
        trace=_trace if os.environ.get("DRIFT_DEBUG") else None,
        keep=kept.append,
    )
    try:
        result = run_check(options, prepare=lambda: _load_renderer(report_format))
        _KEPT_UNTIL_EXIT[:] = [result, *kept]  # the last check's only (a test process runs many checks)
        return emit_check(result, report_format, output, Path.cwd())
    except Exception as error:  # noqa: BLE001 - the edge: every failure becomes a message and an exit code
        return report_failure(error, db, shadow_url)


def prepare_process() -> None:
    """Settings for a drift command's process, whichever way it starts (drift.entry, drift.cli)."""
    # A short-lived process that builds large, mostly acyclic trees (AST, models, findings): the cyclic garbage
    # collector would rescan them again and again (half the run time at 1,000 models) and frees little.
    gc.disable()
    # A character the output cannot encode (a lone surrogate read from a file) is escaped, not a crash at the end.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # drift's pydantic models are internal: no third-party pydantic plugin has a use for them, and looking for
    # plugins scans every installed distribution's metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _same_file(left: Path, right: Path) -> bool:
    try:
        return left.resolve() == right.resolve()
    except OSError:
        return False


def leave(status: object) -> NoReturn:
    """End the process without tearing the interpreter down.

    Freeing every object of a large run one by one (the AST, both schemas) takes longer than a small check itself
    (about 0.07 s at 100 models, 0.25 s at 5,000). The exit handlers (the throwaway server's cleanup) still run and
    the output is flushed; a reader that went away (`drift check | head`) is not an error worth a traceback.
    """
    if status is None:
        code = EXIT_OK
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message"): print it, as the interpreter would
        sys.stderr.write(f"{status}\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
