"""`Problem`: one thing wrong with a resource's inputs, as a field path, a code and its parameters; and the one
place its text is written, in the names of the API (Pulumi programs, provider `check`) or of another vocabulary
(the YAML format names some fields differently: `script` for `script_id`).

Checks never write English: they say *what* is wrong (`Code.TARGET_REQUIRED`, action_type=playback). Rewording
a message is one edit in `TEMPLATES`, and both vocabularies follow, because the YAML side renames fields here,
by path, never by searching the text.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class Code(StrEnum):
    """What is wrong; each has one template in `TEMPLATES`."""

    # shape: the JSON Schema of a kind (spec.shape) or of the YAML file (desired.shape_check)
    REQUIRED = "required"
    UNKNOWN_FIELD = "unknown_field"
    UNKNOWN_FIELD_NO_MATCH = "unknown_field_no_match"
    WRONG_TYPE = "wrong_type"
    EMPTY_VALUE = "empty_value"
    NOT_ONE_OF = "not_one_of"
    BETWEEN = "between"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_FEW_ITEMS = "too_few_items"
    TOO_MANY_ITEMS = "too_many_items"
    PATTERN = "pattern"
    NO_MATCH = "no_match"
    TIMESTAMP = "timestamp"
    SCHEMA = "schema"
    INVALID_KEY = "invalid_key"
    BARE_HASH = "bare_hash"
    UNKNOWN_SECTION = "unknown_section"
    UNKNOWN_SECTION_NO_MATCH = "unknown_section_no_match"
    # scripts: DTMF menu and placeholders
    DUPLICATE_DIGIT = "duplicate_digit"
    TARGET_REQUIRED = "target_required"
    TARGET_UNUSED = "target_unused"
    TARGET_NOT_TAKEN = "target_not_taken"
    PLACEHOLDER_INVALID = "placeholder_invalid"
    PLACEHOLDER_INVALID_SUGGEST = "placeholder_invalid_suggest"
    PLACEHOLDER_UNCLOSED = "placeholder_unclosed"
    # campaigns
    END_BEFORE_START = "end_before_start"
    NO_CALLER_ID_GROUP = "no_caller_id_group"
    # media sources (local files)
    NOT_AUDIO_EXTENSION = "not_audio_extension"
    SOURCE_MISSING = "source_missing"
    SOURCE_NOT_A_FILE = "source_not_a_file"
    SOURCE_TOO_LARGE = "source_too_large"
    SOURCE_UNREADABLE = "source_unreadable"
    NOT_AUDIO_CONTENT = "not_audio_content"
    AUDIO_UNDECODABLE = "audio_undecodable"
    AUDIO_SILENT = "audio_silent"


TEMPLATES: dict[Code, str] = {
    Code.REQUIRED: "is required",
    Code.UNKNOWN_FIELD: "is not a known field; did you mean {suggestion:field}?",
    Code.UNKNOWN_FIELD_NO_MATCH: "is not a known field; allowed fields: {allowed:fields}",
    Code.WRONG_TYPE: "must be {types} (got {got})",
    Code.EMPTY_VALUE: "is empty; it must be {types}",
    Code.NOT_ONE_OF: "must be one of: {allowed} (got {got})",
    Code.BETWEEN: "must be between {low} and {high} (got {got})",
    Code.AT_LEAST: "must be at least {low} (got {got})",
    Code.AT_MOST: "must be at most {high} (got {got})",
    Code.EMPTY: "must not be empty",
    Code.TOO_SHORT: "must be at least {limit} characters (got {count})",
    Code.TOO_LONG: "must be at most {limit} characters (got {count})",
    Code.TOO_FEW_ITEMS: "must have at least {limit} items (got {count})",
    Code.TOO_MANY_ITEMS: "must have at most {limit} items (got {count})",
    Code.PATTERN: "must be {pattern_hint} (got {got})",
    Code.NO_MATCH: "must match {pattern} (got {got})",
    Code.TIMESTAMP: 'must be an ISO 8601 timestamp with a UTC offset, {example} (got "{got}")',
    Code.SCHEMA: "{text}",
    Code.INVALID_KEY: "is not a valid {what}: use {pattern_hint}",
    Code.BARE_HASH: 'is empty; a bare # starts a YAML comment: quote it, digit: "#"',
    Code.UNKNOWN_SECTION: "is not a known section; did you mean {suggestion}?",
    Code.UNKNOWN_SECTION_NO_MATCH: "is not a known section; use {sections}",
    Code.DUPLICATE_DIGIT: 'digit "{digit}" is already used by dtmf_actions.{first}; each digit may appear once in a '
                          "script",
    Code.TARGET_REQUIRED: "is required when action_type is {action_type}: set it to {hint}",
    Code.TARGET_UNUSED: "is not used by action_type {action_type} (it uses {needed:field}); remove it",
    Code.TARGET_NOT_TAKEN: "is not used by action_type {action_type} (it takes no target); remove it",
    Code.PLACEHOLDER_INVALID: "placeholder {{{{{placeholder}}}}} is not a valid variable code: use lowercase letters, "
                              "digits and _, starting with a letter",
    Code.PLACEHOLDER_INVALID_SUGGEST: "placeholder {{{{{placeholder}}}}} is not a valid variable code: use lowercase "
                                      "letters, digits and _, starting with a letter (e.g. {{{{{suggestion}}}}})",
    Code.PLACEHOLDER_UNCLOSED: "a placeholder opened with {{{{ is never closed with }}}}",
    Code.END_BEFORE_START: "must be after start_at ({start}), got {end}",
    Code.NO_CALLER_ID_GROUP: "is not set, but status {status} starts the campaign: {risk}; set {group_field:field} "
                             "to choose the numbers people see (or keep status: draft)",
    Code.NOT_AUDIO_EXTENSION: "{source} must be a .wav, .mp3 or .m4a file",
    Code.SOURCE_MISSING: "{source} does not exist (looked for {resolved})",
    Code.SOURCE_NOT_A_FILE: "{source} is not a file",
    Code.SOURCE_TOO_LARGE: "{source} is {megabytes:.1f} MB; uploads are limited to 20 MB",
    Code.SOURCE_UNREADABLE: "cannot read {source}: {reason}",
    Code.NOT_AUDIO_CONTENT: "{source} is not an audio file (expected WAV, MP3 or M4A content)",
    Code.AUDIO_UNDECODABLE: "{source} cannot be decoded as {format} ({reason}); export it again from the audio "
                            "editor",
    Code.AUDIO_SILENT: "{source} holds no audio (a {format} header with 0 seconds of sound); export the recording "
                       "again",
}
"""The text of each code, in the API's names. `{x:field}` is a field name (renamed by the vocabulary, in the
context of the object the problem's field belongs to), `{x:fields}` a list of them. A `hint` parameter says what
to write in the problem's own field; a vocabulary that renames that field gives its own hint."""


