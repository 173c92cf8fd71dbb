"""The indicators of a one-stop centre (issue 18), shared by the desk and the province so that both show the same
numbers for the same commune and period: the catalogue (QĐ 766/QĐ-TTg groups, points, thresholds, the formula
shown on hover), ``Counts`` (the raw aggregates a side computes from its own records) and the pure functions
turning counts into rates and QĐ 766 points. Definitions, records read and what cannot be known:
docs/INDICATORS.md. Pure Python, no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

# A dossier's handling ends the first time it reaches one of these (TrangThaiHoSo, contract/status.py): result
# ready (9), returned (10), refused (3), withdrawn (7), stopped (8). Its timeliness is judged at that moment.
FINISHED_STATUSES = frozenset({3, 7, 8, 9, 10})
# Open: the clock runs (2, 4, 6) or waits for the citizen's papers (5).
OPEN_STATUSES = frozenset({2, 4, 5, 6})
CLOCK_RUNNING_STATUSES = frozenset({2, 4, 6})
WITH_RESULT_STATUSES = frozenset({9, 10})
DUE_SOON_WORKING_DAYS = 2  # "sắp đến hạn": due by the end of the second working day after today

GROUP_PUBLIC = "Công khai, minh bạch"
GROUP_PROGRESS = "Tiến độ giải quyết"
GROUP_ONLINE = "Dịch vụ công trực tuyến"
GROUP_PAYMENT = "Thanh toán trực tuyến"
GROUP_DIGITAL = "Số hóa hồ sơ"
GROUP_SATISFACTION = "Mức độ hài lòng"
GROUP_OPERATIONS = "Vận hành"


@dataclass(frozen=True)
class Counts:
    """Raw aggregates for one period (and filter). ``received_*``, ``digitized_*``, ``reused_*``,
    ``online_*``: dossiers received in the period; ``finished_*``: handling ended in the period;
    ``carried_over``/``open_at_end``: open at the period's start/end; ``in_progress``, ``waiting_supplement``,
    ``late_open``, ``due_soon``: now; steps and counter outcomes: in the period; ``returned``/``rated_*``:
    results handed over in the period; handling time: minutes of wall-clock time, dossiers finished with a
    result in the period."""

    received_counter: int = 0
    received_online: int = 0
    received_postal: int = 0
    received_assisted: int = 0  # submitted by someone else for the owner (nộp thay); also counted by channel
    online_waiting: int = 0  # online applications not yet accepted (status 1)
    online_not_accepted: int = 0  # online applications refused or sent back for papers at the inbox
    carried_over: int = 0
    open_at_end: int = 0
    open_late_at_end: int = 0
    in_progress: int = 0
    waiting_supplement: int = 0
    late_open: int = 0
    due_soon: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    finished_undated: int = 0  # the procedure states no time: neither early nor late
    finished_with_result: int = 0
    supplement_requests: int = 0
    refusals: int = 0  # dossiers moved to 3 "không được tiếp nhận"
    refusals_at_counter: int = 0  # Mẫu 03 given at intake, no dossier made
    guidance_given: int = 0  # Mẫu 02 given at intake
    stopped: int = 0
    withdrawn: int = 0
    digitized_dossiers: int = 0
    reused_dossiers: int = 0
    digitized_documents: int = 0
    reused_documents: int = 0
    returned: int = 0
    rated_very_satisfied: int = 0
    rated_satisfied: int = 0
    rated_unsatisfied: int = 0
    handling_avg_minutes: float | None = None
    handling_p90_minutes: float | None = None

    @property
    def received(self) -> int:
        return self.received_counter + self.received_online + self.received_postal

    @property
    def finished_dated(self) -> int:
        return self.finished_early + self.finished_on_time + self.finished_late

    @property
    def finished(self) -> int:
        return self.finished_dated + self.finished_undated

    @property
    def rated(self) -> int:
        return self.rated_very_satisfied + self.rated_satisfied + self.rated_unsatisfied

    @property
    def all_refusals(self) -> int:
        return self.refusals + self.refusals_at_counter

    @classmethod
    def from_mapping(cls, values: dict) -> Counts:
        """Counts from a query's named values; names it does not know are ignored, missing ones are 0/None."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def merge_values(into: dict, rows: list[tuple[Any, dict[str, Any]]]) -> None:
    """Add query rows ``(key, {name: value})`` into ``into[key]`` (None values skipped): the desk and the province
    assemble one ``Counts`` from several aggregate statements the same way."""
    for key, values in rows:
        target = into.setdefault(key, {})
        for name, value in values.items():
            if value is None:
                continue
            target[name] = target.get(name, 0) + value if name in target else value


