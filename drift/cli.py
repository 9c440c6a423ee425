"""The command line. The only module that prints and picks exit codes; commands are thin and call the library.

Heavy imports (psycopg, lark, the pipeline) happen inside the commands so that `drift --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from drift import __version__
from drift.errors import DriftError

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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
