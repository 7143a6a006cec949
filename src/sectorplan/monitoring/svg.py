"""Small helpers for the SVG pictures drawn on the server: every text is escaped here, and every
picture opens the same accessible way (role="img", <title> and <desc> named by
aria-labelledby), so a screen reader hears what the picture shows."""

from xml.sax.saxutils import escape, quoteattr

FONT = "RijksoverheidSansWebText, 'Segoe UI', Roboto, Arial, sans-serif"
TEXT = "#1a1a1a"
PRIMARY = "#154273"
MUTED_FILL = "#f3f3f3"
BORDER = "#767676"  # 4.5:1 on white: lines that carry meaning stay visible (WCAG 1.4.11)


def text(value) -> str:
    return escape(str(value))


def attr(value) -> str:
    return quoteattr(str(value))


def number(value: float) -> str:
    """One decimal is plenty on a picture a few hundred pixels wide; keeps the markup small."""
    rounded = round(value, 1)
    return f"{rounded:.1f}".rstrip("0").rstrip(".") if rounded % 1 else str(int(rounded))


def open_svg(id_prefix: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="monitoring-figure__svg" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'viewBox="0 0 {number(width)} {number(height)}" width="{number(width)}" '
        f'height="{number(height)}" font-family={attr(FONT)} fill="{TEXT}">',
        f'<title id="{id_prefix}-title">{text(title)}</title>',
        f'<desc id="{id_prefix}-desc">{text(desc)}</desc>',
    ]
