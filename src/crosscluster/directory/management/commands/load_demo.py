from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data (Hamburg's clusters and invented member organisations) once."

    def handle(self, *args, **options):
        self.stdout.write("demo data: not yet implemented")
