"""The ``storydiff`` command: a thin shell over the library.

Results go to stdout, diagnostics to stderr. Exit status: 0 when every input was read and
analysed, 1 when some input failed (the others are still reported), 2 for usage errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import click

from .articles import is_link
from .compare import CompareOptions
from .errors import StorydiffError
from .ingest import IngestOptions, load_articles
from .model import Article, Problem
from .report import FORMATS

_NOTHING: Callable[[int], None] = lambda n: None  # noqa: E731 -- progress that shows nothing


def _ingest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True),
        click.option("--title-line", is_flag=True, help="In plain-text inputs, the first line is the title."),
        click.option("--outlet", help="Outlet for inputs that name none (plain text)."),
        click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="Publication date (YYYY-MM-DD) for inputs that give none; relative dates "
                          "(\"Thursday\", \"last week\") are placed against it."),
        click.option("--max-chars", type=click.IntRange(min=1), default=IngestOptions.max_chars, show_default=True,
                     help="Refuse articles longer than this many characters."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _read(inputs: Sequence[str], title_line: bool, outlet: str | None, published: dt.datetime | None,
          max_chars: int) -> tuple[list[Article], list[Problem]]:
    options = IngestOptions(title_line=title_line, outlet=outlet,
                            published=published.date() if published else None, max_chars=max_chars)
    links = sum(1 for name in inputs if is_link(name))
    with _progress(links, "fetching links", minimum=2) as advance, _fetcher(inputs, progress=advance) as fetcher:
        articles, problems = load_articles(inputs, options, fetcher=fetcher)
    _say(problems)
    if not articles:
        raise click.ClickException("no articles could be read from the inputs")
    return articles, problems


def _fetcher(inputs: Sequence[str], **hooks: Any) -> AbstractContextManager[Any]:
    """A fetcher for the links among ``inputs`` (see :class:`storydiff.fetch.Fetcher` for ``hooks``), or
    None when there are none (httpx is then not even imported)."""
    if not any(is_link(name) for name in inputs):
        return nullcontext(None)
    from .fetch import Fetcher

    return Fetcher(**hooks)


def _say(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(f"storydiff: {p.message}", err=True)


def _finish(problems: Sequence[Problem], summary: str) -> None:
    """Each problem, then the summary line, on stderr; exit status 1 when there were problems."""
    _say(problems)
    click.echo(summary, err=True)
    if problems:
        sys.exit(1)


@contextmanager
def _progress(total: int, label: str, *, minimum: int = 4) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and the work (``minimum`` steps or more) is
    long enough to wait for."""
    if total < minimum or not sys.stderr.isatty():
        yield _NOTHING
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storydiff")
def main() -> None:
    """Compare news articles fact by fact: where outlets agree, vary, conflict, or stand alone."""


@main.command("compare")
@_ingest_options
@click.option("--group-by", "group_by", metavar="FIELD",
              help="Articles sharing the value of FIELD (e.g. a JSONL field such as 'event') form one story.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: for the terminal, conflicts first; json: the storydiff.report/1 document; md: Markdown; "
                   "csv: a row per finding and article, for a spreadsheet.")
@click.option("--no-unique", is_flag=True, help="Leave out facts that only one article states.")
def compare_cli(inputs: tuple[str, ...], title_line: bool, outlet: str | None, published: dt.datetime | None,
                max_chars: int, group_by: str | None, fmt: str, no_unique: bool) -> None:
    """Compare INPUTS (files, folders, globs, http(s) links, '-' for stdin) as one story, or one story per
    --group-by value."""
    from .pipeline import compare
    from .report import render

    articles, problems = _read(inputs, title_line, outlet, published, max_chars)
    try:
        with _progress(len(articles), "analysing") as advance:
            report = compare(articles, group_by=group_by, options=CompareOptions(unique=not no_unique),
                             progress=advance)
    except StorydiffError as exc:
        raise click.ClickException(str(exc)) from exc
    _say(report.problems)
    for story in report.stories:
        if story.note:
            click.echo(f"storydiff: note: story {story.id}: {story.note}", err=True)
    report = dataclasses.replace(report, problems=tuple(problems) + report.problems)
    click.echo(render(report, fmt), nl=False)
    if report.problems:
        sys.exit(1)


