"""The API documentation page, rendered on the server from the app's own OpenAPI document.

FastAPI's interactive docs load their scripts from a CDN, which this app never does; this page
shows the same document as plain HTML, and /openapi.json serves it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """A parameter or a property: its name, where it goes, its type in words, and what it is for."""

    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Field, ...]
    body: tuple[Field, ...]
    returns: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Schema:
    name: str
    description: str
    properties: tuple[Field, ...]


def type_words(schema: dict[str, Any]) -> str:
    """A JSON schema in a few words: "string (YYYY…)", "Flag", "list of EngagementRecord"."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [type_words(part) for part in schema["anyOf"] if part.get("type") != "null"]
        nullable = any(part.get("type") == "null" for part in schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        items = schema.get("items") or {}
        if isinstance(items, dict) and items:
            return "list of " + type_words(items)
        prefix = schema.get("prefixItems") or []
        return "list of " + ", ".join(type_words(part) for part in prefix) if prefix else "list"
    bounds = [
        f"{word} {schema[key]}"
        for key, word in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤"))
        if key in schema
    ]
    if "pattern" in schema:
        bounds.append(f"matching {schema['pattern']}")
    return str(kind) + (f" ({', '.join(bounds)})" if bounds else "")


def operations(document: dict[str, Any]) -> tuple[Operation, ...]:
    """Every operation of an OpenAPI document, in path order."""
    found = []
    for path, methods in sorted(document.get("paths", {}).items()):
        for method, spec in methods.items():
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=spec.get("summary", ""),
                    description=spec.get("description", ""),
                    parameters=tuple(_parameter(item) for item in spec.get("parameters", [])),
                    body=_body(document, spec),
                    returns=_returns(spec),
                )
            )
    return tuple(found)


def schemas(document: dict[str, Any]) -> tuple[Schema, ...]:
    """The named schemas the operations return, with their properties."""
    found = []
    for name, spec in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(spec.get("required", []))
        properties = tuple(
            Field(
                name=key,
                where="",
                type=type_words(value),
                required=key in required,
                description=value.get("description", ""),
            )
            for key, value in spec.get("properties", {}).items()
        )
        found.append(Schema(name=name, description=spec.get("description", ""), properties=properties))
    return tuple(found)


def _parameter(item: dict[str, Any]) -> Field:
    return Field(
        name=item["name"],
        where=item.get("in", ""),
        type=type_words(item.get("schema", {})),
        required=bool(item.get("required")),
        description=item.get("description", ""),
    )


def _body(document: dict[str, Any], spec: dict[str, Any]) -> tuple[Field, ...]:
    content = spec.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        schema = document.get("components", {}).get("schemas", {}).get(name, {})
    required = set(schema.get("required", []))
    return tuple(
        Field(
            name=key,
            where="body",
            type=type_words(value),
            required=key in required,
            description=value.get("description", ""),
        )
        for key, value in schema.get("properties", {}).items()
    )


def _returns(spec: dict[str, Any]) -> str:
    for status, response in sorted(spec.get("responses", {}).items()):
        if status.startswith("2"):
            for media, body in response.get("content", {}).items():
                return f"{status} {media}: {type_words(body.get('schema', {}))}"
            return f"{status}"
    return ""
