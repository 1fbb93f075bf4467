class JsonBodyParsingError(Exception): ...

class ValidationError(Exception):
    body_params: list[dict[str, object]] | None
    form_params: list[dict[str, object]] | None
    path_params: list[dict[str, object]] | None
    query_params: list[dict[str, object]] | None
