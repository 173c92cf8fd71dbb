"""Dossier statuses (TrangThaiHoSo) and who may move a dossier where.

The province is the authority on processing (4, 6, 8, 9 and supplement requests during
processing); the desk receives, refuses, requests supplements at intake, records
withdrawals and returns results (DOMAIN.md §3). The desk keeps its own copy of the machine:
the two sides share a contract, not code.
"""

from __future__ import annotations

LABELS = {
    1: "Mới đăng ký", 2: "Được tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính", 7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý", 9: "Đã xử lý xong", 10: "Đã trả kết quả",
}
# Plain words for the citizen's tracking page.
PLAIN_WORDS = {
    1: "Hồ sơ nộp trực tuyến đang chờ Bộ phận Một cửa tiếp nhận.",
    2: "Hồ sơ đã được tiếp nhận và chuyển xử lý.",
    3: "Hồ sơ không được tiếp nhận. Vui lòng xem lý do trong phiếu từ chối.",
    4: "Hồ sơ đang được xử lý.",
    5: "Cần bổ sung giấy tờ. Vui lòng mang các giấy tờ dưới đây đến Bộ phận Một cửa.",
    6: "Cần thực hiện nghĩa vụ tài chính trước khi nhận kết quả.",
    7: "Hồ sơ đã được rút theo yêu cầu của công dân.",
    8: "Hồ sơ đã dừng xử lý.",
    9: "Đã có kết quả. Mời công dân đến nhận.",
    10: "Đã trả kết quả.",
}
TRANSITIONS: dict[int, frozenset[int]] = {
    1: frozenset({2, 3, 5, 7}),
    2: frozenset({4, 5, 6, 7, 8, 9}),
    4: frozenset({5, 6, 7, 8, 9}),
    5: frozenset({2, 3, 4, 7, 8}),
    6: frozenset({4, 7, 8, 9}),
    9: frozenset({10}),
    3: frozenset(), 7: frozenset(), 8: frozenset(), 10: frozenset(),
}
# A commune centre hands a dossier to the commune's own handling officer and takes the result back
# at the counter, so the desk also records 4 (sent for processing) and 9 (result ready).
DESK_TARGETS = frozenset({2, 3, 4, 5, 7, 9, 10})
PROVINCE_TARGETS = frozenset({4, 5, 6, 8, 9})


def allowed(current: int, target: int, *, by: str) -> str | None:
    """None when the move is allowed, else the Vietnamese reason."""
    if target not in TRANSITIONS.get(current, frozenset()):
        return f"Không thể chuyển hồ sơ từ “{LABELS[current]}” sang “{LABELS.get(target, target)}”."
    if by == "desk" and target not in DESK_TARGETS:
        return f"Trạng thái “{LABELS[target]}” do cơ quan xử lý của tỉnh cập nhật, không do Bộ phận Một cửa."
    if by == "province" and target not in PROVINCE_TARGETS:
        return f"Trạng thái “{LABELS[target]}” do Bộ phận Một cửa cập nhật."
    return None
