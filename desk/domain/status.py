"""Dossier statuses as synced with the national portal (TrangThaiHoSo, DOMAIN.md §3)."""

from __future__ import annotations

from contract.status import DossierStatus

from .errors import DomainError

# The numbers and their words are the contract's (shared with the province); who may move a dossier where is
# the desk's own rule, below.
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
