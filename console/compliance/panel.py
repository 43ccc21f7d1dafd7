"""The inspection panel (合规检查): per account, the figures the state inspection of government new media
(国办秘函〔2019〕19号 检查指标) judges, each with the rule it serves and what to do about it.

Why these six lines: inspection notices fail accounts for "超过两周无更新" and "未提供有效互动功能"
(单项否决) more than anything else, and deduct for late replies, wrong words (错字、错句、错链), missing
撰稿/审核/审签 lines and weak security management. Each line says its level in the office's terms:
"ok" (正常), "warning" (提醒: act soon) or "alarm" (警告: the account fails or loses points now).

Everything is measured at one moment: now, or the end of the quarter asked for when it is over, so a
report for last quarter shows last quarter. Posts, 错敏词 events and review records are counted inside
the quarter; rules, waiting conversations and the checklist are read as they stand (the tables keep no
history of those). No Qt, no secrets: only the database is read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from console.publishing.board import account_plans
from console.publishing.rhythm import ALARM, ALARM_DAYS, OK, VETO_DAYS, WARN_DAYS, WARNING, Rhythm
from console.review.policy import levels_for_article, policy_for
from console.review.queue import signatures
from console.staff.access import account_filter
from console.store.models import (
    Account,
    AccountType,
    ChecklistItem,
    Conversation,
    Direction,
    Message,
    Post,
    PostState,
    ReplyRule,
    ReviewItem,
    ScreenEvent,
)
from console.workcal.holidays import HolidayTable
from console.workcal.hours import OfficeHours, china_today, describe_wait, from_china, to_china, working_seconds

LEVEL_TEXT = {OK: "正常", WARNING: "提醒", ALARM: "警告"}
_RANK = {OK: 0, WARNING: 1, ALARM: 2}
TYPE_TEXT = {AccountType.SUBSCRIPTION.value: "订阅号", AccountType.SERVICE.value: "服务号"}

CHANNEL_DAYS = 7  # a callback that delivered nothing for a week may be broken
WAIT_WARN_DAYS = 1  # working days a follower may wait before the panel reminds
WAIT_ALARM_DAYS = 3  # working days after which the wait costs points
CHECKLIST_ALARM_DAYS = 30  # an overdue security task this old is no longer "a little late"
MAX_LISTED = 10  # titles named in one line's value; the rest are counted

RULE_SINCE = f"单项否决：检查前两周内无更新（超过两周无更新）；第{WARN_DAYS}天提醒，第{ALARM_DAYS}天警告"
RULE_CHANNEL = "单项否决：未提供有效互动功能"
RULE_WAIT = f"扣分项：留言回复不及时；超过{WAIT_WARN_DAYS}个工作日提醒，超过{WAIT_ALARM_DAYS}个工作日警告"
RULE_SCREEN = "扣分项：错字、错句、错链（错敏词检查）"
RULE_REVIEW = "扣分项：缺少撰稿/审核/审签（三审三校）"
RULE_CHECKLIST = f"安全管理制度：安全清单按期落实；逾期提醒，逾期超过{CHECKLIST_ALARM_DAYS}天警告"

_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


class QuarterError(ValueError):
    """A quarter written in a form we cannot read; the message is Chinese."""


@dataclass(frozen=True)
class PanelLine:
    """One figure of one account: its level, the figure in words and as a number, the rule, the advice."""

    key: str  # since_last_post | channel | oldest_unanswered | screening | review | checklist
    title: str
    level: str  # "ok" | "warning" | "alarm"
    value: str
    figure: float | int | None
    rule: str
    advice: str
    detail: dict[str, Any] = field(default_factory=dict)  # the numbers behind `value`, for the report

    @property
    def level_text(self) -> str:
        return LEVEL_TEXT[self.level]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "level_text": self.level_text}


@dataclass(frozen=True)
class AccountPanel:
    """An account's lines; `level` is the worst of them."""

    appid: str
    name: str
    level: str
    lines: list[PanelLine]
    account_type: str = AccountType.SUBSCRIPTION.value

    @property
    def level_text(self) -> str:
        return LEVEL_TEXT[self.level]

    def line(self, key: str) -> PanelLine:
        return next(line for line in self.lines if line.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "appid": self.appid,
            "name": self.name,
            "account_type": self.account_type,
            "account_type_text": TYPE_TEXT.get(self.account_type, self.account_type),
            "level": self.level,
            "level_text": self.level_text,
            "lines": [line.to_json() for line in self.lines],
        }


