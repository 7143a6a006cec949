from django import template

from sectorplan.audit.describe import describe

register = template.Library()


@register.filter
def describe_event(event) -> str:
    """{{ event|describe_event }}: the event as a sentence in the active language."""
    return describe(event)
