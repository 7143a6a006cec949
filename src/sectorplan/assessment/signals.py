"""Keeps the plans' stored waits_for, deadline and advice_owed true (queues.refresh): every
change they are derived from (a plan's state, a milestone, an extension, a national plan and its
plans, a frozen version, an advice, the assessor organisations) writes them again in the same
transaction, whether it came from a service, the admin or a bulk update of states. Bulk creates
(the exchange import, generated plans, a restore) call refresh themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from sectorplan.accounts.models import Organisation
from sectorplan.plans.models import Plan
from sectorplan.plans.signals import states_updated
from sectorplan.plans.states import ADVICE_STATES
from sectorplan.registry.models import DeadlineExtension, Milestone

from . import queues
from .models import Advice, NationalPlan, PlanVersion


@receiver(post_save, sender=Plan, dispatch_uid="plan_waiting")
def _plan_saved(sender, instance, created, update_fields, raw=False, **kwargs):
    if raw or not (created or update_fields is None or "state" in update_fields):
        return
    queues.refresh(Plan.objects.filter(pk=instance.pk))


@receiver(states_updated, sender=Plan, dispatch_uid="plan_states_waiting")
def _states_updated(sender, ids, **kwargs):
    queues.refresh(Plan.objects.filter(pk__in=ids))


@receiver(post_save, sender=NationalPlan, dispatch_uid="national_plan_waiting")
def _national_plan_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(Plan.objects.filter(national_plans=instance))


@receiver(m2m_changed, sender=NationalPlan.plans.through, dispatch_uid="national_plans_waiting")
def _national_plan_plans(sender, instance, action, reverse, pk_set, **kwargs):
    # Before a clear the plans are still linked; after an add or remove pk_set names them.
    if action == "pre_clear":
        ids = [instance.pk] if reverse else list(instance.plans.values_list("pk", flat=True))
        instance._waiting_cleared = ids
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # plan.national_plans changed: the plan itself
        queues.refresh(Plan.objects.filter(pk=instance.pk))
    elif action == "post_clear":
        queues.refresh(Plan.objects.filter(pk__in=getattr(instance, "_waiting_cleared", [])))
    else:
        queues.refresh(Plan.objects.filter(pk__in=pk_set or ()))


# A saved or deleted row of these models can change the answer of these plans.
_AFFECTED = {
    Milestone: lambda milestone: Plan.objects.filter(scheme_id=milestone.scheme_id),
    DeadlineExtension: lambda extension: Plan.objects.filter(
        scheme_id=extension.scheme_id, region_id=extension.region_id
    ),
    PlanVersion: lambda version: Plan.objects.filter(pk=version.plan_id),
    Advice: lambda advice: Plan.objects.filter(versions__pk=advice.version_id),
    # Advice is owed by every assessor organisation: one more or less changes who owes it.
    Organisation: lambda organisation: Plan.objects.filter(state__in=ADVICE_STATES),
}


def _row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(_AFFECTED[sender](instance))


for _model in _AFFECTED:
    post_save.connect(_row_changed, sender=_model, dispatch_uid=f"waiting_{_model.__name__}")
    post_delete.connect(
        _row_changed, sender=_model, dispatch_uid=f"waiting_deleted_{_model.__name__}"
    )


@receiver(post_migrate, dispatch_uid="waiting_after_migrate")
def _after_migrate(sender, apps=None, **kwargs):
    # Fills the columns in a database migrated from before they existed, and heals any drift;
    # not when migrated back to before them.
    if sender.name != "sectorplan.assessment" or apps is None:
        return
    try:
        apps.get_model("plans", "Plan")._meta.get_field("waits_for")
        apps.get_model("assessment", "NationalPlan")
        apps.get_model("plans", "DataVersion")  # refresh replaces the summaries' token
    except LookupError:
        return
    queues.refresh(Plan.objects.all())
