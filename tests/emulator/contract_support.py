"""Helpers for the contract-conformance suite: API clients per tenant, object factories, audio builders, assertions.

Written from `api-contract.md` and the seed documents only, never from the emulator's code, so that the suite
and the emulator check each other.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import struct
import time
import wave
from typing import Any

import requests

# api-contract.md section 1 / decision: responses use microseconds and `Z`.
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
PERMISSIONS = ["autocall_api_access", "autocall_manage_campaign", "manage_recordings"]
CAMPAIGN_STATUSES = ["draft", "starting", "running", "paused", "stopped", "completed", "archived"]
SEED_GROUP_ID = 3


def wav_bytes(
    seconds: float = 1.0, rate: int = 8000, channels: int = 1, sampwidth: int = 2, tone_hz: float = 440.0
) -> bytes:
    """A PCM WAV file holding a sine tone, built with the stdlib `wave` module."""
    frames = int(seconds * rate)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(sampwidth)
        out.setframerate(rate)
        samples = bytearray()
        for index in range(frames):
            value = math.sin(2 * math.pi * tone_hz * index / rate)
            if sampwidth == 2:
                sample = struct.pack("<h", int(value * 12000))
            else:
                sample = bytes([int(128 + value * 100)])
            samples += sample * channels
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def mp3_bytes(frames: int = 38) -> bytes:
    """A minimal MPEG-1 Layer III stream of silent frames (128 kbit/s, 44.1 kHz): `frames` x 1152 samples."""
    header = bytes([0xFF, 0xFB, 0x90, 0x00])
    return (header + bytes(417 - len(header))) * frames


class Api:
    """A thin requests wrapper on the public API for one bearer token."""

    def __init__(self, base_url: str, token: str | None) -> None:
        self.base_url = base_url
        self.token = token
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 15)
        return self.session.request(method, self.url(path), **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    # --- factories: each returns the created object's `data` and asserts the documented success status ---

    def create(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(path, json=body)
        assert response.status_code == 201, f"POST {path} -> {response.status_code} {response.text}"
        return response.json()["data"]

    def variable(self, code: str | None = None, **fields: Any) -> dict[str, Any]:
        code = code or f"var_{next(_counter)}"
        body = {"variable_code": code, "name": fields.pop("name", code), **fields}
        return self.create("/api/autocall/variables", body)

    def media(self, name: str | None = None, category: str = "announcement", content: bytes | None = None,
              filename: str = "prompt.wav") -> dict[str, Any]:
        audio = content if content is not None else wav_bytes(0.5)
        response = self.upload(name or f"prompt_{next(_counter)}", category, audio, filename)
        assert response.status_code == 201, response.text
        return response.json()["data"]

    def upload(self, name: str | None, category: str | None, content: bytes | None, filename: str = "prompt.wav",
               content_type: str = "audio/wav") -> requests.Response:
        data = {key: value for key, value in (("name", name), ("category", category)) if value is not None}
        files = {"file": (filename, content, content_type)} if content is not None else None
        return self.post("/api/media-files", data=data, files=files)

    def script(self, **fields: Any) -> dict[str, Any]:
        body = {
            "name": f"script {next(_counter)}",
            "template_text": "Hello, this is a reminder.",
            "voice_id": "vi-VN-female-01",
            "status": "active",
            **fields,
        }
        return self.create("/api/autocall/scripts", body)

    def campaign(self, **fields: Any) -> dict[str, Any]:
        if "script_id" not in fields:
            fields["script_id"] = self.script()["id"]
        body = {"name": f"campaign {next(_counter)}", "caller_id_group_id": SEED_GROUP_ID, **fields}
        return self.create("/api/autocall/campaigns", body)

    def campaign_get(self, campaign_id: int) -> dict[str, Any]:
        response = self.get(f"/api/autocall/campaigns/{campaign_id}")
        assert response.status_code == 200, response.text
        return response.json()["data"]

    def action(self, campaign_id: int, verb: str, **kwargs: Any) -> requests.Response:
        return self.post(f"/api/autocall/campaigns/{campaign_id}/{verb}", **kwargs)

    def wait_status(self, campaign_id: int, status: str, timeout: float = 5.0) -> dict[str, Any]:
        """Poll until the campaign shows `status` (the emulator moves `starting` to `running` lazily)."""
        deadline = time.monotonic() + timeout
        while True:
            campaign = self.campaign_get(campaign_id)
            if campaign["status"] == status or time.monotonic() > deadline:
                assert campaign["status"] == status, f"campaign {campaign_id} is {campaign['status']}, not {status}"
                return campaign
            time.sleep(0.05)


_counter = itertools.count(1)


class Zorio:
    """Access to both seed tenants plus helpers that drive a campaign into any status."""

    def __init__(self, emulator: Any) -> None:
        self.emulator = emulator
        self.base_url = emulator.base_url
        self.admin = Api(self.base_url, emulator.token(tenant_id=1))
        self._other: Api | None = None

    @property
    def other(self) -> Api:
        """Tenant 2's client, minted on first use."""
        if self._other is None:
            self._other = Api(self.base_url, self.emulator.token(tenant_id=2))
        return self._other

    def close(self) -> None:
        self.admin.session.close()
        if self._other is not None:
            self._other.session.close()

    def as_token(self, token: str | None) -> Api:
        return Api(self.base_url, token)

    def with_permissions(self, permissions: list[str], role: str = "agent", tenant_id: int = 1) -> Api:
        return Api(self.base_url, self.emulator.token(tenant_id=tenant_id, permissions=permissions, role=role))

    def control(self, method: str, path: str, json: Any = None) -> requests.Response:
        return self.emulator.control(method, path, json)

    def fault(self, **rule: Any) -> dict[str, Any]:
        response = self.control("POST", "faults", rule)
        assert response.status_code == 201, response.text
        return response.json()

    def campaign_in(self, status: str, api: Api | None = None, **fields: Any) -> dict[str, Any]:
        """A campaign driven through the public API (and the completed control call) into `status`."""
        api = api or self.admin
        campaign = api.campaign(**fields)
        cid = campaign["id"]
        if status == "draft":
            return api.campaign_get(cid)
        if status == "archived":
            assert api.action(cid, "archive").status_code == 200
            return api.campaign_get(cid)
        if status == "starting":
            self.emulator.settings(start_delay_s=60)
            assert api.action(cid, "start").status_code == 202
            return api.campaign_get(cid)
        assert api.action(cid, "start").status_code == 202
        api.wait_status(cid, "running")
        if status == "paused":
            assert api.action(cid, "pause").status_code == 200
        elif status == "stopped":
            assert api.action(cid, "stop").status_code == 200
        elif status == "completed":
            response = self.control("POST", f"campaigns/{cid}/status", {"status": "completed"})
            assert response.status_code == 200, response.text
        campaign = api.campaign_get(cid)
        assert campaign["status"] == status
        return campaign



def assert_validation(response: requests.Response, expected: dict[str, str]) -> None:
    """422 with the Laravel envelope, each expected field carrying exactly the expected message."""
    assert response.status_code == 422, f"{response.status_code} {response.text}"
    body = response.json()
    assert body["message"] == "The given data was invalid."
    for field, message in expected.items():
        assert field in body["errors"], f"no error for {field!r} in {body['errors']}"
        assert message in body["errors"][field], f"{field}: {body['errors'][field]} lacks {message!r}"


def assert_message(response: requests.Response, status: int, message: str) -> None:
    assert response.status_code == status, f"{response.status_code} {response.text}"
    assert response.json() == {"message": message}
