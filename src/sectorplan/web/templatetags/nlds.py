"""NL Design System helpers for form fields: the Utrecht class for each widget, and
aria-describedby naming the help text and the error of the field, so a screen reader reads
both when the field gets focus (Django's own attribute names only the help text)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

# Widget type (BoundField.widget_type) -> Utrecht component classes.
_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "clearablefile": "",
    "file": "",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def help_id(field) -> str:
    # The id Django's own aria-describedby points at (BoundField.aria_describedby).
    return f"{field.auto_id}_helptext"


def error_id(field) -> str:
    return f"{field.auto_id}_error"


@register.filter
def nlds_widget(field):
    """Render the field's widget with the Utrecht class and aria-describedby."""
    widget = field.field.widget
    described = []
    if field.help_text:
        described.append(help_id(field))
    if field.errors:
        described.append(error_id(field))
    classes = _CLASSES.get(field.widget_type, _TEXTBOX)
    if field.errors and classes:
        base = classes.split()[0]
        classes += f" {base}--invalid"
    attrs = {}
    existing = widget.attrs.get("class", "")
    if classes or existing:
        attrs["class"] = f"{existing} {classes}".strip()
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def nlds_describedby(field) -> str:
    """The ids a fieldset (radio and checkbox groups) is described by."""
    ids = []
    if field.help_text:
        ids.append(help_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


@register.filter
def nlds_marker(field):
    """What the label says after its text: nothing for a required field, "(niet verplicht)" for
    an optional one, and for a field the form may leave empty but a later step needs (an answer
    Cedris may save half-filled but must give before finishing the review) the form field's
    `needed_for` text, e.g. "(verplicht om de toets af te ronden)". So nothing that blocks
    finishing is labelled optional."""
    if field.field.required:
        return ""
    needed_for = getattr(field.field, "needed_for", None)
    if needed_for:
        return format_html(' <span class="form-field__needed">({})</span>', needed_for)
    return format_html(' <span class="optional">({})</span>', _("niet verplicht"))
