from sidebyside import Probe

PROBES = [
    Probe(
        "an allowed Host with a port",
        "GET",
        "/",
        headers={"Host": "localhost:5000"},
        feature="hosts",
    ),
    Probe(
        "a foreign Host",
        "GET",
        "/",
        headers={"Host": "evil.example"},
        feature="hosts",
        differences=("errors-outside-cors", "untrusted-host-page", "flask-serves-any-host"),
    ),
    Probe(
        "a foreign Host on the admin",
        "GET",
        "/admin/",
        headers={"Host": "evil.example"},
        feature="hosts",
        differences=("errors-outside-cors", "untrusted-host-page", "flask-serves-any-host"),
    ),
    Probe(
        "an allowed Host in upper case",
        "GET",
        "/",
        headers={"Host": "LOCALHOST"},
        feature="hosts",
        # One shape per pair of releases: each entry's range says where it applies.
        differences=(
            "trusted-host-case",
            "upper-case-host-both-refuse",
            "upper-case-host-flask-serves",
        ),
    ),
]
