# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'scanner_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)

from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from desk.ui.screen_fit import (FormScrollArea, WrappingLabel)

class Ui_ScannerDialog(object):
    def setupUi(self, ScannerDialog):
        if not ScannerDialog.objectName():
            ScannerDialog.setObjectName(u"ScannerDialog")
        ScannerDialog.resize(560, 380)
        self.dialogLayout = QVBoxLayout(ScannerDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.messageLabel = WrappingLabel(ScannerDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setVisible(False)

        self.dialogLayout.addWidget(self.messageLabel)

        self.fieldsArea = FormScrollArea(ScannerDialog)
        self.fieldsArea.setObjectName(u"fieldsArea")
        self.fieldsWidget = QWidget()
        self.fieldsWidget.setObjectName(u"fieldsWidget")
        self.fieldsLayout = QVBoxLayout(self.fieldsWidget)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.profileLabel = QLabel(self.fieldsWidget)
        self.profileLabel.setObjectName(u"profileLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.profileLabel)

        self.profileCombo = QComboBox(self.fieldsWidget)
        self.profileCombo.setObjectName(u"profileCombo")
        self.profileCombo.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.profileCombo)

        self.deviceLabel = QLabel(self.fieldsWidget)
        self.deviceLabel.setObjectName(u"deviceLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deviceLabel)

        self.deviceRow = QHBoxLayout()
        self.deviceRow.setObjectName(u"deviceRow")
        self.deviceCombo = QComboBox(self.fieldsWidget)
        self.deviceCombo.setObjectName(u"deviceCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.deviceCombo.sizePolicy().hasHeightForWidth())
        self.deviceCombo.setSizePolicy(sizePolicy)

        self.deviceRow.addWidget(self.deviceCombo)

        self.findButton = QPushButton(self.fieldsWidget)
        self.findButton.setObjectName(u"findButton")

        self.deviceRow.addWidget(self.findButton)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.deviceRow)

        self.resolutionLabel = QLabel(self.fieldsWidget)
        self.resolutionLabel.setObjectName(u"resolutionLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.resolutionLabel)

        self.resolutionCombo = QComboBox(self.fieldsWidget)
        self.resolutionCombo.setObjectName(u"resolutionCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.resolutionCombo)

        self.modeLabel = QLabel(self.fieldsWidget)
        self.modeLabel.setObjectName(u"modeLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.modeLabel)

        self.modeCombo = QComboBox(self.fieldsWidget)
        self.modeCombo.setObjectName(u"modeCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.modeCombo)

        self.sourceLabel = QLabel(self.fieldsWidget)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.sourceCombo = QComboBox(self.fieldsWidget)
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sourceCombo)

        self.folderLabel = QLabel(self.fieldsWidget)
        self.folderLabel.setObjectName(u"folderLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.folderLabel)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.folderEdit = QLineEdit(self.fieldsWidget)
        self.folderEdit.setObjectName(u"folderEdit")

        self.folderRow.addWidget(self.folderEdit)

        self.folderButton = QPushButton(self.fieldsWidget)
        self.folderButton.setObjectName(u"folderButton")

        self.folderRow.addWidget(self.folderButton)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.folderRow)


        self.fieldsLayout.addLayout(self.form)

        self.hintLabel = QLabel(self.fieldsWidget)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.hintLabel)

        self.fieldsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.fieldsLayout.addItem(self.fieldsSpacer)

        self.fieldsArea.setWidget(self.fieldsWidget)

        self.dialogLayout.addWidget(self.fieldsArea)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.separatorButton = QPushButton(ScannerDialog)
        self.separatorButton.setObjectName(u"separatorButton")

        self.buttonRow.addWidget(self.separatorButton)

        self.deleteButton = QPushButton(ScannerDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.buttonRow.addWidget(self.deleteButton)

        self.buttonBox = QDialogButtonBox(ScannerDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.buttonRow.addWidget(self.buttonBox)


        self.dialogLayout.addLayout(self.buttonRow)

        self.dialogLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.profileLabel.setBuddy(self.profileCombo)
        self.deviceLabel.setBuddy(self.deviceCombo)
        self.resolutionLabel.setBuddy(self.resolutionCombo)
        self.modeLabel.setBuddy(self.modeCombo)
        self.sourceLabel.setBuddy(self.sourceCombo)
        self.folderLabel.setBuddy(self.folderEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ScannerDialog)

        QMetaObject.connectSlotsByName(ScannerDialog)
    # setupUi

    def retranslateUi(self, ScannerDialog):
        ScannerDialog.setWindowTitle(QCoreApplication.translate("ScannerDialog", u"C\u00e0i \u0111\u1eb7t m\u00e1y qu\u00e9t", None))
        self.profileLabel.setText(QCoreApplication.translate("ScannerDialog", u"T\u00ean c\u1ea5u h\u00ecnh:", None))
#if QT_CONFIG(tooltip)
        self.profileCombo.setToolTip(QCoreApplication.translate("ScannerDialog", u"V\u00ed d\u1ee5: \u201cM\u00e1y qu\u00e9t qu\u1ea7y 1 \u2013 m\u1eb7t k\u00ednh\u201d, \u201cKhay n\u1ea1p gi\u1ea5y, x\u00e1m\u201d", None))
#endif // QT_CONFIG(tooltip)
        self.deviceLabel.setText(QCoreApplication.translate("ScannerDialog", u"M\u00e1y qu\u00e9t:", None))
        self.findButton.setText(QCoreApplication.translate("ScannerDialog", u"T\u00ecm m\u00e1y qu\u00e9t", None))
        self.resolutionLabel.setText(QCoreApplication.translate("ScannerDialog", u"\u0110\u1ed9 ph\u00e2n gi\u1ea3i:", None))
        self.modeLabel.setText(QCoreApplication.translate("ScannerDialog", u"Ch\u1ebf \u0111\u1ed9 m\u00e0u:", None))
        self.sourceLabel.setText(QCoreApplication.translate("ScannerDialog", u"Ngu\u1ed3n gi\u1ea5y:", None))
        self.folderLabel.setText(QCoreApplication.translate("ScannerDialog", u"Th\u01b0 m\u1ee5c nh\u1eadn b\u1ea3n qu\u00e9t:", None))
        self.folderEdit.setPlaceholderText(QCoreApplication.translate("ScannerDialog", u"\u0110\u1ec3 tr\u1ed1ng n\u1ebfu m\u00e1y in kh\u00f4ng \u201cqu\u00e9t v\u00e0o th\u01b0 m\u1ee5c\u201d", None))
        self.folderButton.setText(QCoreApplication.translate("ScannerDialog", u"Ch\u1ecdn\u2026", None))
        self.hintLabel.setText(QCoreApplication.translate("ScannerDialog", u"N\u00ean qu\u00e9t 200\u2013300 dpi. Khi qu\u00e9t nhi\u1ec1u gi\u1ea5y t\u1edd b\u1eb1ng khay n\u1ea1p gi\u1ea5y, \u0111\u1eb7t m\u1ed9t trang ph\u00e2n t\u00e1ch (ho\u1eb7c m\u1ed9t trang tr\u1eafng) gi\u1eefa hai gi\u1ea5y t\u1edd: ph\u1ea7n m\u1ec1m t\u1ef1 chuy\u1ec3n sang gi\u1ea5y t\u1edd ti\u1ebfp theo.", None))
        self.separatorButton.setText(QCoreApplication.translate("ScannerDialog", u"L\u01b0u trang ph\u00e2n t\u00e1ch (PDF)\u2026", None))
        self.deleteButton.setText(QCoreApplication.translate("ScannerDialog", u"X\u00f3a c\u1ea5u h\u00ecnh", None))
    # retranslateUi

