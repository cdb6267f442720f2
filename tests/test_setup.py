"""Set-up as a newcomer meets it: the README's first command, in a fresh clone, with nothing on the PATH
but the system's own programs (Debian's python3, externally managed: pip only inside .venv/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

README_BUILD = "bash scripts/install.sh && .venv/bin/python3 build.py"


def test_the_readme_gives_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"    {README_BUILD}\n" in readme
    assert "    bash scripts/test.sh\n" in readme
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_first_command_builds_the_site_in_a_fresh_clone_with_the_system_python(tmp_path):
    if not shutil.which("git"):
        pytest.fail("git is missing (apt-get install git)")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(PATH="/usr/bin:/bin", HOME=str(tmp_path))
    run = subprocess.run(["bash", "-c", README_BUILD], cwd=clone, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert_the_site_of_the_data_is_built(clone, run.stdout)
    python = (clone / ".venv" / "bin" / "python3").resolve()
    assert str(python).startswith("/usr/bin/") or "/usr/" in str(python), python  # the system's python3


def assert_the_site_of_the_data_is_built(root: Path, printed: str) -> None:
    """dist/ holds the pages and files the build said it wrote, the language chooser, and an English home
    page that leads to every report of data/site.yaml."""
    import yaml

    built = re.search(r"^built \S+/dist: (\d+) pages, (\d+) files, ", printed, re.M)
    assert built, printed
    dist = root / "dist"
    assert int(built.group(1)) == len(list(dist.rglob("*.html")))
    assert int(built.group(2)) == sum(1 for p in dist.rglob("*") if p.is_file())
    chooser = (dist / "index.html").read_text(encoding="utf-8")
    assert 'href="zh/"' in chooser and 'href="en/"' in chooser
    home = (dist / "en" / "index.html").read_text(encoding="utf-8")
    reports = yaml.safe_load((root / "data" / "site.yaml").read_text(encoding="utf-8"))["reports"]
    assert reports and all(f'href="{report}/"' in home for report in reports), reports


def test_fonts_that_are_there_are_not_installed_again(tmp_path):
    """The install asks fontconfig which fonts it has; a long font list (more than a pipe holds) whose
    first lines name the fonts must not read as "missing" under `set -o pipefail`."""
    fake = tmp_path / "bin"
    fake.mkdir()
    lines = ["Noto Sans CJK SC", "Liberation Serif"] + [f"Some Font {i}" for i in range(20000)]
    (fake / "fc-list").write_text("#!/bin/sh\ncat <<'EOF'\n" + "\n".join(lines) + "\nEOF\n", encoding="utf-8")
    (fake / "fc-list").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-c", "set -euo pipefail; source scripts/lib.sh; missing_for_build"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "fonts-" not in run.stdout, run.stdout
