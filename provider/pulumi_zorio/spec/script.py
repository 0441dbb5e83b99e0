"""Script (contract §9): normalise, check (DTMF menu, placeholders), request payload and flatten of the API object."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import shape
from .fields import fields, load_schema
from .placeholders import VARIABLE_CODE, placeholder_problems, placeholders
from .problems import Code, Problem, join_path
from .values import integral, integral_fields, pick, select_payload, with_defaults, without_none

KIND = "script"
FIELDS = fields(KIND)
REPLACE_ON: frozenset[str] = FIELDS.replace_on
"""Every script field can be changed with PUT [I], so a script is never replaced."""
ACTION_FIELDS = tuple(load_schema(KIND)["$defs"]["dtmf_action"]["properties"])

TARGET_OF_ACTION: dict[str, str | None] = {
    "playback": "target_audio_url",
    "playback_then_hangup": "target_audio_url",
    "queue": "target_queue_name",
    "switch_script": "target_script_id",
    "repeat_script": None,
    "hangup": None,
}
"""The one target each action type needs [D]; any other target is rejected by the API [I]."""
TARGETS = tuple(dict.fromkeys(target for target in TARGET_OF_ACTION.values() if target))

_TARGET_HINTS = {
    "target_audio_url": "a media file's file_path, e.g. /media/thank_you.wav",
    "target_queue_name": "a queue name, e.g. support@default",
    "target_script_id": "the id of another script",
}


def normalise_dtmf_action(action: Any) -> Any:
    """One action with None dropped, `target_script_id` as an int, and a YAML `digit: 1` read as "1"."""
    if not isinstance(action, Mapping):
        return action
    out = integral_fields(without_none(action), ("target_script_id",))
    digit = integral(out.get("digit"))
    if isinstance(digit, int) and not isinstance(digit, bool) and 0 <= digit <= 9:
        out["digit"] = str(digit)
    return out


def normalise_script_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs with None dropped, defaults applied (status active), floats back to ints, actions normalised."""
    out = integral_fields(with_defaults(inputs, shape.defaults(KIND)), FIELDS.integers)
    if isinstance(out.get("dtmf_actions"), list):
        out["dtmf_actions"] = [normalise_dtmf_action(action) for action in out["dtmf_actions"]]
    return out


def check_script(inputs: Mapping[str, Any]) -> list[Problem]:
    """Shape problems, then the DTMF menu rules and the template placeholders."""
    normalised = normalise_script_inputs(inputs)
    problems = shape.check_shape(KIND, normalised)
    actions = normalised.get("dtmf_actions")
    if isinstance(actions, list):
        problems += duplicate_digit_problems(actions)
        for index, action in enumerate(actions):
            if isinstance(action, Mapping):
                problems += target_problems(action, join_path("dtmf_actions", index))
    template = normalised.get("template_text")
    if isinstance(template, str):
        problems += placeholder_problems(template)
    return problems


def duplicate_digit_problems(actions: list[Any]) -> list[Problem]:
    """A Problem for every action that reuses a digit of an earlier one (digits are unique per script [D])."""
    first_use: dict[str, int] = {}
    problems = []
    for index, action in enumerate(actions):
        digit = action.get("digit") if isinstance(action, Mapping) else None
        if not isinstance(digit, str):
            continue
        if digit in first_use:
            problems.append(Problem(join_path("dtmf_actions", index, "digit"), Code.DUPLICATE_DIGIT, digit=digit,
                                    first=first_use[digit]))
        else:
            first_use[digit] = index
    return problems


def target_problems(action: Mapping[str, Any], path: str) -> list[Problem]:
    """The action's own target must be present and the other targets absent; skipped if the type is unknown."""
    action_type = action.get("action_type")
    if not isinstance(action_type, str) or action_type not in TARGET_OF_ACTION:
        return []  # unknown until apply, or a bad type/value that the shape check reports
    needed = TARGET_OF_ACTION[action_type]
    problems = []
    for target in TARGETS:
        present = action.get(target) is not None
        if target == needed and not present:
            problems.append(Problem(join_path(path, target), Code.TARGET_REQUIRED, action_type=action_type,
                                    hint=_TARGET_HINTS[target]))
        elif target != needed and present:
            code = Code.TARGET_UNUSED if needed else Code.TARGET_NOT_TAKEN
            problems.append(Problem(join_path(path, target), code, action_type=action_type, needed=needed))
    return problems


def build_script_payload(inputs: Mapping[str, Any], only: Iterable[str] | None = None) -> dict[str, Any]:
    """The POST/PUT body (`only` = the changed fields). `dtmf_actions`, when sent, replaces the whole list [I].

    Unused targets are left out of each action rather than sent as null: a target the action type does
    not use is a 422 [I], and we do not rely on the API treating null as absent.
    """
    body = select_payload(normalise_script_inputs(inputs), FIELDS.payload, FIELDS.nullable, only)
    if "dtmf_actions" in body:
        body["dtmf_actions"] = [
            {key: action[key] for key in ACTION_FIELDS if action.get(key) is not None}
            for action in body["dtmf_actions"] or []
        ]
    return body


def flatten_script(api: Mapping[str, Any]) -> dict[str, Any]:
    """The API object in the input vocabulary plus `id`, `tenant_id`, `variables` and the timestamps.

    Tolerant: missing fields become None, unknown fields (also inside actions) are ignored.
    """
    flat = integral_fields(pick(api, FIELDS.api), FIELDS.integers)
    actions = flat["dtmf_actions"] if isinstance(flat["dtmf_actions"], list) else []
    flat["dtmf_actions"] = [
        normalise_dtmf_action(pick(action, ACTION_FIELDS)) for action in actions if isinstance(action, Mapping)
    ]
    if flat["variables"] is None:  # an older or partial response: derive what the API would report
        template = flat["template_text"] if isinstance(flat["template_text"], str) else ""
        flat["variables"] = [code for code in placeholders(template) if VARIABLE_CODE.fullmatch(code)]
    return flat
