"""The scheme exchange format, version 1: a whole scheme with its registry, allocation runs and
plans as one JSON document (docs/formats/scheme-exchange-v1.md).

    export_scheme(scheme) -> dict, dumps(dict) -> str      (export.py)
    import_scheme(bytes | str) -> ImportResult              (importer.py; raises ExchangeError)

Import modules from here only after Django is set up: they read the models.
"""

from .values import FORMAT, VERSION, ExchangeError

__all__ = ["FORMAT", "VERSION", "ExchangeError"]
