"""The read-only JSON API under /api/, made with django-ninja.

Why django-ninja rather than Django REST framework with drf-spectacular: the API
only reads, so DRF's serializers, viewsets and browsable forms would be mostly
unused; ninja's answers are pydantic schemas that it both validates each answer
against and writes into the OpenAPI schema, so that the schema cannot say one thing
while the answers say another (which the suite checks with schemathesis). Its
documentation page is the site's own (positions/api/docs.py), made from the schema.
"""

import functools

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import conditional_page
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from positions.api import schemas
from positions.api.docs import Documentation
from positions.api.views import router


class API(NinjaAPI):
    """The API, whose OpenAPI schema (for /api/schema/, /api/docs/ and the index) is
    made once per process and language, not on every request: it changes only with
    the code, so once per release."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        schemas = self.__dict__.setdefault("_schemas", {})
        if key not in schemas:
            schemas[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return schemas[key]


class Renderer(JSONRenderer):
    # Japanese and Russian as written, not as \u escapes: a third of the size.
    json_dumps_params = {"ensure_ascii": False}


api = API(
    title="Positions API",
    version="1",
    description=(
        "Published joint studies: the studies and their sides, chapters with both "
        "sides' papers and the points on which they agree and disagree, papers with "
        "their translations, authors and tags. Every name (a study's title, a side's "
        "label, an institute's name, a tag's) comes with its translations. Read-only; "
        "no sign-in. Every answer "
        "has an ETag: send it back in If-None-Match to get 304 Not Modified."
    ),
    openapi_url="/schema/",
    docs=Documentation(),
    docs_url="/docs/",
    urls_namespace="api",
    renderer=Renderer(),
)
# ETag on every answer, and 304 for a request whose If-None-Match matches it.
api.add_decorator(conditional_page, mode="view")
api.add_router("", router)


@functools.cache
def endpoints() -> list[dict]:
    """The API's endpoints, read once from its own OpenAPI schema: a new one is listed
    without editing this."""
    paths = api.get_openapi_schema()["paths"]
    return [
        {"path": path, "summary": methods["get"].get("summary", "")}
        for path, methods in paths.items()
        if "get" in methods and path != reverse("api:index")
    ]


@api.get("/", response=schemas.Index, url_name="index", tags=["index"])
def index(request: HttpRequest):
    """What the API holds: its endpoints, its schema and its documentation."""
    return {
        "title": api.title,
        "version": api.version,
        "description": api.description,
        "schema_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "docs_url": request.build_absolute_uri(reverse("api:openapi-view")),
        "endpoints": [
            {
                **endpoint,
                "url": None
                if "{" in endpoint["path"]
                else request.build_absolute_uri(endpoint["path"]),
            }
            for endpoint in endpoints()
        ],
    }
