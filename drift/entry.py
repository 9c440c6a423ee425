"""The `drift` console script.

`drift check` is what CI runs on every pull request, so its start-up counts: a plain, well-formed `drift check`
command line is read here, from the table below, and run without importing typer (typer, click and the pydantic
adapters typer builds for each parameter cost about 0.08 s, a quarter of a small check). Everything else — other
commands, --help, anything unusual or wrong in the command line — goes to the typer application (drift/cli.py),
which also owns the help texts and every usage error. tests/cli/test_entry.py checks that this table matches the
typer command and that both read the same command lines into the same options.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# `drift check` options: option -> (parameter of drift.commands.check_command, how its value is read).
# "str" and "path" take one value; "names" may repeat (each adds one); a tuple is the allowed values.
CHECK_OPTIONS: dict[str, tuple[str, object]] = {
    "--schema": ("schema", "path"),
    "--db": ("db", "str"),
    "--sql": ("sql", "path"),
    "--migrations": ("migrations", "path"),
    "--snapshot": ("snapshot", "path"),
    "--shadow-url": ("shadow_url", "str"),
    "--schema-name": ("schema_names", "names"),
    "--format": ("report_format", ("text", "json", "markdown", "sarif", "github")),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--fail-on": ("fail_on", ("error", "warning", "info")),
    "--config": ("config", "path"),
    "--baseline": ("baseline", "path"),
    "--write-baseline": ("write_baseline", "path"),
}
# Options of `check` that read an environment variable when absent (the fast path leaves those runs to typer).
CHECK_ENVIRONMENT = ("DRIFT_SHADOW_URL",)


def read_check_arguments(arguments: list[str]) -> dict[str, object] | None:
    """The keyword arguments of `check_command` for the arguments after `check`, or None when typer should read
    them: an unknown or repeated option, a missing, empty or dash-leading value, a value outside its choices, an
    argument that is not an option, or an environment variable the command reads."""
    if any(name in os.environ for name in CHECK_ENVIRONMENT):
        return None
    values: dict[str, object] = {}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        option, equals, value = argument.partition("=")
        if not equals:
            if position + 1 >= len(arguments):
                return None
            value = arguments[position + 1]
            position += 2
        else:
            position += 1
        known = CHECK_OPTIONS.get(option)
        if known is None or not value or value.startswith("-") or (equals and not option.startswith("--")):
            return None
        parameter, kind = known
        if kind == "names":
            values[parameter] = (*values.get(parameter, ()), value)  # type: ignore[misc]
            continue
        if parameter in values or (isinstance(kind, tuple) and value not in kind):
            return None
        values[parameter] = Path(value) if kind == "path" else value
    return values


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["check"]:
        options = read_check_arguments(arguments[1:])
        if options is not None:
            from drift.commands import check_command, echo, leave, prepare_process

            prepare_process()
            try:
                status = check_command(**options)  # type: ignore[arg-type]
            except KeyboardInterrupt:
                echo("interrupted.", err=True)
                status = 130
            leave(status)
    from drift.cli import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
