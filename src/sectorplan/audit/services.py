"""Writing to the audit log. Callers run inside their own transaction, so an action and its
audit event are saved together or not at all."""

from .models import AuditEvent

SYSTEM_ACTOR = "systeem"


def record(
    *,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    actor=None,
    before=None,
    after=None,
    reason: str = "",
    scope: str = "",
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username()
        if user
        else (actor if isinstance(actor, str) else SYSTEM_ACTOR),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        before=before,
        after=after,
        reason=reason,
        scope=scope,
    )
