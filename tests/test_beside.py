"""kb.site.beside: a job run in a forked child answers as it would here; its failure comes back
as BesideFailed; a job no longer needed is stopped; without a fork the job runs here, and only
when its answer is asked for."""

from __future__ import annotations

import os
import time

import pytest

from kb.site import beside as beside_module
from kb.site.beside import BesideFailed, beside, can_fork

forking = pytest.mark.skipif(not can_fork(), reason="no fork or one core: the child path cannot run here")


@forking
def test_the_child_answers_what_the_job_returns_and_runs_in_another_process():
    data = {"tjenester": list(range(1000))}  # inherited, not sent
    job = beside(lambda: (os.getpid(), sum(data["tjenester"])))
    pid, total = job.result()
    assert total == sum(range(1000)) and pid != os.getpid()


@forking
def test_a_failure_in_the_child_comes_back_with_its_traceback():
    def fails():
        raise ValueError("feil i barnet")
    with pytest.raises(BesideFailed, match="ValueError: feil i barnet"):
        beside(fails).result()


@forking
def test_a_discarded_job_is_stopped_at_once():
    job = beside(lambda: time.sleep(60))
    t0 = time.perf_counter()
    job.discard()
    assert time.perf_counter() - t0 < 5


def test_without_a_fork_the_job_runs_here_when_asked_and_never_when_discarded(monkeypatch):
    monkeypatch.setattr(beside_module, "can_fork", lambda: False)
    ran: list[int] = []
    job = beside(lambda: ran.append(os.getpid()) or "svar")
    assert ran == []
    assert job.result() == "svar" and ran == [os.getpid()]
    skipped = beside(lambda: ran.append(0))
    skipped.discard()
    assert ran == [os.getpid()]
