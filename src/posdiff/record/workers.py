"""Doing independent pieces of work in more than one process, when there are enough.

Reading party files and locating quotes are most of the time a large record takes, and
each file, or each seed's quotes, can be done on its own. So on a machine with more than
one core, the work is cut into shares: this process does the first share, forked
children do the others and send back their results, pickled. A forked child needs no
start-up (it already holds the record read so far and every module), which is why fork
is the only way used: where it is not available, or where this process runs other
threads (fork copies their locks, held or not), everything is done here. A child that
fails in any way, or whose answer cannot be read, changes nothing but the time taken:
its share is done here instead, by the same code, so no result ever depends on how the
work was shared out.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Item = TypeVar("Item")
Result = TypeVar("Result")

POLL_SECONDS = 0.5  # how often a child is checked on while its answer is awaited
# A child does the same kind of work as this process, about as much; one that has not
# answered PATIENCE_SECONDS after this process finished its own share (or PATIENCE_FACTOR
# times that share's time, when longer) is taken to be stuck.
PATIENCE_SECONDS = 30.0
PATIENCE_FACTOR = 10.0


def in_shares(work: Callable[[Item], Result], items: Sequence[Item], sizes: Sequence[int],
              share_size: int, done: Callable[[int], None] | None = None) -> list[Result]:
    """``[work(item) for item in items]``, in shares of at least ``share_size`` (the sum
    of their items' ``sizes``), one a core; ``done(n)`` is told, in this process only, of
    each ``n`` items finished. ``work`` must not change what a child holds and the parent
    reads: only what it returns comes back."""
    shares = _shares(len(items), sizes, share_size)
    children: list[tuple[Connection, BaseProcess] | None] = []
    for start, end in shares[1:]:
        children.append(_start(work, items[start:end], [c[0] for c in children if c]))
    results: list[Result] = []
    try:
        began = time.monotonic()
        start, end = shares[0]
        for item in items[start:end]:
            results.append(work(item))
            if done:
                done(1)
        now = time.monotonic()
        deadline = now + max(PATIENCE_SECONDS, PATIENCE_FACTOR * (now - began))
        for (start, end), child in zip(shares[1:], children, strict=True):
            answer = _answer(child[0], deadline) if child else None
            if answer is None or len(answer) != end - start:
                answer = [work(item) for item in items[start:end]]
            results += answer
            if done:
                done(end - start)
    finally:
        for child in children:
            if child:
                _stop(child[1])
    return results


def _shares(count: int, sizes: Sequence[int], share_size: int) -> list[tuple[int, int]]:
    """[start, end) of each share: runs of items of about equal size, one for each
    process that pays, or one run of them all."""
    total = sum(sizes)
    processes = min(count, total // max(share_size, 1), _cores())
    if processes < 2 or not _can_fork():
        return [(0, count)]
    shares: list[tuple[int, int]] = []
    start = done = 0
    for index, size in enumerate(sizes):
        done += size
        if len(shares) < processes - 1 and done * processes >= total * (len(shares) + 1):
            shares.append((start, index + 1))
            start = index + 1
    shares.append((start, count))
    return [(start, end) for start, end in shares if end > start]


def _can_fork() -> bool:
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may run on
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _start(work: Callable[[Item], Result], share: Sequence[Item],
           readers: list[Connection]) -> tuple[Connection, BaseProcess] | None:
    """A child doing ``share``, and the end of the pipe its answer comes through;
    ``readers`` are the ends this process reads other children through."""
    try:
        import multiprocessing

        fork = multiprocessing.get_context("fork")
        receive, send = fork.Pipe(duplex=False)
    except Exception:  # no multiprocessing here, or no pipe to spare
        return None
    # SIGINT is held back over the fork: the child ignores it before it can arrive
    # (otherwise Python would raise it in multiprocessing's start-up code, which prints a
    # traceback), and one meant for this process is delivered when the fork is done.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        child = fork.Process(target=_work, args=(send, [receive, *readers], work, share),
                             daemon=True)
        child.start()
    except Exception:  # cannot fork here (process limits, a sandbox): done in this one
        receive.close()
        send.close()
        return None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    send.close()
    return receive, child


def _work(send: Connection, readers: list[Connection], work: Callable[[Item], Result],
          share: Sequence[Item]) -> None:
    """In the child: do the share and send the results back; on any failure send
    nothing, so that the parent does the share itself and reports what goes wrong as it
    would have.

    The child closes the parent's ends of the pipes, so that its answer finds no reader
    once the parent is gone (killed, say) and it ends instead of waiting for ever, and
    it writes nothing to, and holds nothing open of, the user's standard streams."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupt is the parent's
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        for reader in readers:
            reader.close()
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        gc.disable()  # what it builds is freed when it exits
        send.send([work(item) for item in share])
    except BaseException:
        os._exit(1)
    send.close()


def _answer(receive: Connection, deadline: float) -> list[Any] | None:
    """What the child sent, or None if it ended, or ran past ``deadline``, without a
    readable answer. A child that ends closes the only writing end of its pipe (this
    process closed its own, and no later child holds it), so reading then fails at once."""
    try:
        while not receive.poll(POLL_SECONDS):
            if time.monotonic() > deadline:
                return None
        answer = receive.recv()
    except Exception:  # the pipe closed with no answer, a truncated or unreadable pickle
        return None
    finally:
        receive.close()
    return answer if isinstance(answer, list) else None


def _stop(child: BaseProcess) -> None:
    if child.is_alive():
        child.terminate()
    child.join()
