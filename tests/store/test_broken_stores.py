"""Stores that SQLite cannot fully read or write: a damaged page, a read-only file or folder, paths
that are no store. Every command says so in one line naming the file and what to do, and exits 1.

The read-only cases are the real conditions the OS reports: files and folders made read-only with
chmod, and the commands run in a process that permissions bind (when the tests run as root, one
without root's power to override them).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from storydiff.cli import main
from storydiff.errors import StoreError, StoreUnavailable
from storydiff.ingest import read_inputs
from storydiff.model import Article
from storydiff.store import Store
from storydiff.stories import IngestStopped, ingest
from tests.conftest import EXAMPLE

SRC = Path(__file__).resolve().parents[2] / "src"


def _store(path: Path) -> str:
    """A store holding the example pair (one story); its story id."""
    with Store(path) as store:
        ingest(store, read_inputs([str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]))
        return store.stories()[0].id


def _damage(db: Path) -> None:
    """Overwrite every page but the first: the header and the schema stay valid, every table is garbage."""
    data = db.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    db.write_bytes(data[:page] + b"\xff" * (len(data) - page))


def _one_error_line(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- a damaged page ---------------------------------------------------------------------------


def test_every_command_says_a_damaged_store_is_damaged(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    story = _store(db)
    _damage(db)
    runner = CliRunner()
    new = tmp_path / "c.txt"
    new.write_text("A fire destroyed the Harlow Street bakery on Friday, officials said.", encoding="utf-8")
    for args in (["ingest", str(new)], ["stories"], ["show", story], ["export"], ["export", "--what", "reports"]):
        result = runner.invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
        line = _one_error_line(result)
        assert f"{db}: the store is damaged (database disk image is malformed)" in line, args
        assert "restore it from a copy" in line and "into a new store" in line, args
        if args[0] == "ingest":
            assert line.endswith("1 of the 1 articles read were not stored (0 stored, 0 already stored, 0 failed)")


def test_serve_answers_503_naming_the_damage(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storydiff.web import create_app

    db = tmp_path / "s.db"
    story = _store(db)
    _damage(db)
    client = TestClient(create_app(db))
    for path in ("/stories.json", f"/stories/{story}.json", "/stories", f"/stories/{story}"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert f"{db}: the store is damaged (database disk image is malformed)" in response.text, path
    assert client.get("/stories.json").json()["error"].startswith("The store cannot be used: ")


def test_a_store_failing_midway_keeps_what_was_stored_and_counts_the_rest(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [(EXAMPLE / name).read_text(encoding="utf-8") for name in ("a.txt", "b.txt")]
    articles = [Article(id="a", text=texts[0]), Article(id="b", text=texts[1]), Article(id="c", text=texts[0] + "!")]
    original = Store._insert

    def damaged_after_one(self: Store, item: Any) -> str | None:
        if self.counts()["articles"]:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return original(self, item)

    monkeypatch.setattr(Store, "_insert", damaged_after_one)
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(IngestStopped) as stopped:
            ingest(store, articles, batch=1)
        assert isinstance(stopped.value, StoreUnavailable)
        result = stopped.value.result
        assert (result.read, result.stored, result.skipped, result.failed, result.unstored) == (3, 1, 0, 0, 2)
        assert str(stopped.value).endswith("; 2 of the 3 articles read were not stored (1 stored, 0 already stored, "
                                           "0 failed)")
        assert store.article_ids() == ["a"]  # the batch stored before the failure stays stored


def test_sqlite_errors_while_reading_are_store_errors(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    story = _store(db)
    _damage(db)
    with Store(db, readonly=True) as store:
        for read in (store.stories, store.article_ids, lambda: store.story(story), lambda: store.article("a")):
            with pytest.raises(StoreUnavailable, match="the store is damaged"):
                read()


@pytest.mark.parametrize(("table", "column", "value", "reads"), [
    ("facts", "facts", '[{"kind": "quantity", "start": 1', ("facts", "story compared again")),  # JSON cut short
    ("facts", "facts", '[{"kind": "no such kind"}]', ("facts", "story compared again")),
    ("articles", "meta", "{", ("article", "facts", "story compared again")),
    ("articles", "published", "20x4-13-99", ("article", "facts")),
    ("stories", "outlets", "[null", ("stories",)),
    ("compared", "story_json", '{"@": "Story", "id": "s-', ("story",)),
    ("compared", "story_json", '{"@": "Popen", "args": ["sh"]}', ("story",)),
])
def test_a_damaged_row_sqlite_cannot_see_is_a_damaged_store(tmp_path: Path, table: str, column: str, value: str,
                                                            reads: tuple[str, ...]) -> None:
    db = tmp_path / "s.db"
    story = _store(db)
    with Store(db, readonly=True) as store:
        first = store.article_ids()[0]
    with sqlite3.connect(db) as raw:  # a changed value inside a row: SQLite's own checks pass
        raw.execute(f"UPDATE {table} SET {column} = ?", (value,))
        if "story compared again" in reads:  # its comparison kept at ingest reads none of the facts
            raw.execute("DELETE FROM compared")
    calls = {"article": lambda s: s.article(first), "facts": lambda s: s.facts([first]),
             "story": lambda s: s.story(story), "story compared again": lambda s: s.story(story),
             "stories": lambda s: s.stories()}
    with Store(db, readonly=True) as store:
        for name in reads:
            with pytest.raises(StoreUnavailable, match=r"the store is damaged \(a stored row cannot be read"):
                calls[name](store)


def test_a_stored_text_that_is_not_utf8_is_a_damaged_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    story = _store(db)
    with sqlite3.connect(db) as raw:  # bytes that are not UTF-8 in a TEXT value, as a changed byte leaves them
        raw.execute("UPDATE articles SET title = CAST(X'80' AS TEXT)")
        raw.execute("DELETE FROM compared")  # a comparison kept at ingest reads no titles (the page reads article())
    with Store(db, readonly=True) as store:
        for read in (lambda: store.article("a"), lambda: store.story(story)):
            with pytest.raises(StoreUnavailable, match="the store is damaged"):
                read()


def test_export_writes_every_article_it_can_still_read(tmp_path: Path) -> None:
    """One damaged page of the articles table: export names each article on it in one line and
    writes all the others, which a new store can then be made from."""
    from storydiff.model import ArticleFacts
    from storydiff.store import Analysed
    from tests.group.test_cluster import _synthetic

    sigs, _ = _synthetic(20, seed=3)
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add([Analysed(ArticleFacts(Article(s.article, f"Report {s.article}. " * 40), ()), s) for s in sigs])
        ids = store.article_ids()
        [page] = store.db.execute("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' "
                                  "ORDER BY pageno LIMIT 1 OFFSET 1").fetchone()
    size = int.from_bytes(db.read_bytes()[16:18], "big")
    with db.open("r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xff" * size)
    result = CliRunner().invoke(main, ["export", "--db", str(db)], catch_exceptions=False)
    written = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    lost = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1 and written and lost
    for line in lost:
        assert line.startswith("storydiff: article '") and "' not exported: " in line and "store is damaged" in line
    assert sorted(written + [line.split("'")[1] for line in lost]) == ids


# -- paths that are no store ----------------------------------------------------------------------


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    for readonly in (False, True):
        with pytest.raises(StoreError, match=f"^{tmp_path}: a folder, not a store file"):
            Store(tmp_path, readonly=readonly)


def test_an_empty_file_is_no_store_to_read_and_a_new_store_to_write(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="empty, not a storydiff store yet; run `storydiff ingest"):
        Store(empty, readonly=True)
    result = CliRunner().invoke(main, ["stories", "--db", str(empty)], catch_exceptions=False)
    assert "empty, not a storydiff store yet" in _one_error_line(result)
    with Store(empty) as store:
        assert store.counts()["articles"] == 0
    with Store(empty, readonly=True) as store:
        assert store.stories() == []


def test_a_database_of_another_program_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE articles (x)")
    db.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="an SQLite database of another program, not a storydiff store"):
            Store(other, readonly=readonly)
    assert [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")] == ["articles"]


def test_commands_name_a_file_that_is_no_store_or_a_newer_one(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    newer = tmp_path / "newer.db"
    _store(newer)
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version = 99")
    db.close()
    runner = CliRunner()
    for path, says in ((junk, "not a storydiff store (file is not a database)"), (newer, "made by a newer storydiff")):
        for args in (["stories"], ["export"], ["show", "s-x"], ["ingest", str(EXAMPLE / "a.txt")]):
            line = _one_error_line(runner.invoke(main, [*args, "--db", str(path)], catch_exceptions=False))
            assert f"{path}: {says}" in line, (path, args)


# -- read-only files and folders, as the OS reports them ------------------------------------------

DRIVER = """
import json, sys
from pathlib import Path
from click.testing import CliRunner
from storydiff.cli import main
try:
    Path(sys.argv[2]).open("ab").close()
    sys.exit("permissions do not bind this process: it can write " + sys.argv[2])
