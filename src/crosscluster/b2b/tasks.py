"""Background tasks (huey; ``crosscluster worker`` runs them, tests run them at once)."""

from huey.contrib.djhuey import db_task

from . import scheduling


@db_task()
def schedule_run(*, run_id: int) -> None:
    """Run the optimiser for a queued scheduling run and store the schedule (progress goes to the run row)."""
    scheduling.execute_run(run_id)
