"""What the package loads and ships: lazy imports, the spec's JSON form, one list of values.

Import checks run in fresh interpreters (``sys.executable``: the tests' environment, where the
package is installed with the ``[mock]`` extra) and look at ``sys.modules``, never at times.
"""

from __future__ import annotations

import json
import subprocess
import sys
import typing
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

import wix_inbox
from test_client_support import Surface
from wix_inbox import UNSET, Unset
from wix_inbox._operations import DirectionName, Order, SendAsName, VisibilityName
from wix_inbox.testing import MockInbox

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("httpx", "starlette", "uvicorn", "jsonschema_rs", "wix_inbox._client", "wix_inbox_api")
NEVER = ("jsonschema", "referencing", "yaml", "rfc3987_syntax", "lark")


def _new_modules(setup: str, statement: str) -> set[str]:
    code = (
        f"import sys\n{setup}\nbefore = set(sys.modules)\n{statement}\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def _tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} | modules


def test_the_pytest_plugin_loads_nothing_heavy() -> None:
    loaded = _tops(_new_modules("import pytest", "import wix_inbox.testing.pytest_plugin"))
    assert not loaded & set(HEAVY + NEVER), sorted(loaded & set(HEAVY + NEVER))


def test_the_client_loads_no_validator_nor_models_until_it_is_used() -> None:
    loaded = _tops(_new_modules("", "from wix_inbox import InboxClient, AsyncInboxClient"))
    assert "httpx" in loaded and "wix_inbox._client" in loaded
    unwanted = {"jsonschema_rs", "wix_inbox_api.models", "asyncio", "starlette", "uvicorn"}
    assert not loaded & (unwanted | set(NEVER)), sorted(loaded & (unwanted | set(NEVER)))


def test_the_mock_loads_no_second_validator_nor_a_yaml_parser() -> None:
    loaded = _tops(_new_modules("", "from wix_inbox.testing import MockInbox; MockInbox()"))
    assert "jsonschema_rs" in loaded
    assert not loaded & set(NEVER), sorted(loaded & set(NEVER))


def test_the_shipped_spec_is_the_yaml_spec_as_json() -> None:
    """generated/openapi.json (packaged as wix_inbox/_spec/openapi.json) is spec/openapi.yaml."""
    shipped = resources.files("wix_inbox").joinpath("_spec", "openapi.json").read_text("utf-8")
    source = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    assert json.loads(shipped) == source, "run `nox -s generate`"


def _spec_enum(name: str) -> set[str]:
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    values = spec["components"]["schemas"][name]["enum"]
    return {v for v in values if not v.startswith("UNKNOWN_")}


@pytest.mark.parametrize(
    ("alias", "schema"),
    [
        (VisibilityName, "MessageVisibility"),
        (DirectionName, "MessageDirection"),
        (Order, "SortOrder"),
        (SendAsName, "OverrideSenderOptions"),
    ],
    ids=["visibility", "direction", "order", "send_as"],
)
def test_the_typing_literals_name_the_values_of_the_spec(alias: Any, schema: str) -> None:
    """The values are checked at run time from the spec; the Literals (for type checkers) are
    the one copy, and must agree with it."""
    assert set(typing.get_args(alias)) == _spec_enum(schema)


def test_unset_is_exported_for_narrowing() -> None:
    assert isinstance(UNSET, Unset)
    assert "Unset" in wix_inbox.__all__ and "UNSET" in wix_inbox.__all__
    assert not bool(UNSET)


def test_every_method_accepts_a_uuid_as_well_as_text(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    conversation = surface.get(uuid.UUID(conversation_id))
    assert isinstance(conversation.id, uuid.UUID)
    assert surface.get(conversation.id).id == conversation.id
    sent = surface.send(conversation.id, "by UUID")
    page = surface.list_page(conversation.id)
    assert [m.id for m in page.messages] == [sent.id]
    assert [m.id for m in surface.collect(surface.iterate(conversation.id))] == [sent.id]
    contact = uuid.UUID("9e668c08-8bdb-4240-babb-8176935f6f78")
    found = surface.get_or_create(contact_id=contact)
    assert found.conversation.participant is not UNSET


def test_every_error_class_is_exported_from_the_package() -> None:
    # wix_inbox lists the error names itself (so that `import wix_inbox` loads nothing): this
    # keeps that list and _exceptions' own in step.
    from wix_inbox import _exceptions

    for name in _exceptions.__all__:
        if isinstance(getattr(_exceptions, name), type):
            assert name in wix_inbox.__all__, name
            assert getattr(wix_inbox, name) is getattr(_exceptions, name)
