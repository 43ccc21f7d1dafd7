<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>wxconsole</name>
    <message>
        <location filename="../../ui/format.py" line="10"/>
        <source>新消息</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="11"/>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="12"/>
        <source>待审核</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="13"/>
        <source>已回复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="14"/>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="15"/>
        <source>稍后处理</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="17"/>
        <source>无法连接服务端，正在重试。已收到的消息仍可查看。</source>
        <translation>Cannot reach the server; retrying. Messages already received can still be read.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="18"/>
        <source>无法连接服务端，回复没有发出，内容已保留在输入框中。请检查网络后重新发送。</source>
        <translation>Cannot reach the server, so the reply was not sent. Your text is still in the reply box. Please check the network and send it again.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="70"/>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="72"/>
        <source>发送失败：</source>
        <translation>Not sent: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="72"/>
        <source>原因未知</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="73"/>
        <location filename="../../ui/inbox/page.py" line="78"/>
        <source>发送中…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="36"/>
        <source>输入回复内容，Ctrl+Enter 发送</source>
        <translation>Type your reply here; press Ctrl+Enter to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="38"/>
        <location filename="../../ui/inbox/page.py" line="78"/>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="41"/>
        <source>发送回复 (Ctrl+Enter)</source>
        <translation>Send the reply (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="45"/>
        <source>Ctrl+Enter 发送</source>
        <translation>Ctrl+Enter to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="71"/>
        <source>请先输入回复内容。</source>
        <translation>Please type a reply first.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="109"/>
        <source>暂无留言。粉丝发来的消息会出现在这里。</source>
        <translation>No messages yet. Messages from followers will appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="113"/>
        <source>请选择左侧的会话</source>
        <translation>Select a conversation on the left</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="130"/>
        <source>全部会话</source>
        <translation>All conversations</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="211"/>
        <source>微信未接收这条回复：</source>
        <translation>WeChat did not accept this reply: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="23"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="23"/>
        <source>待审核的回复和图文，按等待时间排序；通过、修改后通过或退回。</source>
        <translation>Replies and articles waiting for review, longest-waiting first: approve, approve with changes, or send back.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="24"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="24"/>
        <source>各公众号的发布计划、群发额度和更新节奏提醒。</source>
        <translation>Each account's publishing plan, broadcast quota, and reminders to keep posting regularly.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="25"/>
        <source>模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="25"/>
        <source>常用回复模板与关键词自动回复规则。</source>
        <translation>Common reply templates and keyword auto-reply rules.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="26"/>
        <source>安全清单</source>
        <translation>Security checklist</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="26"/>
        <source>账号安全检查项、到期提醒与佐证材料。</source>
        <translation>Account security checks, expiry reminders and supporting evidence.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>发文、阅读、回复时效等检查所需的统计数据。</source>
        <translation>The figures inspections ask for: articles published, reads, reply times and more.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="28"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="28"/>
        <source>公众号、人员、办公时间与节假日等设置。</source>
        <translation>Accounts, staff, office hours, public holidays and other settings.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <source>此功能正在建设中，将在后续版本中提供。</source>
        <translation>This feature is still being built and will arrive in a later version.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50"/>
        <source>政务微信工作台</source>
        <translation>Government WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>政务微信
工作台</source>
        <translation>Government
WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <source>正在连接服务端…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>已连接服务端</source>
        <translation>Connected to the server</translation>
    </message>
</context>
</TS>
