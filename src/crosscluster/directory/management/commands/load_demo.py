import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from crosscluster.directory.demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo data once: Hamburg's eight clusters and four networks, topics, about 300 invented "
        "member organisations with people, and one login per role. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="load even though CROSSCLUSTER_ENV is production (not advised)"
        )
        parser.add_argument("--reset", action="store_true", help="remove existing demo data first, then load")

    def handle(self, *args, force=False, reset=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Refusing to load demo data into a production installation (CROSSCLUSTER_ENV=production). "
                "Use --force if you really want invented organisations in this database."
            )
        if reset:
            loader.remove()
            self.stdout.write("Removed the existing demo data.")
        elif loader.is_loaded():
            self.stdout.write("Demo data is already loaded; nothing to do (use --reset to load it afresh).")
            return
        started = time.monotonic()
        created = loader.load()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded demo data in {seconds:.1f} s: {clusters} clusters and networks, {topics} topics, "
                "{organisations} organisations, {memberships} memberships, {people} people, {users} users.".format(
                    seconds=time.monotonic() - started, **created
                )
            )
        )
