"""The child process that talks to a scanner driver: ``python -m desk.scanning.host``.

Drivers are native code that can hang or crash (docs/ARCHITECTURE.md, threads and operations), so the desk
never loads one in its own process. The parent writes one JSON request on stdin; the host
answers with JSON lines on a private copy of stdout:

    {"devices": [...]}                                  for {"op": "devices"}
    {"page": "page-0001.pnm", "dpi": 300, ...}          for each page of {"op": "scan"}
    {"done": 3}                                         once the scan is complete
    {"error": "…"}                                      a failure the driver reported

Anything a driver prints itself goes to stderr, which the parent only logs.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from pathlib import Path

from .model import ScanError, ScanSettings

BACKENDS = {
    "sane": "desk.scanning.sane_backend:SaneBackend",
    "wia": "desk.scanning.wia_backend:WiaBackend",
}


def load_backend(name: str):
    """A backend by short name, or by ``module:Class`` (the tests' misbehaving drivers)."""
    target = BACKENDS.get(name, name)
    if ":" not in target:
        raise ScanError(f"Không có trình điều khiển máy quét “{name}”.")
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ScanError(f"Máy này chưa cài trình điều khiển máy quét “{name}” ({exc}).") from exc
    return getattr(module, attr)()


def serve(request: dict, out) -> None:
    def send(message: dict) -> None:
        out.write(json.dumps(message, ensure_ascii=False) + "\n")
        out.flush()

    try:
        backend = load_backend(request["backend"])
        if request["op"] == "devices":
            send({"devices": [device.to_dict() for device in backend.devices()]})
            return
        settings = ScanSettings(**request["settings"])
        out_dir = Path(request["out_dir"])
        count = 0
        for item, dpi in backend.scan(request["device_id"], settings, out_dir):
            count += 1
            if isinstance(item, Path):  # the driver wrote the page itself
                name = item.name
            else:  # a PIL image: PNM has no compression, so the host spends no time on it
                name = f"page-{count:04d}.pnm"
                item.save(out_dir / name, "PPM")
            send({"page": name, "dpi": dpi})
        send({"done": count})
    except ScanError as exc:
        send({"error": str(exc)})
    except Exception as exc:  # a driver's own error: report it plainly, keep the trace for the log
        traceback.print_exc()
        send({"error": f"Trình điều khiển máy quét báo lỗi: {exc}"})


def main() -> None:
    # Load every module a scan needs before a driver starts: a driver loaded into this process (WIA's
    # COM server; python-sane did it in trials, docs/SCANNING.md) may run threads that hold the dynamic
    # loader's lock, and a late import of a C extension (PIL loads its format plugins on the first save)
    # would then wait forever.
    from PIL import Image, PpmImagePlugin  # noqa: F401

    Image.preinit()
    # Keep the protocol on a private descriptor and point fd 1 at stderr, so that a driver
    # writing to stdout cannot corrupt it.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    request = json.loads(sys.stdin.readline())
    serve(request, out)
    out.close()


if __name__ == "__main__":
    main()
