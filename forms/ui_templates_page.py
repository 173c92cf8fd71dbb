# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'templates_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.ui.screen_fit import WrappingLabel

class Ui_TemplatesPage(object):
    def setupUi(self, TemplatesPage):
        if not TemplatesPage.objectName():
            TemplatesPage.setObjectName(u"TemplatesPage")
        self.pageLayout = QVBoxLayout(TemplatesPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.titleLabel = QLabel(TemplatesPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.pageLayout.addWidget(self.titleLabel)

        self.messageLabel = WrappingLabel(TemplatesPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setVisible(False)

        self.pageLayout.addWidget(self.messageLabel)

        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.templateSearchEdit = QLineEdit(TemplatesPage)
        self.templateSearchEdit.setObjectName(u"templateSearchEdit")
        self.templateSearchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.templateSearchEdit)

        self.retiredCheck = QCheckBox(TemplatesPage)
        self.retiredCheck.setObjectName(u"retiredCheck")

        self.searchRow.addWidget(self.retiredCheck)

        self.searchRow.setStretch(0, 1)

        self.pageLayout.addLayout(self.searchRow)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.newTemplateButton = QPushButton(TemplatesPage)
        self.newTemplateButton.setObjectName(u"newTemplateButton")

        self.buttonRow.addWidget(self.newTemplateButton)

        self.editTemplateButton = QPushButton(TemplatesPage)
        self.editTemplateButton.setObjectName(u"editTemplateButton")

        self.buttonRow.addWidget(self.editTemplateButton)

        self.retireButton = QPushButton(TemplatesPage)
        self.retireButton.setObjectName(u"retireButton")

        self.buttonRow.addWidget(self.retireButton)

        self.deleteTemplateButton = QPushButton(TemplatesPage)
        self.deleteTemplateButton.setObjectName(u"deleteTemplateButton")

        self.buttonRow.addWidget(self.deleteTemplateButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.importCatalogButton = QPushButton(TemplatesPage)
        self.importCatalogButton.setObjectName(u"importCatalogButton")

        self.buttonRow.addWidget(self.importCatalogButton)

        self.exportCatalogButton = QPushButton(TemplatesPage)
        self.exportCatalogButton.setObjectName(u"exportCatalogButton")

        self.buttonRow.addWidget(self.exportCatalogButton)

        self.provinceOfferButton = QPushButton(TemplatesPage)
        self.provinceOfferButton.setObjectName(u"provinceOfferButton")

        self.buttonRow.addWidget(self.provinceOfferButton)

        self.buttonRow.setStretch(4, 1)

        self.pageLayout.addLayout(self.buttonRow)

        self.templatesSplitter = QSplitter(TemplatesPage)
        self.templatesSplitter.setObjectName(u"templatesSplitter")
        self.templatesSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.templatesTable = QTableWidget(self.templatesSplitter)
        if (self.templatesTable.columnCount() < 6):
            self.templatesTable.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.templatesTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.templatesTable.setObjectName(u"templatesTable")
        self.templatesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templatesTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.templatesTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.templatesSplitter.addWidget(self.templatesTable)
        self.templatesTable.verticalHeader().setVisible(False)
        self.historyPanel = QWidget(self.templatesSplitter)
        self.historyPanel.setObjectName(u"historyPanel")
        self.historyLayout = QVBoxLayout(self.historyPanel)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyLayout.setContentsMargins(0, 0, 0, 0)
        self.versionsTitleLabel = WrappingLabel(self.historyPanel)
        self.versionsTitleLabel.setObjectName(u"versionsTitleLabel")

        self.historyLayout.addWidget(self.versionsTitleLabel)

        self.versionsList = QListWidget(self.historyPanel)
        self.versionsList.setObjectName(u"versionsList")

        self.historyLayout.addWidget(self.versionsList)

        self.diffTitleLabel = WrappingLabel(self.historyPanel)
        self.diffTitleLabel.setObjectName(u"diffTitleLabel")

        self.historyLayout.addWidget(self.diffTitleLabel)

        self.diffView = QPlainTextEdit(self.historyPanel)
        self.diffView.setObjectName(u"diffView")
        self.diffView.setReadOnly(True)

        self.historyLayout.addWidget(self.diffView)

        self.historyLayout.setStretch(1, 1)
        self.historyLayout.setStretch(3, 2)
        self.templatesSplitter.addWidget(self.historyPanel)

        self.pageLayout.addWidget(self.templatesSplitter)

        self.pageLayout.setStretch(4, 1)

        self.retranslateUi(TemplatesPage)

        QMetaObject.connectSlotsByName(TemplatesPage)
    # setupUi

    def retranslateUi(self, TemplatesPage):
        self.titleLabel.setText(QCoreApplication.translate("TemplatesPage", u"M\u1eabu th\u1ee7 t\u1ee5c h\u00e0nh ch\u00ednh", None))
        self.templateSearchEdit.setPlaceholderText(QCoreApplication.translate("TemplatesPage", u"T\u00ecm theo m\u00e3, t\u00ean, l\u0129nh v\u1ef1c \u2014 g\u00f5 kh\u00f4ng d\u1ea5u c\u0169ng \u0111\u01b0\u1ee3c (v\u00ed d\u1ee5: khai sinh)", None))
        self.retiredCheck.setText(QCoreApplication.translate("TemplatesPage", u"Hi\u1ec7n c\u1ea3 th\u1ee7 t\u1ee5c ng\u1eebng \u00e1p d\u1ee5ng", None))
        self.newTemplateButton.setText(QCoreApplication.translate("TemplatesPage", u"Th\u00eam th\u1ee7 t\u1ee5c\u2026", None))
        self.editTemplateButton.setText(QCoreApplication.translate("TemplatesPage", u"S\u1eeda\u2026", None))
        self.retireButton.setText(QCoreApplication.translate("TemplatesPage", u"Ng\u1eebng \u00e1p d\u1ee5ng", None))
        self.deleteTemplateButton.setText(QCoreApplication.translate("TemplatesPage", u"X\u00f3a", None))
        self.importCatalogButton.setText(QCoreApplication.translate("TemplatesPage", u"Nh\u1eadp t\u1ec7p JSON\u2026", None))
        self.exportCatalogButton.setText(QCoreApplication.translate("TemplatesPage", u"Xu\u1ea5t t\u1ec7p JSON\u2026", None))
        self.provinceOfferButton.setText(QCoreApplication.translate("TemplatesPage", u"Danh m\u1ee5c c\u1ee7a t\u1ec9nh\u2026", None))
        ___qtablewidgetitem = self.templatesTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("TemplatesPage", u"M\u00e3", None))
        ___qtablewidgetitem1 = self.templatesTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("TemplatesPage", u"T\u00ean th\u1ee7 t\u1ee5c", None))
        ___qtablewidgetitem2 = self.templatesTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("TemplatesPage", u"L\u0129nh v\u1ef1c", None))
        ___qtablewidgetitem3 = self.templatesTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("TemplatesPage", u"Th\u1eddi h\u1ea1n", None))
        ___qtablewidgetitem4 = self.templatesTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("TemplatesPage", u"Phi\u00ean b\u1ea3n", None))
        ___qtablewidgetitem5 = self.templatesTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("TemplatesPage", u"Tr\u1ea1ng th\u00e1i", None))
        self.versionsTitleLabel.setText(QCoreApplication.translate("TemplatesPage", u"<b>C\u00e1c phi\u00ean b\u1ea3n</b> (h\u1ed3 s\u01a1 gi\u1eef phi\u00ean b\u1ea3n l\u00fac ti\u1ebfp nh\u1eadn)", None))
        self.diffTitleLabel.setText(QCoreApplication.translate("TemplatesPage", u"<b>Thay \u0111\u1ed5i so v\u1edbi phi\u00ean b\u1ea3n tr\u01b0\u1edbc</b>", None))
        pass
    # retranslateUi

