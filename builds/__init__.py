"""Scenario build scripts (not installed with Accord): each rebuilds one built-in scenario byte
for byte from the copies of its data in scenarios/sources/ (``python -m builds.NAME``)."""
