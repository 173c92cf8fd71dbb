# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'intake_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QSpinBox, QTableView, QTableWidget, QVBoxLayout, QWidget)

class Ui_IntakePage(object):
    def setupUi(self, IntakePage):
        if not IntakePage.objectName():
            IntakePage.setObjectName(u"IntakePage")
        IntakePage.resize(1170, 800)
        self.pageLayout = QVBoxLayout(IntakePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.hintRow = QHBoxLayout()
        self.hintRow.setObjectName(u"hintRow")
        self.scanHintLabel = QLabel(IntakePage)
        self.scanHintLabel.setObjectName(u"scanHintLabel")
        self.scanHintLabel.setWordWrap(True)

        self.hintRow.addWidget(self.scanHintLabel)

        self.todayLabel = QLabel(IntakePage)
        self.todayLabel.setObjectName(u"todayLabel")
        self.todayLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.hintRow.addWidget(self.todayLabel)


        self.pageLayout.addLayout(self.hintRow)

        self.messageLabel = QLabel(IntakePage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setVisible(False)
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pageLayout.addWidget(self.messageLabel)

        self.draftsLabel = QLabel(IntakePage)
        self.draftsLabel.setObjectName(u"draftsLabel")
        self.draftsLabel.setWordWrap(True)
        self.draftsLabel.setVisible(False)

        self.pageLayout.addWidget(self.draftsLabel)

        self.scrollArea = QScrollArea(IntakePage)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.scrollContents = QWidget()
        self.scrollContents.setObjectName(u"scrollContents")
        self.contentLayout = QVBoxLayout(self.scrollContents)
        self.contentLayout.setObjectName(u"contentLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.citizenGroup = QGroupBox(self.scrollContents)
        self.citizenGroup.setObjectName(u"citizenGroup")
        self.citizenForm = QFormLayout(self.citizenGroup)
        self.citizenForm.setObjectName(u"citizenForm")
        self.idNumberLabel = QLabel(self.citizenGroup)
        self.idNumberLabel.setObjectName(u"idNumberLabel")

        self.citizenForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idNumberLabel)

        self.idNumberEdit = QLineEdit(self.citizenGroup)
        self.idNumberEdit.setObjectName(u"idNumberEdit")

        self.citizenForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idNumberEdit)

        self.oldIdLabel = QLabel(self.citizenGroup)
        self.oldIdLabel.setObjectName(u"oldIdLabel")

        self.citizenForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.oldIdLabel)

        self.oldIdEdit = QLineEdit(self.citizenGroup)
        self.oldIdEdit.setObjectName(u"oldIdEdit")

        self.citizenForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.oldIdEdit)

        self.fullNameLabel = QLabel(self.citizenGroup)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.citizenForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullNameEdit = QLineEdit(self.citizenGroup)
        self.fullNameEdit.setObjectName(u"fullNameEdit")

        self.citizenForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.birthDateLabel = QLabel(self.citizenGroup)
        self.birthDateLabel.setObjectName(u"birthDateLabel")

        self.citizenForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.birthDateLabel)

        self.birthDateEdit = QLineEdit(self.citizenGroup)
        self.birthDateEdit.setObjectName(u"birthDateEdit")

        self.citizenForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.birthDateEdit)

        self.genderLabel = QLabel(self.citizenGroup)
        self.genderLabel.setObjectName(u"genderLabel")

        self.citizenForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.genderLabel)

        self.genderCombo = QComboBox(self.citizenGroup)
        self.genderCombo.setObjectName(u"genderCombo")

        self.citizenForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.genderCombo)

        self.addressLabel = QLabel(self.citizenGroup)
        self.addressLabel.setObjectName(u"addressLabel")

        self.citizenForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(self.citizenGroup)
        self.addressEdit.setObjectName(u"addressEdit")

        self.citizenForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.issueDateLabel = QLabel(self.citizenGroup)
        self.issueDateLabel.setObjectName(u"issueDateLabel")

        self.citizenForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.issueDateLabel)

        self.issueDateEdit = QLineEdit(self.citizenGroup)
        self.issueDateEdit.setObjectName(u"issueDateEdit")

        self.citizenForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.issueDateEdit)

        self.phoneLabel = QLabel(self.citizenGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.citizenForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.citizenGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.citizenForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(self.citizenGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.citizenForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.citizenGroup)
        self.emailEdit.setObjectName(u"emailEdit")

        self.citizenForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.emailEdit)


        self.leftColumn.addWidget(self.citizenGroup)

        self.submittedByOtherCheck = QCheckBox(self.scrollContents)
        self.submittedByOtherCheck.setObjectName(u"submittedByOtherCheck")

        self.leftColumn.addWidget(self.submittedByOtherCheck)

        self.submitterGroup = QGroupBox(self.scrollContents)
        self.submitterGroup.setObjectName(u"submitterGroup")
        self.submitterGroup.setEnabled(False)
        self.submitterForm = QFormLayout(self.submitterGroup)
        self.submitterForm.setObjectName(u"submitterForm")
        self.submitterNameLabel = QLabel(self.submitterGroup)
        self.submitterNameLabel.setObjectName(u"submitterNameLabel")

        self.submitterForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.submitterNameLabel)

        self.submitterNameEdit = QLineEdit(self.submitterGroup)
        self.submitterNameEdit.setObjectName(u"submitterNameEdit")

        self.submitterForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.submitterNameEdit)

        self.submitterIdLabel = QLabel(self.submitterGroup)
        self.submitterIdLabel.setObjectName(u"submitterIdLabel")

        self.submitterForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.submitterIdLabel)

        self.submitterIdEdit = QLineEdit(self.submitterGroup)
        self.submitterIdEdit.setObjectName(u"submitterIdEdit")

        self.submitterForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.submitterIdEdit)


        self.leftColumn.addWidget(self.submitterGroup)

        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftSpacer)


        self.columnsLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.procedureGroup = QGroupBox(self.scrollContents)
        self.procedureGroup.setObjectName(u"procedureGroup")
        self.procedureLayout = QVBoxLayout(self.procedureGroup)
        self.procedureLayout.setObjectName(u"procedureLayout")
        self.procedureSearchEdit = QLineEdit(self.procedureGroup)
        self.procedureSearchEdit.setObjectName(u"procedureSearchEdit")
        self.procedureSearchEdit.setMaxLength(200)

        self.procedureLayout.addWidget(self.procedureSearchEdit)

        self.procedureTable = QTableView(self.procedureGroup)
        self.procedureTable.setObjectName(u"procedureTable")
        self.procedureTable.setMinimumSize(QSize(0, 150))
        self.procedureTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.procedureTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.procedureTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.procedureTable.setAlternatingRowColors(True)
        self.procedureTable.horizontalHeader().setStretchLastSection(True)
        self.procedureTable.verticalHeader().setVisible(False)

        self.procedureLayout.addWidget(self.procedureTable)


        self.rightColumn.addWidget(self.procedureGroup)

        self.extraGroup = QGroupBox(self.scrollContents)
        self.extraGroup.setObjectName(u"extraGroup")
        self.extraForm = QFormLayout(self.extraGroup)
        self.extraForm.setObjectName(u"extraForm")

        self.rightColumn.addWidget(self.extraGroup)

        self.crossBoundaryGroup = QGroupBox(self.scrollContents)
        self.crossBoundaryGroup.setObjectName(u"crossBoundaryGroup")
        self.crossBoundaryForm = QFormLayout(self.crossBoundaryGroup)
        self.crossBoundaryForm.setObjectName(u"crossBoundaryForm")
        self.competentAgencyLabel = QLabel(self.crossBoundaryGroup)
        self.competentAgencyLabel.setObjectName(u"competentAgencyLabel")

        self.crossBoundaryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.competentAgencyLabel)

        self.competentAgencyEdit = QLineEdit(self.crossBoundaryGroup)
        self.competentAgencyEdit.setObjectName(u"competentAgencyEdit")

        self.crossBoundaryForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.competentAgencyEdit)


        self.rightColumn.addWidget(self.crossBoundaryGroup)

        self.feeGroup = QGroupBox(self.scrollContents)
        self.feeGroup.setObjectName(u"feeGroup")
        self.feeForm = QFormLayout(self.feeGroup)
        self.feeForm.setObjectName(u"feeForm")
        self.pagesLabel = QLabel(self.feeGroup)
        self.pagesLabel.setObjectName(u"pagesLabel")

        self.feeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.pagesLabel)

        self.pagesSpin = QSpinBox(self.feeGroup)
        self.pagesSpin.setObjectName(u"pagesSpin")
        self.pagesSpin.setMinimum(1)
        self.pagesSpin.setMaximum(9999)

        self.feeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.pagesSpin)

        self.copiesLabel = QLabel(self.feeGroup)
        self.copiesLabel.setObjectName(u"copiesLabel")

        self.feeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.copiesLabel)

        self.copiesSpin = QSpinBox(self.feeGroup)
        self.copiesSpin.setObjectName(u"copiesSpin")
        self.copiesSpin.setMinimum(1)
        self.copiesSpin.setMaximum(999)

        self.feeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.copiesSpin)

        self.setsLabel = QLabel(self.feeGroup)
        self.setsLabel.setObjectName(u"setsLabel")

        self.feeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.setsLabel)

        self.setsSpin = QSpinBox(self.feeGroup)
        self.setsSpin.setObjectName(u"setsSpin")
        self.setsSpin.setMinimum(1)
        self.setsSpin.setMaximum(99)

        self.feeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.setsSpin)

        self.feeCaption = QLabel(self.feeGroup)
        self.feeCaption.setObjectName(u"feeCaption")

        self.feeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.feeCaption)

        self.feeValueLabel = QLabel(self.feeGroup)
        self.feeValueLabel.setObjectName(u"feeValueLabel")
        self.feeValueLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.feeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.feeValueLabel)

        self.processingCaption = QLabel(self.feeGroup)
        self.processingCaption.setObjectName(u"processingCaption")

        self.feeForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.processingCaption)

        self.processingValueLabel = QLabel(self.feeGroup)
        self.processingValueLabel.setObjectName(u"processingValueLabel")
        self.processingValueLabel.setWordWrap(True)

        self.feeForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.processingValueLabel)

        self.verificationCheck = QCheckBox(self.feeGroup)
        self.verificationCheck.setObjectName(u"verificationCheck")

        self.feeForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.verificationCheck)

        self.appointmentCaption = QLabel(self.feeGroup)
        self.appointmentCaption.setObjectName(u"appointmentCaption")

        self.feeForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.appointmentCaption)

        self.appointmentValueLabel = QLabel(self.feeGroup)
        self.appointmentValueLabel.setObjectName(u"appointmentValueLabel")
        self.appointmentValueLabel.setWordWrap(True)

        self.feeForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.appointmentValueLabel)


        self.rightColumn.addWidget(self.feeGroup)


        self.columnsLayout.addLayout(self.rightColumn)

        self.columnsLayout.setStretch(0, 2)
        self.columnsLayout.setStretch(1, 3)

        self.contentLayout.addLayout(self.columnsLayout)

        self.documentsGroup = QGroupBox(self.scrollContents)
        self.documentsGroup.setObjectName(u"documentsGroup")
        self.documentsLayout = QVBoxLayout(self.documentsGroup)
        self.documentsLayout.setObjectName(u"documentsLayout")
        self.scannerBar = QHBoxLayout()
        self.scannerBar.setObjectName(u"scannerBar")
        self.scannerLabel = QLabel(self.documentsGroup)
        self.scannerLabel.setObjectName(u"scannerLabel")

        self.scannerBar.addWidget(self.scannerLabel)

        self.scannerCombo = QComboBox(self.documentsGroup)
        self.scannerCombo.setObjectName(u"scannerCombo")
        self.scannerCombo.setMinimumSize(QSize(260, 0))

        self.scannerBar.addWidget(self.scannerCombo)

        self.scannerSettingsButton = QPushButton(self.documentsGroup)
        self.scannerSettingsButton.setObjectName(u"scannerSettingsButton")

        self.scannerBar.addWidget(self.scannerSettingsButton)

        self.scannerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.scannerBar.addItem(self.scannerSpacer)

        self.digitizedLabel = QLabel(self.documentsGroup)
        self.digitizedLabel.setObjectName(u"digitizedLabel")

        self.scannerBar.addWidget(self.digitizedLabel)


        self.documentsLayout.addLayout(self.scannerBar)

        self.folderBar = QFrame(self.documentsGroup)
        self.folderBar.setObjectName(u"folderBar")
        self.folderBar.setFrameShape(QFrame.Shape.StyledPanel)
        self.folderBarLayout = QHBoxLayout(self.folderBar)
        self.folderBarLayout.setObjectName(u"folderBarLayout")
        self.folderLabel = QLabel(self.folderBar)
        self.folderLabel.setObjectName(u"folderLabel")
        self.folderLabel.setWordWrap(True)

        self.folderBarLayout.addWidget(self.folderLabel)

        self.folderAddButton = QPushButton(self.folderBar)
        self.folderAddButton.setObjectName(u"folderAddButton")

        self.folderBarLayout.addWidget(self.folderAddButton)

        self.folderIgnoreButton = QPushButton(self.folderBar)
        self.folderIgnoreButton.setObjectName(u"folderIgnoreButton")

        self.folderBarLayout.addWidget(self.folderIgnoreButton)


        self.documentsLayout.addWidget(self.folderBar)

        self.documentsTable = QTableWidget(self.documentsGroup)
        self.documentsTable.setObjectName(u"documentsTable")
        self.documentsTable.setMinimumSize(QSize(0, 200))
        self.documentsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documentsTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.documentsTable.verticalHeader().setVisible(False)

        self.documentsLayout.addWidget(self.documentsTable)


        self.contentLayout.addWidget(self.documentsGroup)

        self.scrollArea.setWidget(self.scrollContents)

        self.pageLayout.addWidget(self.scrollArea)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.refuseButton = QPushButton(IntakePage)
        self.refuseButton.setObjectName(u"refuseButton")

        self.buttonRow.addWidget(self.refuseButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.clearButton = QPushButton(IntakePage)
        self.clearButton.setObjectName(u"clearButton")

        self.buttonRow.addWidget(self.clearButton)

        self.saveButton = QPushButton(IntakePage)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonRow.addWidget(self.saveButton)


        self.pageLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.idNumberLabel.setBuddy(self.idNumberEdit)
        self.oldIdLabel.setBuddy(self.oldIdEdit)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.birthDateLabel.setBuddy(self.birthDateEdit)
        self.genderLabel.setBuddy(self.genderCombo)
        self.addressLabel.setBuddy(self.addressEdit)
        self.issueDateLabel.setBuddy(self.issueDateEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.submitterNameLabel.setBuddy(self.submitterNameEdit)
        self.submitterIdLabel.setBuddy(self.submitterIdEdit)
        self.competentAgencyLabel.setBuddy(self.competentAgencyEdit)
        self.pagesLabel.setBuddy(self.pagesSpin)
        self.copiesLabel.setBuddy(self.copiesSpin)
        self.setsLabel.setBuddy(self.setsSpin)
        self.scannerLabel.setBuddy(self.scannerCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.idNumberEdit, self.oldIdEdit)
        QWidget.setTabOrder(self.oldIdEdit, self.fullNameEdit)
        QWidget.setTabOrder(self.fullNameEdit, self.birthDateEdit)
        QWidget.setTabOrder(self.birthDateEdit, self.genderCombo)
        QWidget.setTabOrder(self.genderCombo, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.issueDateEdit)
        QWidget.setTabOrder(self.issueDateEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.submittedByOtherCheck)
        QWidget.setTabOrder(self.submittedByOtherCheck, self.submitterNameEdit)
        QWidget.setTabOrder(self.submitterNameEdit, self.submitterIdEdit)
        QWidget.setTabOrder(self.submitterIdEdit, self.procedureSearchEdit)
        QWidget.setTabOrder(self.procedureSearchEdit, self.procedureTable)
        QWidget.setTabOrder(self.procedureTable, self.documentsTable)
        QWidget.setTabOrder(self.documentsTable, self.pagesSpin)
        QWidget.setTabOrder(self.pagesSpin, self.copiesSpin)
        QWidget.setTabOrder(self.copiesSpin, self.setsSpin)
        QWidget.setTabOrder(self.setsSpin, self.saveButton)

        self.retranslateUi(IntakePage)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(IntakePage)
    # setupUi

    def retranslateUi(self, IntakePage):
        self.scanHintLabel.setText(QCoreApplication.translate("IntakePage", u"Qu\u00e9t m\u00e3 QR tr\u00ean th\u1ebb c\u0103n c\u01b0\u1edbc b\u1ea5t c\u1ee9 l\u00fac n\u00e0o: th\u00f4ng tin c\u00f4ng d\u00e2n s\u1ebd \u0111\u01b0\u1ee3c \u0111i\u1ec1n t\u1ef1 \u0111\u1ed9ng. F1: h\u01b0\u1edbng d\u1eabn.", None))
#if QT_CONFIG(tooltip)
        self.todayLabel.setToolTip(QCoreApplication.translate("IntakePage", u"Vi\u1ec7c c\u1ee7a c\u01a1 quan trong ng\u00e0y: h\u1ed3 s\u01a1 ti\u1ebfp nh\u1eadn t\u1ea1i qu\u1ea7y, phi\u1ebfu h\u01b0\u1edbng d\u1eabn b\u1ed5 sung v\u00e0 phi\u1ebfu t\u1eeb ch\u1ed1i", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.messageLabel.setAccessibleName(QCoreApplication.translate("IntakePage", u"Th\u00f4ng b\u00e1o", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.draftsLabel.setAccessibleName(QCoreApplication.translate("IntakePage", u"H\u1ed3 s\u01a1 \u0111ang nh\u1eadp d\u1edf", None))
#endif // QT_CONFIG(accessibility)
        self.citizenGroup.setTitle(QCoreApplication.translate("IntakePage", u"Ng\u01b0\u1eddi c\u00f3 h\u1ed3 s\u01a1", None))
        self.idNumberLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 \u0111\u1ecbnh danh c\u00e1 nh\u00e2n", None))
        self.idNumberEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"12 ch\u1eef s\u1ed1 (ho\u1eb7c CMND 9 s\u1ed1)", None))
#if QT_CONFIG(accessibility)
        self.idNumberEdit.setAccessibleName(QCoreApplication.translate("IntakePage", u"S\u1ed1 \u0111\u1ecbnh danh c\u00e1 nh\u00e2n", None))
#endif // QT_CONFIG(accessibility)
        self.oldIdLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 CMND c\u0169", None))
        self.oldIdEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"n\u1ebfu c\u00f3", None))
        self.fullNameLabel.setText(QCoreApplication.translate("IntakePage", u"H\u1ecd v\u00e0 t\u00ean", None))
        self.birthDateLabel.setText(QCoreApplication.translate("IntakePage", u"Ng\u00e0y sinh", None))
        self.birthDateEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"dd/mm/yyyy", None))
        self.genderLabel.setText(QCoreApplication.translate("IntakePage", u"Gi\u1edbi t\u00ednh", None))
        self.addressLabel.setText(QCoreApplication.translate("IntakePage", u"N\u01a1i th\u01b0\u1eddng tr\u00fa", None))
        self.issueDateLabel.setText(QCoreApplication.translate("IntakePage", u"Ng\u00e0y c\u1ea5p th\u1ebb", None))
        self.issueDateEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"dd/mm/yyyy", None))
        self.phoneLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 \u0111i\u1ec7n tho\u1ea1i", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"09xx xxx xxx", None))
        self.emailLabel.setText(QCoreApplication.translate("IntakePage", u"E-mail", None))
        self.submittedByOtherCheck.setText(QCoreApplication.translate("IntakePage", u"Ng\u01b0\u1eddi kh\u00e1c n\u1ed9p thay", None))
        self.submitterGroup.setTitle(QCoreApplication.translate("IntakePage", u"Ng\u01b0\u1eddi n\u1ed9p thay", None))
        self.submitterNameLabel.setText(QCoreApplication.translate("IntakePage", u"H\u1ecd v\u00e0 t\u00ean ng\u01b0\u1eddi n\u1ed9p", None))
        self.submitterIdLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 \u0111\u1ecbnh danh ng\u01b0\u1eddi n\u1ed9p", None))
        self.procedureGroup.setTitle(QCoreApplication.translate("IntakePage", u"Th\u1ee7 t\u1ee5c", None))
        self.procedureSearchEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"T\u00ecm th\u1ee7 t\u1ee5c: g\u00f5 m\u00e3 ho\u1eb7c t\u00ean, kh\u00f4ng d\u1ea5u c\u0169ng \u0111\u01b0\u1ee3c (v\u00ed d\u1ee5: khai sinh)", None))
