"""WeChat's error codes, with WeChat's own wording, as the sandbox answers them.

The messages copy api.weixin.qq.com verbatim so code written against the sandbox (retry on 40001/42001,
give up on 45015/45047) behaves the same against the real service.
"""

ACCESS_TOKEN_INVALID = (40001, "invalid credential, access_token is invalid or not latest")
GRANT_TYPE_INVALID = (40002, "invalid grant_type")
OPENID_INVALID = (40003, "invalid openid")
MSGTYPE_INVALID = (40008, "invalid message type")
APPID_INVALID = (40013, "invalid appid")
SECRET_INVALID = (40125, "invalid appsecret")
ACCESS_TOKEN_MISSING = (41001, "access_token missing")
APPID_MISSING = (41002, "appid missing")
SECRET_MISSING = (41004, "appsecret missing")
ACCESS_TOKEN_EXPIRED = (42001, "access_token expired")
POST_DATA_EMPTY = (44002, "empty post data")
CONTENT_EMPTY = (44004, "empty content")
CONTENT_TOO_LONG = (45002, "content size out of limit")
OUT_OF_TIME_LIMIT = (45015, "response out of time limit or subscription is canceled")
OUT_OF_COUNT_LIMIT = (45047, "out of response count limit")
DATA_FORMAT_ERROR = (47001, "data format error")


class WeChatApiError(Exception):
    """A refusal the sandbox answers as HTTP 200 with {"errcode", "errmsg"}, exactly like WeChat."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg

    @classmethod
    def of(cls, code: tuple[int, str]) -> "WeChatApiError":
        """Build from one of the (errcode, errmsg) constants above."""
        return cls(code[0], code[1])

    def as_json(self) -> dict[str, int | str]:
        """The JSON body WeChat sends for this error."""
        return {"errcode": self.errcode, "errmsg": self.errmsg}
