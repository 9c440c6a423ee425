"""Run one call beside the main work: in a forked child process on Linux, else on a thread.

`drift check` reads a live database while it parses schema.prisma. On a thread the two share one interpreter lock,
so only the time spent waiting on the server overlaps; importing psycopg and building the DatabaseSchema would still
queue behind the parse. A forked child runs on another core: it imports psycopg, reads the catalog, builds the
schema and hands it back pickled through a pipe, while the parent parses. Fork is used only on Linux (macOS system
libraries are not fork-safe without exec); the child opens its own connection, nothing of the parent's is shared.

The child never outlives the parent: it asks the kernel for SIGKILL when the parent dies, the parent kills it when it
no longer needs the answer (`cancel`), and it leaves with `os._exit` so that no exit handler, buffered output or
temporary-folder cleanup of the parent runs twice.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Protocol

_PR_SET_PDEATHSIG = 1


class Pending(Protocol):
    def result(self) -> Any: ...

    def ready(self) -> bool: ...

    def cancel(self) -> None: ...


def start(function: Callable[..., Any], *args: Any) -> Pending:
    """`function(*args)` in a child process where fork is safe and cheap, else on a daemon thread."""
    if sys.platform.startswith("linux") and not os.environ.get("DRIFT_NO_FORK"):
        return InChildProcess(function, *args)
    return InThread(function, *args)


def set_parent_death_signal(signal_number: int) -> None:
    """Linux: deliver `signal_number` to this process when its parent dies (even by SIGKILL). Elsewhere: nothing.
    ctypes is imported here, in the child that asks (a forked reader imports it with psycopg anyway): `drift check`
    forks its reader after importing this module, and what it imports before the fork delays both processes. A
    caller that may run this after switching to a user who cannot read the standard library imports ctypes first
    (drift.sources.embedded)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal_number, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def kill_child(pid: int) -> None:
    """SIGKILL a child process (gone already: nothing to do)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def wait_child(pid: int) -> int | None:
    """Wait for a child process to end, so that it leaves no zombie; its wait status (None if it was reaped
    already)."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


class InThread:
    """A call on a daemon thread (a pool's worker would hold up exit while a dead host times out)."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._value = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(function, *args), daemon=True)
        self._thread.start()

    def _run(self, function: Callable[..., Any], *args: Any) -> None:
        try:
            self._value = function(*args)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread by result()
            self._error = error

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    def ready(self) -> bool:
        """Whether `result()` will not wait."""
        return not self._thread.is_alive()

    def cancel(self) -> None:
        """A thread cannot be stopped; it is a daemon, so it never holds up the exit."""


class ChildFailed(RuntimeError):
    """The child raised something that cannot be sent back as it is; the message names its type."""


class InChildProcess:
    """A call in a forked child; `result()` returns its value or raises its exception in the parent."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(read_end)
            _serve(write_end, function, args)
        os.close(write_end)
        self._pipe = os.fdopen(read_end, "rb")
        self._data: bytes | None = None
        self._payload: bytes | None = None
        self._done = False

    def ready(self) -> bool:
        """Whether the child has begun to answer (it writes its whole answer at the end), so `raw()` and `result()`
        will not wait for the database."""
        if self._data is not None or self._done:
            return True
        import select

        return bool(select.select([self._pipe], [], [], 0)[0])

    def raw(self) -> bytes | None:
        """The child's answer as `drift.model.transfer` wrote it (("value", v) with v a model object), waiting for it
        the first time; None when the child sent something else (a plain pickle, see `_pickled`). `result()` gives
        what it holds."""
        data = self._answer()
        if self._payload is None and data[:1] == _TRANSFER:
            self._payload = data[1:]  # kept: the sharded lowering hands the same bytes on
        return self._payload

    def result(self) -> Any:
        data = self._answer()
        if not data:
            raise ChildFailed("the background reader stopped without an answer")
        if data[:1] == _TRANSFER:
            from drift.model import transfer

            outcome, value = transfer.loads(data[1:])
        else:
            import pickle

            outcome, value = pickle.loads(data[1:])
        if outcome == "error":
            raise value
        return value

    def _answer(self) -> bytes:
        if self._data is None:
            try:
                self._data = self._pipe.read()
            except BaseException:
                self.cancel()
                raise
            self._finish()
        return self._data

    def cancel(self) -> None:
        if not self._done:
            kill_child(self._pid)
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._pipe.close()
        wait_child(self._pid)

    def __del__(self) -> None:
        self.cancel()


def _serve(write_end: int, function: Callable[..., Any], args: tuple) -> None:
    """In the child: run the call, write the pickled outcome, leave without running the parent's exit handlers."""
    status = 1
    try:
        set_parent_death_signal(signal.SIGKILL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it; the child just stops
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            payload = _pickled(("value", function(*args)))
        except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it
            payload = _pickled(("error", error))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        status = 0
    except BaseException:  # noqa: BLE001 - a broken pipe (the parent is gone) or a signal: nothing to tell anyone
        pass
    finally:
        os._exit(status)


def _pickled(outcome: tuple[str, Any]) -> bytes:
    """The outcome as bytes, after a byte that says how: drift.model.transfer (pickle, with schema objects sent faster
    than pydantic's own pickling: the database schema of a 5,000-table database in about half the time to write and
    to read) for a model object, else a plain pickle (so that a child forked before the model classes were imported,
    whose answer holds none, need not import them to answer, and `raw()` hands on only a model's bytes)."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(outcome[1], pydantic.BaseModel):
        from drift.model import transfer

        encode, how = transfer.dumps, _TRANSFER
    else:
        encode, how = _plain_pickle, _PLAIN
    try:
        return how + encode(outcome)
    except Exception as problem:  # noqa: BLE001 - an exception (or value) that does not pickle
        kind, value = outcome
        described = value if kind == "error" else problem
        error = ChildFailed(f"{type(described).__name__}: {described}")
        return how + encode(("error", error))


_TRANSFER, _PLAIN = b"T", b"P"


def _plain_pickle(value: Any) -> bytes:
    import pickle  # in the child, when it answers: imported before the fork, it would delay both processes

    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
