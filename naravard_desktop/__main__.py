"""`naravard-desktop` and `python -m naravard_desktop`: a command runs headless, none opens
the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from naravard_desktop import cli
    from naravard_desktop.i18n import current_language, set_language
    from naravard_desktop.logging_setup import configure_logging

    arguments = list(sys.argv[1:] if argv is None else argv)
    configure_logging()
    set_language(cli.pre_parse_language(arguments))
    args = cli.build_parser().parse_args(arguments)
    if args.lang and args.lang != current_language():
        set_language(args.lang)
    if args.command is not None:
        return cli.run(args)
    from naravard_desktop.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
