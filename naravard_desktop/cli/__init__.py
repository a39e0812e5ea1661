"""Headless commands on the same services as the GUI.

Each capability registers its commands in its own module (basic.py, and one per area);
core.py builds the parser from them and runs a command.
"""

from naravard_desktop.cli.core import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEM,
    build_parser,
    pre_parse_language,
    run,
)

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_PROBLEM", "build_parser", "pre_parse_language", "run"]
