"""Faults outside the servers: the database goes away while both apps serve."""
