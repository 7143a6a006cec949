"""Memberships change in the admin, outside our services: these receivers put every change in
the audit log all the same (who belongs to which organisation decides what they may do).

A signal does not know the request, so the admin names the acting user with `acting_as`
(accounts/admin.py); a change made without it (a shell, a data migration) is recorded as
"systeem"."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from sectorplan.audit.services import record

from .models import Membership

# A context variable, not a thread-local: correct under threads and async views alike.
_actor: ContextVar = ContextVar("membership_actor", default=None)


@contextmanager
def acting_as(user):
    """Membership changes inside this block are recorded with `user` as the actor."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def _state(membership: Membership) -> dict:
    return {
        "user": membership.user.get_username(),
        "organisation": str(membership.organisation),
        "role": membership.role,
    }


@receiver(pre_save, sender=Membership)
def remember_before(sender, instance: Membership, **kwargs):
    old = Membership.objects.filter(pk=instance.pk).select_related("user", "organisation").first()
    instance._audit_before = _state(old) if old else None


@receiver(post_save, sender=Membership)
def record_saved(sender, instance: Membership, created: bool, **kwargs):
    before = getattr(instance, "_audit_before", None)
    after = _state(instance)
    if before == after:
        return
    record(
        action="membership.created" if created else "membership.changed",
        obj=instance,
        actor=_actor.get(),
        before=before,
        after=after,
    )


@receiver(post_delete, sender=Membership)
def record_deleted(sender, instance: Membership, **kwargs):
    record(action="membership.deleted", obj=instance, actor=_actor.get(), before=_state(instance))
