"""Only the configured host names are served: a foreign Host header is refused before any
page can build a link from it (SQLAdmin writes absolute URLs from the Host it was sent)."""

import httpx2
import pytest

from parity_tests.contract.helpers import basic_auth
from parity_tests.sides import Side
from shared.settings import Settings

FOREIGN_HOST = "evil.example"


def admin_credentials(settings: Settings) -> dict[str, str]:
    return basic_auth(settings.auth_username, settings.auth_password.get_secret_value())


@pytest.mark.parametrize("path", ["/", "/employees", "/admin/"])
def test_a_foreign_host_is_refused_with_each_frameworks_own_page(
    client: httpx2.Client, settings: Settings, side: Side, path: str
) -> None:
    headers = {"Host": FOREIGN_HOST, **admin_credentials(settings)}

    response = client.get(path, headers=headers)

    assert response.status_code == 400
    # Werkzeug's page names the host it refused; Starlette's text does not
    # (untrusted-host-page, which compat mode bridges).
    assert (FOREIGN_HOST in response.text) is (side.name != "fastapi")


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "localhost:5000"])
def test_the_hosts_make_up_serves_are_allowed(client: httpx2.Client, host: str) -> None:
    response = client.get("/", headers={"Host": host})

    assert response.status_code == 200


def test_the_admin_links_only_to_the_host_it_was_asked_for(
    client: httpx2.Client, settings: Settings
) -> None:
    response = client.get("/admin/", headers={"Host": "localhost", **admin_credentials(settings)})

    assert response.status_code == 200
    assert FOREIGN_HOST not in response.text
