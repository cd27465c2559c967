# English dates as the report writes them: 30 March 2007. Japanese and Russian use
# Django's forms (2007年3月30日, 30 марта 2007 г.).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j M"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
