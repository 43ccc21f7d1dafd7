"""A local stand-in for api.weixin.qq.com plus simulated followers, for demos and tests.

It applies WeChat's real rules (token lifetime, 客服 windows, signatures, AES envelopes) and error
codes, so the console can be exercised end to end without touching a real official account.
"""

from console.sandbox.clock import SandboxClock
from console.sandbox.errors import WeChatApiError
from console.sandbox.followers import build_push, push
from console.sandbox.server import create_app
from console.sandbox.simulator import FollowerSimulator
from console.sandbox.state import SandboxAccount, SandboxState, SentMessage, random_account

__all__ = [
    "FollowerSimulator",
    "SandboxAccount",
    "SandboxClock",
    "SandboxState",
    "SentMessage",
    "WeChatApiError",
    "build_push",
    "create_app",
    "push",
    "random_account",
]