def counts_from_values(values: dict[str, Any]) -> Counts:
    """``Counts`` from merged values: minutes rounded to 0.1, the rest whole; an average handling time from a total
    over the dossiers with a result when a side summed it (sums add up across procedures, averages do not)."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        out[name] = round(float(value), 1) if name.endswith("_minutes") else int(value)
    total, finished = values.get("handling_total_minutes"), values.get("finished_with_result")
    if total is not None and finished:
        out["handling_avg_minutes"] = round(float(total) / int(finished), 1)
    return Counts.from_mapping(out)


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by (shown "—", never 0 %)."""
    return part / whole if whole else None


def points(rate: float | None, max_points: float, threshold: float | None) -> float | None:
    """QĐ 766's scoring: "Đạt từ X% trở lên đạt điểm tối đa; dưới X%: tỷ lệ × điểm tối đa / X%" (rate and
    threshold as fractions); without a threshold, rate × max points."""
    if rate is None:
        return None
    if threshold is None:
        return round(rate * max_points, 2)
    return float(max_points) if rate >= threshold else round(rate * max_points / threshold, 2)


def on_time_rate(c: Counts) -> float | None:
    """2.1: finished early or on time, plus open and not late at the period's end, over finished (with a date)
    plus open at the end (VPCP: a dossier still open is judged at the end of the period)."""
    open_in_time = c.open_at_end - c.open_late_at_end
    return ratio(c.finished_early + c.finished_on_time + open_in_time, c.finished_dated + c.open_at_end)


