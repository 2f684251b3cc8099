"""The package as users get it: light import, matching dependency lists, a wheel that works on its own."""

import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _names(requirements):
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {d for d in env["dependencies"] if isinstance(d, str)}
    assert "conda-forge" in env["channels"]
    assert _names(conda) - {"python", "pip"} == wanted
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_part == ["-e ."]
    python = next(d for d in conda if re.split(r"[<>=!~ ]", d, maxsplit=1)[0] == "python")
    assert python.replace("python", "") == project["requires-python"]


def test_import_stays_light():
    code = ("import sys, infoview; infoview.QuestionBank; infoview.steps;"
            "heavy = {'pandas', 'matplotlib', 'ipywidgets', 'numpy'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_wheel_installs_and_loads_every_bundled_file(tmp_path):
    """Build the wheel, install it into a fresh venv outside the repo, and load all content from there."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT], check=True)
    wheel = next(dist.glob("infoview-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies come from this environment; infoview itself only from the wheel.
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel],
                   check=True)
    check = r"""
import importlib.resources as r, infoview as iv
assert iv.__file__.startswith(%r), iv.__file__
files = [p for p in r.files("infoview").joinpath("content").rglob("*") if p.is_file()]
assert len(files) >= 5, files
for p in files:
    p.read_bytes()
for lang in ("en", "de"):
    assert len(iv.QuestionBank.builtin(lang)) >= 150
    assert len(iv.steps(lang)) == 14
    assert len(iv.fears(lang)) == 6
print("ok", len(files))
""" % site
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out = subprocess.run([python, "-c", check], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")
    cli = subprocess.run([venv / "bin" / "infoview", "--version"], capture_output=True, text=True, env=env)
    assert cli.stdout.strip().startswith("infoview ")

