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


@receiver(post_save, sender=Milestone, dispatch_uid="milestone_waiting")
@receiver(post_delete, sender=Milestone, dispatch_uid="milestone_deleted_waiting")
def _milestone_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(Plan.objects.filter(scheme_id=instance.scheme_id))


@receiver(post_save, sender=DeadlineExtension, dispatch_uid="extension_waiting")
@receiver(post_delete, sender=DeadlineExtension, dispatch_uid="extension_deleted_waiting")
def _extension_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(
            Plan.objects.filter(scheme_id=instance.scheme_id, region_id=instance.region_id)
        )


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


@receiver(post_save, sender=PlanVersion, dispatch_uid="version_waiting")
@receiver(post_delete, sender=PlanVersion, dispatch_uid="version_deleted_waiting")
def _version_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(Plan.objects.filter(pk=instance.plan_id))


@receiver(post_save, sender=Advice, dispatch_uid="advice_waiting")
@receiver(post_delete, sender=Advice, dispatch_uid="advice_deleted_waiting")
def _advice_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queues.refresh(Plan.objects.filter(versions__pk=instance.version_id))


@receiver(post_save, sender=Organisation, dispatch_uid="organisation_waiting")
@receiver(post_delete, sender=Organisation, dispatch_uid="organisation_deleted_waiting")
def _organisation_changed(sender, instance, raw=False, **kwargs):
    # Advice is owed by every assessor organisation: one more or less changes who owes it.
    if not raw:
        queues.refresh(Plan.objects.filter(state__in=ADVICE_STATES))


@receiver(post_migrate, dispatch_uid="waiting_after_migrate")
def _after_migrate(sender, apps=None, **kwargs):
    # Fills the columns in a database migrated from before they existed, and heals any drift;
    # not when migrated back to before them.
    if sender.name != "sectorplan.assessment" or apps is None:
        return
    try:
        apps.get_model("plans", "Plan")._meta.get_field("waits_for")
        apps.get_model("assessment", "NationalPlan")
    except LookupError:
        return
    queues.refresh(Plan.objects.all())