#if QT_CONFIG(accessibility)
        self.procedureSearchEdit.setAccessibleName(QCoreApplication.translate("IntakePage", u"T\u00ecm th\u1ee7 t\u1ee5c", None))
#endif // QT_CONFIG(accessibility)
        self.extraGroup.setTitle(QCoreApplication.translate("IntakePage", u"Th\u00f4ng tin ri\u00eang c\u1ee7a th\u1ee7 t\u1ee5c", None))
        self.crossBoundaryGroup.setTitle(QCoreApplication.translate("IntakePage", u"Ti\u1ebfp nh\u1eadn kh\u00f4ng ph\u1ee5 thu\u1ed9c \u0111\u1ecba gi\u1edbi h\u00e0nh ch\u00ednh", None))
        self.competentAgencyLabel.setText(QCoreApplication.translate("IntakePage", u"C\u01a1 quan c\u00f3 th\u1ea9m quy\u1ec1n gi\u1ea3i quy\u1ebft", None))
        self.competentAgencyEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"B\u1ecf tr\u1ed1ng n\u1ebfu \u0111\u01a1n v\u1ecb m\u00ecnh gi\u1ea3i quy\u1ebft", None))
#if QT_CONFIG(accessibility)
        self.competentAgencyEdit.setAccessibleName(QCoreApplication.translate("IntakePage", u"C\u01a1 quan c\u00f3 th\u1ea9m quy\u1ec1n gi\u1ea3i quy\u1ebft", None))
