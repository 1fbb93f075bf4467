"""FastAPI's own hello world ("First Steps"): one coroutine returning a dict, nothing else."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    # No response model, as in FastAPI's own first example: the dict goes through
    # jsonable_encoder, and the annotation is for the type checker only.
    @app.get("/", response_model=None)
    async def hello() -> dict[str, str]:
        return {"Hello": "World"}

    return app
