"""``quotes gazetteer``: check the name data, look names up, suggest new entries."""

from __future__ import annotations

from pathlib import Path

import typer

from quotes.cli import options as opt
from quotes.cli.app import app, documents, sub_app
from quotes.errors import UsageError

gazetteer_app = sub_app("Check the name data, look names up, suggest new entries.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("check")
def gazetteer_check_cmd(
    file: Path | None = typer.Argument(None, metavar="FILE", help="Gazetteer YAML file (default: the bundled data)."),
) -> None:
    """Validate a gazetteer file: print FILE:LINE: field: message per problem, exit 2 if any.

    Example: quotes gazetteer check my-people.yaml
    """
    from quotes import gazetteer

    issues = gazetteer.validate(file) if file is not None else gazetteer.validate_bundled()
    for issue in issues:
        typer.echo(str(issue))
    if issues:
        typer.echo(f"quotes: {len(issues)} problem{'s' if len(issues) != 1 else ''} found", err=True)
        raise typer.Exit(2)
    gaz = gazetteer.Gazetteer.load([file] if file is not None else [])
    typer.echo(f"ok: {file or 'bundled data'} ({len(gaz)} people, {len(gaz.organizations)} organizations, {len(gaz.titles)} titles)")


@gazetteer_app.command("resolve")
def gazetteer_resolve_cmd(
    mention: str = typer.Argument(..., metavar="MENTION", help="A name or title as printed: 'Pashinian', 'the NATO secretary-general'."),
    role: str | None = typer.Option(None, "--role", metavar="TITLE", help="Title printed with the name."),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help="Article date (YYYY-MM-DD) for tenure."),
    gazetteer_files: list[Path] | None = opt.gazetteer_option(),
) -> None:
    """Show the person a mention resolves to (exit 1 if none) and the normalized role.

    Example: quotes gazetteer resolve 'the NATO secretary-general' --date 2025-03-01
    """
    from quotes import gazetteer

    gaz = gazetteer.load_gazetteer(list(gazetteer_files or []))
    if date is not None and gazetteer.as_date(date) is None:
        raise UsageError(f"--date: not a date: {date!r} (expected YYYY-MM-DD)")
    match = gaz.identify(mention, role=role, date=date)
    title, org = gaz.normalize_role(role or mention)
    if title or org:
        typer.echo(f"role: {title or '-'} ({org or '-'})")
    if match is None:
        maybe = gaz.lookup(mention, role=role, date=date)
        hint = f" (could be {maybe.name} [{maybe.id}], but an article needs more evidence: the full name, a title held at --date, or a surname inside their public life at --date)" if maybe else ""
        typer.echo(f"person: unknown{hint}")
        raise typer.Exit(1)
    typer.echo(f"person: {match.person.name} [{match.person.id}] ({match.evidence})")


@gazetteer_app.command("suggest")
def gazetteer_suggest_cmd(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Articles: files, directories, JSONL, or - for stdin."),
    min_count: int = typer.Option(2, "--min-count", min=1, metavar="INTEGER", help="Suggest names seen at least N times."),
    limit: int | None = typer.Option(None, "--limit", min=1, metavar="INTEGER", help="At most N suggestions."),
    model: str | None = opt.model_option(),
    gazetteer_files: list[Path] | None = opt.gazetteer_option(),
    max_record_mb: int = opt.max_record_option(),
    follow_symlinks: bool = opt.follow_symlinks_option(),
) -> None:
    """Print ready-to-paste YAML entries for frequent people and titles the gazetteer lacks.

    Example: quotes gazetteer suggest corpus/ --min-count 2
    """
    from quotes import gazetteer
    from quotes.model import cached_model

    gaz = gazetteer.load_gazetteer(list(gazetteer_files or []))
    nlp = cached_model(model)
    skipped = [0]
    docs = documents(paths, skipped, max_record_mb, follow_symlinks)
    found = gazetteer.suggest(docs, gazetteer=gaz, nlp=nlp, min_count=min_count, limit=limit)
    typer.echo(f"# {len(found)} suggestion{'s' if len(found) != 1 else ''} (seen at least {min_count} times); check facts before pasting")
    typer.echo(gazetteer.suggestions_yaml(found), nl=False)
    if skipped[0]:
        raise typer.Exit(1)