# ---------------------------------------------------------------------------------------------------------
# Quarters


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """The first and last China dates of "2026Q4" (2026-10-01, 2026-12-31)."""
    found = _QUARTER.match(quarter or "")
    if not found:
        raise QuarterError(f"季度“{quarter}”格式不对，应写成 年份Q季度，例如 2026Q4。")
    year, number = int(found.group(1)), int(found.group(2))
    first = date(year, 3 * number - 2, 1)
    after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return first, after - timedelta(days=1)


def current_quarter(today: date) -> str:
    """The quarter a China date falls in: "2026Q4"."""
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def quarter_label(quarter: str) -> str:
    """ "2026Q4" as the report writes it: "2026年第4季度"."""
    first, _ = quarter_bounds(quarter)
    return f"{first.year}年第{(first.month - 1) // 3 + 1}季度"


def quarter_window(quarter: str) -> tuple[datetime, datetime]:
    """The quarter as naive-UTC moments [start, end): China midnight to China midnight."""
    first, last = quarter_bounds(quarter)
    start = from_china(datetime.combine(first, time()))
    end = from_china(datetime.combine(last + timedelta(days=1), time()))
    return start, end


def measured_at(now_utc: datetime, quarter: str) -> datetime:
    """The moment the panel measures: now, or the quarter's last second once the quarter is over."""
    _, end = quarter_window(quarter)
    return min(now_utc, end - timedelta(seconds=1))


# ---------------------------------------------------------------------------------------------------------
# The panel


def panel(
    session: Session,
    now_utc: datetime,
    table: HolidayTable,
    hours: OfficeHours,
    appid: str | None = None,
    quarter: str | None = None,
    account_ids: set[int] | None = None,
) -> list[AccountPanel]:
    """Every account's panel (or one account's), measured now or at the end of `quarter` (default: the
    quarter now falls in). An unknown `appid` gives an empty list. Only the accounts in `account_ids`
    (console.staff.access.visible_account_ids; None for every account): another's is as unknown."""
    quarter = quarter or current_quarter(china_today(now_utc))
    start, end = quarter_window(quarter)
    at = measured_at(now_utc, quarter)
    today = china_today(at)
    query = select(Account).where(account_filter(Account.id, account_ids)).order_by(Account.id)
    if appid:
        query = query.where(Account.appid == appid)
    accounts = list(session.scalars(query))
    if not accounts:
        return []
    rhythms = {plan.appid: plan.rhythm for plan in account_plans(session, today, table)}
    panels = []
    for account in accounts:
        lines = [
            _since_last_post(rhythms.get(account.appid)),
            _channel(session, account, at),
            _oldest_unanswered(session, account, at, table, hours),
            _screening(session, account, start, min(end, at + timedelta(seconds=1))),
            _review(session, account, start, min(end, at + timedelta(seconds=1))),
            _checklist(session, account, today),
        ]
        level = max((line.level for line in lines), key=_RANK.__getitem__)
        panels.append(AccountPanel(account.appid, account.name, level, lines, account.account_type))
    return panels


