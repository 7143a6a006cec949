from django import forms
from django.utils.translation import gettext_lazy as _

from sectorplan.plans.models import Plan

from .models import Recommendation, Verdict


class ReviewForm(forms.Form):
    """One verdict and comment per framework question, prefilled with the current answers
    (including those carried over from an earlier version)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = []
        for question, answer in questions:
            verdict = f"verdict_{question.pk}"
            comment = f"comment_{question.pk}"
            self.fields[verdict] = forms.ChoiceField(
                label=question.text,
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.verdict if answer else None,
            )
            self.fields[comment] = forms.CharField(
                label=_("Toelichting"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=answer.comment if answer else "",
            )
            # The form saves half-filled answers, but finishing needs every verdict (and a
            # comment with 'deels' or 'nee'): say so in the label, not "(niet verplicht)".
            self.fields[verdict].needed_for = _("verplicht om de toets af te ronden")
            self.fields[comment].needed_for = _("verplicht bij 'deels' of 'nee'")
            # The fourth item: the answer carried over from an earlier version, if any.
            carried = answer if answer is not None and answer.given_for_id else None
            self.questions.append((question, self[verdict], self[comment], carried))

    def answers(self) -> dict[int, tuple[str, str]]:
        """Only questions with a verdict: a half-filled form saves what was answered."""
        result = {}
        for question, verdict, comment, _carried in self.questions:
            value = self.cleaned_data.get(verdict.name)
            if value:
                result[question.pk] = (value, self.cleaned_data.get(comment.name, ""))
        return result


class AdviceForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Advies"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    comments = forms.CharField(label=_("Opmerkingen"), widget=forms.Textarea(attrs={"rows": 5}))


class PlanChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.region.code} {obj.region.name}: {obj.title}"


class NationalPlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    cover_text = forms.CharField(
        label=_("Begeleidende tekst"), widget=forms.Textarea(attrs={"rows": 8})
    )
    plans = PlanChoiceField(
        label=_("Regionale deelplannen"),
        queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = candidates


class DecisionForm(forms.Form):
    plans = PlanChoiceField(
        label=_("Deelplannen"), queryset=Plan.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = candidates
