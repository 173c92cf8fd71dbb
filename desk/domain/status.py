"""Dossier statuses as synced with the national portal (TrangThaiHoSo, DOMAIN.md §3)."""

from __future__ import annotations

from enum import IntEnum

from .errors import DomainError


class DossierStatus(IntEnum):
    NEW_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    DossierStatus.NEW_ONLINE: "Mới đăng ký",
    DossierStatus.RECEIVED: "Được tiếp nhận",
    DossierStatus.REFUSED: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.RESULT_READY: "Đã xử lý xong",
    DossierStatus.RETURNED: "Đã trả kết quả",
}

_S = DossierStatus
ALLOWED_TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    _S.NEW_ONLINE: frozenset({_S.RECEIVED, _S.REFUSED, _S.SUPPLEMENT_REQUESTED, _S.WITHDRAWN}),
    _S.RECEIVED: frozenset({_S.PROCESSING, _S.SUPPLEMENT_REQUESTED, _S.FINANCIAL_OBLIGATION,
                            _S.WITHDRAWN, _S.STOPPED, _S.RESULT_READY}),
    _S.PROCESSING: frozenset({_S.SUPPLEMENT_REQUESTED, _S.FINANCIAL_OBLIGATION, _S.WITHDRAWN,
                              _S.STOPPED, _S.RESULT_READY}),
    _S.SUPPLEMENT_REQUESTED: frozenset({_S.RECEIVED, _S.PROCESSING, _S.REFUSED, _S.WITHDRAWN,
                                       _S.STOPPED}),
    _S.FINANCIAL_OBLIGATION: frozenset({_S.PROCESSING, _S.RESULT_READY, _S.WITHDRAWN, _S.STOPPED}),
    _S.RESULT_READY: frozenset({_S.RETURNED}),
    _S.REFUSED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.STOPPED: frozenset(),
    _S.RETURNED: frozenset(),
}


def check_transition(current: DossierStatus, target: DossierStatus) -> None:
    if target not in ALLOWED_TRANSITIONS[current]:
        raise DomainError(
            f"Không thể chuyển hồ sơ từ trạng thái “{current.label}” sang “{target.label}”."
        )
