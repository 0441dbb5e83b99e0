"""What a command is doing right now: the steps that run and the wait they are in, so no pause is silent.

On a terminal, one live line (a spinner) shows the running steps and, during a wait, a countdown ("rate limit of
Zorio reached (120 AutoCall requests per minute): continuing in 57 s"). Every wait the client announces (those of
two seconds or more) is also printed once as a line on stderr, so a CI log says why a job paused and for how long.
"""

from __future__ import annotations

import atexit
import threading
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.text import Text

from pulumi_zorio.cli.terminal import err

if TYPE_CHECKING:
    from pulumi_zorio.client._waits import Wait


class Activity:
    """The running steps (several during a parallel apply) and the client's current waits, shown live."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._lock = threading.RLock()
        self._steps: dict[str, str] = {}
        self._waits: list[Wait] = []
        self._status: Status | None = None

    # --- steps (from the engine's progress events) ---------------------------------------------------------
    def step_started(self, key: str, text: str) -> None:
        with self._lock:
            self._steps[key] = text
            self._show()

    def step_ended(self, key: str) -> None:
        with self._lock:
            self._steps.pop(key, None)
            self._show()

    # --- waits (client._waits.WaitListener) ----------------------------------------------------------------
    def wait_started(self, wait: Wait) -> None:
        with self._lock:
            repeated = any(other.reason == wait.reason for other in self._waits)
            self._waits.append(wait)
            if not repeated:  # parallel steps waiting on one limit say it once
                self._console.print(escape(f"{wait.reason}: continuing in {wait.remaining():.0f} s"),
                                    soft_wrap=True, style="yellow")
            self._show()

    def wait_ended(self, wait: Wait) -> None:
        with self._lock:
            if wait in self._waits:
                self._waits.remove(wait)
            self._show()

    # --- the live line -------------------------------------------------------------------------------------
    def __rich__(self) -> Text:
        """Rendered at each refresh of the spinner, so the countdown moves without a thread of ours. Lock-free (it
        runs on rich's refresh thread, which `_show` may be joining): it reads copies."""
        steps, waits = list(self._steps.values()), list(self._waits)
        line = ", ".join(steps[:3]) + (f" and {len(steps) - 3} more" if len(steps) > 3 else "")
        if waits:
            wait = max(waits, key=lambda w: w.until)
            pause = f"waiting: {wait.reason}: continuing in {wait.remaining():.0f} s"
            line = f"{line} — {pause}" if line else pause
        return Text(line)

    def stop(self) -> None:
        """Forget every step and wait and take the live line down (before an error is printed, and at exit: a live
        line left running would keep the terminal's cursor hidden)."""
        with self._lock:
            self._steps.clear()
            self._waits.clear()
            self._show()

    def _show(self) -> None:
        if not self._console.is_terminal:
            return
        busy = bool(self._steps or self._waits)
        if busy and self._status is None:
            self._status = Status(self, console=self._console)
            self._status.start()
            atexit.register(self.stop)
        elif not busy and self._status is not None:
            self._status.stop()
            self._status = None
            atexit.unregister(self.stop)


ACTIVITY = Activity(err)
_following = False


def follow_waits() -> None:
    """Show the client's long waits for the rest of this command (idempotent; commands are one process each)."""
    global _following
    from pulumi_zorio.client._waits import add_listener

    if not _following:
        add_listener(ACTIVITY)
        _following = True