@main.command("analyze")
@_ingest_options
@click.option("--format", "fmt", type=click.Choice(("json", "text")), default="json", show_default=True,
              help="json: the storydiff.facts/1 document; text: one line per fact.")
def analyze_cli(inputs: tuple[str, ...], title_line: bool, outlet: str | None, published: dt.datetime | None,
                max_chars: int, fmt: str) -> None:
    """Print the facts found in each of INPUTS (files, folders, globs, http(s) links, '-' for stdin) as
    storydiff.facts/1 JSON, or text."""
    from .pipeline import analyze_articles
    from .report import facts_document

    articles, problems = _read(inputs, title_line, outlet, published, max_chars)
    try:
        with _progress(len(articles), "analysing") as advance:
            analyzed, failed = analyze_articles(articles, progress=advance)
    except StorydiffError as exc:
        raise click.ClickException(str(exc)) from exc
    _say(failed)
    problems += failed
    doc = facts_document(analyzed, problems)
    if fmt == "json":
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for art in doc["articles"]:
            click.echo(f"{art['id']}: {len(art['facts'])} facts")
            for f in art["facts"]:
                click.echo(f"  {f['kind']:11s} {f['start']:6d}-{f['end']:<6d} {' '.join(f['text'].split())[:90]}")
    if problems:
        sys.exit(1)


def _db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", default="storydiff.db", show_default=True, type=click.Path(dir_okay=False),
                        help="The SQLite store.")(func)


@contextmanager
def _open_store(db: str, *, readonly: bool) -> Iterator[Any]:
    """The store, open for the block; its errors (missing, damaged, read-only…) become the command's
    one-line error, exit status 1."""
    from .store import Store

    try:
        with Store(db, readonly=readonly) as store:
            yield store
    except StorydiffError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("ingest")
@_ingest_options
@_db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse in this many processes.")
@click.option("--refetch", is_flag=True,
              help="Fetch links again even when the store holds what an earlier ingest fetched from them.")
def ingest_cli(inputs: tuple[str, ...], title_line: bool, outlet: str | None, published: dt.datetime | None,
               max_chars: int, db: str, jobs: int, refetch: bool) -> None:
    """Add INPUTS (files, folders, globs, feeds, WARCs, http(s) links, '-' for stdin) to the store and group
    them into stories.

    Articles already stored (same text) are skipped; bad articles are reported and skipped. A link whose
    page an earlier ingest stored is not fetched again (unless --refetch); feeds are fetched each time.
    """
    from .ingest import read_inputs
    from .store import links
    from .stories import IngestStopped, ingest

    options = IngestOptions(title_line=title_line, outlet=outlet,
                            published=published.date() if published else None, max_chars=max_chars)
    with _open_store(db, readonly=False) as store:
        try:
            with _spinner("ingesting", links=sum(1 for name in inputs if is_link(name))) as (advance, fetched), \
                    _fetcher(inputs, known=None if refetch else lambda url: links.fetched(store, url),
                             remember=lambda urls, article: links.remember(store, urls, article),
                             progress=fetched) as fetcher:
                result = ingest(store, read_inputs(inputs, options, fetcher=fetcher), jobs=jobs, progress=advance)
        except IngestStopped as exc:
            _say(exc.result.problems)
            raise
        summary = (f"storydiff: read {result.read} articles: {result.stored} stored, {result.skipped} already "
                   f"stored, {len(result.problems)} problems")
        if fetcher is not None and fetcher.skipped:
            summary += (f"; {len(fetcher.skipped)} {'link' if len(fetcher.skipped) == 1 else 'links'} not fetched "
                        f"again, already stored (e.g. {fetcher.skipped[0]}; --refetch fetches them)")
        try:
            counts = store.counts()
        except StorydiffError:
            _say(result.problems)
            click.echo(summary, err=True)
            raise
    _finish(result.problems, f"{summary}; the store holds {counts['articles']} articles in {counts['stories']} "
            "stories")


