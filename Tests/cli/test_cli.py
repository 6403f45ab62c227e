"""The app command line, tested by running the real binaries (CLITestApp, ChatDemo).

`routes` is compared byte for byte with the real `flask routes` on routes_app.py, CLITestApp's
Flask twin, for every sort order with and without --all-methods.
"""
import pytest
import requests

from conftest import ServingProcess, run_binary, run_flask


@pytest.mark.parametrize("sort", ["endpoint", "methods", "rule", "match", "domain"])
@pytest.mark.parametrize("all_methods", [False, True])
def test_routes_matches_flask_routes(sort, all_methods):
    extra = ["--all-methods"] if all_methods else []
    expected = run_flask("routes", "--sort", sort, *extra)
    status, output, errors = run_binary("CLITestApp", "routes", "--sort", sort, *extra)
    assert status == 0, errors
    assert output == expected


def test_routes_default_sort_and_short_option_match_flask():
    assert run_binary("CLITestApp", "routes")[1] == run_flask("routes")
    assert run_binary("CLITestApp", "routes", "-s", "rule")[1] == run_flask("routes", "-s", "rule")


def test_chatdemo_routes_show_the_socketio_path():
    status, output, _ = run_binary("ChatDemo", "routes", "--sort", "rule")
    assert status == 0
    lines = output.splitlines()
    assert lines[0].split() == ["Endpoint", "Methods", "Rule"]
    rows = [line.split(None, 1) for line in lines[2:]]
    assert ["socketio", "GET, POST  /socket.io/"] in [[endpoint, rest.strip()] for endpoint, rest in rows]
    assert any(line.startswith("index ") and line.split()[-1] == "/" for line in lines)


def test_help_lists_the_commands_and_exits_0():
    status, output, _ = run_binary("CLITestApp", "--help")
    assert status == 0
    assert output.startswith("Usage: CLITestApp [OPTIONS] COMMAND [ARGS]...")
    commands = output.split("Commands:\n", 1)[1].split()
    for name in ["exit-3", "fail", "greet", "init-db", "routes", "run"]:
        assert name in commands


def test_chatdemo_help_shows_the_commands():
    status, output, _ = run_binary("ChatDemo", "--help")
    assert status == 0
    assert "routes" in output and "run" in output


@pytest.mark.parametrize("command", ["run", "routes", "init-db"])
def test_command_help_exits_0(command):
    status, output, _ = run_binary("CLITestApp", command, "--help")
    assert status == 0
    assert output.startswith(f"Usage: CLITestApp {command} [OPTIONS]")
    assert "--help" in output


def test_generated_help_names_each_declared_option():
    output = run_binary("CLITestApp", "init-db", "--help")[1]
    assert "Usage: CLITestApp init-db [OPTIONS] [PATH]" in output
    assert "--drop" in output
    assert "-s, --seed INTEGER" in output and "[default: 0]" in output
    assert "--engine [sqlite|memory]" in output
    assert "PATH" in output.split("Arguments:")[1]


def test_custom_command_runs_in_an_app_context_with_typed_options():
    status, output, errors = run_binary("CLITestApp", "init-db", "data.db", "--drop", "-s", "5", "--engine=memory")
    assert status == 0, errors
    assert output == "init-db app=CLITestApp path=data.db drop=True seed=5 engine=memory url=/user/3\n".replace(
        "True", "true")


def test_custom_command_defaults_and_environment():
    status, output, _ = run_binary("CLITestApp", "init-db", env={"FLASK_INIT_DB_SEED": "9"})
    assert status == 0
    assert output == "init-db app=CLITestApp path=- drop=false seed=9 engine=sqlite url=/user/3\n"


def test_custom_command_with_a_required_argument():
    status, output, _ = run_binary("CLITestApp", "greet", "Ana", "--times", "2")
    assert (status, output) == (0, "Hello, Ana!\nHello, Ana!\n")


