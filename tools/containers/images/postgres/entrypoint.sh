#!/bin/sh
# The official postgres image's contract, kept small. On an empty data directory: a cluster whose
# superuser is POSTGRES_USER (default postgres) with the password POSTGRES_PASSWORD, and a database
# POSTGRES_DB (default: the user's name). Then the server, on every address of the container;
# extra arguments go to it (`-c name=value`).
set -eu

: "${POSTGRES_PASSWORD:?is required: other containers log in with it}"
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password_file="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
    initdb --username="$user" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256
    rm -f "$password_file"
    # initdb allows host connections from loopback only; the apps connect from other containers.
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$database" != postgres ]; then
        # A server on the socket only, for as long as CREATE DATABASE takes.
        pg_ctl --wait --silent --options="-c listen_addresses=''" start
        # From stdin, not --command: psql quotes :"name" as an identifier only in a script.
        echo 'CREATE DATABASE :"name";' \
            | psql --username="$user" --dbname=postgres --set=ON_ERROR_STOP=1 --set=name="$database"
        pg_ctl --wait --silent --mode=fast stop
    fi
fi

exec postgres -c listen_addresses='*' "$@"