@contextmanager
def _spinner(label: str, *, links: int = 0) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A running count of articles on stderr when it is a terminal (the number of inputs is not known up
    front), and under it the links fetched out of ``links``; yields the two counts' advance functions."""
    if not sys.stderr.isatty():
        yield _NOTHING, _NOTHING
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description} {task.completed}{task.fields[unit]}"),
               TimeElapsedColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=None, unit=" articles")
        if not links:
            yield (lambda n: bar.advance(task, n)), _NOTHING
            return
        fetching = bar.add_task("fetching", total=links, unit=f" of {links} links")
        yield (lambda n: bar.advance(task, n)), (lambda n: bar.advance(fetching, n))


@main.command("stories")
@_db_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: a table; json: the storydiff.stories/1 document.")
@click.option("--limit", type=click.IntRange(min=0), default=0, help="Show at most this many (0: all).")
@click.option("--sort", type=click.Choice(("recent", "conflicts", "articles")), default="recent", show_default=True)
def stories_cli(db: str, fmt: str, limit: int, sort: str) -> None:
    """List the stories in the store: id, title, articles, outlets, dates, conflicts and variants."""
    from .report.stories import stories_document, stories_text
    from .store.codec import json_text

    with _open_store(db, readonly=True) as store:
        stories = store.stories()
    if sort == "conflicts":
        stories.sort(key=lambda s: (-s.conflicts, -s.variants, s.id))
    elif sort == "articles":
        stories.sort(key=lambda s: (-len(s.articles), s.id))
    if limit:
        stories = stories[:limit]
    if fmt == "json":
        click.echo(json_text(stories_document(stories), indent=2))
    else:
        click.echo(stories_text(stories), nl=False)


@main.command("show")
@click.argument("story")
@_db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text, json (storydiff.report/1), md or csv, as for compare.")
def show_cli(story: str, db: str, fmt: str) -> None:
    """Print the report of STORY (an id from `storydiff stories`), from stored facts, without re-parsing."""
    from .model import Report
    from .report import render

    with _open_store(db, readonly=True) as store:
        found = store.story(story)
        articles = tuple(a for a in (store.article(i) for i in found.articles) if a)
    if found.note:
        click.echo(f"storydiff: note: story {found.id}: {found.note}", err=True)
    click.echo(render(Report(articles=articles, stories=(found,), problems=()), fmt), nl=False)


@main.command("timeline")
@click.argument("story")
@_db_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: the articles in order and each shared fact's first statement; json: the "
                   "storydiff.timeline/1 document.")
def timeline_cli(story: str, db: str, fmt: str) -> None:
    """Print STORY's timeline: its articles in order of publication (date, and time where known, from
    the metadata or the page's own stamp), and for each fact they share, who stated it first."""
    from .report.timeline import timeline_document, timeline_text
    from .store.codec import json_text
    from .timeline import story_timeline

    with _open_store(db, readonly=True) as store:
        found = store.story(story)
        articles = [a for a in (store.article(i) for i in found.articles) if a]
        copies = store.copy_groups(list(found.articles))
        whens = store.whens(list(found.articles))
    timeline = story_timeline(found, articles, copies, whens)
    if fmt == "json":
        click.echo(json_text(timeline_document(timeline), indent=2))
    else:
        click.echo(timeline_text(timeline), nl=False)


@main.command("export")
@_db_option
@click.option("--what", type=click.Choice(("articles", "reports", "findings")), default="articles",
              show_default=True,
              help="articles: the articles with their story ids; reports: one storydiff.report/1 document per "
                   "story; findings: a record per finding and article of every story.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv")), default="jsonl", show_default=True,
              help="jsonl: a JSON document per line; csv (findings only): a spreadsheet of the findings, "
                   "columns as `compare --format csv`.")
def export_cli(db: str, what: str, fmt: str) -> None:
    """Write the store's articles, every story's report, or every finding to stdout.

    A record the store cannot read (a damaged page) is named on stderr and the rest still written."""
    if fmt == "csv" and what != "findings":
        raise click.UsageError("--format csv is for --what findings; articles and reports are JSON lines")
    with _open_store(db, readonly=True) as store:
        records = (_exported_findings(store, fmt) if what == "findings"
                   else _exported_articles(store) if what == "articles" else _exported_reports(store))
        failed = 0
        for record in records:
            if isinstance(record, Problem):
                failed += 1
                _say([record])
            else:
                click.echo(record, nl=fmt != "csv")
    if failed:
        sys.exit(1)


