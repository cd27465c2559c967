# Django's Russian forms, except the day and month, which Django gives in the
# nominative ("3 Ноябрь"): a date reads "3 ноября".
MONTH_DAY_FORMAT = "j E"
DATETIME_FORMAT = "j E Y г., G:i"
