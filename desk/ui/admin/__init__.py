"""The admin's side of the desk (issue 7): one module per page, each built on its first visit.

- ``base``: the page base (collaborators, not the window) and the widgets the pages share;
- ``templates``: Mẫu thủ tục, with the catalog import preview;
- ``template_editor``: the procedure template editor and its live preview of the intake form;
- ``calendar``: Lịch làm việc;
- ``users``: Người dùng, with the user and password dialogs;
- ``agency``: Cơ quan và quầy's dialog, one at a time over the window that asks for it.

Nothing here imports the main window: the window builds these pages and hands them what they need.
"""
