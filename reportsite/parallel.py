"""Render on every core: pages in chunks, by a pool of worker processes, collected in a fixed order.

A forked worker renders with a copy of this process's renderer (its templates compiled before the fork);
elsewhere each worker builds its own from the same project and site, so a page's bytes do not depend on the
process that rendered it. The files come back in the order one
process would give them, and so do the mistakes: template errors in page order, then the extras',
then every UI string the catalog lacks, raised as one BuildFailed at the end, as SiteRenderer's
own iteration does. A small site is rendered in this process: starting workers would cost more.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Problems

if TYPE_CHECKING:
    from .cache import Held
    from .render import SiteRenderer

# Measured on 2 cores (the real site, tests/fixtures/pair): a worker's start costs about as much as
# rendering 40 pages (forking, its renderer, compiling the templates again), so below 2 x 40 pages
# one process is as fast or faster. (Measured before forked workers took the parent's renderer.)
MIN_PAGES_PER_WORKER = 40
CHUNK = 24  # pages a task at most: small enough to even out the workers' loads, large enough to cost nothing
TASKS_PER_WORKER = 6  # at least, where there are few pages: the costly ones (a ledger page, 40 ms) even out too
# pages started per worker ahead of the task being written: the workers never wait, memory stays flat
IN_FLIGHT = 3 * CHUNK
POLL_S = 0.005  # how often this process looks for extras made while it waits on a task of pages
# A worker's garbage collector: a young collection every 20,000 objects made rather than 700, an old one rarely (the
# model a worker reads was frozen before the fork: no collection looks at it). A clean build's workers spent
# 0.08-0.14 s each on some 400 collections; with these 47, 0.04-0.05 s, at the same peak memory, and the build took
# 0.97-0.98 of the time (two runs of 12 pairs).
WORKER_GC = (20_000, 20, 50)


Holds = Callable[[str, bytes], bool]  # whether dist/ holds these bytes at this path already (FileCache.holds)


def on_another_process(theirs: Callable[[], object], ours: Callable[[], object]) -> tuple[object, object]:
    """theirs() on a process forked from this one while ours() runs here: both results; theirs None where that
    process could not give it (no fork on this system, a mistake of the code there: the caller does it again)."""
    other = Elsewhere(theirs)
    try:
        mine = ours()
    finally:
        result = other.result()
    return result, mine


class Elsewhere:
    """work() started on a process forked from this one, its result taken when asked for (result()): None where that
    process could not give it (no fork on this system, a mistake of the code there: the caller does it itself)."""

    def __init__(self, work: Callable[[], object]):
        import multiprocessing

        self._receive = self._other = None
        self._parent = os.getpid()  # only this process may take the result: a process forked from it gets None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._other = context.Process(target=_send_result, args=(work, send), daemon=True)
        self._other.start()
        send.close()

    def result(self) -> object:
        import pickle

        if self._other is None or os.getpid() != self._parent:
            return None
        try:
            return pickle.loads(self._receive.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            return None
        finally:
            self._receive.close()
            self._other.join()
            self._other = None


def _send_result(work: Callable[[], object], send) -> None:
    import pickle

    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 -- the caller does the work again, where the mistake shows
        data = pickle.dumps(None)
    try:
        send.send_bytes(data)
    except OSError:
        pass  # the caller no longer waits for it
    send.close()


@dataclass(frozen=True)
class Extras:
    """The task that makes the files that are not pages, of these groups (render.extras_groups), and first the
    pages that show what they make (SiteRenderer.pages_along): the process that makes the search index renders
    the search pages, which would otherwise make it again (or this process, before the workers start)."""

    groups: tuple[str, ...]
    pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """What one task gives back: its files in order, its mistakes, the UI strings it missed, and for the files
    that are not pages, the group of each; an Extras task's pages apart, each with its own mistakes."""

    files: list[tuple[str, bytes | Held]]  # Held: dist/ holds its bytes already (run_task)
    problems: Problems
    missing: dict[str, set[str]]
    groups: dict[str, str]
    pages: tuple[tuple[tuple[str, bytes], Problems], ...] = ()


