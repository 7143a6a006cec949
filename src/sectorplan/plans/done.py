"""What a plan step did, as the sentence its user reads after taking it (issue 14):
"De inhoudelijke toets is gestart." rather than "Gelukt: Inhoudelijke toets starten.".
Kept beside the transitions (plans/workflow.py, assessment/transitions.py) by their code."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DONE = {
    "submit_to_municipality": gettext_lazy("Het plan is ingediend bij de centrumgemeente."),
    "return_to_company": gettext_lazy("Het plan is teruggestuurd naar de SW-bedrijven."),
    "confirm_cofinancing": gettext_lazy("De cofinanciering is bevestigd."),
    "submit_to_cedris": gettext_lazy("Het plan is ingediend bij Cedris."),
    "start_review": gettext_lazy("De inhoudelijke toets is gestart."),
    "request_changes": gettext_lazy(
        "De vraag om aanpassing is verstuurd; het plan ligt weer bij de SW-bedrijven."
    ),
    "resubmit": gettext_lazy("Het aangepaste plan is opnieuw ingediend bij Cedris."),
    "mark_advised": gettext_lazy("De toets is afgerond met een positief advies."),
    "approve": gettext_lazy("Het plan is goedgekeurd."),
    "reject": gettext_lazy("Het plan is afgewezen."),
    "send_decision": gettext_lazy("De beschikking is verzonden."),
    "pay": gettext_lazy("Het plan is uitbetaald via het gemeentefonds."),
    "start_execution": gettext_lazy("De uitvoering is gestart."),
    "finish_execution": gettext_lazy("De uitvoering is afgerond."),
    "receive_final_report": gettext_lazy("Het eindverslag is ontvangen."),
    "close": gettext_lazy("Het plan is afgesloten."),
}


def done_message(code: str, label: str) -> str:
    """The sentence for a step taken; a step added later without one still reads as Dutch."""
    sentence = DONE.get(code)
    if sentence is None:
        return _("De stap ‘%(label)s’ is gezet.") % {"label": label}
    return str(sentence)