#endif // QT_CONFIG(accessibility)
        self.feeGroup.setTitle(QCoreApplication.translate("IntakePage", u"L\u1ec7 ph\u00ed v\u00e0 h\u1eb9n tr\u1ea3", None))
        self.pagesLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 trang m\u1ed7i b\u1ea3n", None))
        self.copiesLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 b\u1ea3n", None))
        self.setsLabel.setText(QCoreApplication.translate("IntakePage", u"S\u1ed1 b\u1ed9 h\u1ed3 s\u01a1", None))
        self.feeCaption.setText(QCoreApplication.translate("IntakePage", u"Ph\u00ed, l\u1ec7 ph\u00ed", None))
        self.processingCaption.setText(QCoreApplication.translate("IntakePage", u"Th\u1eddi h\u1ea1n gi\u1ea3i quy\u1ebft", None))
        self.verificationCheck.setText(QCoreApplication.translate("IntakePage", u"C\u1ea7n x\u00e1c minh", None))
#if QT_CONFIG(tooltip)
        self.verificationCheck.setToolTip(QCoreApplication.translate("IntakePage", u"Ch\u1ecdn khi h\u1ed3 s\u01a1 ph\u1ea3i x\u00e1c minh: h\u1eb9n tr\u1ea3 theo th\u1eddi h\u1ea1n d\u00e0i h\u01a1n c\u1ee7a th\u1ee7 t\u1ee5c, gi\u1ea5y ti\u1ebfp nh\u1eadn ghi \u201ctr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh\u201d.", None))
