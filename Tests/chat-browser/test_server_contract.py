"""The fixture's reading of server commands and start-up lines (no browser, no server)."""

import pytest

from chat_servers import BANNER_LINE, PORT_LINE, server_specs, with_port


@pytest.mark.parametrize("command, port, expected", [
    (["app.py", "--port", "0"], 5123, ["app.py", "--port", "5123"]),
    (["ChatDemo", "--port=0"], 5123, ["ChatDemo", "--port=5123"]),
    (["ChatDemo", "--host", "127.0.0.1", "--port", "0", "--debug"], 7, ["ChatDemo", "--host", "127.0.0.1", "--port", "7", "--debug"]),
    (["server"], 9, ["server", "--port", "9"]),
])
def test_a_restart_reruns_the_command_on_the_port_it_got(command, port, expected):
    assert with_port(command, port) == expected


@pytest.mark.parametrize("line, port", [
    (b"PORT 41234\n", 41234),
    (b"  PORT 8\n", 8),
    (b" * Running on http://127.0.0.1:5000\n", 5000),                       # Flask and Flaskish
    (b"\x1b[33m * Running on http://127.0.0.1:39999\x1b[0m\n", 39999),      # coloured
    (b" * Running on https://localhost:8443\n", 8443),
])
def test_the_port_is_read_from_either_announcement(line, port):
    match = PORT_LINE.match(line) or BANNER_LINE.search(line)
    assert match and int(match.group(1)) == port


@pytest.mark.parametrize("line", [b"Message: PORT 5\n", b" * Serving Flaskish app 'ChatDemo'\n", b"Press CTRL+C to quit\n"])
def test_other_lines_announce_nothing(line):
    assert not (PORT_LINE.match(line) or BANNER_LINE.search(line))


def test_the_swift_server_is_chat_demo_in_the_bin_path(monkeypatch):
    monkeypatch.setenv("FLASKISH_BIN_PATH", "/somewhere/debug")
    monkeypatch.setenv("CHAT_SERVERS", "python, swift")
    monkeypatch.delenv("CHAT_SERVER_CMD", raising=False)
    specs = dict(server_specs())
    assert list(specs) == ["python", "swift"]
    assert specs["swift"] == ["/somewhere/debug/ChatDemo", "--port", "0"]
    assert specs["python"][1].endswith("docs/python/app.py")
    assert specs["python"][2:] == ["--port", "0"]


def test_a_custom_command_replaces_the_list(monkeypatch):
    monkeypatch.setenv("CHAT_SERVER_CMD", "./my-server --port 0 --quiet")
    assert server_specs() == [("custom", ["./my-server", "--port", "0", "--quiet"])]


def test_an_unknown_server_name_is_refused(monkeypatch):
    monkeypatch.delenv("CHAT_SERVER_CMD", raising=False)
    monkeypatch.setenv("CHAT_SERVERS", "python,ruby")
    with pytest.raises(pytest.UsageError, match="ruby"):
        server_specs()


def test_both_servers_run_by_default(monkeypatch):
    monkeypatch.delenv("CHAT_SERVER_CMD", raising=False)
    monkeypatch.delenv("CHAT_SERVERS", raising=False)
    assert [name for name, _ in server_specs()] == ["python", "swift"]
