import httpx2


def test_root_says_hello_world(client: httpx2.Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"Hello": "World"}
