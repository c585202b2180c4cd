"""One JSON form per document: a ninja Schema in the app that owns it, dumped the same way for every face.

`choice_of` turns a vocabulary (the channels, a model's TextChoices) into a `Literal`, so the schema
checks the value and the OpenAPI file lists the allowed ones, from the one list that defines them.
"""

from typing import Literal

from pydantic import BaseModel


def choice_of(values) -> type:
    """A `Literal` of the given values: `choice_of(CHANNELS)`, `choice_of(Experiment.Status.values)`."""
    return Literal[tuple(values)]


def as_document(document):
    """The plain JSON form (dicts, lists, strings, numbers) of a schema, or of a list or dict of schemas."""
    if isinstance(document, BaseModel):
        return document.model_dump(mode="json")
    if isinstance(document, list):
        return [as_document(item) for item in document]
    if isinstance(document, dict):
        return {key: as_document(value) for key, value in document.items()}
    return document
