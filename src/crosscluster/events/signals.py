"""A seat freed by deleting a registration (an account deleted by a coordinator, a registration removed in the
admin) goes to the first person on the waiting list, as when the participant cancels. Deleting the event itself
promotes nobody: its waiting list goes with it."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import registrations
from .models import Event, Registration


def _deleting_events(origin) -> bool:
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model is Event


@receiver(post_delete, sender=Registration, dispatch_uid="events.promote_after_deletion")
def promote_after_deletion(sender, instance: Registration, origin=None, **kwargs):
    if instance.status != Registration.Status.CONFIRMED or _deleting_events(origin):
        return
    # Deletion runs in a transaction (Django's collector), so the event row can be locked as cancelling does.
    event = Event.objects.select_for_update().filter(pk=instance.event_id).first()
    if event is not None:
        registrations.promote_waitlisted(event)
