"""What the audit log's action names and machine actors mean to an admin reading them (the log keeps the
stable English names; the screen and the chain's messages say these)."""

from __future__ import annotations

# What the log's action names mean to an admin reading them.
ACTIONS = {
    "dossier.receive": "Tiếp nhận hồ sơ", "dossier.accept": "Tiếp nhận hồ sơ trực tuyến",
    "dossier.supplement": "Yêu cầu bổ sung", "dossier.supplement_received": "Nhận bổ sung",
    "dossier.refuse": "Từ chối", "dossier.withdraw": "Rút hồ sơ", "dossier.handover": "Chuyển xử lý",
    "dossier.result_ready": "Có kết quả", "dossier.apology": "Xin lỗi, đề nghị gia hạn",
    "dossier.stop": "Dừng giải quyết", "dossier.return": "Trả kết quả",
    "dossier.rating": "Đánh giá", "intake.guidance": "Hướng dẫn bổ sung tại quầy",
    "intake.refusal": "Từ chối tại quầy", "sync.status": "Tỉnh cập nhật trạng thái",
    "sync.enroll": "Đăng ký máy quầy với tỉnh",
    "user.first_admin": "Tạo quản trị viên đầu tiên", "user.sign_in": "Đăng nhập",
    "user.sign_in_failed": "Đăng nhập sai mật khẩu", "user.password": "Đổi mật khẩu", "user.create": "Thêm người dùng",
    "user.update": "Sửa người dùng", "user.reset_password": "Đặt lại mật khẩu", "user.unlock": "Mở khóa tài khoản",
    "agency.save": "Sửa thông tin cơ quan", "counter.save": "Sửa cài đặt quầy", "calendar.save": "Sửa lịch làm việc",
    "catalog.seed": "Nạp danh mục thủ tục ban đầu", "catalog.import": "Nhập danh mục thủ tục",
    "catalog.province": "Áp dụng danh mục của tỉnh", "procedure.save": "Lưu mẫu thủ tục",
    "procedure.retire": "Ngừng dùng thủ tục", "procedure.restore": "Dùng lại thủ tục",
    "procedure.delete": "Xóa mẫu thủ tục", "backup.settings": "Sửa lịch sao lưu",
    "backup.restore": "Khôi phục từ bản sao lưu", "desk.rebuild": "Lấy lại dữ liệu từ tỉnh",
    "feedback.record": "Ghi nhận phản ánh, kiến nghị", "feedback.answer": "Trả lời phản ánh, kiến nghị",
}
# Who did it, when it was not a person.
ACTORS = {"system": "Phần mềm"}


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def actor_label(actor: str) -> str:
    return ACTORS.get(actor, actor)
