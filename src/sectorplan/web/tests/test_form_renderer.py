"""The fast select renderer writes what Django's templates write, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from sectorplan.web.form_renderer import FastSelectRenderer

DJANGO = DjangoTemplates()
FAST = FastSelectRenderer()

# Text with what HTML escaping must handle, and characters Dutch names have.
text = st.text(alphabet=st.sampled_from(list("abZ 09<>&\"'éë-") + ["\n"]), max_size=8)
value = st.one_of(text, st.integers(-5, 5000), st.none())
options = st.lists(st.tuples(value, text), max_size=6)
groups = st.lists(st.tuples(text.filter(bool), options), max_size=3)
attrs = st.dictionaries(
    st.sampled_from(["class", "id", "disabled", "aria-describedby", "data-x"]),
    st.one_of(st.booleans(), text, st.integers(0, 9)),
    max_size=4,
)


def both(widget, name, chosen) -> tuple[str, str]:
    return (
        widget.render(name, chosen, renderer=DJANGO),
        widget.render(name, chosen, renderer=FAST),
    )


@settings(max_examples=300, deadline=None)
@given(choices=options, grouped=groups, attrs=attrs, name=text, multiple=st.booleans(), pick=value)
def test_a_select_is_written_as_djangos_templates_write_it(
    choices, grouped, attrs, name, multiple, pick
):
    widget_class = forms.SelectMultiple if multiple else forms.Select
    widget = widget_class(attrs=attrs, choices=list(choices) + list(grouped))
    chosen = [pick] if multiple else pick
    expected, fast = both(widget, name, chosen)
    assert fast == expected


def test_lazy_and_safe_labels_and_a_selected_value():
    widget = forms.Select(
        attrs={"class": mark_safe("a&amp;b"), "required": True, "hidden": False},
        choices=[("", "---"), (1, gettext_lazy("Regio")), ("x", mark_safe("<b>vet</b>"))],
    )
    expected, fast = both(widget, "regio", 1)
    assert fast == expected
    assert 'value="1" selected' in fast


class _OwnOption(forms.Select):
    option_template_name = "django/forms/widgets/input.html"


def test_a_widget_with_its_own_option_template_is_left_to_the_templates():
    widget = _OwnOption(choices=[("a", "A")])
    expected, fast = both(widget, "x", "a")
    assert fast == expected
    assert "<input" in fast


@pytest.mark.django_db
def test_the_plan_filter_form_renders_the_same(rf, django_user_model):
    from sectorplan.plans.filters import PlanFilter
    from sectorplan.plans.models import Plan

    request = rf.get("/plannen/", {"status": "concept", "regio": "AM19"})
    request.user = django_user_model(username="x")
    form = PlanFilter(request.GET, queryset=Plan.objects.none(), request=request).form
    selects = [field for field in form if isinstance(field.field.widget, forms.Select)]
    assert len(selects) >= 5
    for field in selects:
        expected, fast = both(field.field.widget, field.html_name, field.value())
        assert fast == expected
