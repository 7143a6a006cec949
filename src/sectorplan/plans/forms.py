"""Forms for plans and their parts. Money is typed in euros and kept in cents."""

from decimal import Decimal

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from sectorplan.money import MoneyInputError, format_euro, parse_euro
from sectorplan.registry.models import ActivityType
from sectorplan.registry.selectors import companies_working_in

from .models import Activity, BudgetLine, Commitment, Goal, Participant, Plan
from .services import PART_FIELDS, PLAN_FIELDS


class EuroField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("In euro's, bijvoorbeeld 12.500,00"))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_euro(value, get_language() or "nl").replace("€", "").strip()
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            cents = parse_euro(value, get_language() or "nl")
        except MoneyInputError as error:
            raise forms.ValidationError(error.translated(gettext)) from error
        if cents < 0:
            raise forms.ValidationError(_("Een bedrag kan niet negatief zijn."))
        return cents


class VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan=None, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            # A number of people is "8", not "8.00": whole quantities show without decimals.
            value = self.initial.get(name)
            if isinstance(field, forms.DecimalField) and isinstance(value, Decimal):
                if value == value.to_integral_value():
                    self.initial[name] = int(value)

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = PLAN_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}


class ParticipantForm(VersionedForm):
    class Meta:
        model = Participant
        fields = PART_FIELDS[Participant]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sw_company"].queryset = companies_working_in(self.plan.region)


class GoalForm(VersionedForm):
    class Meta:
        model = Goal
        fields = PART_FIELDS[Goal]


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = PART_FIELDS[Activity]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = ActivityType.objects.filter(theme__scheme=self.plan.scheme).select_related("theme")
        groups: dict[str, list] = {}
        for activity_type in types:
            groups.setdefault(str(activity_type.theme), []).append(
                (activity_type.pk, activity_type.label)
            )
        field = self.fields["activity_type"]
        field.queryset = types
        field.choices = [("", "---------"), *groups.items()]

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("Het einde ligt vóór de start."))
        return data


class BudgetLineForm(VersionedForm):
    national_contribution_cents = EuroField(label=_("Gevraagde rijksbijdrage"))
    cofinancing_cents = EuroField(label=_("Cofinanciering"))

    class Meta:
        model = BudgetLine
        fields = PART_FIELDS[BudgetLine]


class CommitmentForm(VersionedForm):
    amount_cents = EuroField(label=_("Bedrag"))

    class Meta:
        model = Commitment
        fields = PART_FIELDS[Commitment]


class PlanCreateForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["region", *PLAN_FIELDS]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, DOCX, XLSX of ODT, hooguit 20 MB.")
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    points = forms.CharField(
        label=_("Punten, één per regel"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
