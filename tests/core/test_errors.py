import pytest

from shared.errors import Conflict, DomainError, NotFound, http_status


class EmployeeGone(NotFound):
    """A refinement a later feature might add: still a NotFound to every client."""


class StaleWrite(Conflict):
    pass


@pytest.mark.parametrize(
    ("error", "status"),
    [(NotFound("x"), 404), (Conflict("x"), 409), (EmployeeGone("x"), 404), (StaleWrite("x"), 409)],
    ids=["not found", "conflict", "a subclass of not found", "a subclass of conflict"],
)
def test_a_domain_error_answers_the_status_of_its_nearest_mapped_class(
    error: DomainError, status: int
) -> None:
    assert http_status(error) == status


def test_a_domain_error_with_no_mapped_class_is_a_programming_error() -> None:
    with pytest.raises(LookupError, match="DomainError"):
        http_status(DomainError("no status for this"))
