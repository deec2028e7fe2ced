"""Background tasks of the marketplace (huey; `crosscluster worker` runs them, tests run them at once).

Tasks take ids and call the services; they are enqueued after the transaction that caused them has committed.
Periodic tasks run on UTC times (see ``settings.HUEY``).
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import alerts, matching, notifications, services
from .messaging import recipients
from .models import Message


@db_task()
def post_published(*, post_id: int) -> None:
    """Instant saved-search alerts and notices of new good matches for a post that was just published."""
    alerts.send_instant_alerts(post_id)
    matching.notify_good_matches(post_id)


@db_task()
def message_posted(*, message_id: int) -> None:
    """Tell the other side of a conversation about a new message."""
    message = Message.objects.select_related("thread__post__organisation", "thread__asking_organisation",
                                             "thread__asker").filter(pk=message_id).first()  # fmt: skip
    if message is None:
        return
    for user in recipients(message):
        notifications.send_new_message(user, message=message)


@db_periodic_task(crontab(hour="0", minute="5"))
def expire_posts_daily() -> None:
    """00:05 UTC, i.e. just after midnight in Germany: open posts whose "valid to" has passed expire."""
    services.expire_posts()


@db_periodic_task(crontab(hour="5", minute="0"))
def send_daily_digests() -> None:
    """05:00 UTC (06:00 or 07:00 in Germany): the daily digests of saved searches."""
    alerts.send_daily_digests()
