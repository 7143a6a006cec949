"""The `sectorplan` console command: Django's management commands with our settings.

`allocate` only reads a file and calculates, so it runs without the project's settings (no
SECRET_KEY, no database). Any other command first reads the settings; a missing or wrong
setting ends in one line naming the variable and what to set (exit status 1), not a traceback.
"""

import os
import sys
from pathlib import Path

# Commands that need no settings at all: run with an empty Django configuration.
STANDALONE = {"allocate"}


def _standalone(args: list[str]) -> None:
    import django
    from django.conf import settings

    settings.configure(INSTALLED_APPS=[], USE_I18N=False)
    django.setup()
    from sectorplan.allocation.management.commands.allocate import Command

    Command().run_from_argv(["sectorplan", *args])


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in STANDALONE:
        _standalone(args)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sectorplan.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        database = settings.DATABASES["default"]
    except ImproperlyConfigured as error:
        sys.exit(f"sectorplan: {error}")
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
        # The data directory of a fresh checkout or a new SECTORPLAN_DATA_DIR: SQLite creates
        # the file, not the directory.
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sectorplan", *args])


if __name__ == "__main__":
    main()
