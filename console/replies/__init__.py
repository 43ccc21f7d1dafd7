"""Replies to followers: recorded first, then handed to WeChat, each exactly once."""
