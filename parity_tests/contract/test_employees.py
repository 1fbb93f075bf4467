import httpx2
import pytest

from parity_tests.contract.helpers import new_employee, validation_status
from parity_tests.sides import Side


def create(client: httpx2.Client, **overrides: object) -> dict[str, object]:
    response = client.post("/employees", json=new_employee(**overrides))
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created


def test_creating_an_employee_answers_201_with_its_location(client: httpx2.Client) -> None:
    body = new_employee(name="Marie Curie")

    response = client.post("/employees", json=body)

    assert response.status_code == 201
    created = response.json()
    assert {key: created[key] for key in body} == body
    assert response.headers["location"].endswith(f"/employees/{created['id']}")
    assert client.get(response.headers["location"]).json() == created


def test_an_employee_is_read_back_by_id(client: httpx2.Client) -> None:
    created = create(client)

    response = client.get(f"/employees/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created


def test_the_list_filters_by_department_and_pages_with_limit_and_offset(
    client: httpx2.Client,
) -> None:
    department = new_employee()["department"]
    ids = [create(client, department=department)["id"] for _ in range(3)]

    everyone = client.get("/employees", params={"department": department}).json()
    second_page = client.get(
        "/employees", params={"department": department, "limit": 2, "offset": 2}
    ).json()

    assert [item["id"] for item in everyone["items"]] == ids
    assert everyone["total"] == 3
    assert [item["id"] for item in second_page["items"]] == ids[2:]
    assert (second_page["limit"], second_page["offset"]) == (2, 2)


def test_put_replaces_every_field(client: httpx2.Client) -> None:
    created = create(client)
    replacement = new_employee(name="Replaced", salary=1)

    response = client.put(f"/employees/{created['id']}", json=replacement)

    assert response.status_code == 200
    assert {key: response.json()[key] for key in replacement} == replacement


def test_patch_changes_only_the_fields_sent(client: httpx2.Client) -> None:
    created = create(client, title="Engineer")

    response = client.patch(f"/employees/{created['id']}", json={"title": "Staff Engineer"})

    assert response.status_code == 200
    assert response.json()["title"] == "Staff Engineer"
    assert response.json()["name"] == created["name"]


def test_patch_refuses_a_null_for_a_required_field(client: httpx2.Client, side: Side) -> None:
    created = create(client)

    response = client.patch(f"/employees/{created['id']}", json={"name": None})

    assert response.status_code == validation_status(side)
    assert client.get(f"/employees/{created['id']}").json()["name"] == created["name"]


def test_delete_answers_204_and_the_employee_is_gone(client: httpx2.Client) -> None:
    created = create(client)

    response = client.delete(f"/employees/{created['id']}")

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/employees/{created['id']}").status_code == 404


def test_a_deleted_employees_id_is_never_given_to_the_next_one(client: httpx2.Client) -> None:
    # The newest employee holds the highest id: the one SQLite without AUTOINCREMENT reuses.
    deleted = create(client)
    assert client.delete(f"/employees/{deleted['id']}").status_code == 204

    created = create(client)

    assert isinstance(created["id"], int)
    assert isinstance(deleted["id"], int)
    assert created["id"] > deleted["id"]
    assert client.get(f"/employees/{deleted['id']}").status_code == 404


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_a_missing_employee_is_404_with_a_json_detail(client: httpx2.Client, method: str) -> None:
    missing = 2**63 - 1
    body = new_employee() if method in ("PUT", "PATCH") else None

    response = client.request(method, f"/employees/{missing}", json=body)

    assert response.status_code == 404
    assert response.json() == {"detail": f"Employee {missing} not found"}


def test_a_second_employee_with_the_same_email_is_a_409(client: httpx2.Client) -> None:
    first = create(client)

    response = client.post("/employees", json=new_employee(email=first["email"]))

    assert response.status_code == 409
    assert str(first["email"]) in response.json()["detail"]


def test_text_is_stored_stripped_and_non_ascii_survives(client: httpx2.Client) -> None:
    created = create(client, name="  Zoë Ångström  ")

    assert created["name"] == "Zoë Ångström"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 101),
        ("email", "not-an-email"),
        ("salary", -1),
        ("salary", 2**64),
        ("salary", False),
        ("salary", "100000"),
        ("salary", 1000.5),
        ("salary", True),
        ("hired_on", "yesterday"),
        ("unknown_field", 1),
    ],
)
def test_an_invalid_field_is_a_validation_error(
    client: httpx2.Client, side: Side, field: str, value: object
) -> None:
    response = client.post("/employees", json=new_employee(**{field: value}))

    assert response.status_code == validation_status(side)
    assert field in response.text


def test_a_patch_to_an_email_in_use_names_the_email_that_is_taken(client: httpx2.Client) -> None:
    first, second = create(client), create(client)

    response = client.patch(f"/employees/{second['id']}", json={"email": first["email"]})

    assert response.status_code == 409
    assert response.json() == {"detail": f"An employee with email {first['email']} already exists"}
    assert client.get(f"/employees/{second['id']}").json()["email"] == second["email"]


def test_an_email_that_differs_only_in_case_is_the_same_address(client: httpx2.Client) -> None:
    first = create(client)

    response = client.post("/employees", json=new_employee(email=str(first["email"]).upper()))

    assert response.status_code == 409
    assert str(first["email"]) in response.json()["detail"]


def test_an_email_is_stored_in_lower_case(client: httpx2.Client) -> None:
    email = new_employee()["email"]

    created = create(client, email=email.replace("person", "Person").upper())

    assert created["email"] == email


@pytest.mark.parametrize(
    "hired_on",
    [0, 1_700_000_000, 1_699_920_000.0, "1699920000", "2024-05-01T00:00:00", True, "20240501"],
    ids=[
        "zero",
        "a timestamp",
        "a float timestamp",
        "a timestamp as text",
        "a datetime",
        "a boolean",
        "digits only",
    ],
)
def test_a_hiring_date_must_be_a_calendar_date_not_a_number(
    client: httpx2.Client, side: Side, hired_on: object
) -> None:
    response = client.post("/employees", json=new_employee(hired_on=hired_on))

    assert response.status_code == validation_status(side), response.text
    assert "hired_on" in response.text


def test_a_patch_cannot_set_a_hiring_date_to_a_number(client: httpx2.Client, side: Side) -> None:
    created = create(client)

    response = client.patch(f"/employees/{created['id']}", json={"hired_on": 0})

    assert response.status_code == validation_status(side)
    assert client.get(f"/employees/{created['id']}").json()["hired_on"] == created["hired_on"]


def test_a_page_holds_up_to_a_thousand_employees(client: httpx2.Client) -> None:
    response = client.get("/employees", params={"limit": 1000})

    assert response.status_code == 200
    assert response.json()["limit"] == 1000


def test_a_page_larger_than_a_thousand_is_refused(client: httpx2.Client, side: Side) -> None:
    response = client.get("/employees", params={"limit": 1001})

    assert response.status_code == validation_status(side)
