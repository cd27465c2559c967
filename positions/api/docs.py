"""/api/docs/: the API's documentation, read from its own OpenAPI schema.

A page of the site rather than Swagger UI: Swagger UI is 1.4 MB of script and fails
the accessibility bar every public page meets (contrast, interactive elements nested
in each other). This page says the same things — every endpoint with its parameters,
an example request that opens in the browser, and every answer's fields — in plain
HTML, and cannot drift from the API since it is made from the schema each time.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from ninja.openapi.docs import DocsBase

REF_PREFIX = "#/components/schemas/"


@dataclass
class Parameter:
    name: str
    location: str
    type: SafeString
    required: bool
    description: str


@dataclass
class Answer:
    status: str
    description: str
    type: SafeString


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    group: str
    example: str | None
    parameters: list[Parameter]
    answers: list[Answer]

    @property
    def anchor(self) -> str:
        return "get-" + self.path.strip("/").replace("/", "-").replace("{", "").replace("}", "")


@dataclass
class Field:
    name: str
    type: SafeString
    description: str
    required: bool


@dataclass
class Shape:
    name: str
    description: str
    fields: list[Field] = field(default_factory=list)


class Documentation(DocsBase):
    """What django-ninja serves at its docs_url."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        # The API's words are English; so is its documentation, whatever the reader's
        # language on the rest of the site.
        with translation.override("en"):
            schema = api.get_openapi_schema()
            operations = operations_of(schema)
            return render(
                request,
                "positions/api/api_docs.html",
                {
                    "api": schema["info"],
                    "operations": operations,
                    "shapes": shapes_of(schema, operations),
                    "schema_url": self.get_openapi_url(api, kwargs),
                },
            )


def operations_of(schema: dict) -> list[Operation]:
    operations = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            parameters = [
                Parameter(
                    name=parameter["name"],
                    location=parameter["in"],
                    type=type_html(parameter["schema"]),
                    required=parameter.get("required", False),
                    description=parameter.get("description", ""),
                )
                for parameter in spec.get("parameters", [])
            ]
            answers = [
                Answer(
                    status=status,
                    description=answer.get("description", ""),
                    type=type_html(answer["content"]["application/json"]["schema"]),
                )
                for status, answer in spec["responses"].items()
            ]
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=spec.get("summary", ""),
                    description=spec.get("description", ""),
                    group=(spec.get("tags") or [""])[0],
                    example=example_path(path, spec.get("parameters", [])),
                    parameters=parameters,
                    answers=answers,
                )
            )
    return operations


def example_path(path: str, parameters: list[dict]) -> str | None:
    """The path with each path parameter's example, or None if one has none."""
    for parameter in parameters:
        if parameter["in"] != "path":
            continue
        examples = parameter.get("examples") or parameter["schema"].get("examples")
        if not examples:
            return None
        path = path.replace(f"{{{parameter['name']}}}", str(examples[0]))
    return path


def shapes_of(schema: dict, operations: list[Operation]) -> list[Shape]:
    """The schemas of the answers, and those they hold, in the order first met."""
    components = schema["components"]["schemas"]
    order: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith(REF_PREFIX):
                name = ref.removeprefix(REF_PREFIX)
                if name not in order:
                    order.append(name)
                    visit(components[name])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for methods in schema["paths"].values():
        for spec in methods.values():
            visit(spec["responses"])
    shapes = []
    for name in order:
        component = components[name]
        required = set(component.get("required", []))
        shapes.append(
            Shape(
                name=name,
                description=component.get("description", ""),
                fields=[
                    Field(
                        name=field_name,
                        type=type_html(spec),
                        description=spec.get("description", ""),
                        required=field_name in required,
                    )
                    for field_name, spec in component.get("properties", {}).items()
                ],
            )
        )
    return shapes


def type_html(node: dict) -> SafeString:
    """A JSON schema's type in words, with links to the schemas it names."""
    if "$ref" in node:
        name = node["$ref"].removeprefix(REF_PREFIX)
        return format_html('<a href="#schema-{}">{}</a>', name, name)
    if "anyOf" in node:
        return mark_safe(" or ".join(type_html(option) for option in node["anyOf"]))
    if "enum" in node:
        return format_html_join(" | ", "<code>{}</code>", ((json.dumps(v),) for v in node["enum"]))
    if "const" in node:
        return format_html("<code>{}</code>", json.dumps(node["const"]))
    kind = node.get("type", "any")
    if kind == "array":
        return format_html("list of {}", type_html(node.get("items", {})))
    words = kind
    if "format" in node:
        words = f"{kind} ({node['format']})"
    if "minimum" in node and "maximum" in node:
        words = f"{words}, {node['minimum']}–{node['maximum']}"
    if "default" in node:
        return format_html("{}, default <code>{}</code>", words, json.dumps(node["default"]))
    return format_html("{}", words)
