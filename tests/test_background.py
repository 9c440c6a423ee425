"""drift.background: a call in a forked child (Linux) or on a thread, its value or its error back in the caller."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from drift import background
from drift.errors import DatabaseUnreachable

KINDS = [background.InThread]
if sys.platform.startswith("linux"):
    KINDS.append(background.InChildProcess)


def _pid_and(value):
    return os.getpid(), value


def _raise_unreachable(message):
    raise DatabaseUnreachable(message)


class _Unpicklable(Exception):
    def __init__(self, message, handle):
        super().__init__(message)
        self.handle = handle

    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raise_unpicklable():
    raise _Unpicklable("lock held", threading.Lock())


@pytest.mark.parametrize("kind", KINDS)
def test_the_value_comes_back(kind):
    pid, value = kind(_pid_and, {"tables": [1, 2, 3]}).result()
    assert value == {"tables": [1, 2, 3]}
    assert (pid != os.getpid()) == (kind is background.InChildProcess)


@pytest.mark.parametrize("kind", KINDS)
def test_a_drift_error_is_raised_in_the_caller_with_its_type(kind):
    with pytest.raises(DatabaseUnreachable, match="cannot connect to db.example:5432"):
        kind(_raise_unreachable, "cannot connect to db.example:5432").result()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_an_error_that_does_not_pickle_still_says_what_it_was():
    with pytest.raises(background.ChildFailed, match="_Unpicklable: lock held"):
        background.InChildProcess(_raise_unpicklable).result()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_cancel_kills_and_reaps_the_child():
    pending = background.InChildProcess(time.sleep, 60)
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pending._pid, os.WNOHANG)  # reaped: no zombie left behind


def test_start_picks_a_child_on_linux_and_a_thread_when_told_not_to_fork(monkeypatch):
    expected = background.InChildProcess if sys.platform.startswith("linux") else background.InThread
    assert isinstance(background.start(_pid_and, 1), expected)
    monkeypatch.setenv("DRIFT_NO_FORK", "1")
    assert isinstance(background.start(_pid_and, 1), background.InThread)


def _after(seconds, value):
    time.sleep(seconds)
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_ready_says_whether_the_result_would_wait(kind):
    pending = kind(_after, 0.5, "late")
    try:
        assert not pending.ready()  # still sleeping: a slow database, which the check does not wait for early
        deadline = time.monotonic() + 10
        while not pending.ready() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert pending.ready()
        assert pending.result() == "late"
        assert pending.ready()  # and stays so
    finally:
        pending.cancel()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a forked child")
def test_a_childs_raw_answer_is_what_result_reads():
    from drift.model import transfer

    pending = background.InChildProcess(_primary_key, "x_pkey")
    raw = pending.raw()
    assert transfer.loads(raw) == ("value", _primary_key("x_pkey"))
    assert pending.raw() is raw  # read once, kept: the sharded lowering hands the same bytes on
    assert pending.result() == _primary_key("x_pkey")
    # An answer that holds no model object goes as a plain pickle: no transfer bytes to hand on.
    other = background.InChildProcess(_pid_and, "x")
    assert other.raw() is None
    pid, value = other.result()
    assert value == "x" and pid != os.getpid()


def _primary_key(name: str):
    from drift.model.schema import PrimaryKey

    return PrimaryKey(name=name, columns=("id",))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a forked child")
def test_a_child_forked_before_the_model_classes_answers_without_importing_them():
    """`drift check` forks its reader before pydantic is imported: an answer with no model object in it goes back as
    a plain pickle, so the child never imports pydantic to send it (raw() has no transfer bytes to hand on then)."""
    code = (
        "import sys\n"
        "from drift import background\n"
        "def answer():\n"
        "    return ('pydantic' in sys.modules, 'drift.model.schema' in sys.modules)\n"
        "pending = background.InChildProcess(answer)\n"
        "print(pending.raw(), pending.result(), 'pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "None (False, False) False"