def panel_json(
    session: Session,
    now_utc: datetime,
    table: HolidayTable,
    hours: OfficeHours,
    appid: str | None = None,
    quarter: str | None = None,
    account_ids: set[int] | None = None,
) -> list[dict[str, Any]]:
    """`panel` as plain data (for `wxconsole compliance --json` and the hub's API)."""
    quarter = quarter or current_quarter(china_today(now_utc))
    at = measured_at(now_utc, quarter)
    found = panel(session, now_utc, table, hours, appid=appid, quarter=quarter, account_ids=account_ids)
    return [
        {**p.to_json(), "quarter": quarter, "measured_at": to_china(at).isoformat(timespec="minutes")} for p in found
    ]


def _since_last_post(rhythm: Rhythm | None) -> PanelLine:
    """Days since the last published post: the 单项否决 most accounts fail on."""
    title = "距上次更新"
    finding = next((f for f in rhythm.findings if f.kind == "since_last"), None) if rhythm else None
    if rhythm is None or rhythm.days_since_last is None or rhythm.last_post is None:
        advice = finding.text if finding else "还没有发布记录，检查以两周为限，请尽快发布。"
        return PanelLine("since_last_post", title, ALARM, "没有发布记录", None, RULE_SINCE, advice)
    days = rhythm.days_since_last
    level = ALARM if days >= ALARM_DAYS else WARNING if days >= WARN_DAYS else OK
    value = f"距上次更新 {days} 天（上次发布：{_md(rhythm.last_post)}）"
    if finding is not None:
        advice = finding.text
    else:
        deadline = rhythm.last_post + timedelta(days=VETO_DAYS - 1)
        advice = f"更新正常。检查以两周为限，下一篇最迟 {_md(deadline)} 发布，可提前排期定时发布。"
    detail = {"last_post": rhythm.last_post.isoformat()}
    return PanelLine("since_last_post", title, level, value, days, RULE_SINCE, advice, detail)


def _rule_count(session: Session, account: Account, kind: str) -> int:
    found = session.scalar(
        select(func.count(ReplyRule.id)).where(
            ReplyRule.kind == kind,
            ReplyRule.enabled.is_(True),
            ReplyRule.deleted.is_(False),
            (ReplyRule.account_id == account.id) | ReplyRule.account_id.is_(None),
        )
    )
    return int(found or 0)


def _channel(session: Session, account: Account, at: datetime) -> PanelLine:
    """Whether followers can reach the office: messages arrive, keyword rules answer, and a fallback
    reply says what happens to everything else."""
    since = at - timedelta(days=CHANNEL_DAYS)
    messages = int(
        session.scalar(
            select(func.count(Message.id)).where(
                Message.account_id == account.id,
                Message.direction == Direction.INBOUND,
                Message.received_at >= since,
                Message.received_at <= at,
            )
        )
        or 0
    )
    keywords = _rule_count(session, account, "keyword")
    fallbacks = _rule_count(session, account, "fallback")
    value = (
        f"近{CHANNEL_DAYS}天收到粉丝消息 {messages} 条；启用的关键词回复 {keywords} 条；"
        f"兜底回复{'已设置' if fallbacks else '未设置'}"
    )
    missing: list[str] = []
    advice: list[str] = []
    if not keywords:
        missing.append("没有启用的关键词回复")
        advice.append("在“自动回复”中为本账号添加并启用关键词回复（如办事指南、咨询电话、办公时间）")
    if not fallbacks:
        missing.append("没有兜底回复")
        advice.append("设置并启用兜底回复，告诉粉丝留言已收到、工作人员将在工作日答复及咨询电话")
    level = ALARM if missing else OK
    if not messages:
        missing.append(f"近{CHANNEL_DAYS}天没有收到粉丝消息")
        advice.append("用手机向公众号发一条消息，确认服务器配置（回调地址）正常、消息能收到；确实无人留言可不处理")
        level = level if level == ALARM else WARNING
    if missing:
        value += "。问题：" + "；".join(missing)
    text = "；".join(advice) + "。" if advice else "互动功能正常：消息能收到，关键词回复和兜底回复都已启用。"
    detail = {"messages": messages, "keyword_rules": keywords, "fallback_rules": fallbacks, "missing": missing}
    return PanelLine("channel", "互动功能", level, value, messages, RULE_CHANNEL, text, detail)


