"""The shop as it runs today: a small Flask service."""

from typing import Any

from flask import Flask, abort, jsonify, request
from flask.typing import ResponseReturnValue

from examples.shop.store import ADMIN_TOKEN, Store, request_id


def create_app() -> Flask:
    app = Flask(__name__)
    store = Store.seeded()

    @app.after_request
    def add_request_id(response: Any) -> Any:
        response.headers["X-Request-Id"] = request_id()
        return response

    @app.get("/items")
    def list_items() -> ResponseReturnValue:
        return jsonify([item.public() for item in store.items.values()])

    @app.get("/items/<int:item_id>")
    def get_item(item_id: int) -> ResponseReturnValue:
        if item_id not in store.items:
            abort(404)
        return jsonify(store.items[item_id].public())

    @app.post("/items")
    def add_item() -> ResponseReturnValue:
        body = request.get_json(silent=True) or {}
        name, price = body.get("name"), body.get("price_cents")
        if not isinstance(name, str) or not isinstance(price, int):
            return jsonify({"error": "name (text) and price_cents (integer) are required"}), 400
        return jsonify(store.add(name, price).public()), 201

    @app.get("/admin/stats")
    def stats() -> ResponseReturnValue:
        if request.headers.get("Authorization") != ADMIN_TOKEN:
            return jsonify({"error": "unauthorised"}), 401
        return jsonify({"items": len(store.items)})

    return app
