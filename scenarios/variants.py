"""Changing parameters of a loaded scenario, e.g. for a sweep or a slider (ODD 5)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scenarios.checks import At
from scenarios.errors import Problems, one_of
from scenarios.validate_params import catalogue_entry

if TYPE_CHECKING:
    from scenarios.schema import Scenario


def with_parameters(s: Scenario, values: Mapping[str, Any]) -> Scenario:
    """A copy with parameters set to values (distributions dropped), each checked against its
    range and type; ``changed_parameters`` keeps (central as loaded, new value) per name."""
    problems = Problems()
    file = str(s.path or s.name)
    parameters = dict(s.parameters)
    changed = dict(s.changed_parameters)
    for name, value in values.items():
        p = s.parameters.get(name)
        if p is None:
            allowed = "a parameter of the scenario; " + one_of(s.parameters, name)
            problems.add(file, "with_parameters", name, value, allowed)
            continue
        entry = catalogue_entry(name)
        integer = entry is not None and entry.integer
        plain: Any = value
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            plain = int(value)
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            plain = float(value)
            if integer and plain.is_integer():
                plain = int(plain)
        at = At(problems, file, f"[parameters.{name}]")
        new = at.number("value", plain, *p.range, integer=integer)
        if new is None:
            continue
        changed[name] = (changed[name][0] if name in changed else p.central, new)
        parameters[name] = type(p)(**{**_fields(p), "value": new, "distribution": None})
    problems.raise_if_any()
    fields = {**_fields(s), "parameters": parameters, "changed_parameters": changed}
    return type(s)(**fields)


def _fields(model: Any) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields}
