# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'agency_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)

from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

from desk.ui.screen_fit import (FormScrollArea, WrappingLabel)

class Ui_AgencyDialog(object):
    def setupUi(self, AgencyDialog):
        if not AgencyDialog.objectName():
            AgencyDialog.setObjectName(u"AgencyDialog")
        AgencyDialog.resize(1000, 620)
        self.dialogLayout = QVBoxLayout(AgencyDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(AgencyDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsArea = FormScrollArea(AgencyDialog)
        self.fieldsArea.setObjectName(u"fieldsArea")
        self.fieldsWidget = QWidget()
        self.fieldsWidget.setObjectName(u"fieldsWidget")
        self.columnsLayout = QHBoxLayout(self.fieldsWidget)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.columnsLayout.setContentsMargins(0, 0, 0, 0)
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.agencyGroup = QGroupBox(self.fieldsWidget)
        self.agencyGroup.setObjectName(u"agencyGroup")
        self.agencyForm = QFormLayout(self.agencyGroup)
        self.agencyForm.setObjectName(u"agencyForm")
        self.codeLabel = QLabel(self.agencyGroup)
        self.codeLabel.setObjectName(u"codeLabel")

        self.agencyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(self.agencyGroup)
        self.codeEdit.setObjectName(u"codeEdit")

        self.agencyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.parentLabel = QLabel(self.agencyGroup)
        self.parentLabel.setObjectName(u"parentLabel")

        self.agencyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.parentLabel)

        self.parentEdit = QLineEdit(self.agencyGroup)
        self.parentEdit.setObjectName(u"parentEdit")

        self.agencyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.parentEdit)

        self.unitLabel = QLabel(self.agencyGroup)
        self.unitLabel.setObjectName(u"unitLabel")

        self.agencyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(self.agencyGroup)
        self.unitEdit.setObjectName(u"unitEdit")

        self.agencyForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.unitEdit)

        self.placeLabel = QLabel(self.agencyGroup)
        self.placeLabel.setObjectName(u"placeLabel")

        self.agencyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeEdit = QLineEdit(self.agencyGroup)
        self.placeEdit.setObjectName(u"placeEdit")

        self.agencyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.placeEdit)

        self.portalLabel = QLabel(self.agencyGroup)
        self.portalLabel.setObjectName(u"portalLabel")

        self.agencyForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.portalLabel)

        self.portalEdit = QLineEdit(self.agencyGroup)
        self.portalEdit.setObjectName(u"portalEdit")

        self.agencyForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.portalEdit)

        self.addressLabel = QLabel(self.agencyGroup)
        self.addressLabel.setObjectName(u"addressLabel")

        self.agencyForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(self.agencyGroup)
        self.addressEdit.setObjectName(u"addressEdit")

        self.agencyForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.phoneLabel = QLabel(self.agencyGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.agencyForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.agencyGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.agencyForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phoneEdit)


        self.leftColumn.addWidget(self.agencyGroup)

        self.counterGroup = QGroupBox(self.fieldsWidget)
        self.counterGroup.setObjectName(u"counterGroup")
        self.counterForm = QFormLayout(self.counterGroup)
        self.counterForm.setObjectName(u"counterForm")
        self.counterNumberLabel = QLabel(self.counterGroup)
        self.counterNumberLabel.setObjectName(u"counterNumberLabel")

        self.counterForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.counterNumberLabel)

        self.counterNumberSpin = QSpinBox(self.counterGroup)
        self.counterNumberSpin.setObjectName(u"counterNumberSpin")
        self.counterNumberSpin.setMinimum(1)
        self.counterNumberSpin.setMaximum(99)

        self.counterForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.counterNumberSpin)

        self.counterLabel = QLabel(self.counterGroup)
        self.counterLabel.setObjectName(u"counterLabel")

        self.counterForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.counterLabel)

        self.counterEdit = QLineEdit(self.counterGroup)
        self.counterEdit.setObjectName(u"counterEdit")

        self.counterForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.counterEdit)

        self.printerLabel = QLabel(self.counterGroup)
        self.printerLabel.setObjectName(u"printerLabel")

        self.counterForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.printerLabel)

        self.printerCombo = QComboBox(self.counterGroup)
        self.printerCombo.setObjectName(u"printerCombo")
        self.printerCombo.setEditable(True)

        self.counterForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.printerCombo)

        self.paperLabel = QLabel(self.counterGroup)
        self.paperLabel.setObjectName(u"paperLabel")

        self.counterForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.paperLabel)

        self.paperCombo = QComboBox(self.counterGroup)
        self.paperCombo.setObjectName(u"paperCombo")

        self.counterForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.paperCombo)

        self.copiesLabel = QLabel(self.counterGroup)
        self.copiesLabel.setObjectName(u"copiesLabel")

        self.counterForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.copiesLabel)

        self.copiesSpin = QSpinBox(self.counterGroup)
        self.copiesSpin.setObjectName(u"copiesSpin")
        self.copiesSpin.setMinimum(1)
        self.copiesSpin.setMaximum(2)
        self.copiesSpin.setValue(2)

        self.counterForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.copiesSpin)

        self.idleLockLabel = QLabel(self.counterGroup)
        self.idleLockLabel.setObjectName(u"idleLockLabel")

        self.counterForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.idleLockLabel)

        self.idleLockSpin = QSpinBox(self.counterGroup)
        self.idleLockSpin.setObjectName(u"idleLockSpin")
        self.idleLockSpin.setMinimum(0)
        self.idleLockSpin.setMaximum(240)
        self.idleLockSpin.setValue(10)

        self.counterForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.idleLockSpin)


        self.leftColumn.addWidget(self.counterGroup)

        self.leftColumnSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftColumnSpacer)


        self.columnsLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.formsGroup = QGroupBox(self.fieldsWidget)
        self.formsGroup.setObjectName(u"formsGroup")
        self.formsForm = QFormLayout(self.formsGroup)
        self.formsForm.setObjectName(u"formsForm")
        self.legalBasisLabel = QLabel(self.formsGroup)
        self.legalBasisLabel.setObjectName(u"legalBasisLabel")

        self.formsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.legalBasisLabel)

        self.legalBasisEdit = QLineEdit(self.formsGroup)
        self.legalBasisEdit.setObjectName(u"legalBasisEdit")

        self.formsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.legalBasisEdit)

        self.receiptFormLabel = QLabel(self.formsGroup)
        self.receiptFormLabel.setObjectName(u"receiptFormLabel")

        self.formsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.receiptFormLabel)

        self.receiptFormEdit = QLineEdit(self.formsGroup)
        self.receiptFormEdit.setObjectName(u"receiptFormEdit")

        self.formsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.receiptFormEdit)


        self.rightColumn.addWidget(self.formsGroup)

        self.rightColumnSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rightColumn.addItem(self.rightColumnSpacer)


        self.columnsLayout.addLayout(self.rightColumn)

        self.columnsLayout.setStretch(0, 1)
        self.columnsLayout.setStretch(1, 1)
        self.fieldsArea.setWidget(self.fieldsWidget)

        self.dialogLayout.addWidget(self.fieldsArea)

        self.errorLabel = WrappingLabel(AgencyDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(AgencyDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.parentLabel.setBuddy(self.parentEdit)
        self.unitLabel.setBuddy(self.unitEdit)
        self.placeLabel.setBuddy(self.placeEdit)
        self.portalLabel.setBuddy(self.portalEdit)
        self.addressLabel.setBuddy(self.addressEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.counterNumberLabel.setBuddy(self.counterNumberSpin)
        self.counterLabel.setBuddy(self.counterEdit)
        self.printerLabel.setBuddy(self.printerCombo)
        self.paperLabel.setBuddy(self.paperCombo)
        self.copiesLabel.setBuddy(self.copiesSpin)
        self.idleLockLabel.setBuddy(self.idleLockSpin)
        self.legalBasisLabel.setBuddy(self.legalBasisEdit)
        self.receiptFormLabel.setBuddy(self.receiptFormEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.codeEdit, self.parentEdit)
        QWidget.setTabOrder(self.parentEdit, self.unitEdit)
        QWidget.setTabOrder(self.unitEdit, self.placeEdit)
        QWidget.setTabOrder(self.placeEdit, self.portalEdit)
        QWidget.setTabOrder(self.portalEdit, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.counterNumberSpin)
        QWidget.setTabOrder(self.counterNumberSpin, self.counterEdit)
        QWidget.setTabOrder(self.counterEdit, self.printerCombo)
        QWidget.setTabOrder(self.printerCombo, self.paperCombo)
        QWidget.setTabOrder(self.paperCombo, self.copiesSpin)
        QWidget.setTabOrder(self.copiesSpin, self.idleLockSpin)
        QWidget.setTabOrder(self.idleLockSpin, self.legalBasisEdit)
        QWidget.setTabOrder(self.legalBasisEdit, self.receiptFormEdit)

        self.retranslateUi(AgencyDialog)

        QMetaObject.connectSlotsByName(AgencyDialog)
    # setupUi

    def retranslateUi(self, AgencyDialog):
        AgencyDialog.setWindowTitle(QCoreApplication.translate("AgencyDialog", u"Th\u00f4ng tin c\u01a1 quan v\u00e0 qu\u1ea7y", None))
        self.introLabel.setText(QCoreApplication.translate("AgencyDialog", u"Th\u00f4ng tin n\u00e0y in tr\u00ean \u0111\u1ea7u m\u1ecdi gi\u1ea5y t\u1edd v\u00e0 n\u1eb1m trong m\u00e3 QR c\u1ee7a bi\u00ean nh\u1eadn. M\u00e3 \u0111\u1ecbnh danh theo Q\u0110 20/2020/Q\u0110-TTg, d\u1ea1ng 000.00.53.H16.", None))
        self.agencyGroup.setTitle(QCoreApplication.translate("AgencyDialog", u"C\u01a1 quan", None))
        self.codeLabel.setText(QCoreApplication.translate("AgencyDialog", u"M\u00e3 \u0111\u1ecbnh danh \u0111i\u1ec7n t\u1eed", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: 000.00.53.H16 (do t\u1ec9nh c\u1ea5p)", None))
        self.parentLabel.setText(QCoreApplication.translate("AgencyDialog", u"C\u01a1 quan ch\u1ee7 qu\u1ea3n", None))
        self.parentEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: UBND X\u00c3 EA KAR", None))
        self.unitLabel.setText(QCoreApplication.translate("AgencyDialog", u"T\u00ean \u0111\u01a1n v\u1ecb", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: Trung t\u00e2m Ph\u1ee5c v\u1ee5 h\u00e0nh ch\u00ednh c\u00f4ng x\u00e3 Ea Kar", None))
        self.placeLabel.setText(QCoreApplication.translate("AgencyDialog", u"\u0110\u1ecba danh (ghi ng\u00e0y th\u00e1ng)", None))
        self.placeEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: Ea Kar", None))
        self.portalLabel.setText(QCoreApplication.translate("AgencyDialog", u"C\u1ed5ng tra c\u1ee9u h\u1ed3 s\u01a1", None))
        self.portalEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: https://dichvucong.daklak.gov.vn", None))
        self.addressLabel.setText(QCoreApplication.translate("AgencyDialog", u"\u0110\u1ecba ch\u1ec9", None))
        self.phoneLabel.setText(QCoreApplication.translate("AgencyDialog", u"\u0110i\u1ec7n tho\u1ea1i", None))
        self.counterGroup.setTitle(QCoreApplication.translate("AgencyDialog", u"Qu\u1ea7y n\u00e0y", None))
        self.counterNumberLabel.setText(QCoreApplication.translate("AgencyDialog", u"S\u1ed1 qu\u1ea7y", None))
        self.counterLabel.setText(QCoreApplication.translate("AgencyDialog", u"T\u00ean qu\u1ea7y", None))
        self.counterEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"v\u00ed d\u1ee5: Qu\u1ea7y 1 \u2014 T\u01b0 ph\u00e1p, h\u1ed9 t\u1ecbch", None))
        self.printerLabel.setText(QCoreApplication.translate("AgencyDialog", u"M\u00e1y in m\u1eb7c \u0111\u1ecbnh", None))
        self.paperLabel.setText(QCoreApplication.translate("AgencyDialog", u"Kh\u1ed5 gi\u1ea5y bi\u00ean nh\u1eadn", None))
        self.copiesLabel.setText(QCoreApplication.translate("AgencyDialog", u"S\u1ed1 li\u00ean", None))
        self.idleLockLabel.setText(QCoreApplication.translate("AgencyDialog", u"T\u1ef1 kh\u00f3a m\u00e0n h\u00ecnh sau", None))
        self.idleLockSpin.setSpecialValueText(QCoreApplication.translate("AgencyDialog", u"kh\u00f4ng t\u1ef1 kh\u00f3a", None))
        self.idleLockSpin.setSuffix(QCoreApplication.translate("AgencyDialog", u" ph\u00fat", None))
        self.formsGroup.setTitle(QCoreApplication.translate("AgencyDialog", u"C\u0103n c\u1ee9 ph\u00e1p l\u00fd v\u00e0 s\u1ed1 hi\u1ec7u bi\u1ec3u m\u1eabu", None))
        self.legalBasisLabel.setText(QCoreApplication.translate("AgencyDialog", u"D\u00f2ng c\u0103n c\u1ee9 ph\u00e1p l\u00fd", None))
        self.legalBasisEdit.setPlaceholderText(QCoreApplication.translate("AgencyDialog", u"Ban h\u00e0nh k\u00e8m theo Th\u00f4ng t\u01b0 s\u1ed1 \u2026/2025/TT-VPCP", None))
        self.receiptFormLabel.setText(QCoreApplication.translate("AgencyDialog", u"Gi\u1ea5y ti\u1ebfp nh\u1eadn v\u00e0 h\u1eb9n tr\u1ea3 k\u1ebft qu\u1ea3", None))
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("AgencyDialog", u"L\u1ed7i", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

