"""tools/run_nox.py picks a way to make its environment that this machine allows.

The real runs (a fresh clone, Debian's externally managed /usr/bin/python3) need the network;
these tests fake the venv and pip steps and check the choices and the reuse.
"""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_nox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_nox", ROOT / "tools" / "run_nox.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "ENV_DIR", tmp_path / ".nox" / "_bootstrap")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".nox" / "_bootstrap" / "requirements.txt")
    monkeypatch.delenv("RUN_NOX_WITHOUT_ENSUREPIP", raising=False)
    return module


class FakeBuilder:
    made: ClassVar[list[dict[str, Any]]] = []
    fail_with_pip = False

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs

    def create(self, env_dir: Path) -> None:
        FakeBuilder.made.append(self.kwargs)
        if self.kwargs.get("with_pip") and FakeBuilder.fail_with_pip:
            raise subprocess.CalledProcessError(1, ["python", "-m", "ensurepip"])
        (Path(env_dir) / "bin").mkdir(parents=True, exist_ok=True)


def _fake(module: ModuleType, monkeypatch: pytest.MonkeyPatch, modules: set[str]) -> list[str]:
    FakeBuilder.made = []
    installs: list[str] = []
    monkeypatch.setattr(module.venv, "EnvBuilder", FakeBuilder)
    monkeypatch.setattr(module, "_has_module", lambda python, name: name in modules)

    def pip_install(python: Path) -> None:
        installs.append(str(python))
        for tool in ("nox", "uv"):
            module._bin(tool).write_text("", encoding="utf-8")

    monkeypatch.setattr(module, "_pip_install", pip_install)
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    return installs


def test_a_venv_with_pip_when_ensurepip_works(
    run_nox: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeBuilder.fail_with_pip = False
    installs = _fake(run_nox, monkeypatch, {"ensurepip", "pip"})
    nox = run_nox.ensure_env()
    assert FakeBuilder.made == [{"with_pip": True, "clear": True}]
    assert installs and nox == run_nox._bin("nox")
    run_nox.ensure_env()  # reused: nothing made or installed again
    assert len(FakeBuilder.made) == 1 and len(installs) == 1


def test_debian_without_python3_venv_borrows_the_system_pip(
    run_nox: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeBuilder.fail_with_pip = True  # Debian keeps an ensurepip that refuses
    installs = _fake(run_nox, monkeypatch, {"ensurepip", "pip"})
    run_nox.ensure_env()
    assert FakeBuilder.made == [
        {"with_pip": True, "clear": True},
        {"with_pip": False, "system_site_packages": True, "clear": True},
    ]
    assert len(installs) == 1


def test_requirements_changed_remakes_the_environment(
    run_nox: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeBuilder.fail_with_pip = False
    installs = _fake(run_nox, monkeypatch, {"ensurepip"})
    run_nox.ensure_env()
    monkeypatch.setattr(run_nox, "REQUIREMENTS", [*run_nox.REQUIREMENTS, "extra"])
    run_nox.ensure_env()
    assert len(installs) == 2


def test_no_way_at_all_says_what_to_install(
    run_nox: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake(run_nox, monkeypatch, set())
    with pytest.raises(SystemExit, match="python3-venv"):
        run_nox.ensure_env()
