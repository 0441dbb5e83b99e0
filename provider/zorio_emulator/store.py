"""SQLite persistence: one connection guarded by one process-wide RLock; every backend operation is one transaction.

Objects of every kind are JSON documents in `objects`; leads, media bytes, tokens and idempotency records
have their own tables.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (kind TEXT PRIMARY KEY, next_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL, id INTEGER NOT NULL, tenant_id INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS objects_by_tenant ON objects (kind, tenant_id, id);
CREATE TABLE IF NOT EXISTS blobs (kind TEXT NOT NULL, id INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS leads (
    id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, tenant_id INTEGER NOT NULL,
    phone_norm TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (campaign_id, phone_norm));
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY, secret TEXT NOT NULL, tenant_id INTEGER NOT NULL, user_id INTEGER,
    role TEXT NOT NULL, permissions TEXT NOT NULL, source TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
    name TEXT);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
    body_hash TEXT NOT NULL, status INTEGER, headers TEXT, body BLOB, created_at REAL NOT NULL,
    PRIMARY KEY (scope, key));
"""
TABLES = ("meta", "sequences", "objects", "blobs", "leads", "tokens", "idempotency")


class Store:
    """The emulator's database. Use `with store.tx() as db:` for every read or write."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self._depth = 0
        with self.lock:
            if path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(SCHEMA)
            self._add_missing_columns()
            # Requests that were in flight when a file DB was last closed never finished.
            self.conn.execute("DELETE FROM idempotency WHERE status IS NULL")

    def _add_missing_columns(self) -> None:
        """A database file written by an older emulator lacks the columns added since (tokens.name)."""
        columns = {row["name"] for row in self.conn.execute("PRAGMA table_info(tokens)")}
        if "name" not in columns:
            self.conn.execute("ALTER TABLE tokens ADD COLUMN name TEXT")

    @contextmanager
    def tx(self) -> Iterator[Store]:
        """One transaction under the process-wide lock (re-entrant: nested calls join the outer one)."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self) -> None:
        """Close the connection."""
        with self.lock:
            self.conn.close()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run one statement (inside `tx()`)."""
        return self.conn.execute(sql, params)

    def wipe(self) -> None:
        """Delete every row of every table."""
        for table in TABLES:
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # --- meta and sequences ------------------------------------------------------
    def meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row["value"]

    def set_meta(self, key: str, value: str) -> None:
        """Set a meta value."""
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def next_id(self, kind: str) -> int:
        """The next id of `kind` (ids are never reused, like an auto-increment column)."""
        row = self.conn.execute("SELECT next_id FROM sequences WHERE kind = ?", (kind,)).fetchone()
        value = 1 if row is None else row["next_id"]
        self.bump_sequence(kind, value)
        return value

    def bump_sequence(self, kind: str, used_id: int) -> None:
        """Make sure later ids of `kind` are above `used_id`."""
        self.conn.execute(
            "INSERT INTO sequences (kind, next_id) VALUES (?, ?) "
            "ON CONFLICT(kind) DO UPDATE SET next_id = MAX(next_id, excluded.next_id)",
            (kind, used_id + 1),
        )

    # --- JSON documents ------------------------------------------------------------
    def get(self, kind: str, obj_id: int) -> tuple[int, dict[str, Any]] | None:
        """(tenant_id, document) of one object, or None."""
        row = self.conn.execute(
            "SELECT tenant_id, data FROM objects WHERE kind = ? AND id = ?", (kind, obj_id)
        ).fetchone()
        return None if row is None else (row["tenant_id"], json.loads(row["data"]))

    def put(self, kind: str, obj_id: int, tenant_id: int, data: dict[str, Any]) -> None:
        """Insert or replace one object."""
        self.conn.execute(
            "INSERT OR REPLACE INTO objects (kind, id, tenant_id, data) VALUES (?, ?, ?, ?)",
            (kind, obj_id, tenant_id, json.dumps(data)),
        )

    def delete(self, kind: str, obj_id: int) -> None:
        """Delete one object and its blob."""
        self.conn.execute("DELETE FROM objects WHERE kind = ? AND id = ?", (kind, obj_id))
        self.conn.execute("DELETE FROM blobs WHERE kind = ? AND id = ?", (kind, obj_id))

    def all(self, kind: str, tenant_id: int | None = None) -> list[dict[str, Any]]:
        """Every object of `kind` (of one tenant, if given), by id."""
        if tenant_id is None:
            rows = self.conn.execute("SELECT data FROM objects WHERE kind = ? ORDER BY id", (kind,))
        else:
            rows = self.conn.execute(
                "SELECT data FROM objects WHERE kind = ? AND tenant_id = ? ORDER BY id", (kind, tenant_id)
            )
        return [json.loads(row["data"]) for row in rows]

    def page(self, kind: str, tenant_id: int, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """(one page of a tenant's objects of `kind` by id, how many there are): a list request reads its page, not
        every object (a listing of N objects in pages then costs O(N), as an indexed API's does)."""
        total = self.conn.execute("SELECT COUNT(*) FROM objects WHERE kind = ? AND tenant_id = ?",
                                  (kind, tenant_id)).fetchone()[0]
        if offset >= total:  # (past the last page: also an offset SQLite cannot hold)
            return [], int(total)
        rows = self.conn.execute(
            "SELECT data FROM objects WHERE kind = ? AND tenant_id = ? ORDER BY id LIMIT ? OFFSET ?",
            (kind, tenant_id, limit, offset))
        return [json.loads(row["data"]) for row in rows], int(total)

    def put_blob(self, kind: str, obj_id: int, data: bytes) -> None:
        """Store the bytes that belong to an object."""
        self.conn.execute("INSERT OR REPLACE INTO blobs (kind, id, data) VALUES (?, ?, ?)", (kind, obj_id, data))

    def get_blob(self, kind: str, obj_id: int) -> bytes | None:
        """The bytes of an object."""
        row = self.conn.execute("SELECT data FROM blobs WHERE kind = ? AND id = ?", (kind, obj_id)).fetchone()
        return None if row is None else bytes(row["data"])
