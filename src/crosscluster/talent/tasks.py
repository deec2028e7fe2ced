"""Background tasks of the talent area: tell people about new good matches (once per pair)."""

from huey.contrib.djhuey import db_task

from . import matching


@db_task()
def notify_job_matches(*, job_id: int) -> int:
    return matching.notify_for_job(job_id)


@db_task()
def notify_profile_matches(*, profile_id: int) -> int:
    return matching.notify_for_profile(profile_id)


@db_task()
def notify_staff_matches(*, post_id: int) -> int:
    return matching.notify_for_staff_post(post_id)
