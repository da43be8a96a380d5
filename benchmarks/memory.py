"""Peak memory of this process and every process it starts, sampled from /proc (Linux only).

The build runs in up to three processes at once (two building, Pagefind indexing), so what a
machine must hold is their sum at the worst moment, not the largest one alone.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1e6


def _processes() -> dict[int, tuple[int, str, float]]:
    """{pid: (parent pid, name, resident MB)} of every process this user can see."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            resident = int((entry / "statm").read_text().split()[1])
        except OSError:  # ended meanwhile
            continue
        name_end = stat.rindex(")")
        name = stat[stat.index("(") + 1 : name_end]
        parent = int(stat[name_end + 2 :].split()[1])
        found[int(entry.name)] = (parent, name, resident * PAGE_MB)
    return found


def tree_memory(root: int) -> dict[int, tuple[str, float]]:
    """{pid: (name, resident MB)} of `root` and its descendants."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in processes:
            tree[pid] = processes[pid][1:]
        todo += children.get(pid, [])
    return tree


class PeakMemory:
    """`with PeakMemory() as peak:` samples every `interval` seconds; then `peak.total_mb` is the
    largest sum over the process tree and `peak.largest` the largest single process (name, MB)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.total_mb = 0.0
        self.largest = ("", 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            tree = tree_memory(os.getpid())
            self.total_mb = max(self.total_mb, sum(mb for _, mb in tree.values()))
            for name, mb in tree.values():
                if mb > self.largest[1]:
                    self.largest = (name, mb)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
