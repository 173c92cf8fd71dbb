import threading

from desk.sync.engine import SyncReport
from desk.sync.worker import SyncWorker, backoff_delay


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    top = [backoff_delay(n, base_s=2, max_s=300, rng=lambda: 1.0) for n in range(1, 11)]
    assert top == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert backoff_delay(3, base_s=2, max_s=300, rng=lambda: 0.25) == 2.0  # full jitter
    assert backoff_delay(1, base_s=2, max_s=300, retry_after=30, rng=lambda: 1.0) == 30  # Retry-After wins
    assert backoff_delay(0, base_s=2, max_s=300) == 0


def test_breaker_opens_after_repeated_failures_and_success_resets():
    worker = SyncWorker(lambda: SyncReport(), lambda r: None, interval_s=60, max_backoff_s=300, breaker_after=3)
    down = SyncReport(error="Không kết nối được")
    delays = [worker.next_delay(down) for _ in range(4)]
    assert worker.breaker_open and delays[2:] == [300, 300]
    assert worker.next_delay(SyncReport()) == 60 and worker.failures == 0


def test_worker_runs_rounds_on_its_own_thread_and_wakes_on_trigger():
    rounds, threads, done = [], [], threading.Event()

    def run_round():
        threads.append(threading.current_thread().name)
        return SyncReport(pushed=len(rounds))

    def on_report(report):
        rounds.append(report)
        if len(rounds) == 2:
            done.set()

    worker = SyncWorker(run_round, on_report, interval_s=3600)
    worker.start()
    worker.trigger()
    assert done.wait(5)
    worker.stop()
    assert threads == ["desk-sync", "desk-sync"] and threading.current_thread().name != "desk-sync"
