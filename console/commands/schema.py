"""A command's arguments, typed and bounded before its handler runs.

Each kind declares the arguments it takes; anything else, or a value of the wrong type or size, is a
400 in words before any handler, permission or database work. Handlers can then read `args[...]`
knowing its type. Deeper shapes (an article, a rule) are declared as objects and checked by the
feature's own codec, within the hub's body size and depth limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.refusal import BadInput

MAX_TEXT = 1_000_000
MAX_ITEMS = 2_000


@dataclass(frozen=True)
class Arg:
    """One argument: `kind` is text, integer, boolean, texts (list of text), object, objects (list of
    objects) or any (a JSON value the feature's codec checks)."""

    kind: str
    required: bool = False
    max_len: int = 4000
    max_items: int = 100
    nullable: bool = True
    label: str = ""

    def check(self, name: str, value: Any) -> Any:
        what = self.label or name
        if value is None:
            if self.required or not self.nullable:
                raise BadInput(f"缺少“{what}”。")
            return None
        checker = _CHECKERS[self.kind]
        return checker(self, what, value)


def _text(arg: Arg, what: str, value: Any) -> str:
    if not isinstance(value, str):
        raise BadInput(f"“{what}”应为文字。")
    if len(value) > arg.max_len:
        raise BadInput(f"“{what}”太长（最多 {arg.max_len} 字）。")
    return value


def _integer(arg: Arg, what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 19:
            return int(value)
        raise BadInput(f"“{what}”应为整数。")
    if not -(2**62) < value < 2**62:
        raise BadInput(f"“{what}”超出范围。")
    return value


def _boolean(arg: Arg, what: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadInput(f"“{what}”应为是或否（true/false）。")
    return value


def _texts(arg: Arg, what: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise BadInput(f"“{what}”应为一组文字。")
    if len(value) > arg.max_items:
        raise BadInput(f"“{what}”最多 {arg.max_items} 项。")
    return [_text(arg, what, item) for item in value]


def _object(arg: Arg, what: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"“{what}”格式不对。")
    return value


def _objects(arg: Arg, what: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise BadInput(f"“{what}”应为一组内容。")
    if len(value) > arg.max_items:
        raise BadInput(f"“{what}”最多 {arg.max_items} 项。")
    return [_object(arg, what, item) for item in value]


def _any(arg: Arg, what: str, value: Any) -> Any:
    return value


_CHECKERS = {
    "text": _text,
    "integer": _integer,
    "boolean": _boolean,
    "texts": _texts,
    "object": _object,
    "objects": _objects,
    "any": _any,
}


def text(required: bool = False, max_len: int = 4000, label: str = "") -> Arg:
    return Arg("text", required=required, max_len=max_len, label=label)


def integer(required: bool = False, label: str = "") -> Arg:
    return Arg("integer", required=required, label=label)


def boolean(label: str = "") -> Arg:
    return Arg("boolean", label=label)


def texts(max_items: int = 100, max_len: int = 200, label: str = "") -> Arg:
    return Arg("texts", max_items=max_items, max_len=max_len, label=label)


def obj(required: bool = False, label: str = "") -> Arg:
    return Arg("object", required=required, label=label)


def objects(max_items: int = MAX_ITEMS, label: str = "") -> Arg:
    return Arg("objects", max_items=max_items, label=label)


def anything(label: str = "") -> Arg:
    return Arg("any", label=label)


# Every edit of a versioned row names the version it started from (see registry.Versioning).
BASE = {"base_version": integer(label="基准版本"), "base_seq": integer(label="基准版本")}
# What a 错敏词 pass carries (console.screening.gate): a reason, and who passed it.
OVERRIDE = {"override": obj(label="放行")}


@dataclass(frozen=True)
class Schema:
    args: Mapping[str, Arg] = field(default_factory=dict)

    def check(self, args: Any) -> dict[str, Any]:
        if not isinstance(args, dict):
            raise BadInput("操作参数格式不对，应为一个对象。")
        unknown = sorted(set(args) - set(self.args))
        if unknown:
            raise BadInput(f"不认识的参数：{'、'.join(str(u)[:40] for u in unknown[:5])}。请更新桌面端后再试。")
        checked: dict[str, Any] = {}
        for name, arg in self.args.items():
            if name in args:
                checked[name] = arg.check(name, args[name])
            elif arg.required:
                raise BadInput(f"缺少“{arg.label or name}”。")
        return checked


def schema(*parts: Mapping[str, Arg], **args: Arg) -> Schema:
    merged: dict[str, Arg] = {}
    for part in parts:
        merged.update(part)
    merged.update(args)
    return Schema(merged)
