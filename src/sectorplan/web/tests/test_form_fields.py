"""web/_field.html: every id that a field's aria-describedby names exists on the page (help
text and error), errors sit at the field and in the summary, for plain fields and groups."""

import re

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    title = forms.CharField(label="Titel", help_text="Kort en duidelijk.")
    kind = forms.ChoiceField(
        label="Soort",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect,
        help_text="Kies er een.",
    )
    note = forms.CharField(label="Notitie", required=False, widget=forms.Textarea)


def _render(data=None):
    form = _Form(data)
    form.is_valid()
    return render_to_string("web/_form_fields.html", {"form": form})


def _described_ids(html):
    return [i for ids in re.findall(r'aria-describedby="([^"]*)"', html) for i in ids.split()]


def test_every_described_by_id_exists():
    for html in (_render(), _render({"title": ""})):
        ids = _described_ids(html)
        assert "id_title_helptext" in ids
        for id_ in ids:
            assert html.count(f'id="{id_}"') == 1, f"aria-describedby names {id_}, found {html}"


def test_errors_at_the_field_and_summarised_on_top():
    html = _render({"title": ""})
    assert 'role="alert"' in html and 'href="#id_title"' in html
    assert 'id="id_title_error"' in html and 'aria-invalid="true"' in html
    title = re.search(r"<input[^>]*name=\"title\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_title_helptext id_title_error"' in title
    assert "utrecht-textbox--invalid" in title
    # The group is described by its help and error as a whole.
    assert 'aria-describedby="id_kind_helptext id_kind_error"' in html


def test_widgets_get_the_utrecht_classes():
    html = _render()
    assert re.search(r'<textarea[^>]*class="[^"]*utrecht-textarea', html)
    assert re.search(r'<input[^>]*name="title"[^>]*class="[^"]*utrecht-textbox', html) or re.search(
        r'<input[^>]*class="[^"]*utrecht-textbox[^>]*name="title"', html
    )
