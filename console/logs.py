"""Logging set-up. A filter masks anything shaped like a credential in a URL or a key=value pair,
as a second line of defence: no code of ours logs a secret, but libraries log URLs."""

from __future__ import annotations

import logging
import re

_SECRET = re.compile(r"(?i)\b(secret|access_token|token|aes_key|password|app_secret)=([^&\s\"']+)")


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET.sub(r"\1=***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup(verbose: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # urllib3 logs full request URLs at DEBUG, and WeChat's token URL carries the AppSecret.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
