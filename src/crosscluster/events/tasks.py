"""Background tasks of the events app (huey; `crosscluster worker` runs them, tests run them at once)."""

from huey.contrib.djhuey import db_task

from . import notifications


@db_task()
def registration_mail(*, registration_id: int, kind: str) -> None:
    """A registration mail (confirmed, waiting list, promoted, event cancelled), off the request: a slow mail
    server then delays nobody's page."""
    notifications.send_registration_mail(registration_id=registration_id, kind=kind)
