"""The form renderer (settings.FORM_RENDERER): Django's own, except that select boxes are built
in Python. Django renders every <option> through two template includes, and the filter form of
/plannen/ has about 100 options (issue 15, docs/PERFORMANCE.md).

The output is the same HTML, byte for byte, as Django's templates select.html,
select_option.html and attrs.html: web/tests/test_form_renderer.py compares the two for generated
choices, attributes and groups. A project template that overrides those templates would not be
used, so the fast path is taken only while the widget asks for Django's own template names.
"""

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"

# The template context a {{ value }} is rendered in: autoescape on, localisation as configured.
_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """{{ value }}."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}: str() first (no localisation); the filter keeps safe text
    safe."""
    text = str(value)
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict) -> str:
    """attrs.html: False leaves the attribute out, True writes its bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        written = _text(name)
        parts.append(f" {written}" if value is True else f' {written}="{_formatted(value)}"')
    return "".join(parts)


def _select(widget: dict) -> str:
    html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            html.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f'{_text(option["label"])}</option>\n'  # the option template's last line break
            )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _is_plain_select(template_name: str, context: dict) -> bool:
    widget = context.get("widget")
    return (
        template_name == SELECT
        and isinstance(widget, dict)
        and all(
            option.get("template_name") == OPTION
            for _name, options, _index in widget.get("optgroups", ())
            for option in options
        )
    )


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if _is_plain_select(template_name, context):
            return _select(context["widget"])
        return super().render(template_name, context, request)
