# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'calendar_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QLocale, QMetaObject, QSize, Qt)

from PySide6.QtWidgets import (QAbstractItemView, QCalendarWidget, QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTabWidget, QTableWidget, QTableWidgetItem, QTimeEdit, QVBoxLayout, QWidget)

from desk.ui.screen_fit import WrappingLabel

class Ui_CalendarPage(object):
    def setupUi(self, CalendarPage):
        if not CalendarPage.objectName():
            CalendarPage.setObjectName(u"CalendarPage")
        self.pageLayout = QVBoxLayout(CalendarPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.titleLabel = QLabel(CalendarPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.topRow.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.topRow.addItem(self.titleSpacer)

        self.yearLabel = WrappingLabel(CalendarPage)
        self.yearLabel.setObjectName(u"yearLabel")

        self.topRow.addWidget(self.yearLabel)

        self.importScheduleButton = QPushButton(CalendarPage)
        self.importScheduleButton.setObjectName(u"importScheduleButton")

        self.topRow.addWidget(self.importScheduleButton)

        self.exportScheduleButton = QPushButton(CalendarPage)
        self.exportScheduleButton.setObjectName(u"exportScheduleButton")

        self.topRow.addWidget(self.exportScheduleButton)

        self.topRow.setStretch(2, 1)

        self.pageLayout.addLayout(self.topRow)

        self.messageLabel = WrappingLabel(CalendarPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setVisible(False)

        self.pageLayout.addWidget(self.messageLabel)

        self.calendarSplitter = QSplitter(CalendarPage)
        self.calendarSplitter.setObjectName(u"calendarSplitter")
        self.calendarSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.calendarSplitter.setChildrenCollapsible(False)
        self.monthGroup = QGroupBox(self.calendarSplitter)
        self.monthGroup.setObjectName(u"monthGroup")
        self.monthLayout = QVBoxLayout(self.monthGroup)
        self.monthLayout.setObjectName(u"monthLayout")
        self.monthView = QCalendarWidget(self.monthGroup)
        self.monthView.setObjectName(u"monthView")
        self.monthView.setMinimumSize(QSize(400, 240))
        self.monthView.setLocale(QLocale(QLocale.Vietnamese, QLocale.Vietnam))
        self.monthView.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.monthView.setGridVisible(True)
        self.monthView.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)

        self.monthLayout.addWidget(self.monthView)

        self.legendRow = QHBoxLayout()
        self.legendRow.setObjectName(u"legendRow")

        self.monthLayout.addLayout(self.legendRow)

        self.dayLabel = WrappingLabel(self.monthGroup)
        self.dayLabel.setObjectName(u"dayLabel")

        self.monthLayout.addWidget(self.dayLabel)

        self.dayNameEdit = QLineEdit(self.monthGroup)
        self.dayNameEdit.setObjectName(u"dayNameEdit")

        self.monthLayout.addWidget(self.dayNameEdit)

        self.dayButtonRow = QHBoxLayout()
        self.dayButtonRow.setObjectName(u"dayButtonRow")
        self.addDayOffButton = QPushButton(self.monthGroup)
        self.addDayOffButton.setObjectName(u"addDayOffButton")

        self.dayButtonRow.addWidget(self.addDayOffButton)

        self.addWorkingDayButton = QPushButton(self.monthGroup)
        self.addWorkingDayButton.setObjectName(u"addWorkingDayButton")

        self.dayButtonRow.addWidget(self.addWorkingDayButton)

        self.clearDayButton = QPushButton(self.monthGroup)
        self.clearDayButton.setObjectName(u"clearDayButton")

        self.dayButtonRow.addWidget(self.clearDayButton)

        self.dayButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dayButtonRow.addItem(self.dayButtonSpacer)

        self.dayButtonRow.setStretch(3, 1)

        self.monthLayout.addLayout(self.dayButtonRow)

        self.monthLayout.setStretch(0, 1)
        self.calendarSplitter.addWidget(self.monthGroup)
        self.calendarTabs = QTabWidget(self.calendarSplitter)
        self.calendarTabs.setObjectName(u"calendarTabs")
        self.holidaysTab = QWidget()
        self.holidaysTab.setObjectName(u"holidaysTab")
        self.holidaysLayout = QVBoxLayout(self.holidaysTab)
        self.holidaysLayout.setObjectName(u"holidaysLayout")
        self.holidaysTable = QTableWidget(self.holidaysTab)
        if (self.holidaysTable.columnCount() < 3):
            self.holidaysTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.holidaysTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.holidaysTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.holidaysTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.holidaysTable.setObjectName(u"holidaysTable")
        self.holidaysTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holidaysTable.setWordWrap(True)
        self.holidaysTable.verticalHeader().setVisible(False)

        self.holidaysLayout.addWidget(self.holidaysTable)

        self.sourceLabel = WrappingLabel(self.holidaysTab)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.holidaysLayout.addWidget(self.sourceLabel)

        self.holidaysLayout.setStretch(0, 1)
        self.calendarTabs.addTab(self.holidaysTab, "")
        self.hoursTab = QWidget()
        self.hoursTab.setObjectName(u"hoursTab")
        self.hoursLayout = QVBoxLayout(self.hoursTab)
        self.hoursLayout.setObjectName(u"hoursLayout")
        self.hoursTable = QTableWidget(self.hoursTab)
        if (self.hoursTable.columnCount() < 2):
            self.hoursTable.setColumnCount(2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.hoursTable.setHorizontalHeaderItem(0, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.hoursTable.setHorizontalHeaderItem(1, __qtablewidgetitem4)
        self.hoursTable.setObjectName(u"hoursTable")
        self.hoursTable.setRowCount(7)
        self.hoursTable.verticalHeader().setDefaultSectionSize(26)

        self.hoursLayout.addWidget(self.hoursTable)

        self.cutoffRow = QHBoxLayout()
        self.cutoffRow.setObjectName(u"cutoffRow")
        self.cutoffLabel = QLabel(self.hoursTab)
        self.cutoffLabel.setObjectName(u"cutoffLabel")

        self.cutoffRow.addWidget(self.cutoffLabel)

        self.cutoffEdit = QTimeEdit(self.hoursTab)
        self.cutoffEdit.setObjectName(u"cutoffEdit")

        self.cutoffRow.addWidget(self.cutoffEdit)

        self.cutoffNextDayLabel = WrappingLabel(self.hoursTab)
        self.cutoffNextDayLabel.setObjectName(u"cutoffNextDayLabel")

        self.cutoffRow.addWidget(self.cutoffNextDayLabel)

        self.cutoffRow.setStretch(2, 1)

        self.hoursLayout.addLayout(self.cutoffRow)

        self.saveHoursButton = QPushButton(self.hoursTab)
        self.saveHoursButton.setObjectName(u"saveHoursButton")

        self.hoursLayout.addWidget(self.saveHoursButton, 0, Qt.AlignmentFlag.AlignRight)

        self.hoursSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.hoursLayout.addItem(self.hoursSpacer)

        self.hoursLayout.setStretch(3, 1)
        self.calendarTabs.addTab(self.hoursTab, "")
        self.calculatorTab = QWidget()
        self.calculatorTab.setObjectName(u"calculatorTab")
        self.calculatorLayout = QVBoxLayout(self.calculatorTab)
        self.calculatorLayout.setObjectName(u"calculatorLayout")
        self.calculatorIntroLabel = WrappingLabel(self.calculatorTab)
        self.calculatorIntroLabel.setObjectName(u"calculatorIntroLabel")

        self.calculatorLayout.addWidget(self.calculatorIntroLabel)

        self.calculatorForm = QFormLayout()
        self.calculatorForm.setObjectName(u"calculatorForm")
        self.calcProcedureLabel = QLabel(self.calculatorTab)
        self.calcProcedureLabel.setObjectName(u"calcProcedureLabel")

        self.calculatorForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.calcProcedureLabel)

        self.calcProcedureCombo = QComboBox(self.calculatorTab)
        self.calcProcedureCombo.setObjectName(u"calcProcedureCombo")
        self.calcProcedureCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.calcProcedureCombo.setMinimumContentsLength(24)

        self.calculatorForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.calcProcedureCombo)

        self.calcReceivedLabel = QLabel(self.calculatorTab)
        self.calcReceivedLabel.setObjectName(u"calcReceivedLabel")

        self.calculatorForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.calcReceivedLabel)

        self.calcReceivedEdit = QDateTimeEdit(self.calculatorTab)
        self.calcReceivedEdit.setObjectName(u"calcReceivedEdit")
        self.calcReceivedEdit.setCalendarPopup(True)

        self.calculatorForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.calcReceivedEdit)

        self.appointmentRowLabel = QLabel(self.calculatorTab)
        self.appointmentRowLabel.setObjectName(u"appointmentRowLabel")

        self.calculatorForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.appointmentRowLabel)

        self.appointmentValueLabel = WrappingLabel(self.calculatorTab)
        self.appointmentValueLabel.setObjectName(u"appointmentValueLabel")

        self.calculatorForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.appointmentValueLabel)


        self.calculatorLayout.addLayout(self.calculatorForm)

        self.calculatorSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.calculatorLayout.addItem(self.calculatorSpacer)

        self.calculatorLayout.setStretch(2, 1)
        self.calendarTabs.addTab(self.calculatorTab, "")
        self.calendarSplitter.addWidget(self.calendarTabs)

        self.pageLayout.addWidget(self.calendarSplitter)

        self.pageLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.cutoffLabel.setBuddy(self.cutoffEdit)
        self.calcProcedureLabel.setBuddy(self.calcProcedureCombo)
        self.calcReceivedLabel.setBuddy(self.calcReceivedEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CalendarPage)

        QMetaObject.connectSlotsByName(CalendarPage)
    # setupUi

    def retranslateUi(self, CalendarPage):
        self.titleLabel.setText(QCoreApplication.translate("CalendarPage", u"L\u1ecbch l\u00e0m vi\u1ec7c", None))
        self.importScheduleButton.setText(QCoreApplication.translate("CalendarPage", u"Nh\u1eadp l\u1ecbch n\u0103m (JSON)\u2026", None))
        self.exportScheduleButton.setText(QCoreApplication.translate("CalendarPage", u"Xu\u1ea5t l\u1ecbch n\u0103m\u2026", None))
        self.monthGroup.setTitle(QCoreApplication.translate("CalendarPage", u"Th\u00e1ng", None))
        self.dayNameEdit.setPlaceholderText(QCoreApplication.translate("CalendarPage", u"T\u00ean ng\u00e0y, v\u00ed d\u1ee5: Ngh\u1ec9 ho\u00e1n \u0111\u1ed5i (C\u00f4ng v\u0103n \u2026/BNV)", None))
        self.addDayOffButton.setText(QCoreApplication.translate("CalendarPage", u"\u0110\u1eb7t l\u00e0 ng\u00e0y ngh\u1ec9", None))
        self.addWorkingDayButton.setText(QCoreApplication.translate("CalendarPage", u"\u0110\u1eb7t l\u00e0 ng\u00e0y l\u00e0m b\u00f9", None))
        self.clearDayButton.setText(QCoreApplication.translate("CalendarPage", u"B\u1ecf kh\u1ecfi l\u1ecbch n\u0103m", None))
        ___qtablewidgetitem = self.holidaysTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CalendarPage", u"Ng\u00e0y", None))
        ___qtablewidgetitem1 = self.holidaysTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CalendarPage", u"T\u00ean", None))
        ___qtablewidgetitem2 = self.holidaysTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CalendarPage", u"Ngu\u1ed3n", None))
        self.calendarTabs.setTabText(self.calendarTabs.indexOf(self.holidaysTab), QCoreApplication.translate("CalendarPage", u"Ng\u00e0y ngh\u1ec9 trong n\u0103m", None))
        ___qtablewidgetitem3 = self.hoursTable.horizontalHeaderItem(0)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("CalendarPage", u"Bu\u1ed5i s\u00e1ng", None))
        ___qtablewidgetitem4 = self.hoursTable.horizontalHeaderItem(1)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("CalendarPage", u"Bu\u1ed5i chi\u1ec1u", None))
        self.cutoffLabel.setText(QCoreApplication.translate("CalendarPage", u"H\u1ed3 s\u01a1 \u201ctrong ng\u00e0y\u201d nh\u1eadn sau", None))
        self.cutoffEdit.setDisplayFormat(QCoreApplication.translate("CalendarPage", u"HH:mm", None))
        self.cutoffNextDayLabel.setText(QCoreApplication.translate("CalendarPage", u"h\u1eb9n ng\u00e0y l\u00e0m vi\u1ec7c ti\u1ebfp theo", None))
        self.saveHoursButton.setText(QCoreApplication.translate("CalendarPage", u"L\u01b0u gi\u1edd l\u00e0m vi\u1ec7c", None))
        self.calendarTabs.setTabText(self.calendarTabs.indexOf(self.hoursTab), QCoreApplication.translate("CalendarPage", u"Gi\u1edd l\u00e0m vi\u1ec7c", None))
        self.calculatorIntroLabel.setText(QCoreApplication.translate("CalendarPage", u"T\u00ednh th\u1eed ng\u00e0y h\u1eb9n tr\u1ea3 theo l\u1ecbch l\u00e0m vi\u1ec7c \u0111\u00e3 l\u01b0u: ng\u00e0y ngh\u1ec9, ng\u00e0y l\u00e0m b\u00f9 v\u00e0 gi\u1edd l\u00e0m vi\u1ec7c c\u1ee7a t\u1eebng n\u0103m.", None))
        self.calcProcedureLabel.setText(QCoreApplication.translate("CalendarPage", u"Th\u1ee7 t\u1ee5c", None))
        self.calcReceivedLabel.setText(QCoreApplication.translate("CalendarPage", u"Nh\u1eadn h\u1ed3 s\u01a1 l\u00fac", None))
        self.calcReceivedEdit.setDisplayFormat(QCoreApplication.translate("CalendarPage", u"HH:mm dd/MM/yyyy", None))
        self.appointmentRowLabel.setText(QCoreApplication.translate("CalendarPage", u"H\u1eb9n tr\u1ea3", None))
        self.appointmentValueLabel.setText(QCoreApplication.translate("CalendarPage", u"\u2014", None))
        self.calendarTabs.setTabText(self.calendarTabs.indexOf(self.calculatorTab), QCoreApplication.translate("CalendarPage", u"Th\u1eed t\u00ednh ng\u00e0y h\u1eb9n tr\u1ea3", None))
        pass
    # retranslateUi

