"""Desktop side of sync: the wire format, the hub client and the local replica."""
