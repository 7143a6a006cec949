"""The "stand van zaken" in words, generated from the counts, never typed by hand.

Per theme, in the style of the Cedris overview of 2015: what occurs most, what occurs equally
often ("beide in 26 van de 35"), then the rest from more to less, then what occurs nowhere.
"""

from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .counting import TypeCount, share, whole_percent
from .selectors import APPROVED, Overview


@dataclass(frozen=True)
class ThemeSummary:
    number: int
    name: str
    sentences: list[str]


def _lower_first(label: str) -> str:
    """Mid-sentence a label starts lower case, unless it starts with an acronym ("ICT")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(items: list[TypeCount], joiner: str) -> str:
    """Joins as "voor a, voor b en voor c": the repeated "voor" keeps apart labels that
    contain "en" themselves."""
    labels = [_("voor %(label)s") % {"label": _lower_first(item.type.label)} for item in items]
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {joiner} {labels[-1]}"


def _in(number: int, total: int) -> str:
    return _("in %(number)s van de %(total)s regio's (%(percent)s%%)") % {
        "number": number,
        "total": total,
        "percent": whole_percent(share(number, total)),
    }


def _most(items: list[TypeCount], total: int) -> str:
    values = {"names": _names(items, _("en")), "where": _in(items[0].count, total)}
    if len(items) == 1:
        return _("Activiteiten %(names)s komen het meest voor: %(where)s.") % values
    if len(items) == 2:
        return (
            _("Activiteiten %(names)s komen het meest voor, even vaak: beide %(where)s.") % values
        )
    return _("Activiteiten %(names)s komen het meest voor, even vaak: elk %(where)s.") % values


def _then(items: list[TypeCount], total: int) -> str:
    where = _in(items[0].count, total)
    if len(items) == 1:
        return _upper_first(
            _("%(where)s zijn er activiteiten %(names)s.")
            % {"where": where, "names": _names(items, _("en"))}
        )
    if len(items) == 2:
        return _(
            "Activiteiten %(first)s komen even vaak voor als activiteiten %(second)s: beide "
            "%(where)s."
        ) % {
            "first": _names(items[:1], ""),
            "second": _names(items[1:], ""),
            "where": where,
        }
    return _("Activiteiten %(names)s komen even vaak voor: elk %(where)s.") % {
        "names": _names(items, _("en")),
        "where": where,
    }


def _nowhere(items: list[TypeCount]) -> str:
    return _("In geen enkele regio zijn er activiteiten %(names)s.") % {
        "names": _names(items, _("of"))
    }


def theme_sentences(items: list[TypeCount], total: int) -> list[str]:
    """Sentences for one theme's types, given the number of regions counted (total > 0)."""
    ordered = sorted(items, key=lambda item: -item.count)  # stable: taxonomy order within ties
    groups = [list(group) for _count, group in groupby(ordered, key=lambda item: item.count)]
    sentences = []
    for index, group in enumerate(g for g in groups if g[0].count > 0):
        sentences.append(_most(group, total) if index == 0 else _then(group, total))
    zero = [item for item in ordered if item.count == 0]
    if zero:
        sentences.append(_nowhere(zero))
    return sentences


def introduction(overview: Overview) -> str:
    counts = overview.counts
    if counts.regions_counted == 0:
        if overview.selection == APPROVED:
            return _("Er zijn nog geen goedgekeurde plannen: er valt nog niets te tellen.")
        return _("Er zijn nog geen bij Cedris ingediende plannen: er valt nog niets te tellen.")
    if overview.selection == APPROVED:
        plans = ngettext(
            "%(count)s goedgekeurd plan", "%(count)s goedgekeurde plannen", counts.plans_counted
        )
    else:
        plans = ngettext(
            "%(count)s bij Cedris ingediend plan",
            "%(count)s bij Cedris ingediende plannen",
            counts.plans_counted,
        )
    counted = ngettext(
        "Geteld is %(plans)s uit %(regions)s van de %(total)s arbeidsmarktregio's.",
        "Geteld zijn %(plans)s uit %(regions)s van de %(total)s arbeidsmarktregio's.",
        counts.plans_counted,
    )
    rule = _(
        "Een regio telt één keer, ook als zij meer plannen heeft; de percentages zijn delen van "
        "de %(regions)s regio's met een plan."
    )
    return f"{counted} {rule}" % {
        "plans": plans % {"count": counts.plans_counted},
        "regions": counts.regions_counted,
        "total": len(counts.regions),
    }


def summary(overview: Overview) -> list[ThemeSummary]:
    """Per theme its sentences; empty when nothing counts (the introduction says so)."""
    total = overview.counts.regions_counted
    if total == 0:
        return []
    return [
        ThemeSummary(theme.number, theme.name, theme_sentences(list(theme.types), total))
        for theme in overview.counts.themes
    ]
