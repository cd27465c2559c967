"""The read-only JSON API under /api/, made with django-ninja.

Why django-ninja rather than Django REST framework with drf-spectacular: the API
only reads, so DRF's serializers, viewsets and browsable forms would be mostly
unused; ninja's answers are pydantic schemas that it both validates each answer
against and writes into the OpenAPI schema, so that the schema cannot say one thing
while the answers say another (which the suite checks with schemathesis). Its
documentation page is the site's own (positions/api/docs.py), made from the schema.
"""

from django.views.decorators.http import conditional_page
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from positions.api.docs import Documentation
from positions.api.views import router


class Renderer(JSONRenderer):
    # Japanese and Russian as written, not as \u escapes: a third of the size.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
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
