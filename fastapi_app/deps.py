"""Request-scoped resources, FastAPI's way: dependencies that the handler declares."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shared.jobs import UploadQueue
from shared.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_session_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


def get_upload_queue(request: Request) -> UploadQueue | None:
    """The broker's queue when JOBS=queue; None when the job runs in the web process."""
    queue: UploadQueue | None = request.app.state.upload_queue
    return queue


def get_db(
    session_factory: Annotated[sessionmaker[Session], Depends(get_session_factory)],
) -> Iterator[Session]:
    """The request's database session, closed when the response is done."""
    with session_factory() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionFactoryDep = Annotated[sessionmaker[Session], Depends(get_session_factory)]
SessionDep = Annotated[Session, Depends(get_db)]
UploadQueueDep = Annotated[UploadQueue | None, Depends(get_upload_queue)]
