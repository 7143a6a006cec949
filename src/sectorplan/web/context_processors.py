from django.utils.functional import SimpleLazyObject

from sectorplan.accounts import policy
from sectorplan.plans import summary_cache
from sectorplan.registry import clock
from sectorplan.registry.models import Municipality, Region

from .scheme_choice import scheme_choice


def _demo_units_present() -> bool:
    # Kept until the registry changes (its saves replace the summaries' token), which most
    # pages read anyway: asked on every page, it was one or two queries each.
    return summary_cache.cached("demo-units", _ask_demo_units)


def _ask_demo_units() -> bool:
    return (
        Municipality.objects.filter(standard_units_is_demo=True).exists()
        or Region.objects.filter(standard_units_is_demo=True).exists()
    )


def demo(request):
    """Whether SE figures shown anywhere are demo figures, and the demo date: evaluated only
    if a page asks."""
    return {
        "demo_units": SimpleLazyObject(_demo_units_present),
        "demo_mode": clock.is_demo(),
        "demo_today": SimpleLazyObject(clock.today) if clock.is_demo() else None,
        "can_view_dashboard": SimpleLazyObject(lambda: policy.can_view_dashboard(request.user)),
        "can_view_overview": SimpleLazyObject(lambda: policy.can_view_overview(request.user)),
        "can_view_meetings": SimpleLazyObject(lambda: policy.can_view_meetings(request.user)),
        "can_view_directory": SimpleLazyObject(lambda: policy.can_view_directory(request.user)),
        "scheme_choice": SimpleLazyObject(lambda: scheme_choice(request)),
        "can_view_reports": SimpleLazyObject(
            lambda: policy.can_view_progress_reports(request.user)
        ),
    }
