"""`zorio validate --online`: an undeclared placeholder that is a variable on the account gets the exact
adoption to declare; one that exists nowhere is reported as such; a missing account is exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import zorio

CONFIG = "scripts:\n  tier: {voice_id: vi-VN-female-01, template_text: 'Your tier: {{loyalty_tier}}'}\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tier.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_online_names_the_adoption_for_a_placeholder_that_is_a_variable_on_the_account(
    emulator: Any, token: str, config: Path
) -> None:
    offline = zorio("validate", str(config))
    assert offline.exit_code == 1 and "{{loyalty_tier}} is not a declared variable" in offline.stderr
    created = emulator.api(token).post(f"{emulator.base_url}/api/autocall/variables",
                                       json={"variable_code": "loyalty_tier", "name": "Tier"}, timeout=10)
    assert created.status_code == 201, created.text
    online = zorio("validate", "--online", str(config))
    assert online.exit_code == 1
    assert f"add `loyalty_tier: {{adopt_id: {created.json()['data']['id']}}}` under variables:" in online.stderr
    config.write_text(f"variables:\n  loyalty_tier: {{adopt_id: {created.json()['data']['id']}}}\n" + CONFIG)
    assert zorio("validate", "--online", str(config)).exit_code == 0


def test_online_reports_a_placeholder_missing_everywhere(emulator: Any, token: str, config: Path) -> None:
    result = zorio("validate", "--online", str(config))
    assert result.exit_code == 1
    assert f"{config}:2:" in result.stderr
    assert "{{loyalty_tier}} is not declared, nor a variable on the account" in result.stderr


def test_online_without_an_account_to_read_exits_two_naming_the_setting(
    emulator: Any, token: str, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZORIO_BASE_URL")
    result = zorio("validate", "--online", str(config))
    assert result.exit_code == 2
    assert "cannot read the account's variables" in result.stderr and "ZORIO_BASE_URL" in result.stderr
    assert token not in result.stderr
