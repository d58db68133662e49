"""W3C traceparent parsing and new ids with no imports at all.

`pipelens run` parses TRACEPARENT and names the child's span before it starts the command, so this
path must not load `re` or `typing` (milliseconds of start-up each); _ids builds on it.
"""

_HEX = frozenset("0123456789abcdef")


def parse_traceparent(value):
    """(trace_id, span_id, flags) of a valid W3C traceparent, else None.

    Version ff is invalid, all-zero ids are invalid, version 00 has exactly four fields, and a
    future version may carry extra fields after the flags (ignored).
    """
    if not value:
        return None
    value = value.strip().lower()
    if len(value) < 55 or value[2] != "-" or value[35] != "-" or value[52] != "-":
        return None
    version, trace_id, span_id, flags, rest = value[:2], value[3:35], value[36:52], value[53:55], value[55:]
    if not _HEX.issuperset(version + trace_id + span_id + flags):
        return None
    if rest and (rest[0] != "-" or "\n" in rest):
        return None
    if version == "ff" or (version == "00" and rest):
        return None
    if trace_id == "0" * 32 or span_id == "0" * 16:
        return None
    return trace_id, span_id, int(flags, 16)


def new_id(size, urandom):
    """`size` random bytes as lower-case hex, never all zero (`urandom`: os.urandom)."""
    while True:
        value = urandom(size).hex()
        if value != "0" * (2 * size):
            return value
