"""In-process behaviour of spans: asyncio tasks, threads and decorators (no network)."""

import asyncio
import contextvars
import os
import sys
import tempfile
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

import harness

sys.path.insert(0, harness.PYTHON_ROOT)
os.environ.update(PIPELENS_SPOOL_DIR=os.path.join(tempfile.gettempdir(), "pipelens-unit-spool"), PIPELENS_EXIT_TIMEOUT="0",
                  PIPELENS_ENDPOINT="http://127.0.0.1:9")
import pipelens  # noqa: E402
from pipelens import _trace  # noqa: E402


class InProcessTest(unittest.TestCase):
    def setUp(self):
        self.finished = []
        previous = _trace._sink
        _trace._sink = self.finished.append
        self.addCleanup(setattr, _trace, "_sink", previous)

    def named(self, name):
        (span,) = [s for s in self.finished if s.name == name]
        return span

    def test_async_tasks_each_nest_under_the_span_that_started_them(self):
        @pipelens.traced
        async def fetch(i):
            await asyncio.sleep(0)  # a scheduling point (yields to the other task), not a wait
            with pipelens.span("parse-%d" % i):
                await asyncio.sleep(0)  # a scheduling point (yields to the other task), not a wait

        async def main():
            with pipelens.span("gather"):
                await asyncio.gather(fetch(1), fetch(2))

        asyncio.run(main())
        gather = self.named("gather")
        fetches = [s for s in self.finished if s.name.endswith("fetch")]
        self.assertEqual(2, len(fetches))
        self.assertEqual({gather.span_id}, {s.parent_span_id for s in fetches})
        self.assertEqual({f.span_id for f in fetches},
                         {self.named("parse-1").parent_span_id, self.named("parse-2").parent_span_id})

    def test_threads_see_the_parent_only_when_the_context_is_copied(self):
        with pipelens.span("main") as main:
            with ThreadPoolExecutor(2) as pool:
                ctx = contextvars.copy_context()
                pool.submit(ctx.run, lambda: pipelens.span("copied").__enter__().end()).result()
                pool.submit(lambda: pipelens.span("fresh").__enter__().end()).result()
        self.assertEqual(main.span_id, self.named("copied").parent_span_id)
        self.assertNotEqual(main.trace_id, self.named("fresh").trace_id)

    def test_an_incoming_traceparent_continues_the_callers_trace(self):
        with pipelens.span("handler", kind="server",
                           traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                           tracestate="r=1") as served:
            with pipelens.span("inner"):
                pass
        self.assertEqual("0af7651916cd43dd8448eb211c80319c", served.trace_id)
        self.assertEqual("b7ad6b7169203331", served.parent_span_id)
        self.assertTrue(served.parent_remote)
        self.assertEqual(served.span_id, self.named("inner").parent_span_id)
        with pipelens.span("outer") as outer:
            with pipelens.span("bad header", traceparent="garbage") as bad:
                pass
        self.assertEqual(outer.span_id, bad.parent_span_id, "a malformed header falls back to the current span")

    def test_decorated_function_keeps_its_name_and_gets_a_new_span_per_call(self):
        @pipelens.traced(attributes={"k": 1})
        def work(x):
            """doc"""
            return pipelens.current_span().span_id

        first, second = work(1), work(2)
        self.assertEqual(("work", "doc"), (work.__name__, work.__doc__))
        self.assertNotEqual(first, second)
        self.assertEqual(2, len([s for s in self.finished if s.name.endswith("work")]))

    def test_unknown_kind_and_status_name_the_allowed_values(self):
        with self.assertRaisesRegex(ValueError, "unknown span kind 'sideways'; expected one of unspecified, internal"):
            pipelens.span("x", kind="sideways")
        with pipelens.span("s") as s:
            with self.assertRaisesRegex(ValueError, "unknown span status 'great'"):
                s.set_status("great")

    def test_bare_span_decorator_says_what_to_use(self):
        with self.assertRaisesRegex(TypeError, r"use @pipelens.traced or @pipelens.span\("):
            @pipelens.span
            def work():
                pass

    def test_thread_excepthook_records_and_chains(self):
        seen = []
        previous = threading.excepthook
        threading.excepthook = seen.append  # what pipelens chains to is looked up at install time
        self.addCleanup(setattr, threading, "excepthook", previous)
        records = []
        pipelens._process.install_excepthooks(records.append)
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        self.assertEqual([ZeroDivisionError], [type(e) for e in records])
        self.assertEqual(1, len(seen), "the previous hook still runs")


if __name__ == "__main__":
    unittest.main()
