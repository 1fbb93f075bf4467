"""The shop's noise rule declared in Python (the data file names this module): any rule the
data file's kinds cannot say can be written here as a function of an Observation."""

from sidebyside import mask_json_keys

NOISE = [
    mask_json_keys(
        "creation times",
        "created_at is the moment each app stored the item, not what it stored; its type is "
        "still compared.",
        "created_at",
    )
]
