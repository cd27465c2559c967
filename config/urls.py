from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

# Resolved on the first request, when the static files manifest is surely there.
favicon_url = lazy(static, str)("positions/favicon.svg")

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=True)),
    path("", include("positions.urls")),
]
