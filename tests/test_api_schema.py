"""The API against its own OpenAPI schema, with schemathesis: requests made from the
schema (its examples, its edge cases and random ones) to every endpoint, over the demo
study. No answer may be a server error, and every answer must match the schema: its
status code, content type, headers and body."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from positions.api import api
from positions.api.docs import example_path

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
# Requests go to the whole site, as a browser's would, through every middleware.
schema.app = get_wsgi_application()


@schema.hook
def map_query(context, query: dict | None) -> dict | None:
    # The one rule the schema can say only in words (OpenAPI has no way to make one
    # query parameter need another): a side filter needs its study. A side without it
    # is refused with 422, which tests/test_api_papers.py checks; here it gets the demo
    # study, so that the side filter is still tried.
    if query and query.get("side") and not query.get("study"):
        return {**query, "study": "asia-pacific"}
    return query


@pytest.fixture
def demo(db, settings):
    # schemathesis sends its requests to localhost, Django's test client to testserver.
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    call_command("load_demo", verbosity=0)
    # As Django's test client does: the test's transaction stays open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
# The demo is loaded once for all of an endpoint's requests, which is right: the API
# only reads.
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_answer_matches_the_schema(case, demo) -> None:
    # Raises, naming the check, on a server error or an answer unlike the schema.
    # schemathesis sends requests' default Accept-Encoding (gzip) but reads the answer
    # from the WSGI app as it comes, compressed: it asks for none
    # (tests/test_compression.py checks that compression changes nothing else).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_every_endpoints_example_reaches_published_content(client, demo) -> None:
    # schemathesis starts from these examples: each must find something in the demo,
    # so that the answers checked above are not all 404s.
    for path, methods in schema.raw_schema["paths"].items():
        example = example_path(path, methods["get"].get("parameters", []))
        assert example is not None, f"{path} has no example for a path parameter"
        response = client.get(example)
        assert response.status_code == 200, example
        assert response.json(), example
