"""Issue #11, the smaller HTTP cases: a half-closed pipeline, slow but steady uploads, stalled bodies.

- Three pipelined requests then a half-close (shutdown(SHUT_WR)) got one answer; nginx answers
  all three. End of stream must not drop requests already received.
- The 10 s request-head timer also bounded the whole body, so a 16 MiB upload slower than 1.6 MB/s
  got 408. DESIGN.md: the body is timed per read (idle time between two reads, BODY_READ_TIMEOUT,
  default 30 s), not as a total. ChatDemo loads it from FLASK_BODY_READ_TIMEOUT.
"""

import socket
import time

from conftest import PROBE_TIMEOUT, TEST_BODY_READ_TIMEOUT, TIMEOUT_MARGIN
from hostile_clients import connect, probe_page, read_http_responses

UPLOAD_BYTES = 4 * 1024 * 1024
UPLOAD_SECONDS = 12.0  # longer than the 10 s head timer in total, yet never idle for long
UPLOAD_PIECES = 60     # one piece every 0.2 s: far below BODY_READ_TIMEOUT between two reads
STALL_SENT = 1000      # body bytes sent before the client goes silent


def test_half_closed_pipeline_gets_every_answer(start_server):
    server = start_server()
    client = connect(server.port)
    try:
        paths = ["/", "/static/style.css", "/static/js/chat.js"]
        client.sendall(b"".join(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % path.encode() for path in paths))
        client.shutdown(socket.SHUT_WR)
        responses, ending = read_http_responses(client, time.monotonic() + PROBE_TIMEOUT)
        assert [status for status, _, _ in responses] == [200, 200, 200], (
            "three pipelined requests then a half-close got %d answers %s (%s)" % (
                len(responses), [status for status, _, _ in responses], ending))
        bodies = [body for _, _, body in responses]
        assert b"<html" in bodies[0].lower() and b"{" in bodies[1] and b"use strict" in bodies[2], \
            "answers out of order or truncated"
        assert ending == "eof", "the server kept the half-closed connection open after answering (%s)" % ending
    finally:
        client.close()


def test_slow_steady_upload_is_not_timed_out(start_server):
    server = start_server(FLASK_BODY_READ_TIMEOUT=TEST_BODY_READ_TIMEOUT)
    client = connect(server.port)
    try:
        client.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                       b"Content-Length: %d\r\n\r\n" % UPLOAD_BYTES)
        piece = b"u" * (UPLOAD_BYTES // UPLOAD_PIECES)
        sent = 0
        started = time.monotonic()
        early = None
        for index in range(UPLOAD_PIECES):
            size = piece if index < UPLOAD_PIECES - 1 else b"u" * (UPLOAD_BYTES - sent)
            try:
                client.sendall(size)
            except OSError as error:
                early = "the connection failed after %d of %d bytes, %.1f s in: %s" % (
                    sent, UPLOAD_BYTES, time.monotonic() - started, error)
                break
            sent += len(size)
            # Pacing the upload (the attack itself), not waiting for the server.
            time.sleep(max(0.0, started + UPLOAD_SECONDS * (index + 1) / UPLOAD_PIECES - time.monotonic()))
        responses, ending = read_http_responses(client, time.monotonic() + PROBE_TIMEOUT)
        statuses = [status for status, _, _ in responses]
        assert early is None, "%s; answers %s" % (early, statuses)
        # ChatDemo's / takes no POST: the answer after the whole body is 405, never 408.
        assert statuses and statuses[0] != 408, "a steady %.0f s upload got %s (%s)" % (
            UPLOAD_SECONDS, statuses or "no answer", ending)
        assert statuses[0] == 405, "unexpected answer %s to the upload" % statuses
    finally:
        client.close()


def test_stalled_body_is_timed_out(start_server):
    server = start_server(FLASK_BODY_READ_TIMEOUT=TEST_BODY_READ_TIMEOUT)
    client = connect(server.port)
    try:
        client.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                       b"Content-Length: %d\r\n\r\n" % (1024 * 1024) + b"s" * STALL_SENT)
        stalled_at = time.monotonic()
        deadline = stalled_at + TEST_BODY_READ_TIMEOUT + TIMEOUT_MARGIN
        responses, ending = read_http_responses(client, deadline)
        statuses = [status for status, _, _ in responses]
        assert ending in ("eof", "reset"), (
            "a body stalled for %.0f s is still being waited for (body read timeout %d s); answers %s" % (
                time.monotonic() - stalled_at, TEST_BODY_READ_TIMEOUT, statuses))
        assert statuses in ([], [408]), "a stalled body was answered %s" % statuses
        probe_page(server.port, timeout=PROBE_TIMEOUT)
    finally:
        client.close()
