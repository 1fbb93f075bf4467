"""The compose stack, really run: `python -m tools.containers` (`make compose-up-test`).

A Docker engine of its own under var/compose/, base images built from Debian's packages (Docker
Hub is out of reach), the project's image built from a wheelhouse prepared on the host, then the
stack up with the live parity suite run against it. See docs/deployment.md.
"""
