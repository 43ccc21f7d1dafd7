"""日历: the publishing calendar's views. They draw what the page hands them (CalendarEntry, DayMark) and
report what the user asked for through signals; they never read the database nor decide a time themselves.

entries.py has no Qt, so the page's loader can build entries without a QApplication."""