def _oldest_unanswered(
    session: Session, account: Account, at: datetime, table: HolidayTable, hours: OfficeHours
) -> PanelLine:
    """The longest a follower of this account has been waiting for an answer, in working days: a
    message left before the 国庆 break is not nine days late on the first workday after it."""
    title = "留言回复"
    oldest, waiting = session.execute(
        select(func.min(Conversation.waiting_since), func.count(Conversation.id)).where(
            Conversation.account_id == account.id,
            Conversation.waiting_since.is_not(None),
            Conversation.waiting_since <= at,
        )
    ).one()
    if oldest is None:
        return PanelLine(
            "oldest_unanswered", title, OK, "没有待回复的留言", 0, RULE_WAIT, "留言都已回复。", {"waiting": 0}
        )
    seconds = working_seconds(oldest, at, table, hours)
    days = round(seconds / hours.day_seconds, 2)
    level = ALARM if days > WAIT_ALARM_DAYS else WARNING if days > WAIT_WARN_DAYS else OK
    received = to_china(oldest)
    value = (
        f"{waiting} 位粉丝等待回复，最早一条 {received.month}月{received.day}日 {received:%H:%M} 收到，"
        f"已等待 {describe_wait(seconds, hours)}（{days:g} 个工作日）"
    )
    if level == OK:
        advice = f"请在 {WAIT_WARN_DAYS} 个工作日内回复。"
    else:
        advice = "请今天内回复最早的留言；一时答复不了的，先回复已收到、正在办理及办理时限，再按时答复。"
    detail = {"waiting": int(waiting), "oldest": received.isoformat(timespec="minutes"), "working_seconds": seconds}
    return PanelLine("oldest_unanswered", title, level, value, days, RULE_WAIT, advice, detail)


def _screening(session: Session, account: Account, start: datetime, end: datetime) -> PanelLine:
    """错敏词 hits this quarter: blocked ones show the check working, passed ones deserve a second look."""
    rows = session.execute(
        select(ScreenEvent.outcome, func.count(ScreenEvent.id))
        .where(ScreenEvent.account_id == account.id, ScreenEvent.created_at >= start, ScreenEvent.created_at < end)
        .group_by(ScreenEvent.outcome)
    ).all()
    counts = Counter({str(outcome): int(n) for outcome, n in rows})
    blocked, overridden = counts["blocked"], counts["overridden"]
    value = f"本季度错敏词拦截 {blocked} 次，经主管放行 {overridden} 次"
    if overridden:
        level = WARNING
        advice = (
            f"请复核本季度 {overridden} 次放行（操作日志中的“错敏词放行”），确认理由充分、"
            "发出的内容没有错字、错句、错链；理由不足的请更正并补充词库说明。"
        )
    else:
        level = OK
        advice = "错敏词检查正常运行。" if blocked else "本季度没有拦截或放行记录。"
    detail = {"blocked": blocked, "overridden": overridden}
    return PanelLine("screening", "错敏词检查", level, value, overridden, RULE_SCREEN, advice, detail)


def review_gaps(post: Post, item: ReviewItem | None, article_levels: int, urgent_levels: int) -> list[str]:
    """Why a published post falls short of 三审三校, in words ([] when its record is complete); `item` is
    the post's review item, if it has one."""
    if item is None:
        return ["没有审核记录"]
    gaps = []
    urgent = bool(post.urgent or item.urgent)
    needed = min(urgent_levels, article_levels) if urgent else article_levels
    if item.levels_done < item.levels_required:
        gaps.append(f"只审核了 {item.levels_done} 级，应审 {item.levels_required} 级")
    if item.levels_required < needed:
        gaps.append(f"按 {item.levels_required} 级审核，少于本账号规定的 {needed} 级")
    empty = [name for name, who in signatures(item).items() if not who]
    if empty:
        gaps.append("缺少" + "、".join(empty) + "签名")
    return gaps


