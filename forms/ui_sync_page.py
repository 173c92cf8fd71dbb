# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)

from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QVBoxLayout)

class Ui_SyncPage(object):
    def setupUi(self, SyncPage):
        if not SyncPage.objectName():
            SyncPage.setObjectName(u"SyncPage")
        self.pageLayout = QVBoxLayout(SyncPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.titleLabel = QLabel(SyncPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.pageLayout.addWidget(self.titleLabel)

        self.warningLabel = QLabel(SyncPage)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setWordWrap(True)
        self.warningLabel.setVisible(False)

        self.pageLayout.addWidget(self.warningLabel)

        self.statusLabel = QLabel(SyncPage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pageLayout.addWidget(self.statusLabel)

        self.enrollGroup = QGroupBox(SyncPage)
        self.enrollGroup.setObjectName(u"enrollGroup")
        self.enrollForm = QFormLayout(self.enrollGroup)
        self.enrollForm.setObjectName(u"enrollForm")
        self.urlLabel = QLabel(self.enrollGroup)
        self.urlLabel.setObjectName(u"urlLabel")

        self.enrollForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.urlLabel)

        self.urlEdit = QLineEdit(self.enrollGroup)
        self.urlEdit.setObjectName(u"urlEdit")

        self.enrollForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.urlEdit)

        self.codeLabel = QLabel(self.enrollGroup)
        self.codeLabel.setObjectName(u"codeLabel")

        self.enrollForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(self.enrollGroup)
        self.codeEdit.setObjectName(u"codeEdit")

        self.enrollForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.enrollButton = QPushButton(self.enrollGroup)
        self.enrollButton.setObjectName(u"enrollButton")

        self.enrollForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.enrollButton)


        self.pageLayout.addWidget(self.enrollGroup)

        self.itemsLabel = QLabel(SyncPage)
        self.itemsLabel.setObjectName(u"itemsLabel")

        self.pageLayout.addWidget(self.itemsLabel)

        self.itemsTable = QTableWidget(SyncPage)
        self.itemsTable.setObjectName(u"itemsTable")
        self.itemsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.itemsTable.setAlternatingRowColors(True)
        self.itemsTable.horizontalHeader().setStretchLastSection(True)
        self.itemsTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.itemsTable)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.resendButton = QPushButton(SyncPage)
        self.resendButton.setObjectName(u"resendButton")

        self.buttonRow.addWidget(self.resendButton)

        self.rebuildButton = QPushButton(SyncPage)
        self.rebuildButton.setObjectName(u"rebuildButton")

        self.buttonRow.addWidget(self.rebuildButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.syncNowButton = QPushButton(SyncPage)
        self.syncNowButton.setObjectName(u"syncNowButton")

        self.buttonRow.addWidget(self.syncNowButton)


        self.pageLayout.addLayout(self.buttonRow)

        self.pageLayout.setStretch(5, 1)
#if QT_CONFIG(shortcut)
        self.urlLabel.setBuddy(self.urlEdit)
        self.codeLabel.setBuddy(self.codeEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SyncPage)

        QMetaObject.connectSlotsByName(SyncPage)
    # setupUi

    def retranslateUi(self, SyncPage):
        self.titleLabel.setText(QCoreApplication.translate("SyncPage", u"\u0110\u1ed3ng b\u1ed9 v\u1edbi h\u1ec7 th\u1ed1ng c\u1ee7a t\u1ec9nh", None))
        self.enrollGroup.setTitle(QCoreApplication.translate("SyncPage", u"\u0110\u0103ng k\u00fd m\u00e1y qu\u1ea7y (l\u00e0m m\u1ed9t l\u1ea7n, do qu\u1ea3n tr\u1ecb th\u1ef1c hi\u1ec7n)", None))
        self.urlLabel.setText(QCoreApplication.translate("SyncPage", u"\u0110\u1ecba ch\u1ec9 m\u00e1y ch\u1ee7 c\u1ee7a t\u1ec9nh", None))
        self.urlEdit.setPlaceholderText(QCoreApplication.translate("SyncPage", u"https://motcua.daklak.gov.vn", None))
        self.codeLabel.setText(QCoreApplication.translate("SyncPage", u"M\u00e3 \u0111\u0103ng k\u00fd m\u1ed9t l\u1ea7n", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("SyncPage", u"XXXX-XXXX-XXXX", None))
        self.enrollButton.setText(QCoreApplication.translate("SyncPage", u"\u0110\u0103ng k\u00fd", None))
        self.itemsLabel.setText(QCoreApplication.translate("SyncPage", u"Thay \u0111\u1ed5i ch\u01b0a g\u1eedi \u0111\u01b0\u1ee3c ho\u1eb7c b\u1ecb t\u1ec9nh t\u1eeb ch\u1ed1i", None))
        self.resendButton.setText(QCoreApplication.translate("SyncPage", u"G\u1eedi l\u1ea1i m\u1ee5c b\u1ecb t\u1eeb ch\u1ed1i \u0111\u00e3 ch\u1ecdn", None))
#if QT_CONFIG(tooltip)
        self.resendButton.setToolTip(QCoreApplication.translate("SyncPage", u"Sau khi \u0111\u00e3 s\u1eeda \u0111i\u1ec1u t\u1ec9nh n\u00eau \u1edf c\u1ed9t L\u00fd do, g\u1eedi l\u1ea1i m\u1ee5c n\u00e0y l\u00ean t\u1ec9nh", None))
#endif // QT_CONFIG(tooltip)
        self.rebuildButton.setText(QCoreApplication.translate("SyncPage", u"L\u1ea5y l\u1ea1i d\u1eef li\u1ec7u t\u1eeb t\u1ec9nh\u2026", None))
#if QT_CONFIG(tooltip)
        self.rebuildButton.setToolTip(QCoreApplication.translate("SyncPage", u"Sau khi m\u00e1y m\u1ea5t d\u1eef li\u1ec7u v\u00e0 \u0111\u01b0\u1ee3c \u0111\u0103ng k\u00fd l\u1ea1i: l\u1ea5y l\u1ea1i h\u1ed3 s\u01a1, qu\u00e1 tr\u00ecnh x\u1eed l\u00fd v\u00e0 t\u1ec7p s\u1ed1 h\u00f3a c\u1ee7a x\u00e3 t\u1eeb h\u1ec7 th\u1ed1ng c\u1ee7a t\u1ec9nh (qu\u1ea3n tr\u1ecb vi\u00ean)", None))
#endif // QT_CONFIG(tooltip)
        self.syncNowButton.setText(QCoreApplication.translate("SyncPage", u"\u0110\u1ed3ng b\u1ed9 ngay", None))
        pass
    # retranslateUi

