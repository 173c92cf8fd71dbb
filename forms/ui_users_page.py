# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout)

from desk.ui.screen_fit import WrappingLabel

class Ui_UsersPage(object):
    def setupUi(self, UsersPage):
        if not UsersPage.objectName():
            UsersPage.setObjectName(u"UsersPage")
        self.pageLayout = QVBoxLayout(UsersPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.titleLabel = QLabel(UsersPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.pageLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(UsersPage)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.introLabel)

        self.messageLabel = WrappingLabel(UsersPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setVisible(False)

        self.pageLayout.addWidget(self.messageLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.addUserButton = QPushButton(UsersPage)
        self.addUserButton.setObjectName(u"addUserButton")

        self.buttonRow.addWidget(self.addUserButton)

        self.editUserButton = QPushButton(UsersPage)
        self.editUserButton.setObjectName(u"editUserButton")

        self.buttonRow.addWidget(self.editUserButton)

        self.resetPasswordButton = QPushButton(UsersPage)
        self.resetPasswordButton.setObjectName(u"resetPasswordButton")

        self.buttonRow.addWidget(self.resetPasswordButton)

        self.unlockButton = QPushButton(UsersPage)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonRow.addWidget(self.unlockButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.buttonRow.setStretch(4, 1)

        self.pageLayout.addLayout(self.buttonRow)

        self.usersTable = QTableWidget(UsersPage)
        if (self.usersTable.columnCount() < 5):
            self.usersTable.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.usersTable.setObjectName(u"usersTable")
        self.usersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.usersTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.usersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.usersTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.usersTable)

        self.pageLayout.setStretch(4, 1)

        self.retranslateUi(UsersPage)

        QMetaObject.connectSlotsByName(UsersPage)
    # setupUi

    def retranslateUi(self, UsersPage):
        self.titleLabel.setText(QCoreApplication.translate("UsersPage", u"Ng\u01b0\u1eddi d\u00f9ng v\u00e0 ph\u00e2n quy\u1ec1n", None))
        self.introLabel.setText(QCoreApplication.translate("UsersPage", u"C\u00e1n b\u1ed9 ti\u1ebfp nh\u1eadn ch\u1ec9 l\u00e0m vi\u1ec7c \u1edf qu\u1ea7y; qu\u1ea3n tr\u1ecb vi\u00ean c\u1ea5u h\u00ecnh th\u1ee7 t\u1ee5c, l\u1ecbch, c\u01a1 quan v\u00e0 ng\u01b0\u1eddi d\u00f9ng; gi\u00e1m s\u00e1t l\u00e0m \u0111\u01b0\u1ee3c c\u1ea3 hai. M\u1eadt kh\u1ea9u \u0111\u01b0\u1ee3c l\u01b0u m\u00e3 h\u00f3a, kh\u00f4ng ai \u0111\u1ecdc \u0111\u01b0\u1ee3c; nh\u1eadp sai 5 l\u1ea7n t\u00e0i kho\u1ea3n t\u1ea1m kh\u00f3a 15 ph\u00fat. M\u1ecdi thay \u0111\u1ed5i \u0111\u01b0\u1ee3c ghi nh\u1eadt k\u00fd.", None))
        self.addUserButton.setText(QCoreApplication.translate("UsersPage", u"Th\u00eam ng\u01b0\u1eddi d\u00f9ng\u2026", None))
        self.editUserButton.setText(QCoreApplication.translate("UsersPage", u"S\u1eeda\u2026", None))
        self.resetPasswordButton.setText(QCoreApplication.translate("UsersPage", u"\u0110\u1eb7t l\u1ea1i m\u1eadt kh\u1ea9u\u2026", None))
        self.unlockButton.setText(QCoreApplication.translate("UsersPage", u"M\u1edf kh\u00f3a", None))
        ___qtablewidgetitem = self.usersTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("UsersPage", u"T\u00ean \u0111\u0103ng nh\u1eadp", None))
        ___qtablewidgetitem1 = self.usersTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("UsersPage", u"H\u1ecd v\u00e0 t\u00ean", None))
        ___qtablewidgetitem2 = self.usersTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("UsersPage", u"Vai tr\u00f2", None))
        ___qtablewidgetitem3 = self.usersTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("UsersPage", u"Tr\u1ea1ng th\u00e1i", None))
        ___qtablewidgetitem4 = self.usersTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("UsersPage", u"\u0110\u0103ng nh\u1eadp g\u1ea7n nh\u1ea5t", None))
        pass
    # retranslateUi

