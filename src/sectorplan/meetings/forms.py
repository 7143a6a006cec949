"""Forms of the meeting pages. The services check everything again; these give the messages
next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sectorplan.plans.models import Plan
from sectorplan.registry.models import ActivityType, Region

from .models import Response
from .selectors import DIRECTORY_STATES


class ActivityTypeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.theme.number}. {obj.theme.name}: {obj.name}"


def _activity_types(scheme):
    return ActivityTypeChoiceField(
        ActivityType.objects.filter(theme__scheme=scheme).select_related("theme"),
        widget=forms.CheckboxSelectMultiple,
        label=_("Onderwerp (activiteitstypen)"),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Plaats"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Staat ook in de uitnodiging."),
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_types"] = _activity_types(scheme)
        self.fields["activity_types"].help_text = _(
            "Het systeem stelt de contactpersonen voor van de regio's met deze activiteiten."
        )


class InviteeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))


class AttendanceForm(forms.Form):
    """One checkbox per invitee (ticked: present) and the meeting's notes."""

    notes = forms.CharField(
        label=_("Verslag en aantekeningen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for invitation in invitations:
            name = f"present_{invitation.pk}"
            self.fields[name] = forms.BooleanField(
                label=invitation.name, required=False, initial=bool(invitation.attended)
            )
            self.rows.append((invitation, self[name]))

    def attended(self) -> dict[int, bool]:
        return {i.pk: bool(self.cleaned_data.get(f"present_{i.pk}")) for i, _field in self.rows}


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (Response.ACCEPTED, _("Ik kom: meld mij aan")),
            (Response.DECLINED, _("Ik kom niet: meld mij af")),
        ],
        widget=forms.RadioSelect,
    )


class GoodPracticeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 6}))
    region = forms.ModelChoiceField(
        Region.objects.all(), label=_("Afkomstig uit regio"), required=False
    )
    plan = forms.ModelChoiceField(
        Plan.objects.filter(state__in=DIRECTORY_STATES).select_related("region"),
        label=_("Afkomstig uit plan"),
        required=False,
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, DOCX, XLSX of ODT, hooguit 20 MB."),
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_types"] = _activity_types(scheme)
        self.fields["activity_types"].label = _("Activiteitstypen")
        self.fields["plan"].queryset = self.fields["plan"].queryset.filter(scheme=scheme)
        self.fields["region"].queryset = Region.objects.filter(region_set=scheme.region_set_id)
