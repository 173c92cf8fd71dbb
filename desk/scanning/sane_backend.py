"""SANE (Linux): USB scanners, and network scanners SANE reaches (eSCL/airscan, vendor backends).

Runs inside the driver host (host.py) and drives SANE through its own command-line frontend,
``scanimage``, rather than python-sane: python-sane's feeder loop hung now and then inside
``sane_start`` on the second sheet (about one batch in five with SANE's test device), while
``scanimage --batch`` never did in the same trials (docs/SCANNING.md). It also spares counters a
C compiler. Option names and values differ between SANE backends, so they are matched loosely
("Gray"/"Grey", "ADF"/"Automatic Document Feeder"/"ADF Front"...)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from .model import DeviceInfo, ScanError, ScanSettings

_SOURCE_WORDS = (("duplex", "duplex"), ("adf", "adf"), ("feeder", "adf"), ("automatic", "adf"),
                 ("flatbed", "flatbed"), ("platen", "flatbed"), ("normal", "flatbed"), ("glass", "flatbed"))
_MODE_WORDS = (("gray", "gray"), ("grey", "gray"), ("color", "color"), ("colour", "color"),
               ("lineart", "lineart"), ("binary", "lineart"), ("black", "lineart"))
EXIT_GRACE_S = 3.0  # after a flatbed page, how long scanimage may take to close the device
_FIELD = "\x1f"  # between fields of the formatted device list: never in a device name
# "    --source Flatbed|Automatic Document Feeder [Flatbed]"   "    -x 0..215.9mm (in steps of 1) [80]"
_OPTION_RE = re.compile(r"^\s+(--[\w-]+|-[ltxy])\s+(.*?)\s*(?:\[(.*)\])?\s*$")
_RANGE_RE = re.compile(r"^(-?[\d.]+)\.\.(-?[\d.]+)")


def classify(value: str, words: tuple[tuple[str, str], ...]) -> str | None:
    lowered = value.lower()
    for word, meaning in words:
        if word in lowered:
            return meaning
    return None


def pick(choices, wanted: str, words) -> str | None:
    """The driver's own spelling of what we want ("adf" → "ADF Front"), or None."""
    for value in choices or ():
        if classify(value, words) == wanted:
            return value
    return None


def parse_options(text: str) -> dict[str, list[str] | tuple[float, float]]:
    """``scanimage -A`` → {option: list of choices, or (min, max)}."""
    options: dict[str, list[str] | tuple[float, float]] = {}
    for line in text.splitlines():
        match = _OPTION_RE.match(line)
        if not match:
            continue
        name, constraint = match.group(1).lstrip("-"), match.group(2)
        unitless = re.sub(r"(dpi|mm|%|us|bit)\b", "", constraint)
        range_match = _RANGE_RE.match(unitless)
        if range_match:
            options[name] = (float(range_match.group(1)), float(range_match.group(2)))
        elif "|" in constraint:
            options[name] = [choice.strip() for choice in re.sub(r"(dpi|mm)$", "", constraint).split("|")]
    return options


def nearest_resolution(constraint, wanted: int) -> int:
    if isinstance(constraint, tuple):
        return int(max(constraint[0], min(constraint[1], wanted)))
    if isinstance(constraint, list):
        numbers = [int(float(value)) for value in constraint if re.fullmatch(r"[\d.]+", value)]
        if numbers:
            return min(numbers, key=lambda value: abs(value - wanted))
    return wanted


