"""Account secrets in the key store (keyring), never in the database, a log or an export."""

from console.secrets.vault import (
    AccountSecrets,
    InvalidSecrets,
    MissingSecrets,
    SecretsUnavailable,
    Vault,
    parse_secret_lines,
)

__all__ = [
    "AccountSecrets",
    "InvalidSecrets",
    "MissingSecrets",
    "SecretsUnavailable",
    "Vault",
    "parse_secret_lines",
]
