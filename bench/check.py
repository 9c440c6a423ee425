"""End-to-end `drift check` against Prisma's own diff, on synthetic multi-tenant schemas of 100, 1,000 and 5,000 models.

For each size: write the schema and its SQL (bench/synthetic.py), load the SQL into a database of a throwaway server,
then time whole processes, startup included, each against the same schema and the same database:

    drift check --schema S --db URL --format json        (expected: exit 0, no findings)
    oracle diff S URL                                     (Prisma's engine; expected: empty output)

Wall time is the best of `--repeat` runs (the two tools take turns); peak memory is the child's maximum resident set
size and CPU time its user + system time, its own and its reaped children's (both from `wait4`), in the fastest run.
The Prisma column is skipped, with a note, when node or the oracle is absent.

    python bench/check.py                          # 100, 1000, 5000 models, best of 3
    python bench/check.py --sizes 100 1000 --repeat 5
    python bench/check.py --url postgresql://...   # use your own server (databases are created and dropped there)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import oracle_command, write_synthetic

# The whole product's target (issue 6): at least 3x faster than Prisma's engine, with no more memory.
TARGET_SPEEDUP = 3.0


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, the process's and its reaped children's (drift's forked reader and shard)
    peak_mib: float
    exit_code: int
    stdout: str
    stderr: str


def run_measured(command: list[str], cwd: Path | None = None) -> Run:
    """Run a whole process (in `cwd`, if given); wall time and the peak resident memory of that process alone (not of
    earlier children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # keeps Popen from waiting again
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux.
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, out.read().decode(), err.read().decode())


def best_of(commands: list[list[str]], repeat: int, cwd: Path | None = None) -> list[Run]:
    """Best run of each command (each run in `cwd`, if given); the commands take turns so that a change in machine
    load hits them alike."""
    runs: list[list[Run]] = [[] for _ in commands]
    for _ in range(max(1, repeat)):
        for command, kept in zip(commands, runs):
            kept.append(run_measured(command, cwd))
    best = []
    for kept in runs:
        fastest = min(kept, key=lambda run: run.seconds)
        fastest.peak_mib = max(run.peak_mib for run in kept)
        best.append(fastest)
    return best


def drift_command() -> list[str]:
    """The installed console script when there is one (what users run), else the module."""
    script = Path(sys.executable).with_name("drift")
    return [str(script)] if script.exists() else [sys.executable, "-m", "drift.cli"]


def compile_drift() -> None:
    """Compile drift's modules first, as pip does when it installs a package: an editable install run with
    PYTHONDONTWRITEBYTECODE=1 (some shells and CI images set it) would otherwise compile every changed module again
    on every run, tens of milliseconds that no installed drift spends."""
    import compileall

    import drift

    compileall.compile_dir(Path(drift.__file__).parent, quiet=1)


def count_findings(run: Run) -> str:
    try:
        report = json.loads(run.stdout)
        return str(len(report.get("findings", [])))
    except (json.JSONDecodeError, AttributeError):
        return "?"


def load(url: str, sql: Path) -> float:
    import psycopg

    from drift.sources.sqlscript import run_script

    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as connection:
        run_script(connection, sql.read_text(), str(sql))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and size; the best time is kept")
    parser.add_argument(
        "--url", help="a PostgreSQL server to use instead of a throwaway one (its postgres database URL)"
    )
    parser.add_argument("--no-prisma", action="store_true", help="skip Prisma's engine")
    arguments = parser.parse_args()

    oracle = None if arguments.no_prisma else oracle_command()
    drift = drift_command()
    compile_drift()
    notes: list[str] = []
    if oracle is None:
        notes.append(
            "Prisma column skipped: " + ("--no-prisma." if arguments.no_prisma else "node or the oracle is absent.")
        )

    server = None
    if arguments.url:
        import psycopg

        admin_url = arguments.url

        def database_url(name: str) -> str:
            # The URL's database (its path) replaced; the user may well be called postgres too.
            from urllib.parse import urlsplit, urlunsplit

            return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))

        def create(name: str) -> None:
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}"')

        def drop(name: str) -> None:
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        from drift.sources.embedded import start_embedded_server

        server = start_embedded_server()
        database_url, drop = server.url, server.drop_database

        def create(name: str) -> None:
            server.create_database(name)

    header = (
        f"{'models':>6}  {'MB':>5}  {'load s':>6}  {'drift s':>8}  {'cpu s':>6}  {'MiB':>5}  {'exit':>4}"
        f"  {'findings':>8}"
        f"  {'prisma s':>8}  {'cpu s':>6}  {'MiB':>5}  {'diff':>6}  {'speed-up':>8}  {'memory':>6}  target"
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"drift: {' '.join(drift)}; best of {arguments.repeat}; {cores} cores; cpu s is user + system time of the"
        " fastest run (children included, the database server not); peak memory is the maximum over the runs"
    )
    print(header)
    failed = False
    workspace = Path(tempfile.mkdtemp(prefix="drift-bench-check-"))
    try:
        for size in arguments.sizes:
            schema, sql = write_synthetic(size, workspace / str(size))
            name = f"bench_check_{size}"
            create(name)
            url = database_url(name)
            load_seconds = load(url, sql)

            commands = [drift + ["check", "--schema", str(schema), "--db", url, "--format", "json"]]
            if oracle is not None:
                commands.append(oracle + ["diff", str(schema), url])
            # Both tools run in the synthetic project's folder, as in a user's project: not in this repository, whose
            # own pyproject.toml drift would read as its configuration (about 10 ms that a Prisma project does not
            # pay).
            drift_run, *prisma_runs = best_of(commands, arguments.repeat, cwd=schema.parent)
            if drift_run.exit_code not in (0, 1):
                notes.append(f"{size}: drift check exited {drift_run.exit_code}: {drift_run.stderr.strip()[:300]}")
            elif drift_run.exit_code == 1:
                notes.append(f"{size}: drift check reported drift on a matching database (false positives).")
            line = (
                f"{size:>6}  {schema.stat().st_size / 1e6:>5.2f}  {load_seconds:>6.1f}  {drift_run.seconds:>8.3f}"
                f"  {drift_run.cpu_seconds:>6.2f}  {drift_run.peak_mib:>5.0f}  {drift_run.exit_code:>4}"
                f"  {count_findings(drift_run):>8}"
            )
            if oracle is not None:
                prisma_run = prisma_runs[0]
                verdict = "empty" if prisma_run.exit_code == 0 and not prisma_run.stdout.strip() else "DRIFT"
                if verdict != "empty":
                    notes.append(
                        f"{size}: Prisma sees drift or failed (exit {prisma_run.exit_code}): the inputs are wrong."
                    )
                speedup = prisma_run.seconds / drift_run.seconds
                memory = drift_run.peak_mib / prisma_run.peak_mib
                met = speedup >= TARGET_SPEEDUP and memory <= 1.0 and drift_run.exit_code == 0
                failed |= not met
                line += (
                    f"  {prisma_run.seconds:>8.3f}  {prisma_run.cpu_seconds:>6.2f}  {prisma_run.peak_mib:>5.0f}"
                    f"  {verdict:>6}  {speedup:>7.2f}x"
                    f"  {memory:>5.2f}x  {'met' if met else 'MISSED'} (>= {TARGET_SPEEDUP:.0f}x faster, <= 1x memory)"
                )
            print(line, flush=True)
            drop(name)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
        if server is not None:
            server.stop()
    for note in notes:
        print(f"note: {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
