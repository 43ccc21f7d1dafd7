<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>wxconsole</name>
    <message>
        <location filename="../../ui/app.py" line="43"/>
        <location filename="../../ui/main_window.py" line="52"/>
        <location filename="../../ui/notify.py" line="71"/>
        <location filename="../../ui/notify.py" line="111"/>
        <source>政务微信工作台</source>
        <translation>Government WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="108"/>
        <source>服务端没有执行：</source>
        <translation>The server did not carry this out: </translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="146"/>
        <source>{n} 项操作等待发往服务端，联网后自动按顺序发出</source>
        <translation>{n} action(s) waiting for the server; they will be sent in order once the connection is back</translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="10"/>
        <location filename="../../ui/notify.py" line="140"/>
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
        <location filename="../../ui/inbox/controller.py" line="402"/>
        <location filename="../../ui/shortcuts.py" line="64"/>
        <source>稍后处理</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="47"/>
        <source>接管</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="48"/>
        <source>由我来回复这个会话 (Ctrl+Shift+T)</source>
        <translation>Reply to this conversation yourself (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="65"/>
        <source>回复粉丝</source>
        <translation>Reply to follower</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="66"/>
        <source>内部备注</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="67"/>
        <source>只有同事能看到，不会发给粉丝 (N)</source>
        <translation>Only colleagues can see it; it is not sent to the follower (N)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="81"/>
        <location filename="../../ui/inbox/composer.py" line="155"/>
        <location filename="../../ui/shortcuts.py" line="66"/>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="131"/>
        <source>正在输入回复…</source>
        <translation>is typing a reply…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="131"/>
        <source>正在处理这个会话</source>
        <translation>is working on this conversation.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="132"/>
        <source>为避免重复回复，您的发送已暂停；确需由您回复请点“接管”。</source>
        <translation>To avoid duplicate replies, sending is paused for you. If you need to reply yourself, click “Take over”.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="153"/>
        <source>写给同事的内部备注，粉丝看不到。Ctrl+Enter 保存</source>
        <translation>Internal note for colleagues; the follower cannot see it. Ctrl+Enter to save</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="153"/>
        <source>输入回复内容，Ctrl+Enter 发送</source>
        <translation>Type your reply here; press Ctrl+Enter to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="155"/>
        <source>保存备注</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="161"/>
        <source>{n} / 2048 字节</source>
        <translation>{n} / 2048 bytes</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="167"/>
        <source>同事正在处理，接管后才能发送</source>
        <translation>A colleague is working on this; take over to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="169"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="200"/>
        <source>请先输入内容。</source>
        <translation>Please type something first.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="211"/>
        <source>同事正在处理这个会话。确需由您回复，请先点“接管”（Ctrl+Shift+T）。</source>
        <translation>A colleague is working on this conversation. If you need to reply yourself, click “Take over” first (Ctrl+Shift+T).</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="26"/>
        <source>无法连接服务端，正在重试。可以照常查看、搜索、写草稿和回复，联网后按顺序发出。</source>
        <translation>Cannot reach the server; retrying. You can still read, search, write drafts and reply as usual; everything will be sent in order once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="396"/>
        <source>状态改为</source>
        <translation>Set status to </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="398"/>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>指派给同事</source>
        <translation>Assign to a colleague</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="398"/>
        <location filename="../../ui/inbox/page.py" line="229"/>
        <source>取消指派</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="400"/>
        <location filename="../../ui/inbox/page.py" line="352"/>
        <source>标签：</source>
        <translation>Labels: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="82"/>
        <source>超时 · </source>
        <translation>Overdue · </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="82"/>
        <location filename="../../ui/inbox/page.py" line="361"/>
        <source>已等待 {t}</source>
        <translation>Waiting {t}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="85"/>
        <location filename="../../ui/inbox/page.py" line="350"/>
        <source>负责：</source>
        <translation>Assigned to: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="90"/>
        <source> 正在输入</source>
        <translation> is typing</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="90"/>
        <source> 正在查看</source>
        <translation> is viewing</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="108"/>
        <source>等待发出：联网后自动按顺序发出</source>
        <translation>Waiting to send: will go out in order once the connection is back</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="110"/>
        <source>未执行：</source>
        <translation>Not carried out: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="116"/>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="118"/>
        <source>发送失败：</source>
        <translation>Not sent: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="118"/>
        <source>原因未知</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="119"/>
        <source>发送中…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="168"/>
        <source>内部备注（粉丝看不到）</source>
        <translation>Internal note (the follower cannot see it)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="172"/>
        <source> · 双击查看</source>
        <translation> · double-click to view</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="25"/>
        <source>搜索留言、备注、粉丝备注名（Ctrl+F）</source>
        <translation>Search messages, notes and follower remark names (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="32"/>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="33"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="36"/>
        <source>最新消息在前</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="37"/>
        <source>等待最久在前</source>
        <translation>Longest waiting first</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="64"/>
        <source>全部公众号</source>
        <translation>All official accounts</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="67"/>
        <source>所有人</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="67"/>
        <source>指派给我</source>
        <translation>Assigned to me</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="67"/>
        <source>未指派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="70"/>
        <source>全部标签</source>
        <translation>All labels</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="98"/>
        <source>{n}+ 个会话</source>
        <translation>{n}+ conversations</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/filters.py" line="98"/>
        <source>{n} 个会话</source>
        <translation>{n} conversation(s)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="49"/>
        <source>1 小时后</source>
        <translation>In 1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="50"/>
        <source>明天上午 8:30</source>
        <translation>Tomorrow, 8:30 am</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="51"/>
        <source>下周一上午 8:30</source>
        <translation>Next Monday, 8:30 am</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="52"/>
        <source>粉丝再次留言时</source>
        <translation>When the follower writes again</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="97"/>
        <source>暂无留言。粉丝发来的消息会出现在这里。</source>
        <translation>No messages yet. Messages from followers will appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="104"/>
        <source>请选择左侧的会话</source>
        <translation>Select a conversation on the left</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="238"/>
        <location filename="../../ui/shortcuts.py" line="65"/>
        <source>添加标签</source>
        <translation>Add label</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="238"/>
        <source>选择或输入标签（如 社保、投诉、咨询）：</source>
        <translation>Choose or type a label (e.g. social security, complaint, enquiry):</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="340"/>
        <source>搜索结果中的会话</source>
        <translation>Conversation from search results</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="356"/>
        <source>稍后处理至 {t}</source>
        <translation>Snoozed until {t}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="358"/>
        <source>粉丝回复时提醒</source>
        <translation>Remind me when the follower replies</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="26"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="26"/>
        <source>待审核的回复和图文，按等待时间排序；通过、修改后通过或退回。</source>
        <translation>Replies and articles waiting for review, longest-waiting first: approve, approve with changes, or send back.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>各公众号的发布计划、群发额度和更新节奏提醒。</source>
        <translation>Each account's publishing plan, broadcast quota, and reminders to keep posting regularly.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="28"/>
        <source>模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="28"/>
        <source>常用回复模板与关键词自动回复规则。</source>
        <translation>Common reply templates and keyword auto-reply rules.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="29"/>
        <source>安全清单</source>
        <translation>Security checklist</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="29"/>
        <source>账号安全检查项、到期提醒与佐证材料。</source>
        <translation>Account security checks, expiry reminders and supporting evidence.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="30"/>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="30"/>
        <source>发文、阅读、回复时效等检查所需的统计数据。</source>
        <translation>The figures inspections ask for: articles published, reads, reply times and more.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>此功能正在建设中，将在后续版本中提供。</source>
        <translation>This feature is still being built and will arrive in a later version.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <location filename="../../ui/main_window.py" line="99"/>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <location filename="../../ui/settings/page.py" line="304"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73"/>
        <source>政务微信
工作台</source>
        <translation>Government
WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>正在连接服务端…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>已连接服务端</source>
        <translation>Connected to the server</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="111"/>
        <source>政务微信工作台：{count}个会话待处理</source>
        <translation>Government WeChat Console: {count} open conversation(s)</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="141"/>
        <source>收到{count}条新消息</source>
        <translation>{count} new message(s)</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="143"/>
        <source>回复超时</source>
        <translation>Reply overdue</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="144"/>
        <source>有{count}个会话超过{hours}个工作小时未回复</source>
        <translation>{count} conversation(s) unanswered for more than {hours} working hours</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="148"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="94"/>
        <source>办公时间</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="95"/>
        <source>上午上班时间</source>
        <translation>Morning start time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="96"/>
        <source>上午下班时间</source>
        <translation>Morning end time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="97"/>
        <source>下午</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="98"/>
        <source>取消勾选表示只有上午一段办公时间</source>
        <translation>Untick if the office is only open in the morning</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="99"/>
        <source>下午上班时间</source>
        <translation>Afternoon start time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="100"/>
        <source>下午下班时间</source>
        <translation>Afternoon end time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="107"/>
        <source> 个工作小时</source>
        <translation> working hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="110"/>
        <source>上午</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="112"/>
        <source>超时提醒</source>
        <translation>Overdue after</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="117"/>
        <source>粉丝留言等待回复超过这个时长，会话在收件箱中标红并发出提醒。只计算办公时间，周末和法定节假日不计，调休上班日照常计算。</source>
        <translation>When a follower’s message has waited longer than this for a reply, the conversation turns red in the inbox and a reminder is shown. Only office hours count: weekends and public holidays are skipped, make-up workdays count as normal.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="134"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="166"/>
        <source>节假日安排</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="181"/>
        <source>导入通知…</source>
        <translation>Import notice…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="182"/>
        <source>选择保存了国务院办公厅放假通知全文的文本文件</source>
        <translation>Choose a text file with the full holiday notice from the General Office of the State Council</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="193"/>
        <source>每年11月前后，国务院办公厅发布下一年的部分节假日安排通知。把通知全文（含标题）复制到文本文件中保存，再点“导入通知…”选择该文件。</source>
        <translation>Around November each year, the General Office of the State Council publishes the public holiday arrangements for the next year. Copy the full notice (including the title) into a text file and save it, then click “Import notice…” and choose that file.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="211"/>
        <source>本单位导入</source>
        <translation>imported by your office</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="211"/>
        <source>随软件提供</source>
        <translation>supplied with the software</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="213"/>
        <source>{year}年：{origin}，放假{off}天，调休上班{work}天</source>
        <translation>{year}: {origin}, {off} days off, {work} make-up workdays</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="217"/>
        <source>还没有任何年份的节假日安排。</source>
        <translation>No public holidays have been set up for any year yet.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="220"/>
        <source>有文件无法使用，已跳过：</source>
        <translation>A file could not be used and was skipped: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="225"/>
        <source>没有{years}的节假日安排：响应时限将只按周末计算。请把国务院办公厅的放假通知全文复制到文本文件后导入。</source>
        <translation>No public holidays for {years}: reply deadlines will only leave out weekends. Copy the full holiday notice from the General Office of the State Council into a text file and import it.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="226"/>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="236"/>
        <source>选择放假通知文本文件</source>
        <translation>Choose the holiday notice text file</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="236"/>
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="247"/>
        <source>没有导入：</source>
        <translation>Not imported: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="252"/>
        <source>没有导入：无法读取或保存文件（{reason}）。请确认文件存在、没有被其他程序占用，且磁盘有空间。</source>
        <translation>Not imported: the file could not be read or saved ({reason}). Check that the file exists, is not open in another program, and that there is free disk space.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="264"/>
        <source>已导入{year}年节假日安排：放假{off}天，调休上班{work}天。</source>
        <translation>Imported the public holidays for {year}: {off} days off, {work} make-up workdays.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="268"/>
        <source>（替换了之前导入的安排）</source>
        <translation> (replacing the previously imported arrangements)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="269"/>
        <source>来源：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="270"/>
        <source>请与通知原文核对一遍。</source>
        <translation>Please check this against the original notice.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="282"/>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="283"/>
        <source>收到新消息时提醒</source>
        <translation>Notify me of new messages</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="284"/>
        <source>有会话超时未回复时提醒</source>
        <translation>Notify me when a conversation is overdue for a reply</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="285"/>
        <source>提醒时发出提示音</source>
        <translation>Play a sound with notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="289"/>
        <source>提醒显示在任务栏的通知区域（系统托盘）；收件箱旁的数字始终显示待处理的会话数。</source>
        <translation>Notifications appear in the taskbar notification area (system tray); the number next to Inbox always shows how many conversations are open.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="310"/>
        <source>例如：王芳（县融媒体中心）</source>
        <translation>e.g. Wang Fang (County Media Centre)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="311"/>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="313"/>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="335"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="338"/>
        <location filename="../../ui/shortcuts.py" line="79"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="361"/>
        <source>本机编号：{seat}（同事在会话中看到的是上面的显示名称）</source>
        <translation>Computer ID: {seat} (in conversations, colleagues see the display name above)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="373"/>
        <source>没有保存：请填写本机的显示名称，同事会看到这个名字。</source>
        <translation>Not saved: please enter a display name for this computer; colleagues will see this name.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="377"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="377"/>
        <source>没有保存：办公时间有误——</source>
        <translation>Not saved: the office hours are not valid — </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="391"/>
        <source>没有保存：无法写入设置文件（{reason}）。请检查磁盘空间和文件夹权限后再试。</source>
        <translation>Not saved: the settings file could not be written ({reason}). Check the disk space and folder permissions, then try again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="397"/>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="50"/>
        <source>会话列表</source>
        <translation>Conversation list</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="51"/>
        <source>处理会话</source>
        <translation>Handling a conversation</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="52"/>
        <source>查找与帮助</source>
        <translation>Search and help</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="53"/>
        <source>页面与设置</source>
        <translation>Pages and settings</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="56"/>
        <location filename="../../ui/shortcuts.py" line="57"/>
        <source>下一个会话</source>
        <translation>Next conversation</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <location filename="../../ui/shortcuts.py" line="59"/>
        <source>上一个会话</source>
        <translation>Previous conversation</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>回复：光标移到输入框</source>
        <translation>Reply: move the cursor to the reply box</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>写内部备注</source>
        <translation>Write an internal note</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>关闭会话</source>
        <translation>Close conversation</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="67"/>
        <source>接管会话</source>
        <translation>Take over conversation</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="68"/>
        <location filename="../../ui/shortcuts.py" line="69"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="70"/>
        <location filename="../../ui/shortcuts.py" line="71"/>
        <location filename="../../ui/shortcuts.py" line="130"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="72"/>
        <source>打开收件箱</source>
        <translation>Open Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="73"/>
        <source>打开审核</source>
        <translation>Open Review</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="74"/>
        <source>打开日历</source>
        <translation>Open Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="75"/>
        <source>打开模板</source>
        <translation>Open Templates</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="76"/>
        <source>打开安全清单</source>
        <translation>Open Security checklist</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="77"/>
        <source>打开统计</source>
        <translation>Open Figures</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="78"/>
        <source>打开设置</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="117"/>
        <source>或</source>
        <translation>or</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="132"/>
        <source>在收件箱中，不带 Ctrl 的单个按键只在没有输入文字时生效。</source>
        <translation>In the inbox, single keys without Ctrl only work when you are not typing.</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="143"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
</TS>
