"""Logs that stay readable through an outage.

When the database is down every request fails the same way, and Django logs each with
its whole chained traceback (about ninety lines): a twenty-second outage wrote 12 MB.
`RepeatedFailures` logs the first failure of a kind in full and each repetition within
`WINDOW` seconds as one line that says so, so that the log shows when the outage began,
what it was, and how long it lasted.
"""

import logging
import threading
import time

# How long a failure's traceback counts as logged: after that the next one is logged in
# full again, so a long outage still shows its traceback every few minutes.
WINDOW = 300
# Kinds of failure remembered at most: a flood of distinct errors cannot grow memory.
KINDS = 100


class RepeatedFailures(logging.Filter):
    """Keep a failure's traceback the first time in `WINDOW` seconds; shorten the rest."""

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self.logged_at: dict[tuple[str, str], float] = {}
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = record.exc_info[1]
        kind = (type(error).__qualname__, first_line(error))
        with self.lock:
            logged_at = self.logged_at.get(kind)
            if logged_at is None or record.created - logged_at > WINDOW:
                if len(self.logged_at) >= KINDS:
                    self.logged_at.clear()
                self.logged_at[kind] = record.created
                return True
        since = time.strftime("%H:%M:%S", time.localtime(logged_at))
        record.msg = f"{record.getMessage()} ({kind[0]}: {kind[1]}; as logged in full at {since})"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else ""
