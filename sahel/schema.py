"""The dataset's one schema: `data/datapackage.json`, read as a Frictionless Data Package.

Everything the validator and the codebook know about tables, columns, types, vocabularies and
foreign keys comes from that file; nothing here restates it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DESCRIPTOR = "datapackage.json"
# What a resource may be: a table, or a map layer.
FORMATS = ("csv", "geojson")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    constraints: dict
    delimiter: str | None = None
    format: str | None = None

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list[str] | None:
        return self.constraints.get("enum")

    @property
    def labels(self) -> dict[str, str]:
        """Reader-facing words for the vocabulary's values, where the schema gives them."""
        return self.constraints.get("x-labels", {})

    @property
    def roles(self) -> dict[str, list[str]]:
        """The parts the book gives the vocabulary's values: role -> values (a value may have
        several), so a new value is added in the schema and nowhere else."""
        return self.constraints.get("x-roles", {})

    @property
    def role_labels(self) -> dict[str, str]:
        """Reader-facing words for the roles."""
        return self.constraints.get("x-roleLabels", {})


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference_field: str


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    description: str
    fields: tuple[Field, ...]
    foreign_keys: tuple[ForeignKey, ...]
    format: str = "csv"
    # A map layer's allowed geometries (`x-geometryTypes` of its schema).
    geometry_types: tuple[str, ...] = ()

    @cached_property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Package:
    """The tables (`resources`, CSV files) and the map layers (`layers`, GeoJSON files whose
    schema describes the properties of each feature)."""

    descriptor: dict
    resources: tuple[Resource, ...]
    layers: tuple[Resource, ...] = ()

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)

    def descriptor_of(self, name: str) -> dict:
        """The raw descriptor of one resource, for its `x-` extensions (such as excluded hosts)."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    @property
    def paths(self) -> list[str]:
        """Every data file the package declares, tables then layers."""
        return [r.path for r in (*self.resources, *self.layers)]

    @property
    def version(self) -> str:
        return self.descriptor["version"]


def _resource(raw: dict) -> Resource:
    schema = raw["schema"]
    fields = tuple(
        Field(
            name=f["name"],
            type=f["type"],
            description=f.get("description", ""),
            constraints=f.get("constraints", {}),
            delimiter=f.get("delimiter"),
            format=f.get("format"),
        )
        for f in schema["fields"]
    )
    keys = tuple(
        ForeignKey(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
        for fk in schema.get("foreignKeys", [])
    )
    return Resource(
        raw["name"],
        raw["path"],
        raw.get("description", ""),
        fields,
        keys,
        raw.get("format", "csv"),
        tuple(schema.get("x-geometryTypes", ())),
    )


def read_package(data_dir: Path) -> Package:
    descriptor = json.loads((Path(data_dir) / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = [_resource(r) for r in descriptor["resources"]]
    unknown = sorted({r.format for r in resources} - set(FORMATS))
    if unknown:
        raise ValueError(f"resource format not supported: {', '.join(unknown)}")
    return Package(
        descriptor,
        tuple(r for r in resources if r.format == "csv"),
        tuple(r for r in resources if r.format == "geojson"),
    )
