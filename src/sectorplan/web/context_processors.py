from django.utils.functional import SimpleLazyObject

from sectorplan.registry.models import Municipality, Region


def _demo_units_present() -> bool:
    return (
        Municipality.objects.filter(standard_units_is_demo=True).exists()
        or Region.objects.filter(standard_units_is_demo=True).exists()
    )


def demo(request):
    """Whether SE figures shown anywhere are demo figures: evaluated only if a page asks."""
    return {"demo_units": SimpleLazyObject(_demo_units_present)}
