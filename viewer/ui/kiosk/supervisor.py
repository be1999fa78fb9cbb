"""``factory-tour --kiosk --supervise``: keep the kiosk running, whatever happens to it.

The supervisor starts the viewer (``python -m viewer --kiosk ... --resume``) and waits. When the
viewer exits cleanly (status 0: someone used the exit chord) the supervisor exits too; when it
dies (a crash, a kill, a non-zero status) the supervisor starts it again after a short pause,
longer after repeated quick failures (1 s doubling to 30 s; back to 1 s after a minute of good
running). The new viewer resumes at the last stop reached, read from the state file. SIGTERM or
SIGINT to the supervisor stops the viewer and the supervisor. No Qt is loaded here.

A state file can itself be what kills the viewer at start; then every restart would die the same
way and the hall screen stay black. So when the viewer fails by itself (a non-zero status or a
crash signal; not a kill from outside) before it ran :data:`STABLE_S` seconds, and the state
file is still the one it started with (a running viewer replaces the file when it reaches a
stop), the supervisor moves the state file aside (to ``kiosk-state.json.bad``, with a line in
the log): the next start begins at the first stop.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from viewer.ui.kiosk.kiosk_log import kiosk_logger
from viewer.ui.user_data import kiosk_state_path

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
STABLE_S = 60.0
EXTERNAL_SIGNALS = tuple(  # a viewer ended from outside has not failed
    getattr(signal, name)
    for name in ("SIGKILL", "SIGTERM", "SIGINT", "SIGHUP")
    if hasattr(signal, name)
)


def state_fingerprint(path: Path) -> tuple[int, int, int] | None:
    """What tells whether the state file was replaced: (inode, size, modification time), or
    ``None`` when there is none (the link itself is looked at, never followed)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def failed_by_itself(status: int) -> bool:
    """Whether an exit ``status`` is the viewer's own failure (not success, not a kill)."""
    return status > 0 or (status < 0 and -status not in EXTERNAL_SIGNALS)


def drop_state(path: Path, log: logging.Logger) -> None:
    """Move the state file aside (``.bad``), so that the next start begins at the first stop."""
    aside = path.with_name(path.name + ".bad")
    try:
        os.replace(path, aside)  # a link is moved as a link, never followed
    except OSError as exc:
        log.error("supervisor: cannot move the state file %s aside: %s", path, exc)
        return
    log.error(
        "supervisor: the viewer failed at start with the saved state; moved it to %s, "
        "the next start begins at the first stop",
        aside,
    )


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
            state = kiosk_state_path()
            fingerprint = state_fingerprint(state)
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
            elif (
                failed_by_itself(status)
                and fingerprint is not None
                and state_fingerprint(state) == fingerprint
            ):
                drop_state(state, log)
            log.error(
                "supervisor: the viewer ended with status %d; restarting in %g s", status, delay
            )
            time.sleep(delay)
            delay = min(delay * 2, MAX_DELAY_S)
        return 1 if not stopping else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
