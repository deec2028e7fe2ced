"""The ``crosscluster`` command.

crosscluster demo [--port 8000]   SQLite in ./data, demo data, serve on 127.0.0.1
crosscluster serve                production application server (gunicorn) on DATABASE_URL
crosscluster worker               background tasks (huey consumer): scheduling runs, reminders, expiry
crosscluster <django command>     any manage.py command (migrate, createsuperuser, ...)
"""

import argparse
import os
import subprocess
import sys

from crosscluster.matchmaking import cli as matchmaking_cli


def _django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crosscluster.settings")
    from crosscluster.i18n import compile_catalogues

    compile_catalogues()
    import django
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") or not settings.REDIS_URL:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database and/or task queue live here
    django.setup()


def demo(argv):
    parser = argparse.ArgumentParser(prog="crosscluster demo", description="Run the demo on SQLite.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="prepare the database, do not serve")
    args = parser.parse_args(argv)
    os.environ.setdefault("CROSSCLUSTER_ENV", "development")
    _django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=1)
    _print_demo_logins()
    if args.no_serve:
        return
    print(f"\nCrossCluster demo: http://127.0.0.1:{args.port}/\n", flush=True)
    worker = _start_worker()
    try:
        call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, skip_checks=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def _start_worker() -> subprocess.Popen:
    """The background worker beside the demo's web server (scheduling runs, reminders, expiry)."""
    return subprocess.Popen([sys.executable, "-m", "crosscluster", "worker"], env={**os.environ})


def worker(argv):
    """Run the background task consumer (huey) until stopped: `crosscluster worker [run_huey options]`."""
    _django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["crosscluster", "run_huey", *argv])


def _print_demo_logins():
    from crosscluster.directory.demo import DEMO_PASSWORD
    from crosscluster.directory.demo.loader import DEMO_USERS

    rows = [("Role", "E-mail", "Password")] + [(u.role, u.email, DEMO_PASSWORD) for u in DEMO_USERS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print("\nDemo logins (invented data only):")
    for n, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * width for width in widths))
    print(flush=True)


def serve(argv):
    parser = argparse.ArgumentParser(prog="crosscluster serve", description="Run the production server.")
    parser.add_argument("--bind", default=os.getenv("BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.getenv("WEB_CONCURRENCY", "3")))
    parser.add_argument("--no-migrate", action="store_true")
    args = parser.parse_args(argv)
    _django_setup()
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", interactive=False)
    call_command("collectstatic", interactive=False, verbosity=0)
    os.execvp(  # noqa: S606 - replaces this process with the application server
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "crosscluster.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            "*",
        ],
    )


COMMANDS = {
    "demo": demo,
    "serve": serve,
    "worker": worker,
    "matchmaking": lambda argv: sys.exit(matchmaking_cli.main(argv)),
}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    from django.core.exceptions import ImproperlyConfigured

    try:
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        _django_setup()
    except ImproperlyConfigured as exc:
        sys.exit(f"crosscluster: {exc}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["crosscluster", *argv])


if __name__ == "__main__":
    main()
