from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fastapi_app.deps import SessionDep
from fastapi_app.responses import CONFLICT, NOT_FOUND, WITH_BODY
from shared import employees
from shared.schemas import (
    MAX_ID,
    EmployeeIn,
    EmployeeList,
    EmployeeOut,
    EmployeePatch,
    EmployeeQuery,
)

router = APIRouter(tags=["employees"])

# Validated like any other input: a negative or over-64-bit id is a 422, not a 404.
EmployeeId = Annotated[int, Path(ge=0, le=MAX_ID)]


@router.get("/employees")
def list_employees(db: SessionDep, query: Annotated[EmployeeQuery, Query()]) -> EmployeeList:
    return employees.list_employees(db, query)


@router.post("/employees", status_code=201, responses=WITH_BODY | CONFLICT)
def create_employee(
    db: SessionDep, body: EmployeeIn, request: Request, response: Response
) -> EmployeeOut:
    employee = employees.create_employee(db, body)
    response.headers["Location"] = request.app.url_path_for(
        "get_employee", employee_id=str(employee.id)
    )
    return employee


@router.get("/employees/{employee_id}", responses=NOT_FOUND)
def get_employee(db: SessionDep, employee_id: EmployeeId) -> EmployeeOut:
    return employees.get_employee(db, employee_id)


@router.put("/employees/{employee_id}", responses=WITH_BODY | NOT_FOUND | CONFLICT)
def replace_employee(db: SessionDep, employee_id: EmployeeId, body: EmployeeIn) -> EmployeeOut:
    return employees.replace_employee(db, employee_id, body)


@router.patch("/employees/{employee_id}", responses=WITH_BODY | NOT_FOUND | CONFLICT)
def update_employee(db: SessionDep, employee_id: EmployeeId, body: EmployeePatch) -> EmployeeOut:
    return employees.update_employee(db, employee_id, body)


@router.delete("/employees/{employee_id}", status_code=204, responses=NOT_FOUND)
def delete_employee(db: SessionDep, employee_id: EmployeeId) -> None:
    employees.delete_employee(db, employee_id)
