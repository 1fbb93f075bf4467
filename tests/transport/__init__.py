"""The HTTP layer of every production server: raw requests at the edges of RFC 9112 and 9110."""
