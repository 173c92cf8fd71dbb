"""Dossier statuses as the desk and the province exchange them: the national portal's TrangThaiHoSo numbers,
stored and sent as they are (DOMAIN.md §3). Who may move a dossier where is each side's own rule
(desk/domain/status.py, provincial/statuses.py); the numbers are the contract."""

from enum import IntEnum


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


# What the citizen and the clerk read for each status, on both sides (the tracking page, the dossier list).
STATUS_LABELS: dict[int, str] = {
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
