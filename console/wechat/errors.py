"""WeChat's errcodes turned into words an operator can act on."""

from __future__ import annotations

NETWORK_ERROR = -100  # ours: WeChat (or the sandbox) could not be reached

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
    NETWORK_ERROR: "无法连接微信服务器。请检查网络后重试，内容已保留。",
}


def describe(errcode: int, errmsg: str = "") -> str:
    text = _MESSAGES.get(errcode)
    if text:
        return text
    return f"微信返回错误（代码 {errcode}）：{errmsg or '未知原因'}。请稍后重试，如仍失败请联系管理员。"


class WeChatError(Exception):
    """A refusal from WeChat (or no answer at all), with the operator-facing reason."""

    def __init__(self, errcode: int, errmsg: str = "") -> None:
        self.errcode = errcode
        self.errmsg = errmsg
        self.reason = describe(errcode, errmsg)
        super().__init__(f"{errcode}: {errmsg}")