def _review(session: Session, account: Account, start: datetime, end: datetime) -> PanelLine:
    """Posts published this quarter without their review levels or 撰稿/审核/审签 lines."""
    policy = policy_for(session, account.id)
    # The policy's own reading: an urgent post is judged by the urgent lane, never below its floor.
    article_levels, urgent_levels = levels_for_article(policy, False), levels_for_article(policy, True)
    # One query with each post's review item beside it, and of the post only what is judged (not its
    # articles): a quarter of a busy account is hundreds of posts.
    posts = session.execute(
        select(Post, ReviewItem)
        .outerjoin(ReviewItem, ReviewItem.id == Post.review_item_id)
        .options(load_only(Post.id, Post.title, Post.urgent, Post.review_item_id))
        .where(
            Post.account_id == account.id,
            Post.state == PostState.PUBLISHED,
            Post.published_at >= start,
            Post.published_at < end,
        )
        .order_by(Post.published_at, Post.id)
    ).all()
    flagged: list[dict[str, Any]] = []
    for post, item in posts:
        gaps = review_gaps(post, item, article_levels, urgent_levels)
        if gaps:
            flagged.append({"id": post.id, "title": post.title or "（无标题）", "gaps": gaps})
    value = f"本季度发布 {len(posts)} 篇，审核记录不全 {len(flagged)} 篇"
    if flagged:
        named = "；".join(f"《{f['title']}》（{'，'.join(f['gaps'])}）" for f in flagged[:MAX_LISTED])
        more = f"等 {len(flagged)} 篇" if len(flagged) > MAX_LISTED else ""
        value += f"：{named}{more}"
        advice = (
            f"请补齐这些图文的审核记录和撰稿/审核/审签签名；今后图文发布前须按本账号规定的 {article_levels} 级"
            "逐级审核（三审三校），突发/辟谣走应急通道也要留审核记录。"
        )
        level = ALARM
    else:
        level = OK
        advice = f"审核记录完整（本账号图文 {article_levels} 级审核）。"
    detail = {"published": len(posts), "flagged": flagged, "article_levels": article_levels}
    return PanelLine("review", "三审三校", level, value, len(flagged), RULE_REVIEW, advice, detail)


def _checklist(session: Session, account: Account, today: date) -> PanelLine:
    """Security tasks past their due date (安全管理制度)."""
    items = list(
        session.scalars(
            select(ChecklistItem)
            .where(
                ChecklistItem.account_id == account.id,
                ChecklistItem.archived.is_(False),
                ChecklistItem.due_on.is_not(None),
                ChecklistItem.due_on < today,
            )
            .order_by(ChecklistItem.due_on, ChecklistItem.id)
        )
    )
    overdue = [(item.title, (today - item.due_on).days) for item in items if item.due_on is not None]
    if not overdue:
        return PanelLine(
            "checklist", "安全清单", OK, "没有逾期的安全任务", 0, RULE_CHECKLIST, "安全清单按期落实。", {"overdue": []}
        )
    worst = max(days for _, days in overdue)
    level = ALARM if worst > CHECKLIST_ALARM_DAYS else WARNING
    named = "；".join(f"《{title}》逾期 {days} 天" for title, days in overdue[:MAX_LISTED])
    more = f"等 {len(overdue)} 项" if len(overdue) > MAX_LISTED else ""
    value = f"{len(overdue)} 项安全任务逾期：{named}{more}"
    advice = "请尽快完成这些任务，在安全清单中登记完成情况并上传佐证材料，由主管签核。"
    detail = {"overdue": [{"title": t, "days": d} for t, d in overdue]}
    return PanelLine("checklist", "安全清单", level, value, len(overdue), RULE_CHECKLIST, advice, detail)


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"
