"""WeChat's errcodes turned into words an operator can act on."""

from __future__ import annotations

NETWORK_ERROR = -100  # ours: WeChat (or the sandbox) could not be reached; nothing arrived there
# Ours: the request went out but no answer we can trust came back (connection dropped after sending,
# read timeout, garbled answer). WeChat may have done it: never say "retry" for these.
OUTCOME_UNKNOWN = -101
UNKNOWN_WORDS = (
    "不确定是否已送达：请求已发给微信，但没有收到微信的确认（连接中断或超时）。"
    "请在公众号后台或向粉丝核实是否已收到，确认没有收到再重新发送。"
)

_MESSAGES: dict[int, str] = {
    -1: "微信系统繁忙，已自动重试仍未成功。请稍后再发送。",
    40001: "微信接口凭证无效。请管理员核对该公众号的 AppSecret 是否已在后台重置。",
    40003: "粉丝标识无效，对方可能已取消关注。",
    40007: "微信上已找不到这个文件（粉丝发来的图片、语音、视频微信只保存 3 天），无法再下载。请对方重新发送。",
    40013: "AppID 无效。请管理员核对公众号的 AppID。",
    40125: "AppSecret 无效。请管理员在公众号后台重置 AppSecret 后重新录入。",
    40164: "本机 IP 不在公众号接口白名单中。请管理员在公众号后台“IP白名单”中添加。",
    41001: "缺少微信接口凭证。请稍后重试；如仍失败，请联系管理员。",
    42001: "微信接口凭证已过期且无法刷新。请稍后重试；如仍失败，请管理员核对 AppSecret。",
    44002: "消息内容为空，请输入内容后再发送。",
    45002: "消息内容过长（超过微信的 2048 字节限制），请缩短后再发送。",
    45009: "今日接口调用次数已达上限，请明天再试，或由管理员在公众号后台清零。",
    45015: (
        "已超过 48 小时回复时限（或对方已取消关注），微信不允许再发送客服消息。"
        "请等对方再次留言后回复，或通过图文推送统一答复。"
    ),
    45047: "本次互动可发送的客服消息条数已用完（留言后 48 小时内最多 5 条）。请等对方再次留言后再回复。",
    47001: "消息格式有误，微信未能识别。请联系技术支持。",
    48001: "该公众号没有客服消息接口权限（未认证的公众号不能主动回复）。",
    40004: "微信不接受这种素材类型。",
    40005: "图片格式不对：正文图片只能是 JPG 或 PNG，封面图片可用 JPG、PNG、GIF、BMP。",
    40006: "图片太大：正文图片须小于 1 MB，封面图片须小于 10 MB。请压缩后重试。",
    41005: "没有收到要上传的文件，请重新选择图片。",
    44003: "图文内容为空：每篇文章都要有标题和正文。",
    45008: "一次最多 8 篇文章，请减少篇数。",
    45028: "本期群发次数已用完（订阅号每天 1 次，服务号每月 4 次）。请下个周期再群发，或改为“发布”。",
    45065: "重复群发：这条消息已用同一编号群发过，微信没有再次发送。",
    45067: "群发编号过长（微信限 64 字节）。请联系技术支持。",
    45110: "作者名过长（最多 8 个字），请缩短。",
    53503: "该草稿未通过发布检查，请检查标题、正文和封面后重新保存。",
    53504: "该草稿需要到公众平台官网上操作，请在网页端发布。",
    53505: "请先到公众平台官网手动保存该草稿，再发表。",
    NETWORK_ERROR: "无法连接微信服务器。请检查网络后重试，内容已保留。",
    OUTCOME_UNKNOWN: UNKNOWN_WORDS,
}


# Codes that mean something else when the call was about articles (materials, drafts, publishing, mass
# sends) than when it was a 客服 message or a follower's media.
_PUBLISHING_MESSAGES: dict[int, str] = {
    40007: "微信上找不到这个素材或草稿（可能已删除，或已发布、群发而移出草稿箱）。请重新保存草稿后再试。",
    45002: "正文过长（微信要求少于 2 万字、小于 1 MB），请删减后再保存。",
    45003: "标题过长（最多 64 个字），请缩短。",
    45004: "摘要过长（最多 120 个字），请缩短。",
}


def describe(errcode: int, errmsg: str = "", publishing: bool = False) -> str:
    """Words for an errcode; publishing=True for calls about articles, where some codes differ."""
    text = (_PUBLISHING_MESSAGES.get(errcode) if publishing else None) or _MESSAGES.get(errcode)
    if text:
        return text
    return f"微信返回错误（代码 {errcode}）：{errmsg or '未知原因'}。请稍后重试，如仍失败请联系管理员。"


class WeChatError(Exception):
    """A refusal from WeChat (or no answer at all), with the operator-facing reason."""

    def __init__(self, errcode: int, errmsg: str = "", publishing: bool = False) -> None:
        self.errcode = errcode
        self.errmsg = errmsg
        self.reason = describe(errcode, errmsg, publishing)
        super().__init__(f"{errcode}: {errmsg}")

    @property
    def may_have_arrived(self) -> bool:
        """True when WeChat may have done what was asked although the call failed here."""
        return self.errcode == OUTCOME_UNKNOWN


class OutcomeUnknown(WeChatError):
    """The request reached (or may have reached) WeChat and its answer was lost or came too late.
    Raised only for calls WeChat cannot repeat safely (a 客服 message): the caller records
    "不确定是否已送达" and a person decides about sending again."""

    def __init__(self, errmsg: str = "") -> None:
        super().__init__(OUTCOME_UNKNOWN, errmsg)
