"""The registry of resource kinds, the one place a kind is named: its words (spec, YAML section, reference, display,
client service, API path, Python class), its field lists, normalise/check/build/flatten, and optional hooks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import campaign, lifecycle, media_file, script, variable
from .fields import Fields, fields
from .problems import Problem

Inputs = Mapping[str, Any]


@dataclass(frozen=True)
class StatusLifecycle:
    """A kind whose `status` is a desired state reached through actions, not a field sent in a body (campaigns):
    the diff compares it with `satisfies`, and plans walk it with the status planner."""

    satisfies: Callable[[str, str], bool]
    """Whether the live status already is what the desired one asks for (completed satisfies running)."""
    plan_update: Callable[..., lifecycle.StatusPlan | lifecycle.Refusal]
    """`(live, desired, changed_fields, name=...)`: the status path combined with the PUT of the changed fields."""
    plan_delete: Callable[[str], lifecycle.StatusPlan]
    """`(live)`: what deleting the object takes (stop first where it may dial)."""
    stoppable: frozenset[str]
    """Live statuses the object must be stopped from before it is deleted."""
    initial: str = "draft"
    """The status a new object is created in."""


@dataclass(frozen=True)
class Keyed:
    """A list field whose order the API ignores (a script's DTMF menu): the diff compares it as a mapping by `key`
    and addresses an item's change as `dtmf_actions[digit=1].label`."""

    key: str
    fields: tuple[str, ...]
    """The item's fields, the key included."""


@dataclass(frozen=True)
class Kind:
    """Everything generic code (diff, the CLI's plan, the providers, the YAML format) needs to know about one kind."""

    name: str
    """The spec name (`media_file`), also the name of its schema and resource module."""
    words: str
    """How messages and reviews name one object (`media file`)."""
    section: str
    """The top-level section of the YAML format (`media`)."""
    ref: str
    """The kind word of a reference by logical name (`Ref("media", "thank_you")`)."""
    service: str
    """The ZorioClient attribute that serves it (`media_files`)."""
    api_path: str
    """Where the API serves it (`/api/media-files`)."""
    type_name: str
    """The Python resource class and Pulumi type name (`MediaFile`)."""
    normalise: Callable[[Inputs], dict[str, Any]]
    check: Callable[[Inputs], list[Problem]]
    build_payload: Callable[[Inputs, Iterable[str] | None], dict[str, Any]]
    flatten: Callable[[Inputs], dict[str, Any]]
    not_compared: frozenset[str] = frozenset({"adopt_id"})
    warnings: Callable[[Inputs], list[Problem]] = lambda _inputs: []
    """What may surprise without being wrong (zorio validate and plan show it; it never fails a check)."""
    status: StatusLifecycle | None = None
    """Set for a kind whose status is reached through actions (campaigns)."""
    key_field: str = "name"
    """The field a YAML item's key stands for, and what names an object in a listing (`variable_code`)."""
    keyed: dict[str, Keyed] = field(default_factory=dict)
    """Its list fields compared by key, not by position (a script's DTMF actions by digit)."""
    reads_files: bool = False
    """Its provider's check reads more than its inputs (a media file's audio): an apply checks it again, and a plan
    never takes it as checked from its state record."""

    @property
    def fields(self) -> Fields:
        """The field lists, from the kind's schema."""
        return fields(self.name)

    @property
    def replace_on(self) -> frozenset[str]:
        """The fields the API cannot change after creation: a new value replaces the object."""
        return self.fields.replace_on

    @property
    def plural(self) -> str:
        """How messages name several objects (`media files`)."""
        return f"{self.words}s"

    @property
    def compared_fields(self) -> tuple[str, ...]:
        """The input fields a diff compares: every input except those that only matter at creation."""
        return tuple(field for field in self.fields.inputs if field not in self.not_compared)


KINDS: dict[str, Kind] = {  # in dependency order: the YAML sections, plans and listings follow it
    kind.name: kind
    for kind in (
        Kind(
            name="variable", words="variable", section="variables", ref="variable", service="variables",
            api_path="/api/autocall/variables", type_name="Variable", key_field="variable_code",
            normalise=variable.normalise_variable_inputs, check=variable.check_variable,
            build_payload=variable.build_variable_payload, flatten=variable.flatten_variable,
        ),
        Kind(
            name="media_file", words="media file", section="media", ref="media", service="media_files",
            api_path="/api/media-files", type_name="MediaFile", not_compared=media_file.NOT_COMPARED, reads_files=True,
            normalise=media_file.normalise_media_file_inputs, check=media_file.check_media_file,
            build_payload=media_file.build_media_file_payload, flatten=media_file.flatten_media_file,
        ),
        Kind(
            name="script", words="script", section="scripts", ref="script", service="scripts",
            api_path="/api/autocall/scripts", type_name="Script",
            keyed={"dtmf_actions": Keyed("digit", script.ACTION_FIELDS)},
            normalise=script.normalise_script_inputs, check=script.check_script,
            build_payload=script.build_script_payload, flatten=script.flatten_script,
        ),
        Kind(
            name="campaign", words="campaign", section="campaigns", ref="campaign", service="campaigns",
            api_path="/api/autocall/campaigns", type_name="Campaign", warnings=campaign.campaign_warnings,
            normalise=campaign.normalise_campaign_inputs, check=campaign.check_campaign,
            build_payload=campaign.build_campaign_payload, flatten=campaign.flatten_campaign,
            status=StatusLifecycle(lifecycle.satisfies, lifecycle.plan_campaign_update,
                                   lifecycle.plan_campaign_delete, lifecycle.STOPPABLE),
        ),
    )
}


def get_kind(name: str) -> Kind:
    """The registered kind called `name` (`variable`, `media_file`, `script`, `campaign`)."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown resource kind {name!r}; expected one of {', '.join(KINDS)}") from None


def kind_of_section(section: str) -> Kind:
    """The kind whose YAML section is `section` (`media` → media_file)."""
    return next(kind for kind in KINDS.values() if kind.section == section)


def kind_of_ref(ref: str) -> Kind | None:
    """The kind a reference word names (`media` → media_file); None for a reference to no kind (a caller-ID
    group is looked up, not managed)."""
    return next((kind for kind in KINDS.values() if kind.ref == ref), None)


def kind_words(name: str) -> str:
    """How messages name one object of kind `name` (`media file`); a name that is no kind as it is."""
    return KINDS[name].words if name in KINDS else name


def status_lifecycle(name: str) -> StatusLifecycle | None:
    """The status hooks of kind `name`, or None (a kind without a status reached through actions, or no kind)."""
    return KINDS[name].status if name in KINDS else None
