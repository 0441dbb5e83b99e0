"""`zorio validate --online`: placeholders may name variables that exist on the account (managed elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import writes, zorio

CONFIG = "scripts:\n  tier: {voice_id: vi-VN-female-01, template_text: 'Your tier: {{loyalty_tier}}'}\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tier.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_online_accepts_a_placeholder_that_is_a_variable_on_the_account(
    emulator: Any, token: str, config: Path
) -> None:
    offline = zorio("validate", str(config))
    assert offline.exit_code == 1 and "{{loyalty_tier}} is not a declared variable" in offline.stderr
    created = emulator.api(token).post(f"{emulator.base_url}/api/autocall/variables",
                                       json={"variable_code": "loyalty_tier", "name": "Tier"}, timeout=10)
    assert created.status_code == 201, created.text
    online = zorio("validate", "--online", str(config))
    assert (online.exit_code, online.stdout) == (0, "1 file valid: 0 variables, 0 media files, 1 script, 0 campaigns\n")
    assert [write for write in writes(emulator) if write[1] != "/api/autocall/variables"] == []


def test_online_still_reports_a_placeholder_missing_everywhere(emulator: Any, token: str, config: Path) -> None:
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
