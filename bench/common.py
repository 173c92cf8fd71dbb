"""What every benchmark script shares."""


def report(result: dict) -> None:
    """Print a benchmark's figures one per line, for a person reading the terminal."""
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


def run_window(app, window, tick, clock, *, interval_ms: int = 10, limit_ms: int = 120_000) -> None:
    """Show ``window`` and turn the event loop, calling ``tick`` every ``interval_ms`` until it quits
    the application (or ``limit_ms`` passes); ``clock`` (a QElapsedTimer) starts with the window."""
    from PySide6.QtCore import QTimer

    ticker = QTimer(interval=interval_ms)
    ticker.timeout.connect(tick)
    window.show()
    clock.start()
    ticker.start()
    QTimer.singleShot(limit_ms, app.quit)
    app.exec()
    ticker.stop()
