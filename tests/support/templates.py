"""A procedure as an admin types it into the template editor (tests and screenshots)."""

from __future__ import annotations


def fill_template(editor) -> None:
    """An admin types a new procedure: two documents, a tiered per-page fee with a cap, one extra field."""
    from desk.domain.fees import FeeKind
    from desk.domain.procedure import FieldType

    editor.codeEdit.setText("CT.TRICHLUC")
    editor.nameEdit.setText("Cấp bản sao trích lục hộ tịch (thí điểm xã)")
    editor.sectorCombo.setCurrentText("Hộ tịch")
    editor.processingValueSpin.setValue(2)
    editor.feeKindCombo.setCurrentIndex(editor.feeKindCombo.findData(FeeKind.PER_PAGE.value))
    tiers = editor.tiersTable
    tiers.item(0, 0).setText("1")
    tiers.item(0, 1).setText("2")
    tiers.item(0, 2).setText("3000")
    editor.add_tier(3, None, 2000)
    editor.capCheck.setChecked(True)
    editor.capSpin.setValue(50_000)
    editor.add_document("Tờ khai đề nghị cấp bản sao trích lục", True, 1, 0, 0, "")
    editor.add_document("Giấy ủy quyền", False, 1, 0, 0, "khi nộp thay")
    editor.add_field("muc_dich", "Mục đích sử dụng", FieldType.TEXT, True, "", (), "ví dụ: bổ sung hồ sơ nhập học")