def satisfaction_766(c: Counts) -> float | None:
    """5.4 as the desk can estimate it: 100 % − (share finished late + share of returned results rated
    "không hài lòng"); VPCP reads PAKN and "dislike" on the national portal instead of the desk's ratings."""
    late = ratio(c.finished_late, c.finished_dated)
    unhappy = ratio(c.rated_unsatisfied, c.returned)
    if late is None and unhappy is None:
        return None
    return max(0.0, 1.0 - (late or 0.0) - (unhappy or 0.0))


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str  # a QĐ 766 group, or GROUP_OPERATIONS
    name: str
    formula: str  # shown on hover, Vietnamese
    unit: str = "%"  # "%", "hồ sơ", "phút"
    max_points: float | None = None
    threshold: float | None = None  # fraction: 0.8 for "80 %"
    value: Callable[[Counts], float | None] | None = None  # None: the desk's records cannot give it
    cannot_know: str = ""

    @property
    def computed(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: float | None  # a fraction for "%", else a count or minutes
    points: float | None  # QĐ 766 points, when it gives them


def _count(name: str) -> Callable[[Counts], float | None]:
    return lambda c: getattr(c, name)


_SCORE = "Đạt từ {x}% trở lên đạt điểm tối đa ({p} điểm); dưới {x}%: tỷ lệ × {p} / {x}%."
_NOT_SYNCED = "Cổng DVCQG ghi nhận; bàn làm việc không biết."

INDICATORS: tuple[Indicator, ...] = (
    # -- QĐ 766, what the desk's own records support
    Indicator("766.2.1", GROUP_PROGRESS, "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
              "(Số hồ sơ kết thúc xử lý trong kỳ trước hạn hoặc đúng hạn + số hồ sơ đang xử lý cuối kỳ chưa quá "
              "hạn) / (số hồ sơ kết thúc xử lý trong kỳ + số hồ sơ đang xử lý cuối kỳ) × 100%. Đúng hạn: kết "
              "thúc xử lý không muộn hơn hạn giải quyết (hẹn trả trên biên nhận, hoặc gia hạn có căn cứ). "
              "Điểm = tỷ lệ × 20.", max_points=20, value=on_time_rate),
    Indicator("766.2.2", GROUP_PROGRESS, "Thời gian giải quyết trung bình",
              "Trung bình (thời điểm có kết quả − thời điểm tiếp nhận) của hồ sơ có kết quả trong kỳ, tính theo "
              "giờ đồng hồ (không trừ ngày nghỉ). Không tính điểm.", unit="phút",
              value=_count("handling_avg_minutes")),
    Indicator("766.3.3", GROUP_ONLINE, "Tỷ lệ hồ sơ trực tuyến",
              "Số hồ sơ trực tuyến tiếp nhận trong kỳ / tổng số hồ sơ tiếp nhận trong kỳ × 100% (VPCP còn nhân "
              "với tỷ lệ đồng bộ lên Cổng DVCQG; mốc 50%).", threshold=0.5,
              value=lambda c: ratio(c.received_online, c.received)),
    Indicator("766.4.2", GROUP_DIGITAL, "Tỷ lệ số hóa hồ sơ",
              "Số hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần được số hóa (quét hoặc tái sử dụng) / tổng số "
              "hồ sơ tiếp nhận trong kỳ × 100%. " + _SCORE.format(x=80, p=4), max_points=4, threshold=0.8,
              value=lambda c: ratio(c.digitized_dossiers, c.received),
              cannot_know="Phần số hóa kết quả giải quyết (VPCP đòi cả tệp kết quả) không ghi ở bàn làm việc."),
    Indicator("766.4.3", GROUP_DIGITAL, "Tỷ lệ tái sử dụng dữ liệu số hóa",
              "Số hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần tái sử dụng tệp đã số hóa / tổng số hồ sơ "
              "tiếp nhận trong kỳ × 100%. " + _SCORE.format(x=80, p=2), max_points=2, threshold=0.8,
              value=lambda c: ratio(c.reused_dossiers, c.received)),
    Indicator("766.5.4", GROUP_SATISFACTION, "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC (ước tính)",
              "100% − (tỷ lệ hồ sơ kết thúc quá hạn + tỷ lệ hồ sơ trả kết quả được đánh giá “Không hài lòng”). "
              + _SCORE.format(x=90, p=6), max_points=6, threshold=0.9, value=satisfaction_766,
              cannot_know="VPCP tính theo PAKN và đánh giá “không hài lòng” trên Cổng DVCQG; bàn làm việc dùng "
                          "đánh giá tại quầy thay cho phần đó."),
    # -- operations of the centre
    Indicator("received", GROUP_OPERATIONS, "Hồ sơ tiếp nhận", "Số hồ sơ có thời điểm tiếp nhận trong kỳ (trực "
              "tiếp, trực tuyến đã tiếp nhận, bưu chính).", unit="hồ sơ", value=lambda c: c.received),
    Indicator("in_progress", GROUP_OPERATIONS, "Đang giải quyết", "Số hồ sơ đang ở trạng thái 2, 4, 5, 6 (hiện tại).",
              unit="hồ sơ", value=_count("in_progress")),
    Indicator("due_soon", GROUP_OPERATIONS, "Sắp đến hạn", "Hồ sơ đang xử lý có hạn giải quyết từ bây giờ đến hết "
              f"{DUE_SOON_WORKING_DAYS} ngày làm việc tiếp theo.", unit="hồ sơ", value=_count("due_soon")),
    Indicator("late_open", GROUP_OPERATIONS, "Quá hạn chưa có kết quả", "Hồ sơ đang xử lý (trạng thái 2, 4, 6) đã qua "
              "hạn giải quyết.", unit="hồ sơ", value=_count("late_open")),
    Indicator("late_share", GROUP_OPERATIONS, "Tỷ lệ kết thúc quá hạn", "Số hồ sơ kết thúc xử lý trong kỳ sau hạn / "
              "số hồ sơ kết thúc xử lý trong kỳ có hạn giải quyết × 100%.",
              value=lambda c: ratio(c.finished_late, c.finished_dated)),
    Indicator("supplement_requests", GROUP_OPERATIONS, "Yêu cầu bổ sung", "Số lần yêu cầu bổ sung giấy tờ trong kỳ.",
              unit="hồ sơ", value=_count("supplement_requests")),
    Indicator("refusals", GROUP_OPERATIONS, "Từ chối", "Hồ sơ chuyển sang “Không được tiếp nhận” trong kỳ + phiếu từ "
              "chối tại quầy (Mẫu 03).", unit="hồ sơ", value=lambda c: c.all_refusals),
    Indicator("guidance", GROUP_OPERATIONS, "Hướng dẫn tại quầy", "Số phiếu hướng dẫn (Mẫu 02) lập trong kỳ.",
              unit="hồ sơ", value=_count("guidance_given")),
    Indicator("returned", GROUP_OPERATIONS, "Đã trả kết quả", "Số hồ sơ trả kết quả trong kỳ.", unit="hồ sơ",
              value=_count("returned")),
    Indicator("satisfied_share", GROUP_OPERATIONS, "Tỷ lệ hài lòng (đánh giá tại quầy)", "(Rất hài lòng + hài lòng) / "
              "số đánh giá của hồ sơ trả kết quả trong kỳ × 100%.",
              value=lambda c: ratio(c.rated_very_satisfied + c.rated_satisfied, c.rated)),
    Indicator("handling_p90", GROUP_OPERATIONS, "Thời gian giải quyết, 90% hồ sơ không quá",
              "Phân vị 90 (thứ hạng gần nhất) của thời gian từ tiếp nhận đến có kết quả, hồ sơ có kết quả trong kỳ, "
              "giờ đồng hồ.", unit="phút", value=_count("handling_p90_minutes")),
    # -- QĐ 766, what the desk cannot know
    Indicator("766.1.1-1.3", GROUP_PUBLIC, "Công bố, cập nhật, công khai TTHC", "Theo CSDL quốc gia về TTHC.",
              max_points=12, cannot_know="Việc công bố và công khai TTHC do cấp tỉnh, bộ thực hiện trên CSDL TTHC."),
    Indicator("766.1.4", GROUP_PUBLIC, "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", "Hồ sơ đã đồng bộ / tổng số hồ sơ.",
              max_points=6, cannot_know="Bàn làm việc biết hồ sơ đã gửi lên tỉnh, không biết tỉnh đã đồng bộ lên "
                                        "Cổng DVCQG hay chưa."),
    Indicator("766.3.toan-trinh", GROUP_ONLINE, "Hồ sơ DVCTT toàn trình", "Theo Cổng DVCQG.", max_points=12,
              cannot_know="Cần danh mục DVC đủ điều kiện toàn trình và kết quả điện tử: " + _NOT_SYNCED),
    Indicator("766.3.5-3.6", GROUP_PAYMENT, "Thanh toán trực tuyến", "Theo Cổng DVCQG và cổng thanh toán.",
              max_points=10, cannot_know="Lệ phí thu tại quầy; thanh toán trực tuyến: " + _NOT_SYNCED),
    Indicator("766.4.1", GROUP_DIGITAL, "Kết quả giải quyết điện tử", "Theo Cổng DVCQG.", max_points=6,
              cannot_know="Kết quả do bộ phận xử lý cấp; bàn làm việc không lưu tệp kết quả điện tử."),
    Indicator("766.4.4-4.5", GROUP_DIGITAL, "Kho dữ liệu DVCQG, CSDL dân cư, chứng thực điện tử", "Theo Cổng DVCQG.",
              max_points=10, cannot_know="Bàn làm việc chỉ đọc QR căn cước; không tra CSDL dân cư, không dùng kho "
                                         "dữ liệu cá nhân trên Cổng DVCQG, không cấp bản sao điện tử."),
    Indicator("766.5.1-5.3", GROUP_SATISFACTION, "Phản ánh, kiến nghị (PAKN)", "Theo hệ thống PAKN.", max_points=12,
              cannot_know="VPCP đọc PAKN trên hệ thống PAKN quốc gia. Phản ánh ghi nhận tại trung tâm (quầy, ki-ốt, "
                          "trang tra cứu) được đếm riêng: ô “Phản ánh, kiến nghị” và mục 4 của báo cáo."),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def evaluate(counts: Counts) -> tuple[IndicatorValue, ...]:
    """Every indicator of the catalogue with its value and points (None where the desk cannot know it)."""
    out = []
    for indicator in INDICATORS:
        value = indicator.value(counts) if indicator.value is not None else None
        score = points(value, indicator.max_points, indicator.threshold) if (
            indicator.max_points is not None and indicator.unit == "%") else None
        out.append(IndicatorValue(indicator, value, score))
    return tuple(out)
