"""Scenarios into and out of the browser: a zipped scenario directory uploaded and checked by the
same loader as any other (``load_scenario``), and the view (scenario, assumptions, seed) as the
page's URL query, so that a link reproduces it.

Plain Python (no solara) except ``UploadScenario``, the upload control.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, urlencode

import solara

from scenarios import Scenario, ScenarioError, load_scenario

MAX_UPLOAD = 20 * 1024 * 1024  # bytes, unpacked: a scenario is TOML and CSV, well under this
MANIFEST = "scenario.toml"


class UploadError(ValueError):
    """An upload that is not a usable scenario; ``lines`` has one problem per line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def _safe_members(zf: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    members, size = [], 0
    for info in zf.infolist():
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts:
            raise UploadError([f"{name}: {info.filename}: a path outside the scenario folder"])
        size += info.file_size
        if size > MAX_UPLOAD:
            raise UploadError([f"{name}: more than {MAX_UPLOAD // 2**20} MB unpacked"])
        members.append(info)
    return members


def load_zip(data: bytes, name: str = "upload.zip") -> Scenario:
    """The scenario in a zip (``scenario.toml`` at its top or in its one top folder), loaded and
    validated by ``load_scenario``; UploadError with one line per problem otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadError([f"{name}: not a zip file"]) from None
    with zf:
        members = _safe_members(zf, name)
        manifests = [m for m in members if PurePosixPath(m.filename).name == MANIFEST]
        tops = {PurePosixPath(m.filename).parent for m in manifests}
        if len(tops) != 1:
            found = "none" if not tops else ", ".join(sorted(map(str, tops)))
            raise UploadError(
                [
                    f"{name}: expected exactly one {MANIFEST} (at the top or in one folder); "
                    f"found {found}"
                ]
            )
        target = Path(tempfile.mkdtemp(prefix="accord-upload-"))
        zf.extractall(target, members=members)
    folder = target / next(iter(tops))
    try:  # only the zip's own files may be read (no link out of it)
        return load_scenario(folder, within=[target.resolve()])
    except ScenarioError as err:  # name the files as the zip does, not by the temporary folder
        lines = [line.replace(f"{target}/", f"{name}/") for line in err.lines()]
        raise UploadError(lines) from None


@solara.component
def UploadScenario(on_scenario: Callable[[Scenario], None]) -> None:
    """A file picker for a zipped scenario; its problems are shown here, one per line."""
    import ipywidgets

    problems = solara.use_reactive(list[str]())

    def received(change: Any) -> None:
        files = change if isinstance(change, list | tuple) else []
        if not files:
            return
        upload = files[0]
        try:
            scenario = load_zip(bytes(upload["content"]), str(upload["name"]))
        except UploadError as err:
            problems.set(err.lines)
            return
        problems.set([])
        on_scenario(scenario)

    with solara.Card("Upload a scenario", subtitle="a zipped scenario directory", margin=0):
        ipywidgets.FileUpload.element(
            accept=".zip",
            multiple=False,
            description="Upload zip",
            on_value=received,
        )
        UploadProblems(problems.value)


@solara.component
def UploadProblems(problems: list[str]) -> None:
    if problems:
        with solara.Column(gap="2px", classes=["accord-upload-problems"]):
            solara.Error(f"The uploaded scenario has {len(problems)} problem(s):")
            for line in problems:
                solara.Error(line, dense=True)


# -- the view as a URL query -----------------------------------------------------------------------
OURS = ("scenario", "seed", "set")


@dataclass(frozen=True)
class View:
    """What a link reproduces: the scenario, the assumptions changed from it, the seed."""

    scenario: str
    seed: int = 1
    assumptions: Mapping[str, float] = field(default_factory=dict)


def encode(view: View, keep: str | None = None) -> str:
    """The query string of a view; parameters of others (``keep``, e.g. an access token) stay."""
    pairs = [(k, v) for k, v in parse_qsl(keep or "", keep_blank_values=True) if k not in OURS]
    pairs += [("scenario", view.scenario), ("seed", str(view.seed))]
    pairs += [("set", f"{k}={v:g}") for k, v in sorted(view.assumptions.items())]
    return urlencode(pairs)


def decode(query: str | None) -> tuple[View | None, list[str]]:
    """The view in a query string (None if it names no scenario) and the problems found (an
    unreadable seed or assumption is dropped and said, never guessed)."""
    pairs = parse_qsl(query or "", keep_blank_values=True)
    values = dict(pairs)
    if not values.get("scenario"):
        return None, []
    problems: list[str] = []
    seed = 1
    try:
        seed = int(values.get("seed", "1"))
    except ValueError:
        problems.append(f"link: seed={values['seed']!r} is not an integer; seed 1 is used")
    assumptions: dict[str, float] = {}
    for key, text in pairs:
        if key != "set":
            continue
        name, sep, value = text.partition("=")
        try:
            if not sep:
                raise ValueError
            assumptions[name] = float(value)
        except ValueError:
            problems.append(f"link: set={text!r} is not name=number; it is ignored")
    return View(values["scenario"], seed, assumptions), problems


def checked(view: View, scenario: Scenario) -> tuple[dict[str, float], list[str]]:
    """The view's assumptions that the scenario has and accepts; one line for each other."""
    good: dict[str, float] = {}
    problems: list[str] = []
    for name, value in view.assumptions.items():
        if name not in scenario.parameters:
            problems.append(f"link: {name} is not a parameter of {scenario.name}; it is ignored")
            continue
        try:
            scenario.with_parameters({name: value})
        except ScenarioError as err:
            problems.extend(f"link: {line}" for line in err.lines())
            continue
        good[name] = value
    return good, problems
