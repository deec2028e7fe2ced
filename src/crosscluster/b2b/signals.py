"""Follow the events app: a cancelled registration ends that participant's meeting requests and meetings."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from crosscluster.events.models import Registration


@receiver(post_save, sender=Registration, dispatch_uid="b2b_registration_cancelled")
def registration_saved(sender, instance, **kwargs):
    if instance.status == Registration.Status.CANCELLED:
        from .services import registration_cancelled

        registration_cancelled(instance)
