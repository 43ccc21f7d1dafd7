"""Storage: SQLAlchemy models, engine and sessions, Alembic migrations."""

from console.store.database import Database, open_database
from console.store.models import Account, Base, Conversation, Follower, Message

__all__ = ["Account", "Base", "Conversation", "Database", "Follower", "Message", "open_database"]
