# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QSplitter, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.ui.screen_fit import (FormScrollArea, WrappingLabel)

class Ui_TemplateEditorDialog(object):
    def setupUi(self, TemplateEditorDialog):
        if not TemplateEditorDialog.objectName():
            TemplateEditorDialog.setObjectName(u"TemplateEditorDialog")
        self.dialogLayout = QVBoxLayout(TemplateEditorDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.editorSplitter = QSplitter(TemplateEditorDialog)
        self.editorSplitter.setObjectName(u"editorSplitter")
        self.editorSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.editorTabs = QTabWidget(self.editorSplitter)
        self.editorTabs.setObjectName(u"editorTabs")
        self.generalArea = FormScrollArea()
        self.generalArea.setObjectName(u"generalArea")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalColumn = QVBoxLayout(self.generalTab)
        self.generalColumn.setObjectName(u"generalColumn")
        self.generalForm = QFormLayout()
        self.generalForm.setObjectName(u"generalForm")
        self.codeLabel = QLabel(self.generalTab)
        self.codeLabel.setObjectName(u"codeLabel")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(self.generalTab)
        self.codeEdit.setObjectName(u"codeEdit")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.provincialCodeLabel = QLabel(self.generalTab)
        self.provincialCodeLabel.setObjectName(u"provincialCodeLabel")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.provincialCodeLabel)

        self.provincialCodeEdit = QLineEdit(self.generalTab)
        self.provincialCodeEdit.setObjectName(u"provincialCodeEdit")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.provincialCodeEdit)

        self.nameLabel = QLabel(self.generalTab)
        self.nameLabel.setObjectName(u"nameLabel")

        self.generalForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.generalTab)
        self.nameEdit.setObjectName(u"nameEdit")

        self.generalForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.sectorLabel = QLabel(self.generalTab)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.generalForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sectorLabel)

        self.sectorCombo = QComboBox(self.generalTab)
        self.sectorCombo.setObjectName(u"sectorCombo")
        self.sectorCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sectorCombo.setMinimumContentsLength(30)
        self.sectorCombo.setEditable(True)

        self.generalForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sectorCombo)

        self.levelLabel = QLabel(self.generalTab)
        self.levelLabel.setObjectName(u"levelLabel")

        self.generalForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.levelLabel)

        self.levelCombo = QComboBox(self.generalTab)
        self.levelCombo.setObjectName(u"levelCombo")

        self.generalForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.levelCombo)

        self.processingLabel = QLabel(self.generalTab)
        self.processingLabel.setObjectName(u"processingLabel")

        self.generalForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.processingLabel)

        self.processingRow = QHBoxLayout()
        self.processingRow.setObjectName(u"processingRow")
        self.processingValueSpin = QDoubleSpinBox(self.generalTab)
        self.processingValueSpin.setObjectName(u"processingValueSpin")
        self.processingValueSpin.setDecimals(1)
        self.processingValueSpin.setMaximum(365.000000000000000)
        self.processingValueSpin.setValue(1.000000000000000)

        self.processingRow.addWidget(self.processingValueSpin)

        self.processingUnitCombo = QComboBox(self.generalTab)
        self.processingUnitCombo.setObjectName(u"processingUnitCombo")

        self.processingRow.addWidget(self.processingUnitCombo)

        self.processingRow.setStretch(1, 1)

        self.generalForm.setLayout(5, QFormLayout.ItemRole.FieldRole, self.processingRow)

        self.verificationLabel = QLabel(self.generalTab)
        self.verificationLabel.setObjectName(u"verificationLabel")

        self.generalForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.verificationLabel)

        self.verificationRow = QHBoxLayout()
        self.verificationRow.setObjectName(u"verificationRow")
        self.verificationCheck = QCheckBox(self.generalTab)
        self.verificationCheck.setObjectName(u"verificationCheck")

        self.verificationRow.addWidget(self.verificationCheck)

        self.verificationValueSpin = QDoubleSpinBox(self.generalTab)
        self.verificationValueSpin.setObjectName(u"verificationValueSpin")
        self.verificationValueSpin.setDecimals(1)
        self.verificationValueSpin.setMaximum(365.000000000000000)
        self.verificationValueSpin.setValue(5.000000000000000)

        self.verificationRow.addWidget(self.verificationValueSpin)

        self.verificationUnitCombo = QComboBox(self.generalTab)
        self.verificationUnitCombo.setObjectName(u"verificationUnitCombo")

        self.verificationRow.addWidget(self.verificationUnitCombo)

        self.verificationRow.setStretch(2, 1)

        self.generalForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.verificationRow)

        self.verificationTextLabel = QLabel(self.generalTab)
        self.verificationTextLabel.setObjectName(u"verificationTextLabel")

        self.generalForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.verificationTextLabel)

        self.verificationTextEdit = QLineEdit(self.generalTab)
        self.verificationTextEdit.setObjectName(u"verificationTextEdit")
        self.verificationTextEdit.setMaxLength(200)

        self.generalForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.verificationTextEdit)

        self.crossBoundaryLabel = QLabel(self.generalTab)
        self.crossBoundaryLabel.setObjectName(u"crossBoundaryLabel")

        self.generalForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.crossBoundaryLabel)

        self.crossBoundaryCheck = QCheckBox(self.generalTab)
        self.crossBoundaryCheck.setObjectName(u"crossBoundaryCheck")

        self.generalForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.crossBoundaryCheck)

        self.returnPlaceLabel = QLabel(self.generalTab)
        self.returnPlaceLabel.setObjectName(u"returnPlaceLabel")

        self.generalForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.returnPlaceLabel)

        self.returnPlaceEdit = QLineEdit(self.generalTab)
        self.returnPlaceEdit.setObjectName(u"returnPlaceEdit")

        self.generalForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.returnPlaceEdit)

        self.resultsLabel = QLabel(self.generalTab)
        self.resultsLabel.setObjectName(u"resultsLabel")

        self.generalForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.resultsLabel)

        self.resultsEdit = QPlainTextEdit(self.generalTab)
        self.resultsEdit.setObjectName(u"resultsEdit")
        self.resultsEdit.setMaximumSize(QSize(16777215, 110))

        self.generalForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.resultsEdit)


        self.generalColumn.addLayout(self.generalForm)

        self.generalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.generalColumn.addItem(self.generalSpacer)

        self.generalColumn.setStretch(1, 1)
        self.generalArea.setWidget(self.generalTab)
        self.editorTabs.addTab(self.generalArea, "")
        self.feeTab = QWidget()
        self.feeTab.setObjectName(u"feeTab")
        self.feeLayout = QVBoxLayout(self.feeTab)
        self.feeLayout.setObjectName(u"feeLayout")
        self.feeForm = QFormLayout()
        self.feeForm.setObjectName(u"feeForm")
        self.feeKindLabel = QLabel(self.feeTab)
        self.feeKindLabel.setObjectName(u"feeKindLabel")

        self.feeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.feeKindLabel)

        self.feeKindCombo = QComboBox(self.feeTab)
        self.feeKindCombo.setObjectName(u"feeKindCombo")

        self.feeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.feeKindCombo)

        self.amountLabel = QLabel(self.feeTab)
        self.amountLabel.setObjectName(u"amountLabel")

        self.feeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.amountLabel)

        self.feeAmountSpin = QSpinBox(self.feeTab)
        self.feeAmountSpin.setObjectName(u"feeAmountSpin")
        self.feeAmountSpin.setMaximum(100000000)
        self.feeAmountSpin.setSingleStep(1000)
        self.feeAmountSpin.setProperty(u"showGroupSeparator", True)

        self.feeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.feeAmountSpin)

        self.capRowLabel = QLabel(self.feeTab)
        self.capRowLabel.setObjectName(u"capRowLabel")

        self.feeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.capRowLabel)

        self.capRow = QHBoxLayout()
        self.capRow.setObjectName(u"capRow")
        self.capCheck = QCheckBox(self.feeTab)
        self.capCheck.setObjectName(u"capCheck")

        self.capRow.addWidget(self.capCheck)

        self.capSpin = QSpinBox(self.feeTab)
        self.capSpin.setObjectName(u"capSpin")
        self.capSpin.setMaximum(100000000)
        self.capSpin.setSingleStep(1000)
        self.capSpin.setProperty(u"showGroupSeparator", True)

        self.capRow.addWidget(self.capSpin)

        self.capRow.setStretch(1, 1)

        self.feeForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.capRow)

        self.feeNoteLabel = QLabel(self.feeTab)
        self.feeNoteLabel.setObjectName(u"feeNoteLabel")

        self.feeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.feeNoteLabel)

        self.feeNoteEdit = QLineEdit(self.feeTab)
        self.feeNoteEdit.setObjectName(u"feeNoteEdit")

        self.feeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.feeNoteEdit)


        self.feeLayout.addLayout(self.feeForm)

        self.tiersGroup = QGroupBox(self.feeTab)
        self.tiersGroup.setObjectName(u"tiersGroup")
        self.tiersLayout = QVBoxLayout(self.tiersGroup)
        self.tiersLayout.setObjectName(u"tiersLayout")
        self.tiersTable = QTableWidget(self.tiersGroup)
        if (self.tiersTable.columnCount() < 3):
            self.tiersTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.tiersTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.tiersTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.tiersTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.tiersTable.setObjectName(u"tiersTable")
        self.tiersTable.horizontalHeader().setStretchLastSection(True)

        self.tiersLayout.addWidget(self.tiersTable)

        self.tierButtonRow = QHBoxLayout()
        self.tierButtonRow.setObjectName(u"tierButtonRow")
        self.addTierButton = QPushButton(self.tiersGroup)
        self.addTierButton.setObjectName(u"addTierButton")

        self.tierButtonRow.addWidget(self.addTierButton)

        self.removeTierButton = QPushButton(self.tiersGroup)
        self.removeTierButton.setObjectName(u"removeTierButton")

        self.tierButtonRow.addWidget(self.removeTierButton)

        self.tierUpButton = QPushButton(self.tiersGroup)
        self.tierUpButton.setObjectName(u"tierUpButton")

        self.tierButtonRow.addWidget(self.tierUpButton)

        self.tierDownButton = QPushButton(self.tiersGroup)
        self.tierDownButton.setObjectName(u"tierDownButton")

        self.tierButtonRow.addWidget(self.tierDownButton)

        self.tierButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.tierButtonRow.addItem(self.tierButtonSpacer)

        self.tierButtonRow.setStretch(4, 1)

        self.tiersLayout.addLayout(self.tierButtonRow)


        self.feeLayout.addWidget(self.tiersGroup)

        self.feeLayout.setStretch(1, 1)
        self.editorTabs.addTab(self.feeTab, "")
        self.documentsTab = QWidget()
        self.documentsTab.setObjectName(u"documentsTab")
        self.documentsLayout = QVBoxLayout(self.documentsTab)
        self.documentsLayout.setObjectName(u"documentsLayout")
        self.documentsTable = QTableWidget(self.documentsTab)
        if (self.documentsTable.columnCount() < 6):
            self.documentsTable.setColumnCount(6)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(0, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(1, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(2, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(3, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(4, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.documentsTable.setHorizontalHeaderItem(5, __qtablewidgetitem8)
        self.documentsTable.setObjectName(u"documentsTable")
        self.documentsTable.horizontalHeader().setStretchLastSection(True)

        self.documentsLayout.addWidget(self.documentsTable)

        self.documentButtonRow = QHBoxLayout()
        self.documentButtonRow.setObjectName(u"documentButtonRow")
        self.addDocumentButton = QPushButton(self.documentsTab)
        self.addDocumentButton.setObjectName(u"addDocumentButton")

        self.documentButtonRow.addWidget(self.addDocumentButton)

        self.removeDocumentButton = QPushButton(self.documentsTab)
        self.removeDocumentButton.setObjectName(u"removeDocumentButton")

        self.documentButtonRow.addWidget(self.removeDocumentButton)

        self.documentUpButton = QPushButton(self.documentsTab)
        self.documentUpButton.setObjectName(u"documentUpButton")

        self.documentButtonRow.addWidget(self.documentUpButton)

        self.documentDownButton = QPushButton(self.documentsTab)
        self.documentDownButton.setObjectName(u"documentDownButton")

        self.documentButtonRow.addWidget(self.documentDownButton)

        self.documentButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.documentButtonRow.addItem(self.documentButtonSpacer)

        self.documentButtonRow.setStretch(4, 1)

        self.documentsLayout.addLayout(self.documentButtonRow)

        self.documentsLayout.setStretch(0, 1)
        self.editorTabs.addTab(self.documentsTab, "")
        self.fieldsTab = QWidget()
        self.fieldsTab.setObjectName(u"fieldsTab")
        self.fieldsLayout = QVBoxLayout(self.fieldsTab)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsHintLabel = WrappingLabel(self.fieldsTab)
        self.fieldsHintLabel.setObjectName(u"fieldsHintLabel")

        self.fieldsLayout.addWidget(self.fieldsHintLabel)

        self.fieldsTable = QTableWidget(self.fieldsTab)
        if (self.fieldsTable.columnCount() < 7):
            self.fieldsTable.setColumnCount(7)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(0, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(1, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(2, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(3, __qtablewidgetitem12)
        __qtablewidgetitem13 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(4, __qtablewidgetitem13)
        __qtablewidgetitem14 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(5, __qtablewidgetitem14)
        __qtablewidgetitem15 = QTableWidgetItem()
        self.fieldsTable.setHorizontalHeaderItem(6, __qtablewidgetitem15)
        self.fieldsTable.setObjectName(u"fieldsTable")
        self.fieldsTable.horizontalHeader().setStretchLastSection(True)

        self.fieldsLayout.addWidget(self.fieldsTable)

        self.fieldButtonRow = QHBoxLayout()
        self.fieldButtonRow.setObjectName(u"fieldButtonRow")
        self.addFieldButton = QPushButton(self.fieldsTab)
        self.addFieldButton.setObjectName(u"addFieldButton")

        self.fieldButtonRow.addWidget(self.addFieldButton)

        self.removeFieldButton = QPushButton(self.fieldsTab)
        self.removeFieldButton.setObjectName(u"removeFieldButton")

        self.fieldButtonRow.addWidget(self.removeFieldButton)

        self.fieldUpButton = QPushButton(self.fieldsTab)
        self.fieldUpButton.setObjectName(u"fieldUpButton")

        self.fieldButtonRow.addWidget(self.fieldUpButton)

        self.fieldDownButton = QPushButton(self.fieldsTab)
        self.fieldDownButton.setObjectName(u"fieldDownButton")

        self.fieldButtonRow.addWidget(self.fieldDownButton)

        self.fieldButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.fieldButtonRow.addItem(self.fieldButtonSpacer)

        self.fieldButtonRow.setStretch(4, 1)

        self.fieldsLayout.addLayout(self.fieldButtonRow)

        self.fieldsLayout.setStretch(1, 1)
        self.editorTabs.addTab(self.fieldsTab, "")
        self.editorSplitter.addWidget(self.editorTabs)
        self.previewGroup = QGroupBox(self.editorSplitter)
        self.previewGroup.setObjectName(u"previewGroup")
        self.previewGroupLayout = QVBoxLayout(self.previewGroup)
        self.previewGroupLayout.setObjectName(u"previewGroupLayout")
        self.previewArea = FormScrollArea(self.previewGroup)
        self.previewArea.setObjectName(u"previewArea")
        self.previewContent = QWidget()
        self.previewContent.setObjectName(u"previewContent")
        self.previewLayout = QVBoxLayout(self.previewContent)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(0, 0, 0, 0)
        self.previewTitle = WrappingLabel(self.previewContent)
        self.previewTitle.setObjectName(u"previewTitle")

        self.previewLayout.addWidget(self.previewTitle)

        self.previewFacts = WrappingLabel(self.previewContent)
        self.previewFacts.setObjectName(u"previewFacts")

        self.previewLayout.addWidget(self.previewFacts)

        self.previewDocumentsLabel = WrappingLabel(self.previewContent)
        self.previewDocumentsLabel.setObjectName(u"previewDocumentsLabel")

        self.previewLayout.addWidget(self.previewDocumentsLabel)

        self.previewDocuments = QListWidget(self.previewContent)
        self.previewDocuments.setObjectName(u"previewDocuments")
        self.previewDocuments.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.previewDocuments.setWordWrap(True)

        self.previewLayout.addWidget(self.previewDocuments)

        self.previewFieldsBox = QGroupBox(self.previewContent)
        self.previewFieldsBox.setObjectName(u"previewFieldsBox")
        self.previewFieldsForm = QFormLayout(self.previewFieldsBox)
        self.previewFieldsForm.setObjectName(u"previewFieldsForm")

        self.previewLayout.addWidget(self.previewFieldsBox)

        self.previewError = WrappingLabel(self.previewContent)
        self.previewError.setObjectName(u"previewError")
        self.previewError.setVisible(False)

        self.previewLayout.addWidget(self.previewError)

        self.previewLayout.setStretch(3, 1)
        self.previewArea.setWidget(self.previewContent)

        self.previewGroupLayout.addWidget(self.previewArea)

        self.editorSplitter.addWidget(self.previewGroup)

        self.dialogLayout.addWidget(self.editorSplitter)

        self.errorLabel = WrappingLabel(TemplateEditorDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setVisible(False)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(TemplateEditorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.provincialCodeLabel.setBuddy(self.provincialCodeEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.sectorLabel.setBuddy(self.sectorCombo)
        self.levelLabel.setBuddy(self.levelCombo)
        self.verificationTextLabel.setBuddy(self.verificationTextEdit)
        self.returnPlaceLabel.setBuddy(self.returnPlaceEdit)
        self.resultsLabel.setBuddy(self.resultsEdit)
        self.feeKindLabel.setBuddy(self.feeKindCombo)
        self.feeNoteLabel.setBuddy(self.feeNoteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemplateEditorDialog)

        QMetaObject.connectSlotsByName(TemplateEditorDialog)
    # setupUi

    def retranslateUi(self, TemplateEditorDialog):
        self.codeLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u00e3 th\u1ee7 t\u1ee5c *", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"m\u00e3 qu\u1ed1c gia 1.001193, ho\u1eb7c m\u00e3 n\u1ed9i b\u1ed9 vi\u1ebft hoa (CT.HDGD)", None))
#if QT_CONFIG(accessibility)
        self.codeEdit.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"M\u00e3 th\u1ee7 t\u1ee5c", None))
#endif // QT_CONFIG(accessibility)
        self.provincialCodeLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u00e3 c\u1ee7a t\u1ec9nh", None))
        self.provincialCodeEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"1.001193.000.00.00.H16 (n\u1ebfu c\u00f3)", None))
#if QT_CONFIG(accessibility)
        self.provincialCodeEdit.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"M\u00e3 c\u1ee7a t\u1ec9nh", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"T\u00ean th\u1ee7 t\u1ee5c *", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"T\u00ean th\u1ee7 t\u1ee5c", None))
#endif // QT_CONFIG(accessibility)
        self.sectorLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"L\u0129nh v\u1ef1c", None))
#if QT_CONFIG(accessibility)
        self.sectorCombo.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"L\u0129nh v\u1ef1c", None))
#endif // QT_CONFIG(accessibility)
        self.levelLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u1ee9c \u0111\u1ed9 d\u1ecbch v\u1ee5 c\u00f4ng", None))
#if QT_CONFIG(accessibility)
        self.levelCombo.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"M\u1ee9c \u0111\u1ed9 d\u1ecbch v\u1ee5 c\u00f4ng", None))
