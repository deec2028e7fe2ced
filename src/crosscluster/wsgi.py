import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crosscluster.settings")
application = get_wsgi_application()

# Each worker builds the directory's listing index before it takes requests (directory/selectors.py).
from crosscluster.directory.selectors import warm_listing_index  # noqa: E402 (after the application is set up)

warm_listing_index()