except PermissionError:
    pass
runner = CliRunner()
print(json.dumps([
    {"args": args, "exit": (r := runner.invoke(main, args)).exit_code, "stdout": r.stdout, "stderr": r.stderr,
     "exception": repr(r.exception) if r.exception and not isinstance(r.exception, SystemExit) else None}
    for args in json.loads(sys.argv[1])]))
"""
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def _bound_by_permissions() -> None:
    """In the child, before it runs Python: give up root's power to read and write past permissions
    (dropped from the bounding set, root's programs start without it)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run(tmp: Path, read_only: Path, commands: list[list[str]]) -> list[dict[str, Any]]:
    """Run storydiff commands in one process that permissions bind; ``read_only`` must be unwritable there."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(SRC), "HOME": str(tmp), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands), str(read_only)], env=env,
                          capture_output=True, text=True, timeout=300, check=False, cwd=tmp,
                          preexec_fn=_bound_by_permissions)
    if "permissions do not bind" in done.stderr:
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    assert all(r["exception"] is None for r in results), results
    return results


def _error(result: dict[str, Any]) -> str:
    lines = [line for line in result["stderr"].splitlines() if line.strip()]
    assert result["exit"] == 1 and len(lines) == 1 and lines[0].startswith("Error: "), result
    return lines[0]


def _new_article(tmp: Path) -> str:
    """An article the store does not hold: storing it has to write."""
    path = tmp / "c.txt"
    path.write_text("A fire destroyed the Harlow Street bakery on Friday, officials said.", encoding="utf-8")
    return str(path)


def _reading(db: Path, story: str) -> list[list[str]]:
    return [["stories", "--db", str(db), "--format", "json"], ["show", story, "--db", str(db), "--format", "json"],
            ["export", "--db", str(db)]]


def _reads(results: list[dict[str, Any]], story: str) -> None:
    """stories, show and export read the store as they would a writable one."""
    listing, show, export = results
    assert listing["exit"] == show["exit"] == export["exit"] == 0, results
    assert [s["id"] for s in json.loads(listing["stdout"])["stories"]] == [story]
    assert json.loads(show["stdout"])["stories"][0]["articles"] == ["a", "b"]
    assert [json.loads(line)["id"] for line in export["stdout"].splitlines()] == ["a", "b"]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder for a store; made writable again after the test, so that it can be removed."""
    path = tmp_path / "store"
    path.mkdir()
    yield path
    path.chmod(0o755)


def test_a_read_only_store_is_read_but_not_written(tmp_path: Path, folder: Path) -> None:
    db = folder / "s.db"
    story = _store(db)
    db.chmod(0o444)
    results = _run(tmp_path, db, [["ingest", _new_article(tmp_path), "--db", str(db)],
                                  ["import", str(tmp_path), "--db", str(db)], *_reading(db, story)])
    for result in results[:2]:
        assert _error(result) == (f"Error: {db}: the store is read-only (no write permission on the file); adding "
                                  f"to it needs to write it: make it writable (chmod u+w {db}) or work on a copy; "
                                  "stories, show, export and serve can still read it")
    _reads(results[2:], story)


def test_a_store_in_a_read_only_folder_is_read_but_not_written(tmp_path: Path, folder: Path) -> None:
    db = folder / "s.db"
    story = _store(db)
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]  # no journal left beside it
    folder.chmod(0o555)
    results = _run(tmp_path, folder / "new.db", [["ingest", _new_article(tmp_path), "--db", str(db)],
                                                 ["ingest", str(EXAMPLE / "a.txt"), "--db", str(folder / "new.db")],
                                                 *_reading(db, story)])
    assert _error(results[0]) == (f"Error: {db}: the folder {folder} is not writable: SQLite needs to create the "
                                  "store's journal (s.db-wal, s.db-shm) there; make the folder writable, or move "
                                  "the store to one that is")
    assert _error(results[1]) == (f"Error: {folder / 'new.db'}: the folder {folder} is not writable: the store "
                                  "cannot be created there; give a path in a writable folder")
    _reads(results[2:], story)
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]


