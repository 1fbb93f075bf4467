"""The compose stack, really run: `python -m tools.containers` (`make compose-up-test`).

A Docker engine of its own under var/compose/, base images built from Debian's packages (Docker
Hub is out of reach), the project's image built from a wheelhouse prepared on the host, then the
scaled stack up (replicas of each twin behind HAProxy, workers on RabbitMQ) with the live parity
suite run through its proxy, a restart, and the fault test under load (faults.py); or, with
--load, `make load`'s workload beside it (scaled_load.py). See docs/deployment.md.
"""
