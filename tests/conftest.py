"""Shared fixtures: the real knowledge base, a writable copy of it, the CLI, a built site."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kb" / "data"
KB_CMD = [sys.executable, "-m", "kb.cli"]


# No test writes into the working tree: Hypothesis keeps no example database, and its other files
# (a cache of constants) go to a temporary folder instead of .hypothesis/; and
# every site build (mkdocs in-process or in a subprocess) writes its generated pages to a
# temporary folder instead of build/generert (a test that names its own folder still can).
settings.register_profile("kb-tests", database=None)
settings.load_profile("kb-tests")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="kb-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)


@pytest.fixture(scope="session", autouse=True)
def _generated_pages_outside_the_working_tree(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        if not os.environ.get("KB_GENERATED_DIR"):
            mp.setenv("KB_GENERATED_DIR", str(tmp_path_factory.mktemp("generert")))
        yield


@pytest.fixture(scope="session")
def kb():
    """The real knowledge base (must load without problems)."""
    from kb.knowledge.loader import load_kb_or_raise
    return load_kb_or_raise(DATA)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of ``kb/data`` for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def run_kb(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the ``kb`` command line in a subprocess and capture its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(KB_CMD + list(args), capture_output=True, text=True, cwd=cwd or ROOT,
                          env=env, input=input, timeout=120)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with ``mkdocs build --strict`` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The file-share variant (``make offline``): built once with the offline plugin."""
    out = tmp_path_factory.mktemp("site-offline")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_OFFLINE="true")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session."""
    from tests.browser import chromium
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_base(built_site):
    """The built site served on 127.0.0.1 for the whole session; its base URL."""
    from tests.browser import serve
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def engine_page(site_base, browser):
    """A page of the built site (the glossary: no form on it) where ``kb.evaluate`` and
    ``kb.procedure`` run."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_base + "/ordliste/")
    page.wait_for_function("() => globalThis.kb && typeof globalThis.kb.evaluate === 'function'"
                           " && typeof globalThis.kb.procedure === 'function'")
    yield page
    context.close()


@pytest.fixture(scope="module")
def site(site_base, browser):
    """The session's served site and browser (one Playwright per session)."""
    return site_base, browser


@pytest.fixture
def page(site):
    """A fresh Norwegian 1280 px browser page on the served site: ``(base URL, page)``."""
    base, browser = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    p = context.new_page()
    yield base, p
    context.close()
