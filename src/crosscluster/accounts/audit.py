"""The audit log: one call per service write, inside the same transaction."""

from .models import AuditLogEntry


def log(action: str, *, actor, obj=None, **data) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data,
    )
