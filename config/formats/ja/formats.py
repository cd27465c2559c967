# Django's Japanese forms, with a space between the date and the time.
DATETIME_FORMAT = "Y年n月j日 G:i"