def test_a_read_only_folder_with_an_unread_journal_is_refused_not_misread(tmp_path: Path, folder: Path) -> None:
    """A write-ahead log can be read only through its -shm index, which SQLite cannot create in a
    read-only folder; reading the main file alone would miss what the log holds."""
    db = folder / "s.db"
    _store(db)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE articles SET title = 'changed'")
    shutil.copy(folder / "s.db-wal", tmp_path / "kept-wal")  # the log as a crash would leave it
    shutil.copy(db, tmp_path / "kept-db")
    writer.close()
    shutil.move(tmp_path / "kept-wal", folder / "s.db-wal")
    shutil.move(tmp_path / "kept-db", db)
    (folder / "s.db-shm").unlink(missing_ok=True)
    folder.chmod(0o555)
    [result] = _run(tmp_path, folder / "s.db-shm", [["stories", "--db", str(db)]])
    assert _error(result) == (f"Error: {db}: the folder {folder} is not writable, and SQLite can read the store's "
                              "write-ahead log (s.db-wal) only by creating s.db-shm there; make the folder writable, "
                              "or copy the store with its s.db-wal to a writable folder")


def test_a_negative_schema_version_is_a_damaged_store(tmp_path: Path) -> None:
    """The header's user version is four bytes at offset 60: a changed byte there can make it
    negative, which no storydiff ever writes."""
    db = tmp_path / "s.db"
    _store(db)
    data = bytearray(db.read_bytes())
    data[60] = 0x80
    db.write_bytes(bytes(data))
    for readonly in (False, True):
        with pytest.raises(StoreUnavailable, match=r"the store is damaged \(schema version -"):
            Store(db, readonly=readonly)


