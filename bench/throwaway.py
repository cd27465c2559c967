"""The database a benchmark fills and measures, made for it and dropped afterwards."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def throwaway_database(name: str) -> Iterator[str]:
    """Create and migrate a database of the benchmark's own, then drop it.

    On PostgreSQL it is `name` on DATABASE_URL's server; with SQLite, a file in a
    temporary folder. DATABASE_URL's own database is never opened. Yields its name.
    """
    from django.db import connection

    with tempfile.TemporaryDirectory() as folder:
        if connection.vendor == "sqlite":
            name = str(Path(folder) / "bench.sqlite3")
        connection.settings_dict["TEST"]["NAME"] = name
        print(f"Creating and migrating the {connection.vendor} database {name}", flush=True)
        original_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            yield name
        finally:
            connection.creation.destroy_test_db(original_name, verbosity=0)
