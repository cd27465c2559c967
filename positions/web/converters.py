"""Path converters of the site's addresses, registered when the app is ready."""

from django.urls.converters import StringConverter


class TagSlugConverter(StringConverter):
    """A tag's slug: letters of any script, digits, "-" and "_".

    django-taggit keeps the letters of every script in slugs ("同盟", "безопасность"),
    which Django's own `slug` converter (ASCII only) would not match.
    """

    regex = r"[-\w]+"


class LanguageConverter(StringConverter):
    """A language code, as `positions.models.study.language_code` allows: "ja", "en-GB"."""

    regex = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
