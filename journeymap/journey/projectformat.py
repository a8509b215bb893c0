"""The project file ``journeymap.yaml`` (SPEC 1.2), as pydantic models, and its JSON Schema.

A project file applies to every journey in its folder and below: it names the organisation,
holds the shared department registry and the portfolio's bounds on moments of truth. Like
:mod:`journeymap.journey.fileformat`, these models are the single definition of the file.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Optional

from pydantic import Field

from journeymap.journey.editorschema import allow_extensions, no_null_defaults, pattern_messages, warnings_only
from journeymap.journey.fileformat import DepartmentSpec, Text, _Strict

from journeymap.journey.projectfile import DEFAULT_MAX_MOMENTS, DEFAULT_MIN_MOMENTS

#: The most a moments-of-truth bound may be.
MOST_BOUND = 100_000
Count = Annotated[int, Field(ge=0, le=MOST_BOUND)]


class BoundsSpec(_Strict):
    """How many moments of truth the journeys of the portfolio should hold together."""

    min: Count = Field(DEFAULT_MIN_MOMENTS, description="Fewer than this gives W115 (default 10).")
    max: Count = Field(DEFAULT_MAX_MOMENTS, description="More than this gives W115 (default 20).")


class ProjectSpec(_Strict):
    """A journeymap project file: the shared department registry of a portfolio of journeys."""

    project: Literal[1] = Field(description="The project-file version: 1.")
    organisation: Optional[Text] = Field(None, description="Shown on portfolio pages.")
    departments: Optional[list[DepartmentSpec]] = Field(
        None, description="The shared department registry: journeys use these ids without "
        "redefining them, and may list them as plain strings to order their lanes.")
    moments_of_truth: Optional[BoundsSpec] = Field(
        None, description="The portfolio's bounds on moments of truth (W115).")


def project_json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of the project file, for editors and other tools."""
    schema = ProjectSpec.model_json_schema(ref_template="#/definitions/{model}")
    schema = json.loads(json.dumps(schema).replace('"$defs"', '"definitions"'))
    allow_extensions(schema)
    warnings_only(schema)
    pattern_messages(schema)
    no_null_defaults(schema)
    schema["description"] = ProjectSpec.__doc__
    schema["title"] = "journeymap project file (journeymap.yaml), version 1"
    ordered = {"$schema": "http://json-schema.org/draft-07/schema#"}
    ordered.update(schema)
    return ordered
