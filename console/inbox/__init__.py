"""The inbox: storing what followers send, and the read side the desktop lists."""
