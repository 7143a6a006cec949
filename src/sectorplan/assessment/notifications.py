"""E-mail to each party when something awaits it, sent after the step is committed (a refused
step sends nothing). Dutch templates; the backend is a setting (console unless SMTP is set)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sectorplan.plans.workflow import Step, listen

from . import progress
from .effects import latest_version


def messages_for(step: Step) -> list[tuple[str, str, str, list[str]]]:
    plan = step.plan
    site = settings.SITE_URL.rstrip("/")
    change_request = None
    if step.transition.code == "request_changes":
        version = latest_version(plan)
        change_request = version.change_requests.order_by("-requested_at").first()
    result = []
    with translation.override("nl"):
        for item in progress.awaiting(plan):
            recipients = progress.members_of(item.party, plan, item.organisations)
            if not recipients:
                continue
            context = {
                "plan": plan,
                "awaiting": item,
                "step": step,
                # Straight to the page where this party does its task.
                "link": site + (item.url or reverse("plans:detail", args=[plan.pk])),
                "change_request": change_request,
            }
            subject = render_to_string("assessment/email/awaiting_subject.txt", context)
            body = render_to_string("assessment/email/awaiting_body.txt", context)
            result.append(
                (
                    " ".join(subject.split()),
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [user.email for user in recipients],
                )
            )
    return result


def notify(step: Step) -> None:
    send_mass_mail(messages_for(step), fail_silently=False)


listen(notify)
