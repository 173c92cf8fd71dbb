"""What the desk knows about scanners: devices, the settings of one scan, profiles."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desk.domain.errors import DomainError

COLOUR_MODES = {"gray": "Xám (đen trắng nhiều mức)", "color": "Màu", "lineart": "Đen trắng (văn bản)"}
SOURCES = {"flatbed": "Mặt kính", "adf": "Khay nạp giấy (ADF)", "duplex": "Khay nạp giấy, hai mặt"}
DEFAULT_RESOLUTION = 300
RESOLUTIONS = (150, 200, 240, 300, 400, 600)


class ScanError(Exception):
    """A scan that did not happen, with a message for the clerk (Vietnamese)."""


@dataclass(frozen=True)
class ScanSettings:
    resolution: int = DEFAULT_RESOLUTION
    mode: str = "gray"
    source: str = "flatbed"

    def validate(self) -> ScanSettings:
        if not 75 <= self.resolution <= 1200:
            raise DomainError("Độ phân giải phải từ 75 đến 1200 dpi (nên dùng 200–300).", field="resolution")
        if self.mode not in COLOUR_MODES:
            raise DomainError("Chế độ màu phải là xám, màu hoặc đen trắng.", field="mode")
        if self.source not in SOURCES:
            raise DomainError("Nguồn giấy phải là mặt kính, khay nạp giấy hoặc hai mặt.", field="source")
        return self

    @property
    def batch(self) -> bool:
        """Whether the source feeds sheets until it runs out (ADF) rather than one page."""
        return self.source in ("adf", "duplex")


@dataclass(frozen=True)
class DeviceInfo:
    backend: str            # "sane", "wia", or a test backend
    device_id: str          # what the backend opens it by
    vendor: str = ""
    model: str = ""
    kind: str = ""
    sources: tuple[str, ...] = ("flatbed",)  # of SOURCES
    modes: tuple[str, ...] = ("gray", "color")
    max_resolution: int = 600

    @property
    def label(self) -> str:
        name = " ".join(part for part in (self.vendor, self.model) if part and part.lower() != "noname")
        return f"{name or self.device_id} ({self.device_id})"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> DeviceInfo:
        return cls(**{**data, "sources": tuple(data.get("sources", ("flatbed",))),
                      "modes": tuple(data.get("modes", ("gray", "color")))})


@dataclass(frozen=True)
class ScannerProfile:
    """A device with the settings a counter uses it with, remembered under a name."""

    name: str
    backend: str
    device_id: str
    settings: ScanSettings = field(default_factory=ScanSettings)

    def to_dict(self) -> dict:
        return {"name": self.name, "backend": self.backend, "device_id": self.device_id,
                "settings": asdict(self.settings)}

    @classmethod
    def from_dict(cls, data: dict) -> ScannerProfile:
        return cls(name=str(data["name"]), backend=str(data["backend"]), device_id=str(data["device_id"]),
                   settings=ScanSettings(**data.get("settings", {})).validate())
