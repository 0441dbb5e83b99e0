"""Plans a reviewer meets, built with the planning core itself (create_step / change_step compute the changes and
the status paths exactly as `zorio plan` does), and the names the CLI would gather for them."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from pulumi_zorio.local.plan import Plan, Step, change_step, create_step
from pulumi_zorio.review.names import Names
from pulumi_zorio.review.reader import Reader

TEMPLATE = ("Xin chào {{customer_name}}. Hoá đơn {{amount_due}} của bạn đến hạn ngày {{due_date}}. "
            "Nhấn 1 nếu bạn đã thanh toán, 2 để gặp nhân viên, 9 để nghe lại.")
ACTIONS = [
    {"digit": "1", "label": "Đã thanh toán", "action_type": "playback_then_hangup",
     "target_audio_url": "/media/ab12.wav"},
    {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
    {"digit": "9", "label": "Repeat", "action_type": "repeat_script"},
]
SCRIPT = {"name": "payment_reminder", "template_text": TEMPLATE, "voice_id": "vi-VN-female-01", "tts_tier": "B",
          "max_repeat_per_attempt": 2, "status": "active", "dtmf_actions": ACTIONS}
CAMPAIGN = {"name": "december_payments", "script_id": 12, "caller_id_group_id": 3, "max_retries": 2,
            "retry_interval_minutes": 120, "max_concurrent": 5, "status": "draft",
            "start_at": "2026-12-01T01:00:00Z", "end_at": "2026-12-20T11:00:00Z"}


def reader() -> Reader:
    """What the CLI gathers for these plans: the stack's names and the account's group names."""
    names = Names(scripts={"12": "payment_reminder", "15": "main_menu"},
                  media={"/media/ab12.wav": "payment_received", "/media/cd34.wav": "opening_hours"},
                  groups={"3": "Group A - Viettel Sales", "4": "Group B - Mobifone"})
    return Reader(ZoneInfo("Asia/Ho_Chi_Minh"), names)


def script_update(**changes: Any) -> Plan:
    return Plan((change_step("payment_reminder", "script", "12", SCRIPT, {**SCRIPT, **changes}, True, ()),))


def with_actions(*edits: tuple[str, dict[str, Any] | None]) -> list[dict[str, Any]]:
    """ACTIONS with the action of each digit replaced (None removes it; a new digit is added)."""
    actions = {action["digit"]: action for action in ACTIONS}
    for digit, action in edits:
        if action is None:
            actions.pop(digit)
        else:
            actions[digit] = {"digit": digit, **action}
    return list(actions.values())


def campaign_create(status: str) -> Plan:
    return Plan((create_step("december_payments", "campaign", {**CAMPAIGN, "status": status}),))


def campaign_update(old: dict[str, Any], new: dict[str, Any]) -> Plan:
    step: Step = change_step("december_payments", "campaign", "7", {**CAMPAIGN, **old}, {**CAMPAIGN, **new}, True, ())
    return Plan((step,))
