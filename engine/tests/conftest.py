"""The engine's own tests: pytester runs the plugin on pairs written for each test."""

pytest_plugins = ["pytester"]
