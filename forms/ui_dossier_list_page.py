# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dossier_list_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget)

class Ui_DossierListPage(object):
    def setupUi(self, DossierListPage):
        if not DossierListPage.objectName():
            DossierListPage.setObjectName(u"DossierListPage")
        self.pageLayout = QVBoxLayout(DossierListPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.titleLabel = QLabel(DossierListPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.pageLayout.addWidget(self.titleLabel)

        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchEdit = QLineEdit(DossierListPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)

        self.filterCombo = QComboBox(DossierListPage)
        self.filterCombo.setObjectName(u"filterCombo")

        self.searchRow.addWidget(self.filterCombo)

        self.countLabel = QLabel(DossierListPage)
        self.countLabel.setObjectName(u"countLabel")

        self.searchRow.addWidget(self.countLabel)

        self.ledgerButton = QPushButton(DossierListPage)
        self.ledgerButton.setObjectName(u"ledgerButton")

        self.searchRow.addWidget(self.ledgerButton)


        self.pageLayout.addLayout(self.searchRow)

        self.splitter = QSplitter(DossierListPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.dossierTable = QTableView(self.splitter)
        self.dossierTable.setObjectName(u"dossierTable")
        self.dossierTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dossierTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dossierTable.setAlternatingRowColors(True)
        self.dossierTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.dossierTable)
        self.dossierTable.horizontalHeader().setStretchLastSection(True)
        self.dossierTable.verticalHeader().setVisible(False)
        self.detailPanel = QWidget(self.splitter)
        self.detailPanel.setObjectName(u"detailPanel")
        self.detailLayout = QVBoxLayout(self.detailPanel)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 0, 0, 0)
        self.detailView = QTextBrowser(self.detailPanel)
        self.detailView.setObjectName(u"detailView")

        self.detailLayout.addWidget(self.detailView)

        self.actionMessage = QLabel(self.detailPanel)
        self.actionMessage.setObjectName(u"actionMessage")
        self.actionMessage.setVisible(False)
        self.actionMessage.setWordWrap(True)
        self.actionMessage.setTextFormat(Qt.TextFormat.RichText)

        self.detailLayout.addWidget(self.actionMessage)

        self.actionButtons = QGridLayout()
        self.actionButtons.setObjectName(u"actionButtons")

        self.detailLayout.addLayout(self.actionButtons)

        self.detailButtons = QHBoxLayout()
        self.detailButtons.setObjectName(u"detailButtons")
        self.reprintButton = QPushButton(self.detailPanel)
        self.reprintButton.setObjectName(u"reprintButton")
        self.reprintButton.setEnabled(False)

        self.detailButtons.addWidget(self.reprintButton)

        self.savePdfButton = QPushButton(self.detailPanel)
        self.savePdfButton.setObjectName(u"savePdfButton")
        self.savePdfButton.setEnabled(False)

        self.detailButtons.addWidget(self.savePdfButton)

        self.controlSheetButton = QPushButton(self.detailPanel)
        self.controlSheetButton.setObjectName(u"controlSheetButton")

        self.detailButtons.addWidget(self.controlSheetButton)


        self.detailLayout.addLayout(self.detailButtons)

        self.splitter.addWidget(self.detailPanel)

        self.pageLayout.addWidget(self.splitter)

        self.pageLayout.setStretch(2, 1)

        self.retranslateUi(DossierListPage)

        QMetaObject.connectSlotsByName(DossierListPage)
    # setupUi

    def retranslateUi(self, DossierListPage):
        self.titleLabel.setText(QCoreApplication.translate("DossierListPage", u"H\u1ed3 s\u01a1 \u0111\u00e3 ti\u1ebfp nh\u1eadn", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("DossierListPage", u"T\u00ecm theo m\u00e3 h\u1ed3 s\u01a1, s\u1ed1 \u0111\u1ecbnh danh, s\u1ed1 \u0111i\u1ec7n tho\u1ea1i ho\u1eb7c h\u1ecd t\u00ean (g\u00f5 kh\u00f4ng d\u1ea5u c\u0169ng \u0111\u01b0\u1ee3c)", None))
#if QT_CONFIG(accessibility)
        self.filterCombo.setAccessibleName(QCoreApplication.translate("DossierListPage", u"L\u1ecdc theo t\u00ecnh tr\u1ea1ng", None))
#endif // QT_CONFIG(accessibility)
        self.ledgerButton.setText(QCoreApplication.translate("DossierListPage", u"In s\u1ed5 theo d\u00f5i\u2026", None))
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(QCoreApplication.translate("DossierListPage", u"Chi ti\u1ebft h\u1ed3 s\u01a1", None))
#endif // QT_CONFIG(accessibility)
        self.reprintButton.setText(QCoreApplication.translate("DossierListPage", u"In l\u1ea1i bi\u00ean nh\u1eadn\u2026", None))
        self.savePdfButton.setText(QCoreApplication.translate("DossierListPage", u"L\u01b0u PDF\u2026", None))
        self.controlSheetButton.setText(QCoreApplication.translate("DossierListPage", u"Phi\u1ebfu ki\u1ec3m so\u00e1t", None))
        pass
    # retranslateUi

