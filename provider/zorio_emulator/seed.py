"""Seed data (contract section 13 and seed 004): two tenants with users, voices, queues, caller-ID groups."""

from __future__ import annotations

from typing import Any

from zorio_emulator import rules
from zorio_emulator.store import Store

USERS = (
    {"id": 1, "username": "admin", "password": "admin", "email": "admin@tenant1.example", "role": "admin",
     "team_id": 1, "permissions": list(rules.ALL_PERMISSIONS)},
    {"id": 2, "username": "other", "password": "other", "email": "other@tenant2.example", "role": "admin",
     "team_id": 2, "permissions": list(rules.ALL_PERMISSIONS)},
)

VOICES = (
    {"id": "vi-VN-female-01", "name": "vi-VN-female-01", "preview_url": "https://cdn.zorio.vn/voices/vi-VN-female-01.mp3",
     "gender": "female", "language": "vi"},
    {"id": "voice_id_premium_02", "name": "Roger", "preview_url": "https://cdn.zorio.vn/voices/voice_id_premium_02.mp3",
     "gender": "male", "language": "vi"},
    # A voice whose provider is unreachable comes back with only id and name (= id) [D section 6].
    {"id": "vi-VN-male-02", "name": "vi-VN-male-02"},
)

QUEUES = (
    {"name": "support@default", "display_name": "Support"},
    {"name": "sales@default", "display_name": "Sales"},
)

CARRIER_LABELS = {
    "viettel": "Viettel", "mobifone": "Mobifone", "vinaphone": "Vinaphone", "vietnamobile": "Vietnamobile",
    "landline": "Landline", "other": "Other",
}

# Runtime snapshot of group 3: 9 eligible, 2 in cooldown, 1 disabled (seed 004 monitor example).
_GROUP_A_RUNTIME = ["eligible", "cooldown"] + ["eligible"] * 8 + ["cooldown", "disabled"]
_GROUP_A_CARRIERS = ["viettel", "mobifone"] + ["viettel"] * 10


def _member(member_id: int, index: int, carrier: str, runtime: str, trunk: str) -> dict[str, Any]:
    """One caller-ID member with its public fields and its runtime snapshot."""
    return {
        "id": member_id, "number": f"09000000{10 + index:02d}", "display_name": f"Sales Line {index + 1}",
        "carrier": carrier, "carrier_label": CARRIER_LABELS[carrier], "status": "active",
        "trunk_name": trunk, "weight": 2 if index == 0 else 1,
        "runtime": {
            "status": runtime,
            "health_score": 82 if index == 0 else (14 if runtime == "cooldown" else 70 + index),
            "calls_today": 87 if index == 0 else (53 if index == 1 else 10 * index),
            "daily_cap": 200,
            "cooldown_until": "2026-06-06T12:00:00Z" if runtime == "cooldown" else None,
        },
    }


def caller_id_groups() -> list[tuple[int, dict[str, Any]]]:
    """(tenant_id, group) pairs: seed 004's group 3, a disabled group, and tenant 2's own group."""
    group_a = {
        "id": 3, "name": "Group A - Viettel Sales", "description": "Viettel outbound numbers for the summer campaign",
        "rotation_strategy": "round_robin", "sticky_enabled": True, "status": "active",
        "created_at": "2026-05-20T03:00:00Z",
        "caller_ids": [
            _member(18 + i, i, _GROUP_A_CARRIERS[i], _GROUP_A_RUNTIME[i], "Trunk-Viettel-01") for i in range(12)
        ],
    }
    group_b = {
        "id": 5, "name": "Group B - Mobifone Legacy", "description": "Old Mobifone numbers, kept for reference",
        "rotation_strategy": "least_used", "sticky_enabled": False, "status": "disabled",
        "created_at": "2026-04-02T08:00:00Z",
        "caller_ids": [_member(30, 0, "mobifone", "disabled", "Trunk-Mobi-01")],
    }
    group_b["caller_ids"][0].update(number="0900000100", display_name="Legacy Line", status="disabled")
    group_t2 = {
        "id": 7, "name": "Tenant 2 - Vinaphone", "description": None, "rotation_strategy": "random",
        "sticky_enabled": False, "status": "active", "created_at": "2026-05-21T03:00:00Z",
        "caller_ids": [_member(31 + i, i, "vinaphone", "eligible", "Trunk-Vina-01") for i in range(2)],
    }
    for i, member in enumerate(group_t2["caller_ids"]):
        member.update(number=f"09100000{10 + i}", display_name=f"T2 Line {i + 1}")
    return [(1, group_a), (1, group_b), (2, group_t2)]


def load(store: Store) -> None:
    """Load the seed data (call inside a transaction, on an empty database)."""
    for user in USERS:
        store.put("user", user["id"], user["team_id"], dict(user))
        store.bump_sequence("user", user["id"])
    for index, voice in enumerate(VOICES, start=1):
        store.put("voice", index, 0, {**voice, "status": "active"})
        store.bump_sequence("voice", index)
    for index, queue in enumerate(QUEUES, start=1):
        store.put("queue", index, 0, dict(queue))
        store.bump_sequence("queue", index)
    for tenant_id, group in caller_id_groups():
        store.put("caller_id_group", group["id"], tenant_id, group)
        store.bump_sequence("caller_id_group", group["id"])
        for member in group["caller_ids"]:
            store.bump_sequence("caller_id", member["id"])
    store.set_meta("seeded", "1")


def ensure_seeded(store: Store) -> None:
    """Seed an empty database; a `--db FILE` that already holds data is left as it is."""
    with store.tx():
        if store.meta("seeded") is None:
            load(store)
