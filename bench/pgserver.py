"""A throwaway PostgreSQL server on loopback for benchmarks: initdb, start, stop.

As root the server runs as the ``postgres`` user (PostgreSQL refuses to run as root).
The data directory is kept between runs so a filled database can be reused; ``fresh``
starts from an empty one.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _binary(name: str) -> str:
    path = shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None)
    if not path:
        raise SystemExit(
            f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql) or set DATABASE_URL"
        )
    return str(path)


class PostgresServer:
    def __init__(self, data_dir: Path, *, fresh: bool = False):
        self.data_dir = Path(data_dir)
        self.port = free_port()
        if fresh and self.data_dir.exists():
            shutil.rmtree(self.data_dir)

    def _run(self, *args: str, **kwargs):
        return subprocess.run(_as_postgres(list(args)), check=True, capture_output=True, text=True, **kwargs)

    def start(self, database: str = "crosscluster_bench") -> str:
        """Start the server (creating the cluster if needed) and return a DATABASE_URL for ``database``."""
        if not (self.data_dir / "PG_VERSION").exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.data_dir, "postgres")
            self._run(_binary("initdb"), "-D", str(self.data_dir), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                      "--locale=C.UTF-8")  # fmt: skip
        pg_ctl = _binary("pg_ctl")
        if (
            subprocess.run(_as_postgres([pg_ctl, "-D", str(self.data_dir), "status"]), capture_output=True).returncode
            == 0
        ):
            self._run(pg_ctl, "-D", str(self.data_dir), "-m", "fast", "-w", "stop")  # left over from an aborted run
        options = (
            f"-k {self.data_dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=16MB "
            "-c max_connections=50 "
            # Two cores shared with gunicorn and the load generator: no parallel query workers competing with
            # the web workers; the tables sit in memory (SSD-like random reads), so index scans are cheap.
            "-c max_parallel_workers_per_gather=0 -c random_page_cost=1.1 -c effective_cache_size=4GB -c jit=off"
        )
        self._run(
            pg_ctl, "-D", str(self.data_dir), "-o", options, "-l", str(self.data_dir / "server.log"), "-w", "start"
        )
        self._create_database(database)
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _create_database(self, name: str):
        import psycopg

        for _ in range(50):
            try:
                conn = psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True)
                break
            except psycopg.OperationalError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"PostgreSQL did not accept connections; see {self.data_dir / 'server.log'}")
        with conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')

    def stop(self):
        subprocess.run(
            _as_postgres([_binary("pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"]),
            capture_output=True,
            check=False,
        )