def test_a_changed_character_in_a_stored_text_is_a_damaged_store(tmp_path: Path) -> None:
    """Two bytes of an article's text replaced by one two-byte character: the row still reads, but
    every offset after it would point at the wrong characters."""
    db = tmp_path / "s.db"
    story = _store(db)
    with sqlite3.connect(db) as raw:
        (text,) = raw.execute("SELECT text FROM articles WHERE id = 'a'").fetchone()
        raw.execute("UPDATE articles SET text = ? WHERE id = 'a'", ("\u0080" + text[2:],))
    with Store(db, readonly=True) as store:
        for read in (lambda: store.article("a"), lambda: store.story(story)):
            with pytest.raises(StoreUnavailable, match="the text of article 'a' is not the text it was stored with"):
                read()


def test_a_changed_digit_in_a_kept_comparison_or_publication_time_is_a_damaged_store(tmp_path: Path) -> None:
    """One byte of a kept comparison changed so that its JSON still reads (an offset 1847 become 184,
    as the fuzz suite found): the evidence would point at the wrong characters, so it is damage, as is
    a changed offset of a publication time's evidence."""
    db = tmp_path / "s.db"
    story = _store(db)
    with sqlite3.connect(db) as raw:
        (kept,) = raw.execute("SELECT story_json FROM compared").fetchone()
        changed = re.sub(r'"end":(\d+)', lambda m: f'"end":{m.group(1)[:-1] or "0"}', kept, count=1)
        assert changed != kept
        raw.execute("UPDATE compared SET story_json = ?", (changed,))
    with Store(db, readonly=True) as store, pytest.raises(StoreUnavailable, match="is not the one stored"):
        store.story(story)
    stamped = tmp_path / "t.db"
    with Store(stamped) as store:
        ingest(store, [Article(id="p", text="Posted: Nov 27, 2005 8:20 AM ET\n\nA quake struck the island.")])
    with sqlite3.connect(stamped) as raw:
        (when,) = raw.execute("SELECT when_json FROM published").fetchone()
        raw.execute("UPDATE published SET when_json = ?", (when.replace('"evidence": [0, ', '"evidence": [1, '),))
    with Store(stamped, readonly=True) as store, pytest.raises(StoreUnavailable, match="is not the one stored"):
        store.whens(["p"])


def test_a_comparison_or_time_kept_without_a_digest_is_made_again_not_damage(tmp_path: Path) -> None:
    """Rows kept before they carried a digest are read as out of date: compared and read again."""
    db = tmp_path / "s.db"
    story = _store(db)
    with Store(db, readonly=True) as store:
        fresh = store.story(story)
        times = store.whens(["a", "b"])
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE compared SET key = substr(key, 1, instr(key, ':') - 1)")
        for article, when in raw.execute("SELECT article, when_json FROM published").fetchall():
            data = json.loads(when)
            del data["digest"]
            raw.execute("UPDATE published SET when_json = ? WHERE article = ?", (json.dumps(data), article))
    with Store(db, readonly=True) as store:
        assert store.story(story) == fresh and store.whens(["a", "b"]) == times