class SaneBackend:
    def __init__(self, scanimage: str | None = None):
        found = scanimage or shutil.which("scanimage")
        if not found:
            raise ScanError("Chưa cài SANE (gói sane-utils): không dùng được máy quét qua SANE.")
        self.scanimage: str = found

    def _run(self, args: list[str], timeout: float = 60) -> str:
        result = subprocess.run([self.scanimage, *args], capture_output=True, timeout=timeout)
        if result.returncode != 0:
            raise ScanError(_explain(result.stderr.decode("utf-8", "replace")))
        return result.stdout.decode("utf-8", "replace")

    def options(self, device_id: str) -> dict:
        return parse_options(self._run(["-d", device_id, "-A"]))

    def devices(self) -> list[DeviceInfo]:
        listing = self._run([f"--formatted-device-list=%d{_FIELD}%v{_FIELD}%m{_FIELD}%t%n"])
        found = []
        for line in listing.splitlines():
            fields = line.split(_FIELD)
            if len(fields) != 4:
                continue
            name, vendor, model, kind = fields
            sources: tuple[str, ...] = ("flatbed",)
            modes: tuple[str, ...] = ("gray", "color")
            max_resolution = 600
            try:
                options = self.options(name)
                sources = tuple(dict.fromkeys(filter(None, (classify(v, _SOURCE_WORDS)
                                                           for v in options.get("source", ()))))) or sources
                modes = tuple(dict.fromkeys(filter(None, (classify(v, _MODE_WORDS)
                                                         for v in options.get("mode", ()))))) or modes
                resolution = options.get("resolution")
                if isinstance(resolution, tuple):
                    max_resolution = int(resolution[1])
                elif resolution:
                    max_resolution = nearest_resolution(resolution, 100_000)
            except (ScanError, subprocess.TimeoutExpired):
                pass  # a device that cannot be asked now is still listed
            found.append(DeviceInfo(backend="sane", device_id=name, vendor=vendor, model=model, kind=kind,
                                    sources=sources, modes=modes, max_resolution=max_resolution))
        return found

    def command(self, device_id: str, settings: ScanSettings, options: dict, out_dir: Path) -> list[str]:
        args = [self.scanimage, "-d", device_id, "--format=pnm", f"--batch={out_dir / 'page-%04d.pnm'}",
                "--batch-print"]
        if "mode" in options:
            mode = pick(options["mode"], settings.mode, _MODE_WORDS)
            if mode is None and settings.mode == "lineart":
                mode = pick(options["mode"], "gray", _MODE_WORDS)
            if mode is None:
                raise ScanError("Máy quét này không quét được ở chế độ màu đã chọn.")
            args.append(f"--mode={mode}")
        if "depth" in options and settings.mode != "lineart" and "8" in options["depth"]:
            args.append("--depth=8")
        if "source" in options:
            source = pick(options["source"], settings.source, _SOURCE_WORDS)
            if source is None:
                raise ScanError("Máy quét này không có nguồn giấy đã chọn (mặt kính / khay nạp giấy).")
            args.append(f"--source={source}")
        elif settings.batch:
            raise ScanError("Máy quét này không có khay nạp giấy.")
        if "resolution" in options:
            args.append(f"--resolution={nearest_resolution(options['resolution'], settings.resolution)}")
        for corner in ("x", "y"):  # the whole bed or the whole sheet width, not the driver's default
            if isinstance(options.get(corner), tuple):
                args += [f"-{corner}", f"{options[corner][1]:g}"]
        for corner in ("l", "t"):
            if isinstance(options.get(corner), tuple):
                args += [f"-{corner}", f"{max(0.0, options[corner][0]):g}"]
        if not settings.batch:
            args.append("--batch-count=1")
        return args

    def scan(self, device_id: str, settings: ScanSettings, out_dir: Path) -> Iterator[tuple[Path, int]]:
        options = self.options(device_id)
        args = self.command(device_id, settings, options, out_dir)
        dpi = int(next((a.split("=", 1)[1] for a in args if a.startswith("--resolution=")), settings.resolution))
        child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert child.stdout is not None and child.stderr is not None  # both are pipes
        pages = 0
        try:
            for raw in child.stdout:  # --batch-print: one line per finished page
                path = Path(raw.decode("utf-8", "replace").strip())
                if path.name:
                    pages += 1
                    yield path, dpi
                if not settings.batch and pages:
                    break  # the one page of a flatbed scan is complete
            try:
                code = child.wait(timeout=30 if settings.batch else EXIT_GRACE_S)
            except subprocess.TimeoutExpired:
                if settings.batch or not pages:
                    raise
                # Some backends (SANE's own test device, about one scan in ten here) never return
                # from closing the device after a complete page: the page is good, the process is not.
                print(f"scanimage did not exit {EXIT_GRACE_S:g} s after its page; stopped", file=sys.stderr)
                return
            error = child.stderr.read().decode("utf-8", "replace")
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        out_of_paper = "out of documents" in error.lower() or "no docs" in error.lower()
        if pages == 0 and settings.batch and out_of_paper:
            raise ScanError("Khay nạp giấy không có giấy.")
        if code != 0 and not (settings.batch and out_of_paper):
            raise ScanError(_explain(error))


def _explain(stderr: str) -> str:
    lowered = stderr.lower()
    if "invalid argument" in lowered and "open" in lowered:
        return "Không mở được máy quét: không thấy thiết bị (đã bật và đã cắm cáp chưa?)."
    if "device busy" in lowered:
        return "Máy quét đang bận (có thể một máy khác đang quét)."
    if "jammed" in lowered:
        return "Giấy bị kẹt trong máy quét. Gỡ giấy rồi quét lại."
    if "cover" in lowered and "open" in lowered:
        return "Nắp máy quét đang mở."
    detail = stderr.strip().splitlines()[-1] if stderr.strip() else "không rõ lý do"
    return f"Máy quét báo lỗi: {detail}"

