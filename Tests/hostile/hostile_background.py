"""What the suite's background helpers (hostile_clients.Prober, hostile_server.RSSMonitor) share:
a daemon thread that runs while a `with` block does, told to stop and joined on leaving."""

import threading


class Background:
    """Runs `self.run()` on a daemon thread from entering the `with` block; on leaving, sets
    `self.stopping` (which `run` watches) and waits up to `join_seconds` for the thread."""

    join_seconds = 10

    def __init__(self):
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self._thread.join(self.join_seconds)
