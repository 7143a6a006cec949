from decimal import Decimal

from django import template
from django.utils.translation import get_language

from sectorplan.money import format_decimal, format_euro

register = template.Library()


@register.filter
def euro(cents):
    if cents is None or cents == "":
        return ""
    return format_euro(int(cents), get_language() or "nl")


@register.filter
def decimal(value, places=2):
    if value is None or value == "":
        return ""
    return format_decimal(Decimal(value), int(places), get_language() or "nl")


@register.filter
def percent(fraction, places=2):
    if fraction is None or fraction == "":
        return ""
    return format_decimal(Decimal(fraction) * 100, int(places), get_language() or "nl") + "%"
