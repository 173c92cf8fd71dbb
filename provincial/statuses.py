"""Dossier statuses (TrangThaiHoSo) and who may move a dossier where.

The province is the authority on processing (4, 6, 8, 9 and supplement requests during
processing); the desk receives, refuses, requests supplements at intake, records
withdrawals and returns results (DOMAIN.md §3). The numbers and their words are the contract's
(contract/status.py); the desk keeps its own copy of the machine.
"""

from __future__ import annotations

from contract.status import STATUS_LABELS, DossierStatus

_S = DossierStatus  # short, for the tables below
LABELS: dict[int, str] = STATUS_LABELS
# Plain words for the citizen's tracking page.
PLAIN_WORDS: dict[int, str] = {
    _S.NEW_ONLINE: "Hồ sơ nộp trực tuyến đang chờ cán bộ tiếp nhận.",
    _S.RECEIVED: "Hồ sơ đã được tiếp nhận và chuyển xử lý.",
    _S.REFUSED: "Hồ sơ không được tiếp nhận. Vui lòng xem lý do trong phiếu từ chối.",
    _S.PROCESSING: "Hồ sơ đang được xử lý.",
    _S.SUPPLEMENT_REQUESTED:
        "Cần bổ sung giấy tờ. Vui lòng mang các giấy tờ dưới đây đến nơi đã nộp hồ sơ.",
    _S.FINANCIAL_OBLIGATION: "Cần thực hiện nghĩa vụ tài chính trước khi nhận kết quả.",
    _S.WITHDRAWN: "Hồ sơ đã được rút theo yêu cầu của công dân.",
    _S.STOPPED: "Hồ sơ đã dừng xử lý.",
    _S.RESULT_READY: "Đã có kết quả. Mời công dân đến nhận.",
    _S.RETURNED: "Đã trả kết quả.",
}
TRANSITIONS: dict[int, frozenset[int]] = {
    _S.NEW_ONLINE: frozenset({_S.RECEIVED, _S.REFUSED, _S.SUPPLEMENT_REQUESTED, _S.WITHDRAWN}),
    _S.RECEIVED: frozenset({_S.PROCESSING, _S.SUPPLEMENT_REQUESTED, _S.FINANCIAL_OBLIGATION, _S.WITHDRAWN, _S.STOPPED,
                            _S.RESULT_READY}),
    _S.PROCESSING: frozenset({_S.SUPPLEMENT_REQUESTED, _S.FINANCIAL_OBLIGATION, _S.WITHDRAWN, _S.STOPPED,
                              _S.RESULT_READY}),
    _S.SUPPLEMENT_REQUESTED: frozenset({_S.RECEIVED, _S.REFUSED, _S.PROCESSING, _S.WITHDRAWN, _S.STOPPED}),
    _S.FINANCIAL_OBLIGATION: frozenset({_S.PROCESSING, _S.WITHDRAWN, _S.STOPPED, _S.RESULT_READY}),
    _S.RESULT_READY: frozenset({_S.RETURNED}),
    _S.REFUSED: frozenset(), _S.WITHDRAWN: frozenset(), _S.STOPPED: frozenset(), _S.RETURNED: frozenset(),
}
# A commune centre hands a dossier to the commune's own handling officer and takes the result back
# at the counter, so the desk also records 4 (sent for processing) and 9 (result ready), and stops a dossier
# the commune decides (8, with the notice Mẫu 05 and its legal basis).
DESK_TARGETS: frozenset[int] = frozenset({_S.RECEIVED, _S.REFUSED, _S.PROCESSING, _S.SUPPLEMENT_REQUESTED,
                                         _S.WITHDRAWN, _S.STOPPED, _S.RESULT_READY, _S.RETURNED})
PROVINCE_TARGETS: frozenset[int] = frozenset({_S.PROCESSING, _S.SUPPLEMENT_REQUESTED, _S.FINANCIAL_OBLIGATION,
                                             _S.STOPPED, _S.RESULT_READY})


def allowed(current: int, target: int, *, by: str) -> str | None:
    """None when the move is allowed, else the Vietnamese reason."""
    if target not in TRANSITIONS.get(current, frozenset()):
        return f"Không thể chuyển hồ sơ từ “{LABELS[current]}” sang “{LABELS.get(target, target)}”."
    if by == "desk" and target not in DESK_TARGETS:
        return f"Trạng thái “{LABELS[target]}” do cơ quan xử lý của tỉnh cập nhật, không do Bộ phận Một cửa."
    if by == "province" and target not in PROVINCE_TARGETS:
        return f"Trạng thái “{LABELS[target]}” do Bộ phận Một cửa cập nhật."
    return None
