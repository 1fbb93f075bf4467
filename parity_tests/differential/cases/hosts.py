from parity_tests.parity import Probe

PROBES = [
    Probe(
        "hosts", "an allowed Host with a port", "GET", "/", {"headers": {"Host": "localhost:5000"}}
    ),
    Probe(
        "hosts",
        "a foreign Host",
        "GET",
        "/",
        {"headers": {"Host": "evil.example"}},
        differences=("errors-outside-cors", "untrusted-host-page"),
    ),
    Probe(
        "hosts",
        "a foreign Host on the admin",
        "GET",
        "/admin/",
        {"headers": {"Host": "evil.example"}},
        differences=("errors-outside-cors", "untrusted-host-page"),
    ),
    Probe(
        "hosts",
        "an allowed Host in upper case",
        "GET",
        "/",
        {"headers": {"Host": "LOCALHOST"}},
        differences=("trusted-host-case",),
    ),
]