#endif // QT_CONFIG(tooltip)
        self.appointmentCaption.setText(QCoreApplication.translate("IntakePage", u"H\u1eb9n tr\u1ea3 k\u1ebft qu\u1ea3", None))
        self.documentsGroup.setTitle(QCoreApplication.translate("IntakePage", u"Th\u00e0nh ph\u1ea7n h\u1ed3 s\u01a1 (\u0111\u00e1nh d\u1ea5u gi\u1ea5y t\u1edd \u0111\u00e3 nh\u1eadn)", None))
        self.scannerLabel.setText(QCoreApplication.translate("IntakePage", u"M\u00e1y qu\u00e9t:", None))
#if QT_CONFIG(tooltip)
        self.scannerCombo.setToolTip(QCoreApplication.translate("IntakePage", u"C\u1ea5u h\u00ecnh m\u00e1y qu\u00e9t d\u00f9ng cho n\u00fat \u201cQu\u00e9t\u201d c\u1ee7a t\u1eebng gi\u1ea5y t\u1edd", None))
#endif // QT_CONFIG(tooltip)
        self.scannerSettingsButton.setText(QCoreApplication.translate("IntakePage", u"C\u00e0i \u0111\u1eb7t m\u00e1y qu\u00e9t\u2026", None))
        self.digitizedLabel.setText("")
        self.folderAddButton.setText(QCoreApplication.translate("IntakePage", u"Th\u00eam v\u00e0o gi\u1ea5y t\u1edd \u0111ang ch\u1ecdn", None))
        self.folderIgnoreButton.setText(QCoreApplication.translate("IntakePage", u"B\u1ecf qua", None))
