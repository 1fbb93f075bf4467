"""The HTTP layer of every server set-up: raw requests at the edges of RFC 9112 and 9110."""