#endif // QT_CONFIG(accessibility)
        self.processingLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"Th\u1eddi h\u1ea1n gi\u1ea3i quy\u1ebft *", None))
        self.verificationLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"N\u1ebfu ph\u1ea3i x\u00e1c minh", None))
        self.verificationCheck.setText(QCoreApplication.translate("TemplateEditorDialog", u"C\u00f3 th\u1eddi h\u1ea1n d\u00e0i h\u01a1n", None))
#if QT_CONFIG(tooltip)
        self.verificationCheck.setToolTip(QCoreApplication.translate("TemplateEditorDialog", u"Th\u1ee7 t\u1ee5c c\u00f3 tr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh v\u1edbi th\u1eddi h\u1ea1n d\u00e0i h\u01a1n (v\u00ed d\u1ee5 \u0111\u0103ng k\u00fd k\u1ebft h\u00f4n: 5 ng\u00e0y l\u00e0m vi\u1ec7c). C\u00e1n b\u1ed9 ch\u1ecdn khi ti\u1ebfp nh\u1eadn; gi\u1ea5y ti\u1ebfp nh\u1eadn ghi \u201ctr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh\u201d.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.verificationValueSpin.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"Th\u1eddi h\u1ea1n tr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.verificationUnitCombo.setAccessibleName(QCoreApplication.translate("TemplateEditorDialog", u"\u0110\u01a1n v\u1ecb th\u1eddi h\u1ea1n tr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh", None))
#endif // QT_CONFIG(accessibility)
        self.verificationTextLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"Tr\u01b0\u1eddng h\u1ee3p ph\u1ea3i x\u00e1c minh", None))
        self.verificationTextEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"C\u1ea7n x\u00e1c minh", None))
        self.crossBoundaryLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"\u0110\u1ecba gi\u1edbi h\u00e0nh ch\u00ednh", None))
        self.crossBoundaryCheck.setText(QCoreApplication.translate("TemplateEditorDialog", u"Ti\u1ebfp nh\u1eadn kh\u00f4ng ph\u1ee5 thu\u1ed9c \u0111\u1ecba gi\u1edbi h\u00e0nh ch\u00ednh", None))