def _exported_articles(store: Any) -> Iterator[str | Problem]:
    """One JSON line per article, or the error that kept it from being read."""
    from .store.codec import json_text

    story_of = store.story_of()
    for article_id in store.article_ids():
        try:
            a = store.article(article_id)
        except StorydiffError as exc:
            yield Problem(article_id, f"article {article_id!r} not exported: {exc}")
            continue
        assert a is not None
        yield json_text({"id": a.id, "story": story_of.get(a.id), "outlet": a.outlet, "title": a.title,
                         "published": a.published.isoformat() if a.published else None, "url": a.url,
                         "text": a.text, **{k: v for k, v in a.meta.items() if k not in {"story"}}})


def _exported_reports(store: Any) -> Iterator[str | Problem]:
    """One storydiff.report/1 JSON line per story, or the error that kept it from being read."""
    from .model import Report
    from .report.jsonout import report_document
    from .store.codec import json_text

    for story in _stored_stories(store):
        if isinstance(story, Problem):
            yield story
        else:
            yield json_text(report_document(Report(articles=story[1], stories=(story[0],), problems=())))


def _exported_findings(store: Any, fmt: str) -> Iterator[str | Problem]:
    """The findings of every story, a record per finding and article: CSV records after a header,
    or JSON lines with the same fields."""
    from .report.csvout import COLUMNS, csv_lines, story_rows
    from .store.codec import json_text

    if fmt == "csv":
        yield from csv_lines(())  # the header
    for story in _stored_stories(store):
        if isinstance(story, Problem):
            yield story
        elif fmt == "csv":
            yield from csv_lines(story_rows(*story), header=False)
        else:
            yield from (json_text(dict(zip(COLUMNS, row, strict=True))) for row in story_rows(*story))


def _stored_stories(store: Any) -> Iterator[tuple[Any, tuple[Article, ...]] | Problem]:
    """Each stored story with its articles, or the error that kept it from being read."""
    for summary in store.stories():
        try:
            story = store.story(summary.id)
            articles = tuple(a for a in (store.article(i) for i in story.articles) if a)
        except StorydiffError as exc:
            yield Problem(summary.id, f"story {summary.id!r} not exported: {exc}")
            continue
        yield story, articles


def _settings(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """KEY=VALUE pairs as a dict."""
    out = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE; e.g. --conf spark.driver.memory=4g")
        out[key.strip()] = setting
    return out


@main.command("spark")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.argument("output")
@click.option("--master", help="Spark master: local[*] (the default), local[2], spark://host:7077, yarn, …; "
                               "under spark-submit, spark-submit's own.")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Partitions to analyse in and shuffle to (default: 4 per core, at least one per 2,000 articles).")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", callback=_settings,
              help="A Spark setting, e.g. spark.driver.memory=4g (repeatable).")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT when it holds an earlier storydiff output.")
@click.option("--outlet", help="Outlet for articles that name none.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for articles that give none.")
@click.option("--max-chars", type=click.IntRange(min=1), default=IngestOptions.max_chars, show_default=True,
              help="Refuse articles longer than this many characters.")
def spark_cli(inputs: tuple[str, ...], output: str, master: str | None, partitions: int | None,
              conf: dict[str, str], overwrite: bool, outlet: str | None, published: dt.datetime | None,
              max_chars: int) -> None:
    """Run the whole pipeline as a Spark job: read INPUT... (JSONL or Parquet files, folders, globs), analyse,
    group into stories and compare them, and write OUTPUT (Parquet datasets, reports.jsonl, a manifest).

    The same stories and findings as `storydiff ingest` of the same inputs; load them into a store with
    `storydiff import OUTPUT`. Needs the spark extra (pip install 'storydiff[spark]') and Java 17+.
    """
    from .spark import SparkOptions, run

    options = SparkOptions(master=master, partitions=partitions, conf=conf, overwrite=overwrite,
                           ingest=IngestOptions(outlet=outlet, published=published.date() if published else None,
                                                max_chars=max_chars))
    try:
        result = run(inputs, output, options, progress=lambda m: click.echo(f"storydiff spark: {m}", err=True))
    except StorydiffError as exc:
        raise click.ClickException(str(exc)) from exc
    _finish(result.problems, f"storydiff spark: read {result.read} articles: {result.stored} analysed, "
            f"{result.skipped} repeated texts skipped, {len(result.problems)} problems; {result.stories} stories, "
            f"{result.findings} findings in {output} ({sum(result.stages.values()):.1f} s)")


