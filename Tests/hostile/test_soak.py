"""The CI-sized chat soak (Benchmarks/soak/soak.py): 50 clients chatting over WebSocket for 15 s,
every message delivered to every other client exactly once and in order, every ack positive. The
full soak of issue #11 (200 clients x 3 min) is `python Benchmarks/soak/soak.py --full`, by hand.
"""

import asyncio
import os
import sys

from conftest import HERE

sys.path.insert(0, os.path.join(HERE, "..", "..", "Benchmarks", "soak"))

import soak  # noqa: E402


def test_short_soak_delivers_every_message_once_and_in_order(start_server):
    server = start_server()
    size = soak.CI_SIZE
    summary = asyncio.run(soak.soak(server.port, size["clients"], size["seconds"], size["rate"], log=lambda _: None))
    assert server.alive(), "ChatDemo died during the soak: %s" % server.settled_description()
    assert summary["problems"] == [], "%d problems, first ones: %s" % (summary["problem_count"], summary["problems"])
    assert summary["sent"] > 0 and summary["deliveries"] == summary["expected_deliveries"], summary
