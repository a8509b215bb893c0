"""The journey file format, version 1 (SPEC section 1), as pydantic models.

These models are the single definition of the format: the validator checks files against them
and ``journeymap schema`` exports them as a draft-07 JSON Schema for editors. They describe the
*file*; :mod:`journeymap.journey.model` holds the resolved journey that later steps use.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from journeymap.findings import CHECK_CODE
from journeymap.journey.model import Category, Layer, Reliability
from journeymap.journey.slug import SLUG_PATTERN
from journeymap.journey.textsafe import NON_BLANK

Text = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NON_BLANK)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NON_BLANK)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
CheckCode = Annotated[str, StringConstraints(pattern=CHECK_CODE)]
Ignore = Optional[list[CheckCode]]

_IGNORE = ("Check codes not reported for this element alone: W102 on a department, W103, W104, W111 or W114 on a "
           "stage, W105-W108, W110, W112 or W113 on a touch-point (the journey's list covers every element).")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PersonaSpec(_Strict):
    """Who the journey is about."""

    name: Optional[Text] = Field(None, description="The persona, e.g. 'Dana, homeowner'.")
    goal: Optional[Text] = Field(None, description="What the persona wants to achieve.")
    expectations: Optional[list[Text]] = Field(None, description="What the persona expects.")


class DepartmentSpec(_Strict):
    """A department: one swim lane of the map, top to bottom in declared order."""

    id: Optional[Slug] = Field(None, description="Unique department id; default: slug of name.")
    name: Text = Field(description="The department's name, shown at the left of its lane.")
    lead: Optional[Text] = Field(None, description="The individual accountable for this "
                                 "department's touch-points.")
    layer: Optional[Layer] = Field(
        None, description="Service-blueprint layer; external = outside the company's control.")
    ignore: Ignore = Field(None, description=_IGNORE)


class NextEdge(_Strict):
    """A flow edge with a label, e.g. {to: assessor-visit, label: if damage > 5k}."""

    to: Slug = Field(description="The id of the touch-point the customer goes to.")
    label: Optional[Text] = Field(None, description="Shown on the edge, e.g. the condition.")


def _next_kind(value: Any) -> str:
    return "edge" if isinstance(value, dict) else "id"


NextItem = Annotated[
    Union[Annotated[Slug, Tag("id")], Annotated[NextEdge, Tag("edge")]],
    Discriminator(_next_kind),
]


class TouchpointSpec(_Strict):
    """A touch-point: where the customer meets the company, owned by one department."""

    id: Optional[Slug] = Field(None, description="Unique touch-point id; default: slug of name.")
    name: Text = Field(description="What the customer does or experiences.")
    department: Slug = Field(description="The id of the department that owns this touch-point.")
    channel: Optional[Text] = Field(None, description="phone, web, app, email, store, mail, chat, ...")
    reliability: Reliability = Field(
        "unknown", description="Is the experience consistent? The honest answer is often it-depends.")
    depends_on: Optional[list[Text]] = Field(None, description="What the experience varies with.")
    category: Optional[Category] = Field(
        None, description="Critical touch-point kind: customers at risk, needs, bond, growth.")
    moment_of_truth: bool = Field(False, description="A moment that decides how the customer "
                                  "judges the whole journey.")
    emotion: Optional[Annotated[int, Field(ge=-2, le=2)]] = Field(
        None, description="How the customer feels, from -2 (very bad) to 2 (very good).")
    expectation: Optional[Text] = Field(None, description="What the customer expects here.")
    metric: Optional[Text] = Field(None, description="How this touch-point is measured.")
    pain_points: Optional[list[Text]] = Field(None, description="What goes wrong for the customer.")
    opportunities: Optional[list[Text]] = Field(None, description="Ideas to improve it.")
    notes: Optional[LongText] = Field(None, description="Free notes.")
    next: Optional[list[NextItem]] = Field(
        None, description="Where the customer goes next (ids or {to, label}); replaces the "
        "default (the next touch-point in the file); [] ends the path here.")
    ignore: Ignore = Field(None, description=_IGNORE)


class StageSpec(_Strict):
    """A stage: one column of the map, left to right in declared order."""

    id: Optional[Slug] = Field(None, description="Unique stage id; default: slug of name.")
    name: Text = Field(description="The stage as the customer would name it.")
    owner: Optional[Text] = Field(None, description="Accountable across departments for this stage.")
    goal: Optional[Text] = Field(None, description="What the customer wants in this stage.")
    metrics: Optional[list[Text]] = Field(None, description="Shared, cross-department measures.")
    feedback: Optional[list[Text]] = Field(None, description="Listening posts lined up to this stage.")
    touchpoints: list[TouchpointSpec] = Field(default_factory=list, description="In the customer's order.")
    ignore: Ignore = Field(None, description=_IGNORE)


class JourneySpec(_Strict):
    """A journey map: one journey per file."""

    journeymap: Literal[1] = Field(description="The file format version: 1.")
    title: Text = Field(description="The journey's title.")
    id: Optional[Slug] = Field(None, description="Journey id; default: the file name, slugified.")
    summary: Optional[LongText] = Field(None, description="One paragraph for the briefing cover.")
    owner: Optional[Text] = Field(None, description="The executive accountable for the whole journey.")
    persona: Optional[PersonaSpec] = None
    ignore: Ignore = Field(None, description="Check codes not reported anywhere in this journey.")
    departments: Annotated[list[DepartmentSpec], Field(min_length=1)] = Field(
        description="The swim lanes, top to bottom.")
    stages: Annotated[list[StageSpec], Field(min_length=1)] = Field(
        description="The columns, left to right.")


def json_schema(registry_lanes: bool = True) -> dict[str, Any]:
    """The draft-07 JSON Schema of the journey file, for editors and other tools.

    ``registry_lanes=False`` gives the models' own schema, before registry ids are resolved
    (plain strings in ``departments``, an absent list) and with any check code in ``ignore``
    lists: what the fast validation path checks. The editors' schema is made from it by
    :func:`~journeymap.journey.editorschema.for_editors`.
    """
    from journeymap.journey.editorschema import allow_extensions, for_editors

    schema = JourneySpec.model_json_schema(ref_template="#/definitions/{model}")
    text = json.dumps(schema).replace('"$defs"', '"definitions"')
    schema = json.loads(text)
    allow_extensions(schema)
    schema["description"] = JourneySpec.__doc__
    schema["title"] = "journeymap journey file, format version 1"
    if registry_lanes:
        for_editors(schema)
    ordered = {"$schema": "http://json-schema.org/draft-07/schema#"}
    ordered.update(schema)
    return ordered
