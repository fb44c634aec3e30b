"""MockInbox's webhook deliveries at their edges: a deadline for the whole answer, a stop that
does not wait for a receiver, and a clear error when the [webhooks] extra is missing."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

from hostile import Conn, HostileServer
from wix_inbox.testing import MockInbox

PIECES = 40  # bytes of a header trickled 0.1 s apart: 4 s in all, each read well in time


def test_a_trickled_answer_is_a_timeout_and_is_cut_off() -> None:
    def trickle_200(conn: Conn) -> None:
        if conn.read_request() is None:
            return
        conn.send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        sent = conn.trickle([b"a"] * PIECES, 0.1)
        if sent == PIECES:
            conn.send(b"\r\nContent-Length: 0\r\n\r\n")
        server.report(sent)

    with (
        HostileServer(trickle_200) as server,
        MockInbox(webhook_url=server.url, webhook_timeout=0.5, webhook_retry_delays=()) as mock,
    ):
        mock.add_message(mock.create_conversation()["id"], "hello")
        mock.wait_for_webhooks(timeout=30)
        (delivery,) = mock.webhook_deliveries
        deadline = time.monotonic() + 20
        while not server.results and time.monotonic() < deadline:
            time.sleep(0.01)
    # A per-read timeout would have waited for the whole header and counted a 200.
    assert (delivery.outcome, delivery.status) == ("timeout", None)
    assert server.results and server.results[0] < PIECES  # the mock hung up at its deadline


def test_stop_does_not_wait_for_a_delivery_in_flight() -> None:
    received = threading.Event()

    def hang(conn: Conn) -> None:
        if conn.read_request() is not None:
            received.set()
            conn.stop.wait(20)

    with HostileServer(hang) as server:
        mock = MockInbox(webhook_url=server.url, webhook_timeout=30, webhook_retry_delays=(0.01,))
        mock.start()
        try:
            mock.add_message(mock.create_conversation()["id"], "hello")
            assert received.wait(20)
        finally:
            started = time.monotonic()
            mock.stop()
            took = time.monotonic() - started
        # Far below the 30 s the receiver was given: the attempt was cut short, not awaited.
        assert took < 10
        (delivery,) = mock.webhook_deliveries  # and its retry was dropped
        assert (delivery.outcome, delivery.status) == ("error", None)
        assert delivery.error and "stopped" in delivery.error


_WITHOUT_JWT = """
import json, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "jwt" or name.startswith("jwt."):
            raise ModuleNotFoundError("No module named 'jwt'", name="jwt")
sys.meta_path.insert(0, Block())
from wix_inbox.testing import MockInbox
results = {}
try:
    MockInbox(webhook_url="http://127.0.0.1:9/")
except ImportError as error:
    results["constructor"] = str(error)
mock = MockInbox()
cid = mock.create_conversation()["id"]
try:
    mock.webhook_url = "http://127.0.0.1:9/"
except ImportError as error:
    results["setter"] = str(error)
mock.add_message(cid, "hi")
results["url"] = mock.webhook_url
results["stored"] = len(mock.messages(cid))
results["events"] = len(mock.webhook_events)
print(json.dumps(results))
"""


def test_a_webhook_url_without_the_extra_is_refused_at_once() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_JWT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for where in ("constructor", "setter"):
        assert "wix-inbox-client[webhooks]" in results[where]
    assert (results["url"], results["stored"], results["events"]) == (None, 1, 0)
