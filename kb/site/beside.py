"""Run one job in a second process while this one goes on (the site build's second core).

The generation step checks the knowledge base (``kb check``), exports the browser data and makes
the pages from it; all three only read the loaded knowledge base, so :func:`beside` runs the check
and the export in forked children that inherit it (nothing is copied or pickled on the way in)
while the parent makes the pages.
The child sends its answer back through a pipe; :meth:`Beside.result` waits for it.

Where a fork is not possible or not wise (no ``fork`` on the platform, one core, or other
threads running, as under ``mkdocs serve``) the job runs in this process when its result is
asked for: the answer is the same, only not sooner.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from typing import Any, Callable


class BesideFailed(RuntimeError):
    """The job failed in the child process (the child's traceback is the message)."""


def can_fork() -> bool:
    """Whether a forked child can run a job here: ``fork`` exists, there is more than one core,
    and no other thread runs (a fork copies only the calling thread, and a lock another thread
    holds would stay locked in the child)."""
    return ("fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


def _child(job: Callable[[], Any], conn) -> None:
    try:
        conn.send((True, job()))
    except BaseException:  # noqa: BLE001 - everything goes back to the parent, which raises it
        conn.send((False, traceback.format_exc()))
    finally:
        conn.close()


class Beside:
    """A job started by :func:`beside`; :meth:`result` is its return value."""

    def __init__(self, job: Callable[[], Any]):
        self._job = job
        self._process = None
        self._conn = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._conn, child_end = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(job, child_end), daemon=True)
            self._process.start()
            child_end.close()

    def result(self) -> Any:
        """The job's return value (waits for the child); its exception if it raised one here,
        :class:`BesideFailed` if it raised one in the child or the child died."""
        if self._process is None:
            return self._job()
        try:
            ok, value = self._conn.recv()
        except EOFError:
            ok, value = False, f"prosessen stoppet uten svar (avslutningskode {self._process.exitcode})"
        finally:
            self._conn.close()
            self._process.join()
        if not ok:
            raise BesideFailed(value)
        return value

    def discard(self) -> None:
        """Stop the job without its answer (another job's failure made it moot)."""
        if self._process is None:
            return
        self._process.terminate()
        self._process.join()
        self._conn.close()


def beside(job: Callable[[], Any]) -> Beside:
    """Start ``job`` (no arguments; it reads what it needs from its closure) beside this
    process; ask :meth:`Beside.result` for its answer."""
    return Beside(job)
