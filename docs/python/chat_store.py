"""The chat's shared state: who joined and the last messages (twin of Sources/ChatDemo/ChatStore.swift).

In memory for one process; in Redis when the process is one of a cluster (--message-queue), so
that every process counts the same people and replays the same history. The Redis keys and the
JSON of a history entry are the Swift store's, so Swift and Python processes share one Redis:

    chat:history     a list of JSON objects {"id","nick","text","time"} (keys sorted, no spaces),
                     oldest first; RPUSH then LTRIM keep the last `history_size`
    chat:nicknames   a hash sid -> nickname of every joined client of every process; its length
                     is the online count

Each process also keeps its own clients' nicknames in memory: a sid only ever talks to the process
holding its connection. On a clean shutdown `close()` removes this process's sids from the hash;
a process that crashes cannot, and its nicknames stay counted as online (docs/scaling.md).
"""

import json
import sys
import threading
from collections import deque

HISTORY_KEY = "chat:history"
NICKNAMES_KEY = "chat:nicknames"


class ChatStore:
    def __init__(self, message_queue, history_size):
        self.history_size = history_size
        self.lock = threading.Lock()           # handlers run on many threads
        self.nicknames = {}                    # sid -> nickname, this process's clients
        self.history = deque(maxlen=history_size)  # used without Redis only
        self.redis = None
        if message_queue:
            import redis  # only a cluster member needs it (pip install redis)
            self.redis = redis.Redis.from_url(message_queue, decode_responses=True)

    def join(self, sid, nick):
        """Records `nick` for `sid`: (clients online everywhere, history)."""
        with self.lock:
            self.nicknames[sid] = nick
            online, past = len(self.nicknames), list(self.history)
        if self.redis is None:
            return online, past
        self.redis.hset(NICKNAMES_KEY, sid, nick)
        return self.redis.hlen(NICKNAMES_KEY), self._shared_history()

    def nickname(self, sid):
        """The nickname `sid` joined with on this process, or None."""
        with self.lock:
            return self.nicknames.get(sid)

    def append(self, record):
        """Adds `record` to the history, dropping the oldest past `history_size`."""
        if self.redis is None:
            with self.lock:
                self.history.append(record)
            return
        entry = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self.redis.rpush(HISTORY_KEY, entry)
        self.redis.ltrim(HISTORY_KEY, -self.history_size, -1)

    def leave(self, sid):
        """Forgets `sid`: (its nickname or None, clients still online)."""
        with self.lock:
            nick = self.nicknames.pop(sid, None)
            online = len(self.nicknames)
        if self.redis is None:
            return nick, online
        if nick is not None:
            self.redis.hdel(NICKNAMES_KEY, sid)
        return nick, self.redis.hlen(NICKNAMES_KEY)

    def close(self):
        """Takes this process's clients out of the shared online count (a clean shutdown)."""
        if self.redis is None:
            return
        with self.lock:
            sids = list(self.nicknames)
            self.nicknames.clear()
        if sids:
            try:
                self.redis.hdel(NICKNAMES_KEY, *sids)
            except Exception as error:  # Redis gone: nothing more to do than say so
                print("ChatStore: %s; %d nicknames stay online" % (error, len(sids)), file=sys.stderr)

    def _shared_history(self):
        past = []
        for entry in self.redis.lrange(HISTORY_KEY, 0, -1):
            try:
                record = json.loads(entry)
            except ValueError:
                continue  # not ours: skipped, as the Swift store does
            if isinstance(record, dict):
                past.append(record)
        return past


def command_line_option(name, arguments=None):
    """The value of `--name value` or `--name=value` on the command line, or None."""
    arguments = sys.argv if arguments is None else arguments
    for index, argument in enumerate(arguments):
        if argument == name and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith(name + "="):
            return argument[len(name) + 1:]
    return None
