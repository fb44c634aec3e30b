"""Run nox from a checkout with nothing installed: ``python3 tools/run_nox.py [nox arguments]``.

The README's two commands (and CI's ``.ci/run``) go through this script so that they work on a
fresh machine, including Debian/Ubuntu, where the system Python refuses ``pip install``
(PEP 668, "externally-managed-environment"). It needs only the standard library:

1. It makes a private virtual environment in ``.nox/_bootstrap`` (git-ignored; reused while
   the requirements below are unchanged) and installs nox and uv into it from PyPI.
   - ``python3 -m venv`` with pip, when the Python has ensurepip;
   - else (Debian without the python3-venv package) a venv without pip that borrows the
     system's pip (python3-pip) to install into itself;
   - else, when uv is on PATH, ``uv venv`` + ``uv pip``.
2. It runs ``nox`` from there with the arguments given. nox uses uv to make the sessions'
   environments, so nothing else needs ensurepip either.

Trust: uv and npm are told to use the system CA bundle (UV_NATIVE_TLS, NODE_EXTRA_CA_CERTS)
unless set, as pip and curl do, which matters behind a TLS-inspecting proxy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV_DIR = ROOT / ".nox" / "_bootstrap"
REQUIREMENTS = ["nox>=2024.10.9", "uv>=0.5"]
STAMP = ENV_DIR / "requirements.txt"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")


def _bin(name: str) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return ENV_DIR / scripts / f"{name}{suffix}"


def _say(message: str) -> None:
    print(f"run_nox: {message}", file=sys.stderr, flush=True)


def _has_module(python: str | Path, module: str) -> bool:
    code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    return subprocess.run([str(python), "-c", code], capture_output=True).returncode == 0


def _pip_install(python: Path) -> None:
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *REQUIREMENTS,
        ],
        check=True,
    )


def _create() -> None:
    """Make ENV_DIR with nox and uv in it, by the first way this machine allows."""
    python = _bin("python")
    # RUN_NOX_WITHOUT_ENSUREPIP=1 tries the next ways first (to check them on a machine that
    # has python3-venv).
    without_ensurepip = os.environ.get("RUN_NOX_WITHOUT_ENSUREPIP") == "1"
    if not without_ensurepip and _has_module(sys.executable, "ensurepip"):
        _say(f"making {ENV_DIR.relative_to(ROOT)} (venv with pip)")
        try:
            # Debian/Ubuntu keep the ensurepip module but, without python3-venv, it fails.
            venv.EnvBuilder(with_pip=True, clear=True).create(ENV_DIR)
        except (subprocess.CalledProcessError, OSError) as error:
            _say(f"ensurepip failed ({error}); trying the next way")
        else:
            _pip_install(python)
            return
    if _has_module(sys.executable, "pip"):
        # The venv sees the system's site-packages, so the system's pip runs inside it and
        # installs into the venv (PEP 668 does not apply inside a virtual environment).
        _say(f"making {ENV_DIR.relative_to(ROOT)} (no ensurepip: venv using the system's pip)")
        venv.EnvBuilder(with_pip=False, system_site_packages=True, clear=True).create(ENV_DIR)
        _pip_install(python)
        return
    uv = shutil.which("uv")
    if uv is not None:
        _say(f"making {ENV_DIR.relative_to(ROOT)} (no ensurepip, no pip: uv venv)")
        subprocess.run(
            [uv, "venv", "--quiet", "--python", sys.executable, str(ENV_DIR)], check=True
        )
        subprocess.run(
            [uv, "pip", "install", "--quiet", "--python", str(python), *REQUIREMENTS], check=True
        )
        return
    raise SystemExit(
        "run_nox: this Python can make neither a virtual environment with pip (no ensurepip) "
        "nor use a system pip, and uv is not installed. Install one of: python3-venv "
        "(Debian/Ubuntu: apt install python3-venv), python3-pip, or uv "
        "(https://docs.astral.sh/uv/), then run this again."
    )


def ensure_env() -> Path:
    """The path of nox in ENV_DIR, making or remaking the environment when needed."""
    nox = _bin("nox")
    wanted = "\n".join(REQUIREMENTS) + "\n"
    current = STAMP.read_text(encoding="utf-8") if STAMP.exists() else None
    if not (nox.exists() and _bin("uv").exists() and current == wanted):
        _create()
        STAMP.write_text(wanted, encoding="utf-8")
    return nox


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (the system python3 may be older)
        _say(f"Python >= 3.11 is needed; this is {sys.version.split()[0]} ({sys.executable})")
        return 2
    try:
        nox = ensure_env()
    except subprocess.CalledProcessError as error:
        _say(f"could not install nox and uv from PyPI: {error}")
        return 1
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(nox.parent), env.get("PATH", "")])
    env.setdefault("UV_NATIVE_TLS", "1")
    if "NODE_EXTRA_CA_CERTS" not in env and CA_BUNDLE.is_file():
        env["NODE_EXTRA_CA_CERTS"] = str(CA_BUNDLE)
    os.chdir(ROOT)
    return subprocess.run([str(nox), *argv], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
