"""Build every historical case: ``python -m builds.cases.all``."""

from __future__ import annotations

from builds.cases.registry import CASES
from builds.cases.write import build


def main() -> None:
    for spec in CASES:
        print(f"wrote {build(spec)}")


if __name__ == "__main__":
    main()
