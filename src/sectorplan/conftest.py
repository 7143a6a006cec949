import pytest

from sectorplan.allocation.services import ensure_initial_run
from sectorplan.registry.loading import load_scheme


@pytest.fixture
def scheme(db):
    """The real 2015 scheme with its first allocation run, as the quick start loads it."""
    loaded = load_scheme("sw2015")
    ensure_initial_run(loaded)
    return loaded
