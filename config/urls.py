from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from positions import views

# Resolved on the first request, when the static files manifest is surely there.
favicon_url = lazy(static, str)("positions/favicon.svg")

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=True)),
    # For load balancers and the Docker HEALTHCHECK: no language.
    path("health/", views.health, name="health"),
]
# Every page in each language of the interface: /en/…, /ja/…, /ru/…. "/" and any
# address without a language send the visitor to their language (the one they read
# last, else the one their browser asks for).
urlpatterns += i18n_patterns(path("", include("positions.urls")))
