from flask import Blueprint, Response, url_for
from flask_pydantic import validate

from flask_app.deps import get_db
from shared import employees
from shared.schemas import (
    MAX_ID,
    EmployeeIn,
    EmployeeList,
    EmployeeOut,
    EmployeePatch,
    EmployeeQuery,
)

bp = Blueprint("employees", __name__)

# Werkzeug's int converter: negative ids do not match (404), ids past 64 bits are refused.
EMPLOYEE = f"/employees/<int(max={MAX_ID}):employee_id>"


@bp.get("/employees")
@validate()
def list_employees(query: EmployeeQuery) -> EmployeeList:
    return employees.list_employees(get_db(), query)


@bp.post("/employees")
@validate(on_success_status=201)
def create_employee(body: EmployeeIn) -> tuple[EmployeeOut, dict[str, str]]:
    employee = employees.create_employee(get_db(), body)
    return employee, {"Location": url_for(".get_employee", employee_id=employee.id)}


@bp.get(EMPLOYEE)
@validate()
def get_employee(employee_id: int) -> EmployeeOut:
    return employees.get_employee(get_db(), employee_id)


@bp.put(EMPLOYEE)
@validate()
def replace_employee(employee_id: int, body: EmployeeIn) -> EmployeeOut:
    return employees.replace_employee(get_db(), employee_id, body)


@bp.patch(EMPLOYEE)
@validate()
def update_employee(employee_id: int, body: EmployeePatch) -> EmployeeOut:
    return employees.update_employee(get_db(), employee_id, body)


@bp.delete(EMPLOYEE)
def delete_employee(employee_id: int) -> Response:
    employees.delete_employee(get_db(), employee_id)
    return Response(status=204)