def workers_for(pages: int, jobs: int, extras: int = 0) -> int:
    """How many worker processes render this many pages, and extras that cost as much as that many pages
    (SiteRenderer.extras_cost): none (this process does) for one job or little to do, else at most one per
    MIN_PAGES_PER_WORKER pages' worth."""
    work = pages + extras
    if jobs <= 1 or work < 2 * MIN_PAGES_PER_WORKER:
        return 0
    return min(jobs, work // MIN_PAGES_PER_WORKER)


class Rendering:
    """The pages and extras of one build, rendered here or by a pool of worker processes. The workers start as soon
    as the work is known to be worth them: at once when the extras alone are (the search index of several reports),
    so that they make them while this process plans the pages; else once the pages are known (files()). Close it
    (rendering()) whatever happens."""

    def __init__(self, renderer: SiteRenderer, extras: Sequence[str], jobs: int, make: Callable[[], SiteRenderer],
                 before_workers: Callable[[], None] = lambda: None, holds: Holds | None = None):
        self.renderer, self.extras, self.jobs, self.make = renderer, tuple(extras), jobs, make
        self.before_workers = before_workers  # called before a worker process is forked from this one
        self.holds = holds  # whether dist/ holds a file's bytes already (a worker sends cache.Held for it then)
        self.workers = 0
        self._stack: ExitStack | None = None
        early = workers_for(0, jobs, renderer.extras_cost(self.extras))
        if early:
            self._start(early, _pages_showing(renderer, self.extras))

    def _start(self, workers: int, along: tuple[int, ...]) -> None:
        if workers:
            self.before_workers()
        self.workers, self.along, self._stack = workers, along, ExitStack()
        self._begin, self._run = self._stack.enter_context(_runner(self.renderer, workers, self.make, self.holds))
        # the extras first (the search index the longest), apart from the pages: files() gives theirs as they come
        self._held = [(task, self._begin(task)) for task in _extras_tasks(self.extras, along)]

    def files(self, pages: Sequence[int], groups: dict[str, str]) -> Iterator[tuple[str, bytes]]:
        """The pages (indexes into renderer.specs) in order, as (path, bytes), and among them the extras as soon as
        they are made (groups learns the group of each extra file before the file comes): a group made while this
        process waits on the workers is written then, not after the last page with one core idle. BuildFailed at
        the end for every mistake of the whole run, in the one-process order."""
        renderer = self.renderer
        if self._stack is None:
            workers = workers_for(len(pages), self.jobs, renderer.extras_cost(self.extras))
            self._start(workers, renderer.pages_along(pages) if workers else ())
        chunk = chunk_for(len(pages), self.workers)
        steps = _steps(pages, set(self.along), chunk)  # a page along that is not to be rendered is left out
        problems, missing = Problems(), {lang: set() for lang in renderer.translations}
        window = IN_FLIGHT * max(self.workers, 1) // chunk
        tasks = [step for step in steps if isinstance(step, tuple)]
        results, pages_along = self._run(tasks, window, lambda task: sum(renderer.specs[i].kind.cost for i in task)), {}
        waiting = list(self._held)  # the extras tasks whose files are not given yet
        for step in steps:
            if isinstance(step, tuple):
                done = next(results)
                yield from _made(waiting, groups)
                while waiting and not done.ready():  # and those made while this process waits
                    done.wait(POLL_S)
                    yield from _made(waiting, groups)
                result = done.get()
                _collect(result, problems, missing)
                yield from result.files
                continue
            if not pages_along:
                pages_along = dict(zip(self.along, next(done for task, done in self._held if task.pages).get().pages))
            page, page_problems = pages_along[step]
            _collect(Rendered([], page_problems, {}, {}), problems, missing)
            yield page
        extras_results = [done.get() for _, done in self._held]
        self.close()
        for (_, done), extras_result in zip(self._held, extras_results):  # in the order of their groups
            _collect(extras_result, problems, missing)
            if any(done is still for _, still in waiting):
                groups.update(extras_result.groups)
                yield from extras_result.files
        renderer.problems = problems
        for lang, messages in missing.items():
            renderer.translations[lang].missing |= messages
        renderer.check_catalog()

    def close(self) -> None:
        """Stop the workers (when there are any)."""
        if self._stack is not None:
            self._stack.close()


@contextmanager
def rendering(renderer: SiteRenderer, extras: Sequence[str], jobs: int, make: Callable[[], SiteRenderer],
              before_workers: Callable[[], None] = lambda: None, holds: Holds | None = None) -> Iterator[Rendering]:
    """A build's Rendering (jobs: the processes it may use; make: how a worker that is not forked makes its renderer;
    holds: FileCache.holds), its workers stopped at the end."""
    run = Rendering(renderer, extras, jobs, make, before_workers, holds)
    try:
        yield run
    finally:
        run.close()


def _made(waiting: list, groups: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """The files of the extras tasks made by now (taken out of waiting: (task, its result to come)), each file's group
    in groups first."""
    for item in [item for item in waiting if item[1].ready()]:
        waiting.remove(item)
        result = item[1].get()
        groups.update(result.groups)
        yield from result.files


def _pages_showing(renderer: SiteRenderer, groups: Sequence[str]) -> tuple[int, ...]:
    """The pages along (SiteRenderer.pages_along) that show one of these groups, whether they are to be rendered or not:
    the task that makes the group renders them, and files() leaves out those it need not."""
    from .render import ALONG

    return tuple(i for i in renderer.pages_along(range(len(renderer.specs))) if ALONG[renderer.specs[i].kind.name] in groups)


def _extras_tasks(groups: Sequence[str], along: tuple[int, ...]) -> list[Extras]:
    """A task for each group of the extras, so that the workers share them, in their order; the pages along
    (SiteRenderer.pages_along) go with the group they show, or alone when it is not made again."""
    from .render import ALONG

    shown = set(ALONG.values())
    tasks = [Extras((group,), along if group in shown else ()) for group in groups]
    if along and not any(task.pages for task in tasks):
        tasks.insert(0, Extras((), along))
    return tasks


def chunk_for(pages: int, workers: int) -> int:
    """The pages a task renders: CHUNK, or fewer, so that each worker has TASKS_PER_WORKER tasks or more (in this
    process, CHUNK)."""
    return max(1, min(CHUNK, pages // (TASKS_PER_WORKER * workers))) if workers else CHUNK


def _steps(pages: Sequence[int], along: set[int], chunk: int = CHUNK) -> list[tuple[int, ...] | int]:
    """The pages in order as tasks of up to chunk pages, and alone (an int) each page the extras task renders."""
    steps: list[tuple[int, ...] | int] = []
    run: list[int] = []
    for i in pages:
        if i in along or len(run) == chunk:
            steps += [tuple(run)] if run else []
            run = []
        if i in along:
            steps.append(i)
        else:
            run.append(i)
    return steps + ([tuple(run)] if run else [])


def run_task(renderer: SiteRenderer, task: Extras | tuple[int, ...], holds: Holds | None = None) -> Rendered:
    """Render one task's files, with the mistakes and missing UI strings of that task alone; a file dist/ holds
    already (holds: FileCache.holds, in a worker) comes back as cache.Held, not its bytes."""
    from .links import dest

    groups: dict[str, str] = {}
    pages = []
    if isinstance(task, Extras):
        for spec in (renderer.specs[i] for i in task.pages):
            renderer.problems = Problems()
            pages.append(((dest(spec.url), renderer.page(spec)), renderer.problems))
        renderer.problems = Problems()
        files = [(name, data) for group in task.groups for name, data in renderer.extras_of(group).items()]
        groups = {name: group for group in task.groups for name in renderer.extras_of(group)}
    else:
        renderer.problems = Problems()
        files = [(dest(spec.url), renderer.page(spec)) for spec in (renderer.specs[i] for i in task)]
    if holds is not None:
        from .cache import Held

        files = [(name, Held() if holds(name, data) else data) for name, data in files]
    missing = {lang: set(tr.missing) for lang, tr in renderer.translations.items()}
    for tr in renderer.translations.values():
        tr.missing.clear()
    return Rendered(files, renderer.problems, missing, groups, tuple(pages))


def _collect(result: Rendered, problems: Problems, missing: dict[str, set[str]]) -> None:
    for error in result.problems.errors:
        problems.add(error.mark, error.key_path, error.expected, error.found)
    for text in result.problems.hints:
        problems.hint(text)
    for lang, messages in result.missing.items():
        missing[lang] |= messages


@contextmanager
def _runner(renderer: SiteRenderer, workers: int, make: Callable[[], SiteRenderer], holds: Holds | None = None):
    """Two functions, here or on a pool of worker processes: one that starts a task (its result to come: .ready(),
    .wait(timeout), .get()), and one from tasks to their results to come, in order (_in_order: with at most window
    tasks started and not yet taken, each task's cost as cost() says)."""
    if workers == 0:
        yield (lambda task: _Done(run_task(renderer, task))), \
            (lambda tasks, window, cost: (_Done(run_task(renderer, task)) for task in tasks))
        return
    import multiprocessing  # here: a build that renders in one process never needs it

    # fork: a worker starts with this process's renderer, its templates compiled here once; elsewhere make()
    # travels pickled and each worker makes its own.
    global _worker
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked:
        renderer.compile_templates()
        _worker = renderer
    try:
        with _pool_class()(workers, _start_worker, (make, holds),
                           context=multiprocessing.get_context("fork" if forked else "spawn")) as pool:
            yield (lambda task: pool.apply_async(_run_in_worker, (task,))), \
                (lambda tasks, window, cost: _in_order(pool, tasks, window, cost))
    finally:
        _worker = None


def _pool_class() -> type:
    """multiprocessing's Pool, but for the thread that watches its workers (it starts one again when one ends): Pool
    wakes it whenever a result can be read as well, and it goes round until another thread has read the result. A
    clean build's results (24 pages, up to 650 KB) are read in pieces of the pipe's 64 KB: it went round about 700
    times a build of six reports, 0.3 s of this process's time while it writes the files. It is woken still by what
    it watches for: a worker ending, the pool closing, its last task done (Pool's own notice of each)."""
    from multiprocessing.pool import Pool

    class WatchfulPool(Pool):
        def _get_sentinels(self):
            notifier = getattr(self, "_change_notifier", None)  # Pool's notice of a change (Python 3.8 on)
            return super()._get_sentinels() if notifier is None else [notifier._reader]  # as ThreadPool's

    return WatchfulPool


@dataclass(frozen=True)
class _Done:
    """A task's result made already (in this process)."""

    result: Rendered

    def ready(self) -> bool:
        return True

    def wait(self, timeout: float | None = None) -> None:
        pass

    def get(self) -> Rendered:
        return self.result


def _in_order(pool, tasks: list, window: int, cost: Callable[[object], int] = lambda task: 0) -> Iterator:
    """The tasks' results to come (.get() each) in order, with at most window tasks started and not yet taken: workers that
    render faster than this process writes would otherwise pile every page up in memory. When they all fit in the
    window (an edit's few), they start costliest first (cost: PageKind.cost), so that no costly task ends the run
    alone; their results still come in order."""
    if len(tasks) <= window:
        started = {}
        for n in sorted(range(len(tasks)), key=lambda n: -cost(tasks[n])):  # sorted keeps the order of equal costs
            started[n] = pool.apply_async(_run_in_worker, (tasks[n],))
        yield from (started[n] for n in range(len(tasks)))
        return
    pending: deque = deque()
    for task in tasks:
        pending.append(pool.apply_async(_run_in_worker, (task,)))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


_make: Callable[[], SiteRenderer] | None = None  # in a worker process: how to make its renderer
_holds: Holds | None = None  # and whether dist/ holds a file's bytes already
_worker: SiteRenderer | None = None  # and the renderer: the parent's when forked, else made by its first task


def _start_worker(make: Callable[[], SiteRenderer], holds: Holds | None) -> None:
    global _make, _holds
    _make, _holds = make, holds
    gc.set_threshold(*WORKER_GC)


def _run_in_worker(task: Extras | tuple[int, ...]) -> Rendered:
    # Made here, not when the worker starts: a pool restarts a worker whose start fails, forever,
    # while a task's exception travels to the parent and fails the build.
    global _worker
    if _worker is None:
        _worker = _make()
    return run_task(_worker, task, _holds)


def default_jobs() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
