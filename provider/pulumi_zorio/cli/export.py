"""`zorio export`: an existing account as our YAML format, every object with its `adopt_id`, audio files beside it.

Reads one listing per kind (a few calls, not one per object) and one download per audio prompt; writes into a
temporary folder next to `--out` and renames it into place at the end, so a failure half-way leaves nothing.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

import pulumi_zorio
from pulumi_zorio.cli._stack import fail
from pulumi_zorio.cli.terminal import err, out
from pulumi_zorio.client import ClientConfig, PermissionDeniedError, ZorioClient, ZorioError
from pulumi_zorio.desired.export import Account, Export, export_config
from pulumi_zorio.desired.model import SECTIONS
from pulumi_zorio.desired.yaml_schema import SCHEMA_ID

HEADER = ("zorio export of {base_url}: every object is taken over with its adopt_id (no re-creation); objects\n"
          "taken over are released, not deleted, when the stack stops managing them. Check: zorio validate .")


@click.command(short_help="Write an existing account as zorio YAML (with adopt_id), audio files beside it.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("zorio-export"),
              show_default=True, help="Folder to create (it must not exist yet, or be empty).")
@click.option("--kinds", default=",".join(SECTIONS), show_default=True,
              help="Which sections to export, comma-separated.")
@click.option("--only-names", help="Only objects whose API name (variable code) matches this glob, e.g. 'Q3*'.")
@click.option("--split", is_flag=True, help="One file per section (variables.yaml, media.yaml, ...), not one file.")
@click.option("--base-url", envvar="ZORIO_BASE_URL",
              help="Zorio API URL [env ZORIO_BASE_URL]; credentials come from ZORIO_TOKEN, or ZORIO_USERNAME and "
                   "ZORIO_PASSWORD (never from the command line).")
def export(out_dir: Path, kinds: str, only_names: str | None, split: bool, base_url: str | None) -> None:
    """Read the account and write it as zorio YAML that validates, adopts with zero writes and plans clean.

    Exit status: 0 written, 1 error (nothing written).
    """
    wanted = [kind.strip() for kind in kinds.split(",") if kind.strip()]
    unknown = sorted(set(wanted) - set(SECTIONS))
    if unknown:
        fail(f"unknown kind(s) {', '.join(unknown)} in --kinds; use some of {', '.join(SECTIONS)}")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        fail(f"{out_dir} already exists and is not empty: choose a new --out folder (nothing is overwritten)")
    try:
        with ZorioClient(ClientConfig.from_env(base_url=base_url)) as client:
            account = _read(client)
            exported = export_config(account, wanted, only_names)
            _write(client, exported, out_dir, split)
    except PermissionDeniedError as error:
        fail(f"the token may not read this account ({error}); export needs a token with autocall_api_access")
    except (ZorioError, OSError) as error:
        fail(f"export failed, nothing was written: {error}")
    counts = ", ".join(f"{len(exported.sections[s])} {s}" for s in SECTIONS if s in wanted or exported.sections[s])
    added = ", ".join(f"{n} {s}" for s, n in exported.added.items() if n)
    if added:
        err.print(f"Also exported what the chosen objects use: {added}.", markup=False)
    out.print(f"Exported {counts} to {out_dir}. Next: zorio validate {out_dir}, then zorio plan {out_dir} "
              "(or pulumi up with zorio:config set to it): it adopts everything without a single write.",
              soft_wrap=True, markup=False)


def _read(client: ZorioClient) -> Account:
    """One listing per kind (paged by 200), with progress on stderr. Every kind, whatever --kinds says: what the
    chosen objects use, and whether a prompt is played or a placeholder defined, is known only from all of them."""
    services = {"variables": client.variables, "media": client.media_files, "scripts": client.scripts,
                "campaigns": client.campaigns}
    lists: dict[str, Any] = {}
    for kind, service in services.items():
        lists[kind] = list(service.list())
        err.print(f"Read {len(lists[kind])} {kind}.", markup=False)
    return Account(**lists, caller_id_groups=list(client.caller_id_groups.list()))


def _write(client: ZorioClient, exported: Export, out_dir: Path, split: bool) -> None:
    """Everything into a temporary sibling folder first, then one rename: never a half export."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, (media_id, source) in exported.audio.items():
            (staging / source).parent.mkdir(parents=True, exist_ok=True)
            client.media_files.download_to(media_id, staging / source)
            err.print(f"Downloaded {source}.", markup=False)
        header = HEADER.format(base_url=client.config.base_url)
        if split:
            for section in SECTIONS:
                if exported.sections[section]:
                    _dump(exported, [section], header, staging / f"{section}.yaml", out_dir)
        else:
            _dump(exported, list(SECTIONS), header, staging / "zorio.yaml", out_dir)
        if out_dir.exists():  # an empty folder (checked above), perhaps the current one: fill it
            for child in staging.iterdir():
                child.rename(out_dir / child.name)
            staging.rmdir()
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _dump(exported: Export, sections: list[str], header: str, path: Path, out_dir: Path) -> None:
    document = CommentedMap()
    for section in sections:
        items = exported.sections[section]
        if not items:
            continue
        mapping = CommentedMap()
        for name, item in items.items():
            mapping[name] = _commented(item)
            note = exported.comments.get((section, name))
            if note:
                mapping.yaml_set_comment_before_after_key(name, before=note, indent=2)
        document[section] = mapping
    yaml = YAML()
    yaml.width = 4096  # long texts stay on one line: no folding to misread in a review
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    modeline = f"# yaml-language-server: $schema={_schema_reference(out_dir)}\n"
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    path.write_text(modeline + comment + "\n" + buffer.getvalue(), encoding="utf-8")


def _commented(value: Any) -> Any:
    """Plain data as ruamel's round-trip types, DTMF actions in flow style (one line each, as people write them)."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(_commented(item) for item in value)
        for item in seq:
            if isinstance(item, CommentedMap):
                item.fa.set_flow_style()
        return seq
    return value


def _schema_reference(out_dir: Path) -> str:
    """The schema for editors: relative to a clone's schema/ when pulumi-zorio runs from one, else its $id."""
    schema = Path(pulumi_zorio.__file__).resolve().parents[2] / "schema" / "zorio.schema.json"
    if not schema.exists():
        return SCHEMA_ID
    try:
        return os.path.relpath(schema, out_dir.resolve())
    except ValueError:
        return schema.as_uri()
