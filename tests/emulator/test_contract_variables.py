"""Contract section 7: variables (the pool of template placeholders)."""

from __future__ import annotations

import pytest

from contract_support import TIMESTAMP_RE, assert_message, assert_validation

PATH = "/api/autocall/variables"


def test_create_returns_201_with_every_field(api):
    response = api.post(PATH, json={"variable_code": "customer_name", "name": "Customer name",
                                    "description": "Salutation", "sample_value": "anh An"})
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert set(response.json()) == {"data"}
    assert {"id", "variable_code", "name", "description", "sample_value", "created_at", "updated_at"} <= set(data)
    assert isinstance(data["id"], int)
    assert (data["variable_code"], data["name"], data["description"], data["sample_value"]) == (
        "customer_name", "Customer name", "Salutation", "anh An")
    assert TIMESTAMP_RE.match(data["created_at"]) and TIMESTAMP_RE.match(data["updated_at"])


def test_optional_fields_default_to_null(api):
    data = api.variable("bare", name="Bare")
    assert data["description"] is None
    assert data["sample_value"] is None


@pytest.mark.parametrize("code", ["a", "a1", "customer_name", "x" * 64, "a_b_c_1_2"])
def test_codes_matching_the_documented_pattern_are_accepted(api, code):
    assert api.variable(code)["variable_code"] == code


def test_get_returns_the_created_variable(api):
    created = api.variable("fetch_me", description="d")
    response = api.get(f"{PATH}/{created['id']}")
    assert response.status_code == 200
    assert response.json() == {"data": created}


def test_duplicate_code_is_refused(api):
    api.variable("taken")
    assert_validation(api.post(PATH, json={"variable_code": "taken", "name": "Again"}),
                      {"variable_code": "The variable code has already been taken."})


def test_same_code_is_allowed_in_another_tenant(zorio):
    zorio.admin.variable("shared_code")
    assert zorio.other.variable("shared_code")["variable_code"] == "shared_code"


def test_put_updates_fields_and_keeps_omitted_ones(api):
    created = api.variable("upd", name="Old", description="keep me", sample_value="s")
    response = api.put(f"{PATH}/{created['id']}", json={"name": "New"})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["name"], data["description"], data["sample_value"]) == ("New", "keep me", "s")
    assert api.get(f"{PATH}/{created['id']}").json()["data"]["name"] == "New"


def test_put_may_clear_nullable_fields(api):
    created = api.variable("clear_me", description="d", sample_value="s")
    data = api.put(f"{PATH}/{created['id']}", json={"description": None, "sample_value": None}).json()["data"]
    assert data["description"] is None and data["sample_value"] is None


def test_put_with_same_code_is_accepted(api):
    created = api.variable("same_code")
    assert api.put(f"{PATH}/{created['id']}", json={"variable_code": "same_code", "name": "x"}).status_code == 200


def test_code_cannot_change(api):
    created = api.variable("fixed_code")
    response = api.put(f"{PATH}/{created['id']}", json={"variable_code": "other_code"})
    assert_validation(response, {"variable_code": "The variable code cannot be changed."})
    assert api.get(f"{PATH}/{created['id']}").json()["data"]["variable_code"] == "fixed_code"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "x" * 256, "The name must not be greater than 255 characters."),
    ("name", None, "The name field is required."),
    ("description", "x" * 1001, "The description must not be greater than 1000 characters."),
    ("sample_value", 12, "The sample value must be a string."),
])
def test_put_validates_like_create(api, field, value, message):
    created = api.variable("validated")
    assert_validation(api.put(f"{PATH}/{created['id']}", json={field: value}), {field: message})


def test_delete_removes_the_variable(api):
    created = api.variable()
    assert api.delete(f"{PATH}/{created['id']}").status_code == 204
    assert_message(api.get(f"{PATH}/{created['id']}"), 404, "Resource not found")
    assert_message(api.delete(f"{PATH}/{created['id']}"), 404, "Resource not found")


def test_deleted_code_can_be_reused(api):
    created = api.variable("reuse_me")
    api.delete(f"{PATH}/{created['id']}")
    assert api.variable("reuse_me")["id"] != created["id"]


def test_delete_refused_while_scripts_use_it(api):
    variable = api.variable("in_use")
    first = api.script(template_text="Hi {{in_use}}")
    second = api.script(template_text="Bye {{ in_use }}, {{ other }}")
    api.script(template_text="Unrelated {{in_use_not}}")
    ids = sorted([first["id"], second["id"]])
    assert_message(api.delete(f"{PATH}/{variable['id']}"), 409,
                   f"Variable is used by script(s): {ids[0]}, {ids[1]}.")
    assert api.get(f"{PATH}/{variable['id']}").status_code == 200


def test_delete_allowed_when_only_archived_scripts_use_it(api):
    variable = api.variable("archived_use")
    api.script(template_text="Hi {{archived_use}}", status="archived")
    assert api.delete(f"{PATH}/{variable['id']}").status_code == 204


def test_delete_allowed_after_the_script_stops_using_it(api):
    variable = api.variable("was_used")
    script = api.script(template_text="Hi {{was_used}}")
    assert api.delete(f"{PATH}/{variable['id']}").status_code == 409
    assert api.put(f"/api/autocall/scripts/{script['id']}", json={"template_text": "Hi"}).status_code == 200
    assert api.delete(f"{PATH}/{variable['id']}").status_code == 204


def test_list_is_paginated_and_holds_only_own_variables(zorio):
    zorio.admin.variable("mine_a")
    zorio.admin.variable("mine_b")
    zorio.other.variable("theirs")
    body = zorio.admin.get(PATH).json()
    assert set(body) == {"current_page", "data", "last_page", "per_page", "total"}
    assert sorted(item["variable_code"] for item in body["data"]) == ["mine_a", "mine_b"]
    assert body["total"] == 2
