"""What every benchmark script shares."""


def report(result: dict) -> None:
    """Print a benchmark's figures one per line, for a person reading the terminal."""
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


def run_window(app, window, tick, clock, *, interval_ms: int = 10, limit_ms: int = 120_000) -> None:
    """Show ``window`` and turn the event loop, calling ``tick`` every ``interval_ms`` until it ends
    the event loop with ``app.exit(0)`` (or ``limit_ms`` passes); ``clock`` (a QElapsedTimer) starts with the window."""
    from PySide6.QtCore import QTimer

    ticker = QTimer(interval=interval_ms)
    ticker.timeout.connect(tick)
    window.show()
    clock.start()
    ticker.start()
    # exit(), not quit(): since Qt 6, quit() first asks every window to close, and the desk's window declines
    # while a form is half filled (it asks the clerk), which would keep a benchmark turning forever.
    QTimer.singleShot(limit_ms, lambda: app.exit(0))
    app.exec()
    ticker.stop()
