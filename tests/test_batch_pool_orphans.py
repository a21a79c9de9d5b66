"""A batch that dies abruptly (``kill -9``, a crash) leaves no pool workers behind, even while the process that
started it has not reaped it yet: a wrapper reading the batch's output (``subprocess.run(capture_output=True)``)
waits for the output's end before it reaps, and workers that kept the output open made it wait forever."""

from __future__ import annotations

import subprocess
import sys

CHILD = r"""
import os
from screener.batch.pool import CpuPool
pool = CpuPool(2)
pool.warm()
print(pool.submit(os.getpid).result(), flush=True)
os._exit(0)  # dies without closing the pool, as a kill -9 would
"""


def test_workers_of_a_dead_unreaped_batch_exit_and_release_its_output() -> None:
    proc = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    rest = proc.stdout.read()  # EOF only once every worker holding the pipe has gone; the batch is a zombie meanwhile
    assert rest == b""
    proc.wait(timeout=60)
    try:
        with open(f"/proc/{worker}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
    except OSError:
        state = b"gone"
    assert state in (b"gone", b"Z")
