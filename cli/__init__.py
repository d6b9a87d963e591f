"""The ``accord`` command line, the top layer: one module per command (see cli.main)."""
