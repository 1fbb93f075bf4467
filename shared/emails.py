"""The rule for email addresses: one address, whatever the case it is typed in.

RFC 5321 lets a mail server treat the local part as case-sensitive, but no mainstream one does,
and people type the same address as Ada@Example.com and ada@example.com. So an address is kept
in lower case: the schemas store it that way, the models do so for writes that skip the schemas
(the admin pages), and the unique index on the column then holds whatever the case typed.
Python's str.lower is used rather than SQL's LOWER(), which SQLite applies to ASCII only.
"""


def canonical_email(address: str) -> str:
    return address.lower()
