"""Variants: following ``based_on`` to a full scenario and merging layers (ODD 5, Initialisation).

A scenario may name a shared behaviour file (``behaviour = "cases"``): its parameters form the
bottom layer, and the scenario that names it may not set them (so every case shares them).

A variant's ``scenario.toml`` lists only what differs from its base. ``parameters`` merge per
parameter and field (a new ``value`` drops the base's ``distribution`` and vice versa), ``roles``
key by key; other keys replace; ``events_add``/``resolutions_add`` append to the inherited lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenarios.errors import Problems, one_of
from scenarios.readers import read_toml

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
#: shared behaviour files: ``behaviour = "<name>"`` in a scenario reads ``<name>.toml`` here
BEHAVIOUR_DIR = Path(__file__).resolve().parent / "behaviour"
BEHAVIOUR_KEYS = ("description", "parameters")


def builtin_names() -> list[str]:
    if not BUILTIN_DIR.is_dir():
        return []
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / "scenario.toml").is_file())


@dataclass(frozen=True)
class Layer:
    directory: Path
    toml: Path
    data: dict[str, Any]
    shared: bool = False  # a shared behaviour file, below the scenario that names it


def behaviour_names() -> list[str]:
    if not BEHAVIOUR_DIR.is_dir():
        return []
    return sorted(p.stem for p in BEHAVIOUR_DIR.glob("*.toml"))


@dataclass
class Merged:
    """The merged scenario.toml, which file each part came from, and where the tables are."""

    data: dict[str, Any]
    top: Path
    origin: dict[tuple[str | int, ...], Path] = field(default_factory=dict)
    states_csv: Path | None = None
    ties_csv: Path | None = None
    force_csv: Path | None = None  # optional: force.csv, the force candidates' attributes

    def file(self, *keys: str | int) -> str:
        """The file that gave the part at ``keys`` (the longest known prefix)."""
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.origin:
                return str(self.origin[keys[:n]])
        return str(self.top)


def read_chain(directory: Path, root: Path, problems: Problems) -> list[Layer] | None:
    """The scenario and its bases, base first; None after recording a problem."""
    chain: list[Layer] = []
    seen: list[Path] = []
    current: Path | None = directory
    while current is not None:
        toml = current / "scenario.toml"
        if current.resolve() in seen:
            loop = " -> ".join(str(p) for p in [*seen, current.resolve()])
            allowed = f"a base that is not itself a variant of this scenario (cycle: {loop})"
            problems.add(chain[-1].toml, "-", "based_on", chain[-1].data.get("based_on"), allowed)
            return None
        seen.append(current.resolve())
        data = read_toml(toml, problems)
        if data is None:
            return None
        chain.append(Layer(current, toml, data))
        if "based_on" not in data:
            break
        current, root = _base_dir(data["based_on"], current, root, toml, problems)
        if current is None:
            return None
    chain = chain[::-1]
    shared = _behaviour_layer(chain, problems)
    return chain if shared is None else [shared, *chain]


def _behaviour_layer(chain: list[Layer], problems: Problems) -> Layer | None:
    """The shared behaviour file the base scenario names, checked; None if it names none.

    Its parameters are set once for every scenario that names it: that scenario may not set
    them itself (a variant based on it may, with a source, as for any base).
    """
    for layer in chain[1:]:
        if "behaviour" in layer.data:
            allowed = "only the base scenario names a behaviour file (a variant inherits it)"
            problems.add(layer.toml, "-", "behaviour", layer.data["behaviour"], allowed)
    base = chain[0]
    if "behaviour" not in base.data:
        return None
    name, names = base.data["behaviour"], behaviour_names()
    if not isinstance(name, str) or name not in names:
        allowed = f"a shared behaviour file in {BEHAVIOUR_DIR}: " + one_of(names, name)
        problems.add(base.toml, "-", "behaviour", name, allowed)
        return None
    path = BEHAVIOUR_DIR / f"{name}.toml"
    data = read_toml(path, problems)
    if data is None:
        return None
    for key in data:
        if key not in BEHAVIOUR_KEYS:
            allowed = "unknown key in a behaviour file; " + one_of(BEHAVIOUR_KEYS, key)
            problems.add(path, "-", key, data[key], allowed)
    shared = data.get("parameters")
    if not isinstance(shared, dict):
        problems.add(path, "-", "parameters", shared, "a table of [parameters.<name>] tables")
        return None
    own = base.data.get("parameters")
    own = own if isinstance(own, dict) else {}
    for pname in own:
        if pname in shared:
            allowed = (
                f"set once for every scenario in {path.name} (behaviour = {name!r}); "
                "a scenario that names it may not set it (a variant of it may)"
            )
            problems.add(base.toml, f"[parameters.{pname}]", pname, own[pname], allowed)
    return Layer(BEHAVIOUR_DIR, path, {"parameters": shared}, shared=True)


def _base_dir(
    value: Any, here: Path, root: Path, toml: Path, problems: Problems
) -> tuple[Path | None, Path]:
    builtins = builtin_names()
    allowed = (
        "a built-in scenario (" + ", ".join(builtins) + ") or a relative path to a scenario "
        "directory inside the scenarios tree, e.g. '../base'"
    )
    if not isinstance(value, str) or not value.strip():
        problems.add(toml, "-", "based_on", value, allowed)
        return None, root
    if "/" not in value and "\\" not in value and value not in (".", ".."):
        target = BUILTIN_DIR / value
        if value in builtins:
            return target, BUILTIN_DIR
        problems.add(toml, "-", "based_on", value, "unknown base; " + one_of(builtins, value))
        return None, root
    if Path(value).is_absolute() or value.startswith("~") or value[1:3] == ":\\":
        problems.add(toml, "-", "based_on", value, "a relative path, not an absolute one")
        return None, root
    target = (here / value).resolve()
    if not target.is_relative_to(root.resolve()):
        inside = f"a path that stays inside the scenarios tree {root.resolve()}"
        problems.add(toml, "-", "based_on", value, inside)
        return None, root
    if not (target / "scenario.toml").is_file():
        problems.add(toml, "-", "based_on", value, "unknown base; " + allowed)
        return None, root
    return target, root


def merge(chain: list[Layer], problems: Problems) -> Merged:
    """Merge the layers of a variant chain (base first) into one scenario.toml."""
    merged = Merged(data={}, top=chain[-1].toml)
    own = [layer for layer in chain if not layer.shared]
    for layer in chain:
        if layer in own[1:]:
            _check_variant(layer, problems)
        _merge_layer(merged, layer)
        if layer.shared:
            continue
        if layer is own[0] and len(own) < len(chain):  # missing parameters: the scenario's fault
            merged.origin[("parameters",)] = layer.toml
        for table in ("states", "ties", "force"):
            path = layer.directory / f"{table}.csv"
            if path.exists() or getattr(merged, f"{table}_csv") is None:
                setattr(merged, f"{table}_csv", path)
    return merged


def _merge_layer(merged: Merged, layer: Layer) -> None:
    data, origin, f = merged.data, merged.origin, layer.toml
    later = ("events_add", "resolutions_add")
    for key, value in [*layer.data.items()]:
        if key in later:
            continue
        if key == "parameters" and isinstance(value, dict) and isinstance(data.get(key), dict):
            for name, table in value.items():
                data[key][name] = _merge_parameter(data[key].get(name), table)
                origin[(key, name)] = f
        elif key == "roles" and isinstance(value, dict) and isinstance(data.get(key), dict):
            for role, item in value.items():
                data[key][role] = item
                origin[(key, role)] = f
        else:
            for old in [k for k in origin if k[0] == key]:
                del origin[old]
            data[key] = dict(value) if isinstance(value, dict) else value
            origin[(key,)] = f
    for key in later:
        if key in layer.data:
            base_key = key.removesuffix("_add")
            items = data.get(base_key, [])
            added = layer.data[key]
            if isinstance(items, list) and isinstance(added, list):
                for i in range(len(items), len(items) + len(added)):
                    origin[(base_key, i)] = f
                data[base_key] = [*items, *added]
            else:
                origin[(key,)] = f
                data[key] = added


def _merge_parameter(base: Any, table: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(table, dict):
        return table
    out = dict(base)
    if "value" in table:
        out.pop("distribution", None)
    if "distribution" in table:
        out.pop("value", None)
    if "value" in table or "distribution" in table:
        out.pop("fact", None)  # a changed value is the variant's, not the base's sourced fact
    out.update(table)
    return out


def _check_variant(layer: Layer, problems: Problems) -> None:
    if "name" not in layer.data:
        problems.add(
            layer.toml, "-", "name", None, "required key is missing (a variant names itself)"
        )
    parameters = layer.data.get("parameters")
    if not isinstance(parameters, dict):
        return
    for name, table in parameters.items():
        changes = isinstance(table, dict) and ("value" in table or "distribution" in table)
        if changes and "source" not in table:
            allowed = "a variant that changes a parameter's value gives its source"
            problems.add(layer.toml, f"[parameters.{name}]", "source", None, allowed)