#if QT_CONFIG(tooltip)
        self.crossBoundaryCheck.setToolTip(QCoreApplication.translate("TemplateEditorDialog", u"Khi ti\u1ebfp nh\u1eadn, c\u00e1n b\u1ed9 ghi c\u01a1 quan c\u00f3 th\u1ea9m quy\u1ec1n gi\u1ea3i quy\u1ebft n\u1ebfu kh\u00f4ng ph\u1ea3i \u0111\u01a1n v\u1ecb m\u00ecnh (Ngh\u1ecb \u0111\u1ecbnh 118/2025); gi\u1ea5y ti\u1ebfp nh\u1eadn ghi c\u01a1 quan \u0111\u00f3.", None))
#endif // QT_CONFIG(tooltip)
        self.returnPlaceLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"N\u01a1i tr\u1ea3 k\u1ebft qu\u1ea3", None))
        self.returnPlaceEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1ecf tr\u1ed1ng: t\u1ea1i \u0111\u01a1n v\u1ecb ti\u1ebfp nh\u1eadn h\u1ed3 s\u01a1", None))
        self.resultsLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"K\u1ebft qu\u1ea3 gi\u1ea3i quy\u1ebft", None))
        self.resultsEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"M\u1ed7i d\u00f2ng m\u1ed9t gi\u1ea5y t\u1edd k\u1ebft qu\u1ea3, v\u00ed d\u1ee5: Gi\u1ea5y khai sinh (b\u1ea3n ch\u00ednh)", None))
        self.editorTabs.setTabText(self.editorTabs.indexOf(self.generalArea), QCoreApplication.translate("TemplateEditorDialog", u"Th\u00f4ng tin chung", None))
        self.feeKindLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"C\u00e1ch thu", None))
        self.amountLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u1ee9c thu", None))
        self.feeAmountSpin.setSuffix(QCoreApplication.translate("TemplateEditorDialog", u" \u0111\u1ed3ng", None))
        self.capRowLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u1ee9c tr\u1ea7n", None))
        self.capCheck.setText(QCoreApplication.translate("TemplateEditorDialog", u"C\u00f3 m\u1ee9c tr\u1ea7n m\u1ed7i b\u1ea3n", None))
        self.capSpin.setSuffix(QCoreApplication.translate("TemplateEditorDialog", u" \u0111\u1ed3ng/b\u1ea3n", None))
        self.feeNoteLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"Ghi ch\u00fa", None))
        self.feeNoteEdit.setPlaceholderText(QCoreApplication.translate("TemplateEditorDialog", u"c\u0103n c\u1ee9 thu, v\u00ed d\u1ee5: Ngh\u1ecb quy\u1ebft H\u0110ND t\u1ec9nh s\u1ed1 \u2026", None))
        self.tiersGroup.setTitle(QCoreApplication.translate("TemplateEditorDialog", u"B\u1eadc t\u00ednh theo trang", None))
        ___qtablewidgetitem = self.tiersTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("TemplateEditorDialog", u"T\u1eeb trang", None))
        ___qtablewidgetitem1 = self.tiersTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("TemplateEditorDialog", u"\u0110\u1ebfn trang (tr\u1ed1ng: tr\u1edf \u0111i)", None))
        ___qtablewidgetitem2 = self.tiersTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("TemplateEditorDialog", u"\u0110\u1ed3ng/trang", None))
        self.addTierButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Th\u00eam b\u1eadc", None))
        self.removeTierButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"X\u00f3a d\u00f2ng \u0111ang ch\u1ecdn", None))
        self.tierUpButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"L\u00ean", None))
        self.tierDownButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Xu\u1ed1ng", None))
        self.editorTabs.setTabText(self.editorTabs.indexOf(self.feeTab), QCoreApplication.translate("TemplateEditorDialog", u"L\u1ec7 ph\u00ed", None))
        ___qtablewidgetitem3 = self.documentsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("TemplateEditorDialog", u"T\u00ean gi\u1ea5y t\u1edd", None))
        ___qtablewidgetitem4 = self.documentsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1eaft bu\u1ed9c", None))
        ___qtablewidgetitem5 = self.documentsTable.horizontalHeaderItem(2)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1ea3n ch\u00ednh", None))
        ___qtablewidgetitem6 = self.documentsTable.horizontalHeaderItem(3)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1ea3n sao ch\u1ee9ng th\u1ef1c", None))
        ___qtablewidgetitem7 = self.documentsTable.horizontalHeaderItem(4)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1ea3n photo", None))
        ___qtablewidgetitem8 = self.documentsTable.horizontalHeaderItem(5)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("TemplateEditorDialog", u"Ghi ch\u00fa", None))
        self.addDocumentButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Th\u00eam gi\u1ea5y t\u1edd", None))
        self.removeDocumentButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"X\u00f3a d\u00f2ng \u0111ang ch\u1ecdn", None))
        self.documentUpButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"L\u00ean", None))
        self.documentDownButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Xu\u1ed1ng", None))
        self.editorTabs.setTabText(self.editorTabs.indexOf(self.documentsTab), QCoreApplication.translate("TemplateEditorDialog", u"Th\u00e0nh ph\u1ea7n h\u1ed3 s\u01a1", None))
        self.fieldsHintLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"Tr\u01b0\u1eddng b\u1ed5 sung hi\u1ec7n tr\u00ean m\u00e0n h\u00ecnh ti\u1ebfp nh\u1eadn c\u1ee7a th\u1ee7 t\u1ee5c n\u00e0y (v\u00ed d\u1ee5 h\u1ecd t\u00ean tr\u1ebb khi \u0111\u0103ng k\u00fd khai sinh). Kh\u00f3a vi\u1ebft th\u01b0\u1eddng kh\u00f4ng d\u1ea5u, v\u00ed d\u1ee5 ho_ten_tre.", None))
        ___qtablewidgetitem9 = self.fieldsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("TemplateEditorDialog", u"Kh\u00f3a", None))
        ___qtablewidgetitem10 = self.fieldsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("TemplateEditorDialog", u"Nh\u00e3n", None))
        ___qtablewidgetitem11 = self.fieldsTable.horizontalHeaderItem(2)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("TemplateEditorDialog", u"Ki\u1ec3u", None))
        ___qtablewidgetitem12 = self.fieldsTable.horizontalHeaderItem(3)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("TemplateEditorDialog", u"B\u1eaft bu\u1ed9c", None))
        ___qtablewidgetitem13 = self.fieldsTable.horizontalHeaderItem(4)
        ___qtablewidgetitem13.setText(QCoreApplication.translate("TemplateEditorDialog", u"M\u1eabu ki\u1ec3m tra (regex)", None))
        ___qtablewidgetitem14 = self.fieldsTable.horizontalHeaderItem(5)
        ___qtablewidgetitem14.setText(QCoreApplication.translate("TemplateEditorDialog", u"L\u1ef1a ch\u1ecdn (c\u00e1ch nhau \u201c;\u201d)", None))
        ___qtablewidgetitem15 = self.fieldsTable.horizontalHeaderItem(6)
        ___qtablewidgetitem15.setText(QCoreApplication.translate("TemplateEditorDialog", u"H\u01b0\u1edbng d\u1eabn", None))
        self.addFieldButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Th\u00eam tr\u01b0\u1eddng", None))
        self.removeFieldButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"X\u00f3a d\u00f2ng \u0111ang ch\u1ecdn", None))
        self.fieldUpButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"L\u00ean", None))
        self.fieldDownButton.setText(QCoreApplication.translate("TemplateEditorDialog", u"Xu\u1ed1ng", None))
        self.editorTabs.setTabText(self.editorTabs.indexOf(self.fieldsTab), QCoreApplication.translate("TemplateEditorDialog", u"Tr\u01b0\u1eddng b\u1ed5 sung", None))
        self.previewGroup.setTitle(QCoreApplication.translate("TemplateEditorDialog", u"Xem tr\u01b0\u1edbc m\u00e0n h\u00ecnh ti\u1ebfp nh\u1eadn", None))
        self.previewDocumentsLabel.setText(QCoreApplication.translate("TemplateEditorDialog", u"<b>Th\u00e0nh ph\u1ea7n h\u1ed3 s\u01a1</b> (c\u00e1n b\u1ed9 \u0111\u00e1nh d\u1ea5u khi nh\u1eadn)", None))
        self.previewFieldsBox.setTitle(QCoreApplication.translate("TemplateEditorDialog", u"Th\u00f4ng tin ri\u00eang c\u1ee7a th\u1ee7 t\u1ee5c", None))
        pass
    # retranslateUi