@pytest.mark.parametrize("arguments, message", [
    (["nope"], "Error: No such command 'nope'."),
    (["--bogus"], "Error: No such option '--bogus'."),
    (["routes", "--bad"], "Error: No such option '--bad'."),
    (["routes", "--sort", "size"], "Error: Invalid value for '--sort' / '-s': 'size' is not one of"),
    (["init-db", "--seed", "many"], "Error: Invalid value for '--seed' / '-s': 'many' is not a valid integer."),
    (["init-db", "--seed"], "Error: Option '--seed' requires an argument."),
    (["init-db", "a", "b"], "Error: Got unexpected extra argument (b)"),
    (["greet"], "Error: Missing argument 'NAME'."),
    (["run", "--port", "eighty"], "Error: Invalid value for '--port' / '-p': 'eighty' is not a valid integer."),
])
def test_usage_errors_exit_2_with_a_clear_message(arguments, message):
    status, output, errors = run_binary("CLITestApp", *arguments)
    assert status == 2
    assert output == ""
    assert errors.startswith("Usage: CLITestApp")
    assert "--help' for help." in errors
    assert message in errors


def test_a_failing_command_exits_1_with_its_error():
    status, _, errors = run_binary("CLITestApp", "fail")
    assert status == 1
    assert errors == "Error: the database is locked\n"


def test_a_command_chooses_its_exit_status():
    assert run_binary("CLITestApp", "exit-3")[0] == 3


def test_a_sigterm_right_after_the_server_starts_catching_it_is_not_lost():
    # It was, at times, with Dispatch signal sources (armed later, on Dispatch's own thread):
    # the program then waited forever, and a reloader's `stop` hung with it.
    for _ in range(20):
        status, output, errors = run_binary("CLITestApp", "catch-term")
        assert (status, output) == (0, "caught\n"), errors


@pytest.mark.parametrize("arguments", [["--port", "0"], ["run", "--port", "0"], ["run", "-p", "0", "-h", "127.0.0.1"]])
def test_run_is_the_default_command_and_serves(arguments):
    server = ServingProcess("CLITestApp", *arguments)
    try:
        assert requests.get(f"http://127.0.0.1:{server.port}/", timeout=30).text == "index"
        assert any("Debug mode: off" in line for line in server.banner)
    finally:
        assert server.stop() == 0


def test_run_reads_flask_run_port_and_flask_debug_from_the_environment():
    server = ServingProcess("CLITestApp", "--no-reload", env={"FLASK_RUN_PORT": "0", "FLASK_DEBUG": "1"})
    try:
        assert requests.get(f"http://127.0.0.1:{server.port}/shop/", timeout=30).text == "shop"
        assert any("Debug mode: on" in line for line in server.banner)
    finally:
        assert server.stop() == 0


# An empty message queue is none, as Flask-SocketIO reads `message_queue` (`if url:`) and as
# docs/python/app.py passes it on; MESSAGE_QUEUE is set empty in every case so that a value in
# the caller's environment cannot stand in for the flag.
@pytest.mark.parametrize("arguments", [["--message-queue="], ["--message-queue", ""], []])
def test_chatdemo_an_empty_message_queue_means_none(arguments):
    server = ServingProcess("ChatDemo", "--port", "0", *arguments, env={"MESSAGE_QUEUE": ""})
    try:
        assert "<title>" in requests.get(f"http://127.0.0.1:{server.port}/", timeout=30).text
        handshake = requests.get(f"http://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=polling", timeout=30)
        assert handshake.status_code == 200 and handshake.text.startswith("0{")
    finally:
        assert server.stop() == 0


@pytest.mark.parametrize("arguments, environment, source, reason", [
    (["--message-queue=http://x"], {}, "--message-queue", "unsupported scheme http://"),
    (["--message-queue", "redis://:bad"], {}, "--message-queue", "bad port"),
    (["--message-queue=redis://host:99999"], {}, "--message-queue", "port out of range"),
    ([], {"MESSAGE_QUEUE": "redis://:bad"}, "MESSAGE_QUEUE", "bad port"),
    (["--message-queue="], {"MESSAGE_QUEUE": "http://x"}, "MESSAGE_QUEUE", "unsupported scheme http://"),
])
def test_chatdemo_an_unusable_message_queue_is_a_one_line_usage_error(arguments, environment, source, reason):
    status, output, errors = run_binary("ChatDemo", "--port", "0", *arguments, env={"MESSAGE_QUEUE": "", **environment})
    assert status == 2, errors
    assert output == ""
    assert errors.startswith(f"Error: Invalid value for {source}: invalid Redis URL")
    assert errors.endswith(f": {reason}\n") and errors.count("\n") == 1, errors