#if QT_CONFIG(tooltip)
        self.refuseButton.setToolTip(QCoreApplication.translate("IntakePage", u"Thi\u1ebfu gi\u1ea5y t\u1edd: in phi\u1ebfu h\u01b0\u1edbng d\u1eabn b\u1ed5 sung (M\u1eabu 02). Kh\u00f4ng \u0111\u1ee7 \u0111i\u1ec1u ki\u1ec7n: in phi\u1ebfu t\u1eeb ch\u1ed1i (M\u1eabu 03). Kh\u00f4ng c\u1ea5p m\u00e3 h\u1ed3 s\u01a1.", None))
#endif // QT_CONFIG(tooltip)
        self.refuseButton.setText(QCoreApplication.translate("IntakePage", u"H\u01b0\u1edbng d\u1eabn b\u1ed5 sung / T\u1eeb ch\u1ed1i\u2026", None))
        self.clearButton.setText(QCoreApplication.translate("IntakePage", u"L\u00e0m m\u1edbi (c\u00f4ng d\u00e2n ti\u1ebfp theo)", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("IntakePage", u"L\u01b0u h\u1ed3 s\u01a1, c\u1ea5p m\u00e3 v\u00e0 in gi\u1ea5y ti\u1ebfp nh\u1eadn (Ctrl+S ho\u1eb7c F12)", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("IntakePage", u"L\u01b0u v\u00e0 in bi\u00ean nh\u1eadn", None))
        pass
    # retranslateUi

