from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from positions.api import api
from positions.discovery import robots as views_discovery
from positions.discovery.feeds import NewPapersFeed, StudyFeed, TagFeed
from positions.discovery.sitemaps import SITEMAPS
from positions.reading import views
from positions.web import account as views_account

# Resolved on the first request, when the static files manifest is surely there.
favicon_url = lazy(static, str)("positions/favicon.svg")

# A database that does not answer gets 503 and a page that says to try again.
handler500 = "positions.reading.views.server_error"
# Refused requests get the site's pages, leading back to where the reader came from.
handler400 = "positions.web.errors.bad_request"
handler403 = "positions.web.errors.permission_denied"

urlpatterns = [
    # The admin signs in on the site's own page (positions.web.account).
    path("admin/login/", views_account.admin_sign_in),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=True)),
    # For load balancers and the Docker HEALTHCHECK: no language.
    path("health/", views.health, name="health"),
    # For crawlers: one sitemap of the pages in every language, and robots.txt.
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views_discovery.robots_txt, name="robots_txt"),
    # The read-only JSON API, its OpenAPI schema (/api/schema/) and docs (/api/docs/).
    path("api/", api.urls),
]
# Atom feeds of new papers, in the language of the address like the pages they belong
# to: their titles are interface text and their entries link to pages in that language.
feeds = [
    path("feed/", NewPapersFeed(), name="papers"),
    path("studies/<slug:study>/feed/", StudyFeed(), name="study"),
    path("tags/<tag_slug:slug>/feed/", TagFeed(), name="tag"),
]
# Every page in each language of the interface: /en/…, /ja/…, /ru/…. "/" and any
# address without a language send the visitor to their language (the one they read
# last, else the one their browser asks for).
urlpatterns += i18n_patterns(
    path("", include((feeds, "feeds"))),
    path("", include("positions.urls")),
)