@main.command("import")
@click.argument("output")
@_db_option
def import_cli(output: str, db: str) -> None:
    """Load OUTPUT of `storydiff spark` into the store, for `stories`, `show`, `serve` and later ingests.

    The store must be new (or empty), or hold this output already: then nothing changes.
    """
    from .store.bulk import import_output

    with _open_store(db, readonly=False) as store:
        result = import_output(store, output)
    if result.imported:
        click.echo(f"storydiff: imported {result.articles} articles in {result.stories} stories ({result.edges} "
                   f"edges, {result.copies} copies) from {output} into {db}", err=True)
    else:
        click.echo(f"storydiff: {db} already holds the {result.articles} articles of {output}; nothing to do",
                   err=True)


def _byte_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A size in bytes: a whole number, optionally with kB, MB or GB (powers of 1000)."""
    units = {"": 1, "b": 1, "kb": 1000, "k": 1000, "mb": 1000**2, "m": 1000**2, "gb": 1000**3, "g": 1000**3}
    text = value.strip().lower().replace(" ", "").replace("_", "")
    number = text.rstrip("kmgb")
    unit = text[len(number):]
    try:
        size = int(float(number) * units[unit])
    except (KeyError, ValueError):
        raise click.BadParameter(f"{value!r} is not a size; give bytes, e.g. 5000000 or 5MB") from None
    if size < 1:
        raise click.BadParameter("the size must be at least 1 byte")
    return size


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default, loopback, keeps the app on this machine.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--max-body", default="5MB", show_default=True, callback=_byte_size,
              help="Largest request body accepted (bytes, or with kB/MB); larger ones get 413.")
@click.option("--compare-timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
              metavar="SECONDS", help="Longest a comparison of posted articles may take; past it, it is stopped "
                                      "and answered 503.")
@click.option("--compare-workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes comparing posted articles (each loads the model): comparisons run at once.")
@click.option("--page-workers", type=click.IntRange(min=0), default=2, show_default=True,
              help="Worker processes making the store's pages (the event loop only answers pages made); 0 makes "
                   "them in the server's threads.")
@click.option("--allow-private-urls", is_flag=True,
              help="Let posted links reach loopback, private and other non-public addresses. Unsafe: anyone who "
                   "can post to the app can then make it fetch from this machine and its network.")
def serve_cli(db: str, host: str, port: int, max_body: int, compare_timeout: float, compare_workers: int,
              page_workers: int, allow_private_urls: bool) -> None:
    """Serve the web app: stories, each story's articles side by side with its evidence marked, and a compare form.

    Needs the web extra: pip install 'storydiff[web]'.
    """
    from pathlib import Path

    from .web import require_web, serve

    try:
        require_web()
    except StorydiffError as exc:
        raise click.ClickException(str(exc)) from exc
    if not Path(db).exists():
        click.echo(f"storydiff: note: no store at {db} yet; the story list is empty until articles are ingested",
                   err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"storydiff: warning: listening on {host}: anyone who can reach it can read the store and "
                   "post articles to compare", err=True)
    if allow_private_urls:
        click.echo("storydiff: warning: --allow-private-urls: posted links may make this server fetch from this "
                   "machine and its private network", err=True)
    serve(db, host=host, port=port, max_body=max_body, compare_timeout=compare_timeout,
          compare_workers=compare_workers, allow_private_urls=allow_private_urls, page_workers=page_workers)


if __name__ == "__main__":
    main()
