"""``factory-tour --kiosk --supervise``: keep the kiosk running, whatever happens to it.

The supervisor starts the viewer (``python -m viewer --kiosk ... --resume``) and waits. When the
viewer exits cleanly (status 0: someone used the exit chord) the supervisor exits too; when it
dies (a crash, a kill, a non-zero status) the supervisor starts it again after a short pause,
longer after repeated quick failures (1 s doubling to 30 s; back to 1 s after a minute of good
running). The new viewer resumes at the last stop reached, read from the state file. SIGTERM or
SIGINT to the supervisor stops the viewer and the supervisor. No Qt is loaded here.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence

from viewer.ui.kiosk_log import kiosk_logger

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
STABLE_S = 60.0


def viewer_command(kiosk_args: Sequence[str]) -> list[str]:
    """The command that runs the kiosk viewer with ``kiosk_args``, resuming where it was."""
    return [sys.executable, "-m", "viewer", "--kiosk", *kiosk_args, "--resume"]


def supervise(kiosk_args: Sequence[str], max_starts: int | None = None) -> int:
    """Run and restart the kiosk viewer (see the module docstring); the exit status."""
    log = kiosk_logger()
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        log.info("supervisor: signal %d, stopping the viewer", signum)
        if child is not None and child.poll() is None:
            child.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    delay, starts = FIRST_DELAY_S, 0
    try:
        while not stopping and (max_starts is None or starts < max_starts):
            command = viewer_command(kiosk_args)
            started = time.monotonic()
            child = subprocess.Popen(command)
            starts += 1
            log.info("supervisor: started the viewer (pid %d)", child.pid)
            status = child.wait()
            if stopping:
                return 0
            if status == 0:
                log.info("supervisor: the viewer exited normally; done")
                return 0
            if time.monotonic() - started >= STABLE_S:
                delay = FIRST_DELAY_S
            log.error(
                "supervisor: the viewer ended with status %d; restarting in %g s", status, delay
            )
            time.sleep(delay)
            delay = min(delay * 2, MAX_DELAY_S)
        return 1 if not stopping else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
