"""Build scripts of the historical cases (not installed): ``python -m builds.cases.<case>``.

``builds.cases.behaviour`` writes the shared behaviour file every case is based on;
``builds.cases.common`` holds the rules every case is built by (docs/cases/README.md).
"""
