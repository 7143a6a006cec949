"""Forms of a progress report: the report's own questions, and one small form per activity and
per goal (prefixed with its pk), so each activity's status is a radio group with its legend."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityStatus


def _text(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _quantity(label):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=12, decimal_places=2
    )


class ReportForm(forms.Form):
    went_well = _text(_("Wat ging goed?"))
    went_badly = _text(_("Wat ging niet goed?"), _("En wat u daaraan doet of heeft gedaan."))
    good_practice = _text(
        _("Goed voorbeeld om te delen"),
        _("Een aanpak waar andere regio's van kunnen leren. Cedris kan het delen."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActivityProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActivityStatus.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Mag in een concept leeg blijven; nodig om in te dienen."),
    )
    explanation = _text(_("Toelichting"))
    achieved_quantity = _quantity(_("Bereikt resultaat (aantal)"))

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        # A draft may leave these empty, submitting may not: the label says so (web/_field.html
        # shows `needed_for` instead of "(niet verplicht)").
        self.fields["status"].needed_for = _("verplicht om in te dienen")
        self.fields["explanation"].needed_for = _("verplicht als de activiteit is gestopt")
        self.fields["explanation"].widget.attrs["rows"] = 3
        if activity.planned_unit:
            self.fields["achieved_quantity"].label = _("Bereikt resultaat (%(unit)s)") % {
                "unit": activity.planned_unit
            }

    def values(self) -> dict | None:
        """The service's input, or None when nothing was filled in for this activity."""
        data = self.cleaned_data
        if not data.get("status"):
            return None
        return {
            "status": data["status"],
            "explanation": data.get("explanation", ""),
            "achieved_quantity": data.get("achieved_quantity"),
        }


class GoalProgressForm(forms.Form):
    achieved_quantity = _quantity(_("Bereikt aantal"))
    explanation = _text(_("Toelichting"))

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.fields["explanation"].widget.attrs["rows"] = 3
        self.fields["achieved_quantity"].label = _("Bereikt aantal (%(unit)s)") % {
            "unit": goal.unit
        }

    def values(self) -> dict:
        return {
            "achieved_quantity": self.cleaned_data.get("achieved_quantity"),
            "explanation": self.cleaned_data.get("explanation", ""),
        }


class AnswerForm(forms.Form):
    """One question the scheme asks at this moment (Milestone.questions), prefixed "vraag-<n>"."""

    answer = _text("")

    def __init__(self, *args, question: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["answer"].label = question
        self.fields["answer"].needed_for = _("verplicht om in te dienen")


def answer_forms(rows, data=None) -> list[AnswerForm]:
    """A form per question, filled from the report's answers (selectors.answer_rows)."""
    return [
        AnswerForm(data, question=question, prefix=f"vraag-{index}", initial={"answer": answer})
        for index, (question, answer) in enumerate(rows)
    ]


def part_forms(plan, report, data=None):
    """(activity forms, goal forms) for the plan, filled from the report when there is one."""
    done = {p.activity_id: p for p in report.activities.all()} if report else {}
    reached = {p.goal_id: p for p in report.goals.all()} if report else {}
    activity_forms = []
    for activity in plan.activities.select_related("activity_type"):
        progress = done.get(activity.pk)
        initial = (
            {
                "status": progress.status,
                "explanation": progress.explanation,
                "achieved_quantity": progress.achieved_quantity,
            }
            if progress
            else {}
        )
        activity_forms.append(
            ActivityProgressForm(
                data, activity=activity, prefix=f"activiteit-{activity.pk}", initial=initial
            )
        )
    goal_forms = []
    for goal in plan.goals.all():
        progress = reached.get(goal.pk)
        initial = (
            {"achieved_quantity": progress.achieved_quantity, "explanation": progress.explanation}
            if progress
            else {}
        )
        goal_forms.append(
            GoalProgressForm(data, goal=goal, prefix=f"doel-{goal.pk}", initial=initial)
        )
    return activity_forms, goal_forms
