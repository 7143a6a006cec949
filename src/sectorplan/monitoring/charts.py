"""The bar chart of the activity types per theme, as SVG drawn on the server.

Horizontal bars, one per activity type, grouped under their theme; each bar's length is the
share of the counted regions, drawn over a grey track of 100% so the proportion shows without
reading the axis. The number is written next to every bar, so nothing depends on colour."""

from django.utils.translation import gettext as _

from . import svg
from .counting import share, whole_percent
from .selectors import Overview

WIDTH = 760
LEFT = 8
BAR_WIDTH = 470
BAR_HEIGHT = 16


def value_text(count: int, total: int) -> str:
    if total == 0:
        return _("geen plannen geteld")
    return _("%(count)s van %(total)s (%(percent)s%%)") % {
        "count": count,
        "total": total,
        "percent": whole_percent(share(count, total)),
    }


def description(overview: Overview) -> str:
    counts = overview.counts
    parts = [
        _(
            "Staafdiagram: per thema en activiteitstype in hoeveel van de %(total)s regio's met "
            "een plan (%(selection)s) het type voorkomt."
        )
        % {"total": counts.regions_counted, "selection": overview.selection_label}
    ]
    for theme in counts.themes:
        items = "; ".join(
            f"{item.type.label}: {value_text(item.count, counts.regions_counted)}"
            for item in theme.types
        )
        parts.append(f"{theme.number}. {theme.name}: {items}.")
    if overview.is_demo:
        parts.append(_("Demogegevens: de telling bevat verzonnen demoplannen."))
    parts.append(_("De tabellen op de pagina geven dezelfde cijfers."))
    return " ".join(parts)


def activity_chart(overview: Overview, id_prefix: str = "activity-chart") -> str:
    counts = overview.counts
    total = counts.regions_counted
    body, y = [], 0
    for theme in counts.themes:
        y += 22
        body.append(
            f'<text x="{LEFT}" y="{y}" font-size="15" font-weight="700">'
            f"{svg.text(theme.number)}. {svg.text(theme.name)}</text>"
        )
        y += 10
        for item in theme.types:
            y += 16
            body.append(
                f'<text x="{LEFT}" y="{y}" font-size="13">'
                f"{svg.text(item.type.key)} {svg.text(item.type.label)}</text>"
            )
            y += 5
            length = BAR_WIDTH * item.count / total if total else 0
            body += [
                f'<rect x="{LEFT}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
                f'fill="{svg.MUTED_FILL}" stroke="{svg.BORDER}" stroke-width="1"/>',
                f'<rect class="bar" data-type="{svg.text(item.type.code)}" x="{LEFT}" y="{y}" '
                f'width="{svg.number(length)}" height="{BAR_HEIGHT}" fill="{svg.PRIMARY}"/>',
                f'<text x="{LEFT + BAR_WIDTH + 8}" y="{y + 13}" font-size="13">'
                f"{svg.text(value_text(item.count, total))}</text>",
            ]
            y += BAR_HEIGHT + 6
        y += 8
    title = _("Activiteitstypen per thema: in hoeveel regio's ze voorkomen")
    if overview.is_demo:
        title += " " + _("(demogegevens)")
    return "\n".join(
        [
            *svg.open_svg(id_prefix, WIDTH, y + 4, title, description(overview)),
            *body,
            "</svg>",
        ]
    )
