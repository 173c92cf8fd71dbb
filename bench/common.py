"""What every benchmark script shares."""


def report(result: dict) -> None:
    """Print a benchmark's figures one per line, for a person reading the terminal."""
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
