"""A URL that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("A deliberate failure for the 500 page test.")


urlpatterns = [path("broken/", broken), path("", include("positions.urls"))]
