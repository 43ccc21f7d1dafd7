"""The one gateway to the WeChat API and the one place callbacks are verified and opened."""
