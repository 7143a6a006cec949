"""The plan page's body, from its participants to its history: the same for everyone who sees
the same version of the plan with the same right to edit, so it is rendered once per language
and kept until the data changes (summary_cache: every plan, part, state change and audit event
of a plan replaces the token). Issue 15: it was most of the page's time, and the page is read
far more often than its plan is changed.

Not kept for who may commit co-financing: that part carries forms with the user's own CSRF
token. The region's room (all its plans' requests) and everything above the parts, which
depend on the user or on other plans, are not in it. Left alone: a state change names its
actor by username, and renaming a user (the admin, rare) shows on a kept page only after the
next change of any plan."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from sectorplan.assessment import frozen

from . import selectors, summary_cache

TEMPLATES = {"parts": "plans/_plan_parts.html", "record": "plans/_plan_record.html"}


def kept(request, plan, shown, *, can_edit: bool, can_commit: bool) -> dict[str, str]:
    """{"parts": ..., "record": ...}, rendered or kept. `plan` is the plan as shown (the frozen
    copy when `shown` is a submitted version), without its parts read yet."""

    def render() -> dict[str, str]:
        context = _context(plan, shown, can_edit=can_edit, can_commit=can_commit)
        # Only the co-financing forms need the request (their CSRF token).
        with_request = request if can_commit else None
        return {
            name: render_to_string(template, context, with_request)
            for name, template in TEMPLATES.items()
        }

    if can_commit:
        return render()
    version = shown.pk if shown else "live"
    return summary_cache.cached("plan-body", render, plan.pk, version, can_edit, get_language())


def _context(plan, shown, *, can_edit: bool, can_commit: bool) -> dict:
    if shown:
        selectors.with_state_changes(plan)
    else:
        selectors.with_parts(plan)
    return {
        "plan": plan,
        "can_edit": can_edit,
        "can_commit": can_commit,
        "money": frozen.money(shown) if shown else selectors.plan_money(plan),
        "activities_by_theme": selectors.activities_by_theme(plan),
        "history": frozen.history(plan, shown) if shown else selectors.plan_history(plan),
    }