class Terms(Protocol):
    """A vocabulary: how fields are named, given the API path of the object that holds them."""

    def field(self, parent: str, name: str) -> str:
        """The name of API field `name` of the object at `parent` (dotted; "" = the resource); "" = no name."""
        ...

    def hint(self, parent: str, name: str) -> str | None:
        """What to write in field `name` when this vocabulary names it differently, else None (the API's hint)."""
        ...


class ApiTerms:
    """The API's own names: the Pulumi program's and the provider's vocabulary."""

    def field(self, parent: str, name: str) -> str:
        return name

    def hint(self, parent: str, name: str) -> str | None:
        return None


API_TERMS: Terms = ApiTerms()


@dataclass(frozen=True, init=False)
class Problem:
    """A validation finding, reported to the user at check/validate time (never half-way through `up`).

    `path` is dotted like the API's 422 keys (`dtmf_actions.1.digit`; "" = the whole resource) so the
    Pulumi layer can hand it to `CheckFailure(property, reason)` and the YAML loader can map it to a line.
    `code` and `params` say what is wrong; `message` is its text in API names, and `str(problem)` is
    `"max_retries: must be between 0 and 10 (got 12)"`. Other vocabularies use `render`.
    """

    path: str
    code: Code
    params: tuple[tuple[str, Any], ...]

    def __init__(self, path: str, code: Code, **params: Any) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "code", Code(code))
        frozen = {name: tuple(value) if isinstance(value, list) else value for name, value in params.items()}
        object.__setattr__(self, "params", tuple(sorted(frozen.items())))

    def param(self, name: str) -> Any:
        """One parameter's value, or None."""
        return dict(self.params).get(name)

    @property
    def message(self) -> str:
        """The text after the path, in the API's names."""
        return render(self)[1]

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def render(problem: Problem, terms: Terms = API_TERMS) -> tuple[str, str]:
    """(path, message) of `problem` in the names of `terms`: the one place a Problem becomes text."""
    parts = problem.path.split(".") if problem.path else []
    names = [terms.field(join_path(*parts[:index]), part) for index, part in enumerate(parts)]
    parent, leaf = join_path(*parts[:-1]), (parts[-1] if parts else "")
    params = dict(problem.params)
    if "hint" in params:
        params["hint"] = terms.hint(parent, leaf) or params["hint"]
    return join_path(*names), _Formatter(terms, parent).format(TEMPLATES[problem.code], **params)


class _Formatter(string.Formatter):
    """`str.format` with the `field` and `fields` specs: names renamed by the vocabulary."""

    def __init__(self, terms: Terms, parent: str) -> None:
        self.terms, self.parent = terms, parent

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "field":
            return self.terms.field(self.parent, str(value))
        if format_spec == "fields":
            return ", ".join(self.terms.field(self.parent, str(name)) for name in value)
        return super().format_field(value, format_spec)


def join_path(*parts: str | int) -> str:
    """Join path parts with dots, skipping empty ones: `join_path("dtmf_actions", 1, "digit")`."""
    return ".".join(str(part) for part in parts if part != "")

