"""`zorio doctor --allow-writes`: one clearly named throw-away variable, created and deleted, to learn what only a
write shows: whether Idempotency-Key replays, the status of a duplicate, of a malformed body, and of a DELETE.

Whatever happens, every probe variable it made is deleted before it returns (or the finding names it to delete).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

import requests

from pulumi_zorio.client import ZorioError
from pulumi_zorio.client._pagination import iterate
from pulumi_zorio.doctor.findings import FAIL, NOTE, OK, WARN, Finding
from pulumi_zorio.doctor.prober import Prober, body_of, field_errors, message_of, short

VARIABLES = "/api/autocall/variables"
PROBE_NAME = "zorio doctor probe (safe to delete)"


def probe_code() -> str:
    """`zorio_doctor_<8 hex>`: a variable code no one else uses, and plainly the doctor's."""
    return f"zorio_doctor_{secrets.token_hex(4)}"


def write_checks(prober: Prober, code: str | None = None) -> list[Finding]:
    """Create, repeat, duplicate, malform and delete one probe variable; every one made is deleted at the end."""
    code = code or probe_code()
    body = {"variable_code": code, "name": PROBE_NAME,
            "description": "Created by zorio doctor --allow-writes to learn how this API answers; it deletes it."}
    made: list[Any] = []
    findings: list[Finding] = []
    try:
        key = f"zorio-doctor-{uuid.uuid4()}"
        first = prober.send("POST", VARIABLES, json_body=body, key=key)
        if first.status_code not in (200, 201) or _id(first) is None:
            return [Finding("Writes", FAIL, f"creating the probe variable {code} failed: {message_of(first)}")]
        made.append(_id(first))
        again = prober.send("POST", VARIABLES, json_body=body, key=key)
        findings.append(_idempotency(first, again, made))
        duplicate = prober.send("POST", VARIABLES, json_body=body, key=f"zorio-doctor-{uuid.uuid4()}")
        findings.append(_duplicate(duplicate, made))
        malformed = prober.send("POST", VARIABLES, body=b'{"variable_code": ', key=f"zorio-doctor-{uuid.uuid4()}")
        findings.append(_malformed(malformed))
        findings.append(_delete(prober, made.pop(0)))
    except ZorioError as error:
        findings.append(Finding("Writes", FAIL, f"a probe request got no answer ({error})"))
    finally:
        findings += _clean_up(prober, code, made)
    return findings


def _id(response: requests.Response) -> Any:
    body = body_of(response)
    data = body.get("data") if isinstance(body, dict) else None
    return data.get("id") if isinstance(data, dict) else None


def _idempotency(first: requests.Response, again: requests.Response, made: list[Any]) -> Finding:
    """The same POST with the same Idempotency-Key again: replayed, or run again (refused as a duplicate)."""
    if again.status_code in (200, 201) and _id(again) == _id(first):
        return Finding("Idempotency-Key", OK, "a retry with the same key gets the first answer back (replayed); "
                                              "pulumi-zorio still looks before sending a lost write again")
    if again.status_code in (200, 201) and _id(again) is not None:
        made.append(_id(again))
        return Finding("Idempotency-Key", WARN, "ignored: a retry with the same key created a second variable; "
                                                "pulumi-zorio looks before sending a lost write again, never relying "
                                                "on the key", "idempotency-ignored")
    return Finding("Idempotency-Key", NOTE, f"ignored: a retry with the same key was run again ({message_of(again)});"
                                            " pulumi-zorio looks before sending a lost write again, never relying on "
                                            "the key", "idempotency-ignored")


def _duplicate(response: requests.Response, made: list[Any]) -> Finding:
    """A second variable with the same code: 422 (inferred) or 409 (documented for duplicates)."""
    if response.status_code == 422 and "variable_code" in field_errors(response):
        return Finding("Duplicate", OK, "a variable code already taken answers 422 on variable_code")
    if response.status_code == 409:
        return Finding("Duplicate", NOTE, f"a variable code already taken answers {message_of(response)} (inferred: "
                                          "422); pulumi-zorio reports either with the adopt_id to declare",
                       "duplicate-409")
    if response.status_code in (200, 201) and _id(response) is not None:
        made.append(_id(response))
        return Finding("Duplicate", WARN, "a second variable with the same code was created: this API does not keep "
                                          "variable codes unique")
    return Finding("Duplicate", WARN, f"a variable code already taken answers {message_of(response)}")


def _malformed(response: requests.Response) -> Finding:
    """A body that is not JSON (it cannot create anything): 400 is documented."""
    if response.status_code == 400:
        return Finding("Malformed body", OK, f"a body that is not JSON answers {message_of(response)}, as documented")
    return Finding("Malformed body", NOTE, f"a body that is not JSON answers {message_of(response)} (documented: "
                                           "400); pulumi-zorio only sends JSON it encoded itself")


def _delete(prober: Prober, variable_id: Any) -> Finding:
    """DELETE of the probe variable: 204 (inferred) or 200 with `data`."""
    response = prober.send("DELETE", f"{VARIABLES}/{variable_id}", key=f"zorio-doctor-{uuid.uuid4()}")
    if response.status_code == 204:
        return Finding("DELETE", OK, "answers 204 No Content")
    if response.status_code == 200:
        return Finding("DELETE", NOTE, f"answers 200 with {short(body_of(response))} (inferred: 204); pulumi-zorio "
                                       "accepts any 2xx", "delete-200")
    return Finding("DELETE", FAIL, f"deleting the probe variable {variable_id} answered {message_of(response)}")


def _clean_up(prober: Prober, code: str, made: list[Any]) -> list[Finding]:
    """Delete every probe variable still there (looked up by code too, in case an answer was lost)."""
    try:
        listed = iterate(prober.transport, VARIABLES)
        ids = {*made, *(v.get("id") for v in listed if isinstance(v, dict) and v.get("variable_code") == code)}
        for variable_id in sorted(ids, key=str):
            deleted = prober.send("DELETE", f"{VARIABLES}/{variable_id}", key=f"zorio-doctor-{uuid.uuid4()}")
            if deleted.status_code not in (200, 204, 404):
                raise ZorioError(f"DELETE {VARIABLES}/{variable_id} answered {message_of(deleted)}")
    except ZorioError as error:
        return [Finding("Clean-up", FAIL, f"the probe variable {code} may be left on the account ({error}); delete "
                                          "it in Zorio")]
    return []
