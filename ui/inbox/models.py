"""Item models for the inbox, tested without any widget.

The conversation list holds ids only, read in pages as the view scrolls (canFetchMore/fetchMore);
a row's contents are read when the view first paints it, in blocks, and kept in a bounded cache. The
source is the desktop's replica (a console object; no SQL here)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from console.inbox.views import ConversationRow, InboxFilter, MessageRow, SortKey

RowRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
HolderRole = Qt.ItemDataRole.UserRole + 3  # who else has the conversation open: (name, typing) or None

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
BLOCK = 100
CACHE_LIMIT = 5000


class ConversationSource(Protocol):
    def conversation_ids(self, flt: InboxFilter, after: SortKey | None, limit: int) -> list[tuple[int, SortKey]]: ...

    def conversation_rows(self, ids: list[int]) -> dict[int, ConversationRow]: ...


class RowsSource:
    """A fixed list of rows as a source (tests, and views over rows already in hand)."""

    def __init__(self, rows: list[ConversationRow]) -> None:
        self._rows = list(rows)

    def conversation_ids(self, flt: InboxFilter, after: SortKey | None, limit: int) -> list[tuple[int, SortKey]]:
        start = 0 if after is None else next(i for i, r in enumerate(self._rows) if r.id == after[1]) + 1
        return [(r.id, (r.last_message_at, r.id)) for r in self._rows[start : start + limit]]

    def conversation_rows(self, ids: list[int]) -> dict[int, ConversationRow]:
        wanted = set(ids)
        return {r.id: r for r in self._rows if r.id in wanted}


class ConversationsModel(QAbstractListModel):
    def __init__(self, parent=None, source: ConversationSource | None = None) -> None:
        super().__init__(parent)
        self._source: ConversationSource = source or RowsSource([])
        self.filter = InboxFilter()
        self._ids: list[int] = []
        self._keys: list[SortKey] = []
        self._cache: dict[int, ConversationRow] = {}
        self._more = False
        self._holders: dict[int, tuple[str, bool]] = {}
        self.rows_fetched = 0  # rows read from the source, for tests and benchmarks

    # -- loading -----------------------------------------------------------------------------------
    def set_source(self, source: ConversationSource) -> None:
        self._source = source
        self.reload()

    def set_rows(self, rows: list[ConversationRow]) -> None:
        self.set_source(RowsSource(rows))

    def set_filter(self, flt: InboxFilter) -> None:
        self.filter = flt
        self.beginResetModel()
        self._ids, self._keys, self._cache = [], [], {}
        self._load_page(None, PAGE)
        self.endResetModel()

    def reload(self, changed: set[int] | None = None) -> None:
        """Read again the ids already shown (rows move when new messages arrive), in one query; rows
        whose contents changed are read again when painted."""
        wanted = max(PAGE, len(self._ids))
        self.beginResetModel()
        if changed is None:
            self._cache.clear()
        else:
            for conversation_id in changed:
                self._cache.pop(conversation_id, None)
        self._ids, self._keys = [], []
        self._load_page(None, wanted)
        self.endResetModel()

    def _load_page(self, after: SortKey | None, limit: int) -> list[tuple[int, SortKey]]:
        page = self._source.conversation_ids(self.filter, after, limit)
        self._ids.extend(cid for cid, _ in page)
        self._keys.extend(key for _, key in page)
        self._more = len(page) == limit
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._source.conversation_ids(self.filter, self._keys[-1] if self._keys else None, PAGE)
        if not page:
            self._more = False
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._ids.extend(cid for cid, _ in page)
        self._keys.extend(key for _, key in page)
        self._more = len(page) == PAGE
        self.endInsertRows()

    def _row(self, row: int) -> ConversationRow | None:
        conversation_id = self._ids[row]
        found = self._cache.get(conversation_id)
        if found is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, row - BLOCK // 4)
            block = [cid for cid in self._ids[start : start + BLOCK] if cid not in self._cache]
            fetched = self._source.conversation_rows(block)
            self.rows_fetched += len(fetched)
            self._cache.update(fetched)
            found = self._cache.get(conversation_id)
        return found

    # -- Qt's model API ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role == HolderRole:
            return self._holders.get(self._ids[index.row()])
        row = self._row(index.row())
        if row is None:
            return None
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.follower_name}（{row.account_name}）：{row.preview}"
        return None

    # -- helpers for the page ----------------------------------------------------------------------
    def row_at(self, row: int) -> ConversationRow | None:
        return self._row(row) if 0 <= row < len(self._ids) else None

    def lookup(self, conversation_id: int) -> ConversationRow | None:
        """A conversation's row whether or not the current filter lists it (the one open on the right)."""
        found = self._cache.get(conversation_id)
        if found is None:
            found = self._source.conversation_rows([conversation_id]).get(conversation_id)
        return found

    def row_of(self, conversation_id: int) -> int:
        try:
            return self._ids.index(conversation_id)
        except ValueError:
            return -1

    def set_holders(self, holders: dict[int, tuple[str, bool]]) -> None:
        """Colleagues' presence (not this seat's own): repaint only the rows whose holder changed."""
        changed = set(holders.items()) ^ set(self._holders.items())
        self._holders = dict(holders)
        for conversation_id in {cid for cid, _ in changed}:
            row = self.row_of(conversation_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, [HolderRole])


class MessagesModel(QAbstractListModel):
    """One conversation's history: small (tens of rows), so it holds them all."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MessageRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, row: int) -> MessageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_rows(self, rows: list[MessageRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RowRole:
            return row
        if role == IdRole:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.content
        return None
