"""Work shared with one forked helper process, on a machine with two or more CPUs.

Making the pages of a national site (2,000 KPI pages with their charts, tables and data files) is
pure Python and takes seconds on one core. :func:`in_two` gives part of a list to a child process
made with ``fork`` (which starts with everything already computed: the project, the statuses) while
this process does the rest, and puts the results back in order. The result is the same as doing all
the work here, which is what happens whenever splitting cannot pay or is not safe:

- fewer items than asked for, or one CPU;
- no ``fork`` (Windows), or macOS, where forking a process that uses system frameworks is unsafe;
- other threads running (``mkdocs serve``'s file watcher and web server): a forked child gets only
  the forking thread, and a lock another thread held would stay locked in it;
- ``PLANSPOR_WORKERS=1`` in the environment;
- the child failing in any way: its part is then done here.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import traceback
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS_VARIABLE = "PLANSPOR_WORKERS"
log = logging.getLogger("mkdocs.plugins.planspor")


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a helper process may be forked here and now."""
    if os.environ.get(WORKERS_VARIABLE, "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    return cpus() >= 2 and threading.active_count() == 1


def in_two(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], weights: Sequence[float] | None = None,
           minimum: int = 2, child_share: float = 0.5,
           meanwhile: Callable[[], Any] | None = None) -> tuple[list[R], Any]:
    """``work(items)``, with the items after a split point done by a forked child; and ``meanwhile()``.

    ``work`` returns one result per item, in order. ``weights`` (one per item, e.g. its number of
    pages) place the split so that the child gets ``child_share`` of the total weight; the rest,
    and then ``meanwhile()`` (other work this process has to do anyway), are done here while the
    child works. Returns the results of ``work`` for all items and the result of ``meanwhile``.
    """
    meanwhile = meanwhile or (lambda: None)
    if len(items) < 2 or sum(weights or [1] * len(items)) < minimum or not can_fork():
        return work(items), meanwhile()
    weights = list(weights or [1.0] * len(items))
    target, total, split = (1 - child_share) * sum(weights), 0.0, len(items) - 1
    for index, weight in enumerate(weights):
        total += weight
        if total >= target:
            split = min(max(index + 1, 1), len(items) - 1)
            break
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, items[split:], sender), daemon=True)
    # Objects that exist before the fork are shared with the child until either side writes to them;
    # a garbage collection writes to every object it visits, so they are kept out of collections.
    gc.freeze()
    try:
        child.start()
    except OSError as error:  # no memory or process slots for a fork: do it all here
        log.debug("Planspor: no helper process (%s)", error)
        receiver.close()
        sender.close()
        gc.unfreeze()
        return work(items), meanwhile()
    gc.unfreeze()
    sender.close()
    mine = work(items[:split])
    also = meanwhile()
    theirs = None
    try:
        kind, payload = receiver.recv()
        if kind == "ok":
            theirs = payload
        else:
            log.info("Planspor: the helper process failed; its part is done here:\n%s", payload)
    except (EOFError, OSError) as error:
        log.info("Planspor: the helper process ended early (%r); its part is done here", error)
    finally:
        receiver.close()
        child.join()
    if theirs is None:
        theirs = work(items[split:])
    return [*mine, *theirs], also


def _child(work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any], sender: Any) -> None:
    gc.disable()  # a short-lived process: collecting would only copy shared memory
    try:
        result = ("ok", work(items))
    except BaseException:  # noqa: BLE001 - reported to the parent, which does the work itself
        result = ("error", traceback.format_exc())
    try:
        sender.send(result)
    finally:
        sender.close()
