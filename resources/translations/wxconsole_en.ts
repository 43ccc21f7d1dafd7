<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>wxconsole</name>
    <message>
        <location filename="../../ui/app.py" line="56"/>
        <location filename="../../ui/main_window.py" line="54"/>
        <location filename="../../ui/notify.py" line="71"/>
        <location filename="../../ui/notify.py" line="115"/>
        <source>政务微信工作台</source>
        <translation>Government WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="133"/>
        <location filename="../../ui/compliance/checklist_page.py" line="511"/>
        <location filename="../../ui/publishing/page.py" line="384"/>
        <source>服务端没有执行：</source>
        <translation>The server did not carry this out: </translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="164"/>
        <source>操作日志</source>
        <translation>Operation log</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="231"/>
        <source>紧急审核</source>
        <translation>Urgent review</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="231"/>
        <source>{n} 篇突发/辟谣图文等待审核：{titles}</source>
        <translation>{n} urgent/rebuttal article(s) waiting for review: {titles}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="248"/>
        <source>{n} 项操作等待发往服务端，联网后自动按顺序发出</source>
        <translation>{n} action(s) waiting for the server; they will be sent in order once the connection is back</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="41"/>
        <source>群发</source>
        <translation>Mass send</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="41"/>
        <location filename="../../ui/publishing/page.py" line="483"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="46"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="47"/>
        <source>审核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="48"/>
        <location filename="../../ui/review/page.py" line="129"/>
        <source>已退回</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="49"/>
        <location filename="../../ui/review/page.py" line="129"/>
        <source>已通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="50"/>
        <source>待发出</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="51"/>
        <source>发布中</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="52"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="53"/>
        <source>发送失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="54"/>
        <source>结果未知</source>
        <translation>Outcome unknown</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="62"/>
        <source>{status} · {mode} · {time}</source>
        <translation>{status} · {mode} · {time}</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="67"/>
        <source>急稿</source>
        <translation>Urgent post</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="69"/>
        <source>已发出或正在发出，不能改期</source>
        <translation>Sent or being sent; cannot be rescheduled</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="110"/>
        <location filename="../../ui/calendar/month_view.py" line="304"/>
        <source>急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="146"/>
        <source>急：急稿</source>
        <translation>Urgent: rush post</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="147"/>
        <source>节假日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/legend.py" line="148"/>
        <source>班：调休上班</source>
        <translation>班: make-up workday</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="78"/>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="82"/>
        <source>{m}月{d}日 星期{w}</source>
        <translation>{m}/{d} {w}</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="85"/>
        <source>休息日</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="85"/>
        <source>{name}放假</source>
        <translation>{name} holiday</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="87"/>
        <source>调休上班</source>
        <translation>Make-up workday</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="519"/>
        <source>发布日历（月视图）</source>
        <translation>Publishing calendar (month)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="566"/>
        <location filename="../../ui/calendar/month_view.py" line="759"/>
        <location filename="../../ui/calendar/week_view.py" line="98"/>
        <source>+{k} 条</source>
        <translation>+{k} more</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="724"/>
        <source>{m}月{d}日</source>
        <translation>{m}/{d}</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/week_view.py" line="35"/>
        <source>发布日历（周视图）</source>
        <translation>Publishing calendar (week)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/week_view.py" line="327"/>
        <source>+{k}</source>
        <translation>+{k}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="81"/>
        <source>系统自检（{name}）</source>
        <translation>Self-check ({name})</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="83"/>
        <source>，{at} UTC</source>
        <translation>, {at} UTC</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/compliance/dialogs.py" line="334"/>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/compliance/dialogs.py" line="333"/>
        <location filename="../../ui/compliance/dialogs.py" line="392"/>
        <location filename="../../ui/publishing/editor_dialog.py" line="78"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="136"/>
        <location filename="../../ui/replies/library_page.py" line="135"/>
        <location filename="../../ui/replies/library_page.py" line="214"/>
        <location filename="../../ui/replies/library_page.py" line="291"/>
        <location filename="../../ui/replies/library_page.py" line="358"/>
        <location filename="../../ui/replies/rule_editor.py" line="201"/>
        <location filename="../../ui/replies/rule_tester.py" line="131"/>
        <location filename="../../ui/replies/template_editor.py" line="168"/>
        <location filename="../../ui/review/page.py" line="731"/>
        <source>公众号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/compliance/dialogs.py" line="335"/>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/compliance/dialogs.py" line="336"/>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/compliance/dialogs.py" line="338"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="116"/>
        <location filename="../../ui/review/page.py" line="457"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="146"/>
        <source>此项由工作台自动检查并登记</source>
        <translation>The console checks and records this item itself</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="148"/>
        <source>上次完成：{day}</source>
        <translation>Last done: {day}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="165"/>
        <location filename="../../ui/main_window.py" line="70"/>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>安全清单</source>
        <translation>Security checklist</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="170"/>
        <location filename="../../ui/compliance/checklist_page.py" line="333"/>
        <location filename="../../ui/inbox/filters.py" line="64"/>
        <location filename="../../ui/publishing/page.py" line="58"/>
        <location filename="../../ui/publishing/page.py" line="203"/>
        <location filename="../../ui/replies/library_page.py" line="250"/>
        <location filename="../../ui/replies/library_page.py" line="791"/>
        <location filename="../../ui/replies/library_page.py" line="792"/>
        <location filename="../../ui/replies/rule_editor.py" line="268"/>
        <source>全部公众号</source>
        <translation>All official accounts</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="173"/>
        <source>安装默认清单</source>
        <translation>Install default checklist</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="174"/>
        <source>为所选公众号添加默认的安全检查项（已有的不重复添加）</source>
        <translation>Add the default security checks to the chosen account (existing ones are not added twice)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="175"/>
        <source>新增检查项…</source>
        <translation>New check…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="176"/>
        <source>新增检查项 (Ctrl+N)</source>
        <translation>New check (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="203"/>
        <source>还没有检查项。管理员可点“安装默认清单”，为所选公众号添加常用的安全检查项。</source>
        <translation>No checks yet. An administrator can click “Install default checklist” to add the usual security checks to the chosen account.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="259"/>
        <location filename="../../ui/compliance/dialogs.py" line="337"/>
        <source>检查方法</source>
        <translation>How to check</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="264"/>
        <source>完成记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="268"/>
        <location filename="../../ui/compliance/dialogs.py" line="131"/>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="268"/>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="268"/>
        <location filename="../../ui/compliance/dialogs.py" line="132"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="268"/>
        <source>签核</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="280"/>
        <source>双击附件可在本机打开。</source>
        <translation>Double-click an attachment to open it on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="281"/>
        <source>登记完成…</source>
        <translation>Record done…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="283"/>
        <source>登记这一次检查的结果和佐证材料 (Ctrl+D)</source>
        <translation>Record this check's result and evidence (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="284"/>
        <source>审核签字</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="285"/>
        <source>签核所选（或最近一条未签核的）记录；不能签核自己登记的</source>
        <translation>Sign off the selected (or latest unsigned) record; you cannot sign off your own</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="286"/>
        <location filename="../../ui/compliance/panel_page.py" line="253"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="287"/>
        <source>修改检查项 (Ctrl+E)</source>
        <translation>Edit the check (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="288"/>
        <location filename="../../ui/replies/library_page.py" line="256"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="290"/>
        <source>不再检查这一项（已有记录保留）</source>
        <translation>Stop checking this item (its records are kept)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="370"/>
        <source>没有逾期的检查项</source>
        <translation>No overdue checks</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="370"/>
        <source>{n} 项已逾期</source>
        <translation>{n} overdue</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="391"/>
        <source>选择一项查看检查方法和完成记录</source>
        <translation>Choose a check to see how to do it and its records</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="409"/>
        <source>负责人：{who}</source>
        <translation>Owner: {who}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="410"/>
        <source>到期日：{day}</source>
        <translation>Due: {day}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="415"/>
        <source>（未填写检查方法）</source>
        <translation>(no method written yet)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="418"/>
        <source>〔{mark}〕工作台每隔几小时自动检查一次，通过时自动登记，由审核人员签核。</source>
        <translation>[{mark}] The console checks this every few hours and records it when it passes; a supervisor signs it off.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="422"/>
        <source>最近一次：{day} {note}</source>
        <translation>Latest: {day} {note}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="442"/>
        <source>{who} 已签</source>
        <translation>signed by {who}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="444"/>
        <source>待签核</source>
        <translation>Awaiting sign-off</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="454"/>
        <location filename="../../ui/compliance/dialogs.py" line="133"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="459"/>
        <source>双击打开</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="472"/>
        <source>还没有完成记录。</source>
        <translation>No records yet.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="500"/>
        <source>已登记完成。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="501"/>
        <source>已签核。</source>
        <translation>Signed off.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="502"/>
        <source>检查项已保存。</source>
        <translation>Check saved.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="503"/>
        <source>检查项已停用。</source>
        <translation>Check retired.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="504"/>
        <source>默认清单已安装。</source>
        <translation>Default checklist installed.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="535"/>
        <source>已登记，等服务端确认…</source>
        <translation>Recorded; waiting for the server to confirm…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="555"/>
        <source>已签核 {day} 的记录，等服务端确认…</source>
        <translation>Signed off the record of {day}; waiting for the server to confirm…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="561"/>
        <source>正在取回“{name}”…</source>
        <translation>Fetching “{name}”…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="567"/>
        <source>请先选择一个公众号。</source>
        <translation>Choose an account first.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="570"/>
        <source>正在安装默认清单…</source>
        <translation>Installing the default checklist…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="584"/>
        <source>正在保存检查项…</source>
        <translation>Saving the check…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="591"/>
        <source>停用检查项</source>
        <translation>Retire check</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/checklist_page.py" line="591"/>
        <source>停用“{title}”吗？已有的完成记录会保留。</source>
        <translation>Retire “{title}”? Its records are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="223"/>
        <source>登录已过期，请重新登录后再点“登记”。</source>
        <translation>Your session has ended; sign in again, then click “Record”.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="232"/>
        <source>读不到文件：{error}</source>
        <translation>Cannot read the file: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="278"/>
        <source>无法连接服务端，佐证材料要联网才能打开。</source>
        <translation>Cannot reach the server; evidence can only be opened when connected.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="286"/>
        <source>无法保存到本机：{error}</source>
        <translation>Cannot save on this computer: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="306"/>
        <source>这个版本的服务端还不能计算合规检查。</source>
        <translation>This version of the server cannot compute the inspection panel yet.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="317"/>
        <source>下面是 {when} 取得的结果。</source>
        <translation>Below is the result fetched at {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="348"/>
        <source>这个版本的服务端还不能生成自查报告。</source>
        <translation>This version of the server cannot make the self-check report yet.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="351"/>
        <source>合规自查报告</source>
        <translation>Compliance self-check report</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="356"/>
        <source>登录已过期，请重新登录后再导出。</source>
        <translation>Your session has ended; sign in again, then export.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="359"/>
        <source>无法连接服务端：自查报告由服务端生成，请联网后再导出。</source>
        <translation>Cannot reach the server: the report is made there; export again once connected.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="366"/>
        <source>无法写入“{folder}”：{error}</source>
        <translation>Cannot write to “{folder}”: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/controller.py" line="381"/>
        <source>无法写入“{path}”：{error}</source>
        <translation>Cannot write “{path}”: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="82"/>
        <source>登记完成</source>
        <translation>Record done</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="96"/>
        <source>{account} · {period} · 到期日 {due}</source>
        <translation>{account} · {period} · due {due}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="99"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="104"/>
        <source>实际完成检查的日期，不能晚于今天</source>
        <translation>The day the check was actually done; not later than today</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="107"/>
        <source>检查了什么、结果如何、发现的问题和处理情况</source>
        <translation>What was checked, the result, problems found and what was done</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="113"/>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="114"/>
        <source>截图、扫描件、PDF、Word、Excel 或文本文件，每个不超过 20 MB</source>
        <translation>Screenshots, scans, PDF, Word, Excel or text files, up to 20 MB each</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="116"/>
        <source>粘贴截图</source>
        <translation>Paste screenshot</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="117"/>
        <source>用截图工具截取后点这里（或按 Ctrl+Shift+V），截图作为 PNG 附上</source>
        <translation>Take a screenshot, then click here (or press Ctrl+Shift+V): it is attached as a PNG</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="120"/>
        <location filename="../../ui/publishing/article_editor.py" line="263"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="137"/>
        <location filename="../../ui/compliance/dialogs.py" line="342"/>
        <location filename="../../ui/compliance/dialogs.py" line="401"/>
        <location filename="../../ui/inbox/page.py" line="488"/>
        <location filename="../../ui/replies/library_page.py" line="287"/>
        <location filename="../../ui/replies/override_dialog.py" line="86"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="138"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="157"/>
        <source>选择佐证材料</source>
        <translation>Choose evidence</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="157"/>
        <source>佐证材料 ({patterns})</source>
        <translation>Evidence ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="169"/>
        <source>“{name}”的类型不能作为佐证材料</source>
        <translation>“{name}” is not a type accepted as evidence</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="174"/>
        <source>读不到“{name}”：{error}</source>
        <translation>Cannot read “{name}”: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="177"/>
        <source>“{name}”超过 20 MB，请压缩或截取关键页</source>
        <translation>“{name}” is over 20 MB; compress it or keep the key pages</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="183"/>
        <location filename="../../ui/settings/page.py" line="379"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="193"/>
        <source>剪贴板里没有图片：请先用截图工具（如 Win+Shift+S）截取，再点“粘贴截图”。</source>
        <translation>There is no picture on the clipboard: take a screenshot first (e.g. Win+Shift+S), then click "Paste screenshot".</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="197"/>
        <source>截图</source>
        <translation>Screenshot</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="205"/>
        <source>截图没能保存到本机（{folder}），请检查磁盘空间。</source>
        <translation>The screenshot could not be saved on this computer ({folder}); check the free disk space.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="228"/>
        <source>点“登记”后将上传 {n} 个文件（共 {size}）到服务端，作为本次检查的佐证。</source>
        <translation>Clicking “Record” uploads {n} file(s) ({size}) to the server as evidence for this check.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="233"/>
        <source>没有附件：只登记检查结果。检查时的截图或记录可作为佐证一并上传。</source>
        <translation>No attachment: only the result is recorded. Screenshots or notes from the check can be uploaded as evidence.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="244"/>
        <source>请写明检查结果。</source>
        <translation>Please write the result of the check.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="248"/>
        <source>检查结果不能超过 {n} 字。</source>
        <translation>The result cannot be longer than {n} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="251"/>
        <source>完成日期不能晚于今天。</source>
        <translation>The date cannot be later than today.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="260"/>
        <source>正在上传附件…</source>
        <translation>Uploading attachments…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="264"/>
        <source>正在上传附件（{done}/{total}）…</source>
        <translation>Uploading attachments ({done}/{total})…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="299"/>
        <source>编辑检查项</source>
        <translation>Edit check</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="299"/>
        <source>新增检查项</source>
        <translation>New check</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="312"/>
        <source>例如：核对管理员和运营者名单</source>
        <translation>e.g. check the list of administrators and operators</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="319"/>
        <source>负责的科室或人员</source>
        <translation>The office or person responsible</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="322"/>
        <source>怎样检查、要留下什么佐证</source>
        <translation>How to check, and what evidence to keep</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="323"/>
        <source>指定到期日</source>
        <translation>Set a due date</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="326"/>
        <source>不指定时，按周期算到本期期末</source>
        <translation>If not set, due at the end of the current period</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="340"/>
        <source>系统自检项：由工作台自动检查并登记，也可手工登记。</source>
        <translation>Self-checked item: the console checks and records it; it can also be recorded by hand.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="342"/>
        <location filename="../../ui/compliance/dialogs.py" line="401"/>
        <location filename="../../ui/replies/library_page.py" line="350"/>
        <location filename="../../ui/replies/rule_editor.py" line="188"/>
        <location filename="../../ui/replies/template_editor.py" line="153"/>
        <location filename="../../ui/review/page.py" line="1208"/>
        <location filename="../../ui/settings/page.py" line="337"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="364"/>
        <source>请选择公众号。</source>
        <translation>Please choose an account.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="369"/>
        <source>请填写检查项。</source>
        <translation>Please fill in the check.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="385"/>
        <source>账号台账 — {name}</source>
        <translation>Account register — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="405"/>
        <source>多个运营者用顿号分隔；日期写作 2024-05-01。</source>
        <translation>Separate operators with 、; write dates as 2024-05-01.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="429"/>
        <location filename="../../ui/publishing/editor_dialog.py" line="170"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="264"/>
        <location filename="../../ui/replies/library_page.py" line="981"/>
        <location filename="../../ui/replies/library_page.py" line="1206"/>
        <location filename="../../ui/settings/wordlists.py" line="97"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/dialogs.py" line="437"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="272"/>
        <source>服务端没有保存：</source>
        <translation>The server did not save it: </translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="94"/>
        <source>{n} 项{level}</source>
        <translation>{n} {level}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="102"/>
        <source>各项正常</source>
        <translation>All fine</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="141"/>
        <source>依据</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="144"/>
        <source>建议</source>
        <translation>Advice</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="164"/>
        <location filename="../../ui/main_window.py" line="72"/>
        <source>合规检查</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="168"/>
        <location filename="../../ui/review/audit_log.py" line="44"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="169"/>
        <source>向服务端重新计算 (F5)</source>
        <translation>Recompute on the server (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="172"/>
        <source>导出自查报告…</source>
        <translation>Export self-check report…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="174"/>
        <source>把本季度的自查报告（PDF 和 Excel）保存到一个文件夹</source>
        <translation>Save this quarter's self-check report (PDF and Excel) to a folder</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="178"/>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="194"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="204"/>
        <source>检查面板</source>
        <translation>Inspection panel</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="205"/>
        <source>账号台账</source>
        <translation>Account register</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="228"/>
        <source>点“刷新”向服务端取回本季度的合规检查。</source>
        <translation>Click “Refresh” to fetch this quarter's compliance figures from the server.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="254"/>
        <source>填写所选公众号的台账（管理员）</source>
        <translation>Fill in the chosen account's register (administrators)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="256"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="260"/>
        <source>检查时须提供账号台账：责任单位、负责人、运营人员、开通日期等。</source>
        <translation>Inspections ask for the account register: responsible unit, person in charge, operators, date opened and more.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="282"/>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="319"/>
        <source>正在向服务端取回合规检查…</source>
        <translation>Fetching the compliance figures from the server…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="332"/>
        <source>服务端没有可检查的公众号。</source>
        <translation>The server has no accounts to check.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="334"/>
        <source>{when} 取得</source>
        <translation>fetched {when}</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="336"/>
        <source>（统计到 {at}）</source>
        <translation>(as of {at})</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="349"/>
        <source>选择保存自查报告的文件夹</source>
        <translation>Choose a folder for the self-check report</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="356"/>
        <source>正在生成{quarter}自查报告（PDF 和 Excel）…</source>
        <translation>Making the {quarter} self-check report (PDF and Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="364"/>
        <source>自查报告已保存。</source>
        <translation>Self-check report saved.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="365"/>
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="428"/>
        <source>台账已记下，联网后发往服务端。</source>
        <translation>Register kept; it goes to the server once connected.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="440"/>
        <source>导出账号台账</source>
        <translation>Export account register</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="440"/>
        <source>账号台账.xlsx</source>
        <translation>account-register.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="440"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="446"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="454"/>
        <source>台账已保存。</source>
        <translation>Register saved.</translation>
    </message>
    <message>
        <location filename="../../ui/compliance/panel_page.py" line="458"/>
        <source>服务端没有保存台账：</source>
        <translation>The server did not save the register: </translation>
    </message>
    <message>
        <location filename="../../ui/format.py" line="10"/>
        <location filename="../../ui/notify.py" line="144"/>
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
        <location filename="../../ui/review/page.py" line="129"/>
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
        <location filename="../../ui/inbox/controller.py" line="472"/>
        <location filename="../../ui/shortcuts.py" line="64"/>
        <source>稍后处理</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="58"/>
        <source>接管</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="59"/>
        <source>由我来回复这个会话 (Ctrl+Shift+T)</source>
        <translation>Reply to this conversation yourself (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="76"/>
        <source>回复粉丝</source>
        <translation>Reply to follower</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="77"/>
        <source>内部备注</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="78"/>
        <source>只有同事能看到，不会发给粉丝 (N)</source>
        <translation>Only colleagues can see it; it is not sent to the follower (N)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="92"/>
        <location filename="../../ui/replies/library_page.py" line="554"/>
        <location filename="../../ui/replies/library_page.py" line="1029"/>
        <source>常用回复</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="93"/>
        <source>插入常用回复模板 (Ctrl+T)</source>
        <translation>Insert a reply template (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="95"/>
        <location filename="../../ui/inbox/composer.py" line="218"/>
        <location filename="../../ui/shortcuts.py" line="66"/>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="189"/>
        <source>正在输入回复…</source>
        <translation>is typing a reply…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="189"/>
        <source>正在处理这个会话</source>
        <translation>is working on this conversation.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="190"/>
        <source>为避免重复回复，您的发送已暂停；确需由您回复请点“接管”。</source>
        <translation>To avoid duplicate replies, sending is paused for you. If you need to reply yourself, click “Take over”.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="216"/>
        <source>写给同事的内部备注，粉丝看不到。Ctrl+Enter 保存</source>
        <translation>Internal note for colleagues; the follower cannot see it. Ctrl+Enter to save</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="216"/>
        <source>输入回复内容，Ctrl+Enter 发送</source>
        <translation>Type your reply here; press Ctrl+Enter to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="218"/>
        <source>保存备注</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="224"/>
        <source>{n} / 2048 字节</source>
        <translation>{n} / 2048 bytes</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="230"/>
        <source>同事正在处理，接管后才能发送</source>
        <translation>A colleague is working on this; take over to send</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="232"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="272"/>
        <source>请先输入内容。</source>
        <translation>Please type something first.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="283"/>
        <source>同事正在处理这个会话。确需由您回复，请先点“接管”（Ctrl+Shift+T）。</source>
        <translation>A colleague is working on this conversation. If you need to reply yourself, click “Take over” first (Ctrl+Shift+T).</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/composer.py" line="289"/>
        <source>回复中有 {n} 处必须修改（已标红），请按下方提示修改；确需原样发送，请点“申请放行”由审核人放行。</source>
        <translation>{n} problem(s) in the reply must be fixed (marked in red); please change them as suggested below. If it really must be sent as written, click “Request a pass” so a supervisor can approve it.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="27"/>
        <source>无法连接服务端，正在重试。可以照常查看、搜索、写草稿和回复，联网后按顺序发出。</source>
        <translation>Cannot reach the server; retrying. You can still read, search, write drafts and reply as usual; everything will be sent in order once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="239"/>
        <source>审核退回：{0}。修改后点发送，会重新提交审核。</source>
        <translation>Sent back by the reviewer: {0}. Revise it and press Send to submit it again.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="466"/>
        <source>状态改为</source>
        <translation>Set status to </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="468"/>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>指派给同事</source>
        <translation>Assign to a colleague</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="468"/>
        <location filename="../../ui/inbox/page.py" line="247"/>
        <source>取消指派</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/controller.py" line="470"/>
        <location filename="../../ui/inbox/page.py" line="370"/>
        <location filename="../../ui/replies/library_page.py" line="157"/>
        <source>标签：</source>
        <translation>Labels: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="84"/>
        <source>超时 · </source>
        <translation>Overdue · </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="84"/>
        <location filename="../../ui/inbox/page.py" line="379"/>
        <source>已等待 {t}</source>
        <translation>Waiting {t}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="87"/>
        <location filename="../../ui/inbox/page.py" line="368"/>
        <source>负责：</source>
        <translation>Assigned to: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="92"/>
        <source> 正在输入</source>
        <translation> is typing</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="92"/>
        <source> 正在查看</source>
        <translation> is viewing</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="111"/>
        <source>审核退回：</source>
        <translation>Sent back: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="113"/>
        <source>审核已通过，正在发出</source>
        <translation>Approved, going out now</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="114"/>
        <source>待审核：</source>
        <translation>Waiting for review: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="114"/>
        <source>等待审核人通过后发出</source>
        <translation>goes out once a supervisor approves</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="116"/>
        <source>等待发出：联网后自动按顺序发出</source>
        <translation>Waiting to send: will go out in order once the connection is back</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="118"/>
        <source>未执行：</source>
        <translation>Not carried out: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="124"/>
        <location filename="../../ui/review/page.py" line="129"/>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="126"/>
        <source>发送失败：</source>
        <translation>Not sent: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="126"/>
        <source>原因未知</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="128"/>
        <source>不确定是否已送达。请在公众号后台或向粉丝核实是否已收到，确认没有收到再重新发送。</source>
        <translation>Delivery unknown. Check in the WeChat admin or with the follower whether it arrived; send again only if it did not.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="129"/>
        <source>不确定是否已送达</source>
        <translation>Delivery unknown</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="130"/>
        <source>不确定是否已送达：</source>
        <translation>Delivery unknown: </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="131"/>
        <source>（确认没有收到后，双击这条回复可再次发送）</source>
        <translation>(once you have checked it did not arrive, double-click this reply to send it again)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="132"/>
        <source>发送中…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="181"/>
        <source>内部备注（粉丝看不到）</source>
        <translation>Internal note (the follower cannot see it)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="183"/>
        <source>自动回复（规则：{0}）</source>
        <translation>Auto-reply (rule: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/delegates.py" line="187"/>
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
        <location filename="../../ui/inbox/page.py" line="55"/>
        <source>1 小时后</source>
        <translation>In 1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="56"/>
        <source>明天上午 8:30</source>
        <translation>Tomorrow, 8:30 am</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="57"/>
        <source>下周一上午 8:30</source>
        <translation>Next Monday, 8:30 am</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="58"/>
        <source>粉丝再次留言时</source>
        <translation>When the follower writes again</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="105"/>
        <source>暂无留言。粉丝发来的消息会出现在这里。</source>
        <translation>No messages yet. Messages from followers will appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="112"/>
        <source>请选择左侧的会话</source>
        <translation>Select a conversation on the left</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="256"/>
        <location filename="../../ui/shortcuts.py" line="65"/>
        <source>添加标签</source>
        <translation>Add label</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="256"/>
        <source>选择或输入标签（如 社保、投诉、咨询）：</source>
        <translation>Choose or type a label (e.g. social security, complaint, enquiry):</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="358"/>
        <source>搜索结果中的会话</source>
        <translation>Conversation from search results</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="374"/>
        <source>稍后处理至 {t}</source>
        <translation>Snoozed until {t}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="376"/>
        <source>粉丝回复时提醒</source>
        <translation>Remind me when the follower replies</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="444"/>
        <source>已提交审核：审核人通过后自动发出，退回时会在这里看到意见。</source>
        <translation>Submitted for review: it goes out as soon as a supervisor approves; if it is sent back, the comment shows here.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="479"/>
        <location filename="../../ui/inbox/page.py" line="487"/>
        <source>再次发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="480"/>
        <source>这条回复不确定是否已送达。</source>
        <translation>It is not known whether this reply was delivered.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/page.py" line="483"/>
        <source>微信可能已经把它送到粉丝手机上，只是没有告诉我们。再次发送后，粉丝可能收到两条相同的消息。

请先在公众号后台或向粉丝核实是否已收到；确认没有收到，再点“再次发送”。这次发送会记入操作日志。</source>
        <translation>WeChat may already have put it on the follower's phone without telling us. If you send it again, the follower may get the same message twice.

First check in the WeChat admin or with the follower whether it arrived; only if it did not, click "Send again". This send is recorded in the operation log.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32"/>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32"/>
        <source>发文、阅读、回复时效等检查所需的统计数据。</source>
        <translation>The figures inspections ask for: articles published, reads, reply times and more.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="41"/>
        <source>此功能正在建设中，将在后续版本中提供。</source>
        <translation>This feature is still being built and will arrive in a later version.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <location filename="../../ui/main_window.py" line="122"/>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <location filename="../../ui/main_window.py" line="111"/>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66"/>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68"/>
        <source>模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <location filename="../../ui/settings/page.py" line="305"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>政务微信
工作台</source>
        <translation>Government
WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>正在连接服务端…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>已登录：{0}</source>
        <translation>Signed in: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>已连接服务端</source>
        <translation>Connected to the server</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="115"/>
        <source>政务微信工作台：{count}个会话待处理</source>
        <translation>Government WeChat Console: {count} open conversation(s)</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="145"/>
        <source>收到{count}条新消息</source>
        <translation>{count} new message(s)</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="147"/>
        <source>回复超时</source>
        <translation>Reply overdue</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="148"/>
        <source>有{count}个会话超过{hours}个工作小时未回复</source>
        <translation>{count} conversation(s) unanswered for more than {hours} working hours</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="152"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="166"/>
        <source>粘贴的图片.png</source>
        <translation>pasted-image.png</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="215"/>
        <source>新增一篇</source>
        <translation>Add article</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="216"/>
        <location filename="../../ui/publishing/article_editor.py" line="536"/>
        <source>在这条图文消息里再加一篇，最多 8 篇 (Ctrl+Shift+N)</source>
        <translation>Add another article to this post, up to 8 (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="217"/>
        <location filename="../../ui/publishing/page.py" line="118"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="66"/>
        <location filename="../../ui/replies/rule_editor.py" line="183"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="218"/>
        <source>从这条图文消息中删除所选的一篇</source>
        <translation>Remove the selected article from this post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="219"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="220"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="221"/>
        <source>排在第一的是头条，封面显示为大图</source>
        <translation>The first article is the lead; its cover is shown large</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="229"/>
        <source>本条图文</source>
        <translation>This post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="242"/>
        <source>请输入标题</source>
        <translation>Enter a title</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="247"/>
        <source>选填，如：县人社局</source>
        <translation>Optional, e.g. County HR Bureau</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="252"/>
        <source>选填，不填写则默认抓取正文前 54 个字</source>
        <translation>Optional; if empty, WeChat takes the first 54 characters of the text</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="256"/>
        <location filename="../../ui/publishing/article_editor.py" line="692"/>
        <source>未选择</source>
        <translation>None chosen</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="260"/>
        <source>选择图片…</source>
        <translation>Choose picture…</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="261"/>
        <source>PNG、JPG 或 GIF，不超过 10 MB；头条封面建议 900×383 像素</source>
        <translation>PNG, JPG or GIF, up to 10 MB; lead cover 900×383 px recommended</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="270"/>
        <source>加粗</source>
        <translation>Bold</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="271"/>
        <source>斜体</source>
        <translation>Italic</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="272"/>
        <source>下划线</source>
        <translation>Underline</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="274"/>
        <location filename="../../ui/publishing/article_editor.py" line="306"/>
        <location filename="../../ui/replies/library_page.py" line="135"/>
        <location filename="../../ui/replies/template_editor.py" line="163"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="275"/>
        <source>引用</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="277"/>
        <source>插入图片…</source>
        <translation>Insert picture…</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="283"/>
        <source>从这里开始写正文</source>
        <translation>Start writing the text here</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="292"/>
        <location filename="../../ui/publishing/preview.py" line="100"/>
        <source>原创</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="293"/>
        <source>标记为原创；原创声明还需在微信公众平台上完成</source>
        <translation>Marked as original; the originality claim must still be made on the WeChat platform</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="294"/>
        <source>开启留言</source>
        <translation>Allow comments</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="295"/>
        <source>允许读者在文章下留言</source>
        <translation>Let readers comment under the article</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="298"/>
        <source>选填，以 https:// 开头，显示为文末的“阅读原文”</source>
        <translation>Optional, starting with https://; shown as “Read more” at the end</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="307"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="315"/>
        <location filename="../../ui/replies/rule_editor.py" line="224"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="324"/>
        <source>封面</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="326"/>
        <location filename="../../ui/replies/template_editor.py" line="171"/>
        <source>正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="333"/>
        <source>原文链接</source>
        <translation>Source link</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="352"/>
        <source>手机预览 (Ctrl+Shift+P)</source>
        <translation>Phone preview (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="437"/>
        <source>{where}的“{word}”必须修改：{reason}</source>
        <translation>“{word}” in {where} must be changed: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="465"/>
        <location filename="../../ui/publishing/article_editor.py" line="538"/>
        <source>一条图文消息最多 8 篇</source>
        <translation>A post holds at most 8 articles</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="505"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="506"/>
        <source>头条</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="506"/>
        <source>第 {n} 篇</source>
        <translation>Article {n}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="548"/>
        <source>选填，显示在分享卡片和单篇消息中</source>
        <translation>Optional; shown on share cards and single-article posts</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="550"/>
        <source>多篇图文不显示摘要：微信只在单篇图文消息中显示摘要，已填写的会保留</source>
        <translation>Posts with several articles show no summary: WeChat shows it only for single-article posts; what you typed is kept</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="553"/>
        <source>头条封面建议 900×383 像素（2.35:1）</source>
        <translation>Lead cover: 900×383 px recommended (2.35:1)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="553"/>
        <source>次条封面建议 200×200 像素（1:1）</source>
        <translation>Other covers: 200×200 px recommended (1:1)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="602"/>
        <source>没有可用的图片存储，暂不能选择图片</source>
        <translation>No picture store available; pictures cannot be chosen now</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="619"/>
        <source>{n} 字</source>
        <translation>{n} characters</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="658"/>
        <source>无法读取“{name}”：{error}</source>
        <translation>Cannot read “{name}”: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="671"/>
        <source>选择封面图片</source>
        <translation>Choose cover picture</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="692"/>
        <source>图片不在本机</source>
        <translation>Picture not on this computer</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="699"/>
        <source>插入图片</source>
        <translation>Insert picture</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="832"/>
        <location filename="../../ui/publishing/preview.py" line="125"/>
        <location filename="../../ui/publishing/preview.py" line="153"/>
        <source>手机预览</source>
        <translation>Phone preview</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="834"/>
        <source>手机预览 · 第 {n}/{count} 篇</source>
        <translation>Phone preview · article {n}/{count}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="851"/>
        <source>有 {n} 处错敏词必须修改</source>
        <translation>{n} wording problem(s) must be fixed</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="853"/>
        <source> 等 {n} 项</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="854"/>
        <source>还不能发布：</source>
        <translation>Not ready yet: </translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="856"/>
        <source>内容齐全，可以送审</source>
        <translation>Complete; ready for review</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="865"/>
        <source>错敏词检查出错：{error}</source>
        <translation>The wording check failed: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="888"/>
        <source>文中</source>
        <translation>the text</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/article_editor.py" line="889"/>
        <source>第 {n} 篇{field}</source>
        <translation>article {n}'s {field}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/controller.py" line="155"/>
        <source>找不到这篇图文，可能已被同事删除。</source>
        <translation>This post cannot be found; a colleague may have deleted it.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/controller.py" line="161"/>
        <source>不能排到已经过去的时间；要马上发出请用“立即发布”。</source>
        <translation>You cannot plan for a time already past; to send it now use “Publish now”.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/controller.py" line="275"/>
        <source>文中有一张图片在本机找不到了，请重新插入后再保存。</source>
        <translation>A picture in the text is no longer on this computer; insert it again and save.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="48"/>
        <source>编辑图文</source>
        <translation>Edit post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="59"/>
        <source>发布（不占群发次数，不推送给粉丝）</source>
        <translation>Publish (no mass-send quota, not pushed to followers)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="60"/>
        <source>群发（推送给全部粉丝，占群发次数）</source>
        <translation>Mass send (pushed to all followers, uses the quota)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="61"/>
        <source>计划时间</source>
        <translation>Planned time</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="65"/>
        <source>突发/辟谣（紧急审核）</source>
        <translation>Urgent / rebuttal (urgent review)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="66"/>
        <source>紧急图文排在审核队列最前面，立即通知所有审核人，并按审核规则允许的最少级数审核。</source>
        <translation>Urgent posts go to the front of the review queue, every supervisor is notified at once, and they pass the fewest review levels the policy allows.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="72"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="154"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="73"/>
        <source>提交审核 (Ctrl+Enter)</source>
        <translation>Submit for review (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="75"/>
        <location filename="../../ui/publishing/plan_dialog.py" line="154"/>
        <location filename="../../ui/shortcuts.py" line="144"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="80"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="123"/>
        <source>编辑图文 — {title}（{state}）</source>
        <translation>Edit post — {title} ({state})</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="149"/>
        <source>这篇图文已发出或正在发出，只能查看。</source>
        <translation>This post has been sent or is being sent; it can only be viewed.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="186"/>
        <source>已保存在本机，联网时自动同步到服务端。</source>
        <translation>Saved on this computer; it goes to the server when connected.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="196"/>
        <source>还不能提交：</source>
        <translation>Cannot submit yet: </translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="206"/>
        <source>图文已保存在本机，但还没有传到服务端（可能未联网）。联网后再点“提交审核”。</source>
        <translation>The post is saved on this computer but has not reached the server (perhaps offline). Click “Submit for review” again once connected.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="211"/>
        <source>已提交审核。</source>
        <translation>Submitted for review.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="221"/>
        <source>{who}同时也改了这篇图文，您的版本已另存为“冲突副本”。</source>
        <translation>{who} changed this post at the same time; your version was kept as a “conflicted copy”.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="227"/>
        <source>已保存。内容有改动，需要重新提交审核。</source>
        <translation>Saved. The content changed, so it must be submitted for review again.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/editor_dialog.py" line="229"/>
        <source>已同步到服务端。</source>
        <translation>Synced to the server.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="59"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="60"/>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="69"/>
        <source>上一月/上一周 (PageUp)</source>
        <translation>Previous month/week (PageUp)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="70"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="72"/>
        <source>下一月/下一周 (PageDown)</source>
        <translation>Next month/week (PageDown)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="75"/>
        <source>新建图文 (Ctrl+N)</source>
        <translation>New post (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="76"/>
        <source>发布时段…</source>
        <translation>Publishing times…</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="77"/>
        <source>各公众号平时几点发布、间隔目标、错过时间后怎么办（也可双击右侧的账号）</source>
        <translation>When each account usually publishes, its gap target, and what happens after a missed time (or double-click an account on the right)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="108"/>
        <source>在日历上点选一篇图文，这里显示它的状态和可以做的事。</source>
        <translation>Pick a post on the calendar to see its state and what can be done with it.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="113"/>
        <source>编辑 (Enter)</source>
        <translation>Edit (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="114"/>
        <source>提交审核</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="115"/>
        <source>突发/辟谣 紧急提交</source>
        <translation>Urgent / rebuttal: submit urgently</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="116"/>
        <location filename="../../ui/publishing/page.py" line="477"/>
        <location filename="../../ui/publishing/page.py" line="485"/>
        <source>立即发布</source>
        <translation>Publish now</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="117"/>
        <source>取消排期</source>
        <translation>Unplan</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="138"/>
        <source>更新节奏（检查以两周为限）</source>
        <translation>Posting rhythm (inspection limit: two weeks)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="140"/>
        <source>未排期的图文（双击编辑）</source>
        <translation>Posts not yet planned (double-click to edit)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="142"/>
        <source>选中的图文</source>
        <translation>Selected post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="248"/>
        <source>{y}年{m}月</source>
        <translation>{m}/{y}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="273"/>
        <source>群发额度（{period}）：剩 {left}/{limit} 次</source>
        <translation>Mass sends ({period}): {left}/{limit} left</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="278"/>
        <source>选择一个公众号可看群发额度</source>
        <translation>Choose an account to see its mass-send quota</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="304"/>
        <source>群发剩 {n} 次</source>
        <translation>{n} mass send(s) left</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="315"/>
        <source>从未发布</source>
        <translation>Never published</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="317"/>
        <source>距上次更新 {n} 天</source>
        <translation>{n} day(s) since the last post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="321"/>
        <source>发布时间：{slots}</source>
        <translation>Publishing times: {slots}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="325"/>
        <source>更新节奏正常</source>
        <translation>Posting rhythm is fine</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="331"/>
        <location filename="../../ui/review/page.py" line="379"/>
        <source>【急】</source>
        <translation>[Urgent] </translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="345"/>
        <source>这篇图文已被删除。</source>
        <translation>This post was deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="352"/>
        <source> · 紧急</source>
        <translation> · urgent</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="353"/>
        <source>时间：{when}</source>
        <translation>Time: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="353"/>
        <source>未排期</source>
        <translation>Not planned</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="354"/>
        <source>撰稿：{who}</source>
        <translation>Written by: {who}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="359"/>
        <source>第 {n} 篇链接</source>
        <translation>Link to article {n}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="388"/>
        <source>已完成。</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="397"/>
        <source>还没有公众号。</source>
        <translation>There are no accounts yet.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="415"/>
        <source>发布时段已记下，联网后发往服务端。</source>
        <translation>Publishing times noted; they go to the server when the connection is back.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="436"/>
        <source>已改到 {when}，等服务端确认…</source>
        <translation>Moved to {when}; waiting for the server to confirm…</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="478"/>
        <source>上次发布没有收到微信的答复，可能已经发出。您已在公众平台核对，确认没有发出吗？</source>
        <translation>WeChat never answered the last publish request, so it may have gone out. Have you checked on the WeChat platform and confirmed it was not published?</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="483"/>
        <source>群发给全部粉丝</source>
        <translation>mass-send to all followers</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="485"/>
        <source>现在就{what}“{title}”吗？</source>
        <translation>{what} “{title}” now?</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="492"/>
        <source>删除图文</source>
        <translation>Delete post</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/page.py" line="492"/>
        <source>删除“{title}”吗？</source>
        <translation>Delete “{title}”?</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="57"/>
        <source>周{day}</source>
        <translation>{day}</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="91"/>
        <source>发布时段</source>
        <translation>Publishing times</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="106"/>
        <source>添加时段</source>
        <translation>Add a time</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="112"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="115"/>
        <source>晚了</source>
        <translation>Late by</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="116"/>
        <source>总是补发</source>
        <translation>Always publish late</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="124"/>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="131"/>
        <source>以上不再自动发出，标为“待决定”由人决定</source>
        <translation>or more: a person decides (marked "Decide")</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="140"/>
        <source>拖到某一天的图文放在当天第一个时段；节假日照常按星期安排。</source>
        <translation>A post dragged onto a day takes that day's first time; holidays follow the weekday.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="141"/>
        <source>发布时间</source>
        <translation>Publishing times</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="142"/>
        <source>更新间隔目标</source>
        <translation>Gap target</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="143"/>
        <source>计划中两篇之间超过这个天数时，日历提醒。检查以两周无更新为否决线。</source>
        <translation>The calendar warns when planned posts are further apart than this. The inspection fails an account after two weeks without a post.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="147"/>
        <source>错过发布时间</source>
        <translation>Missed times</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="148"/>
        <source>服务端停机或断网后恢复时，按这里处理到点未发的图文。</source>
        <translation>After the server was down or offline, posts whose time passed are handled this way.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="167"/>
        <source>只有管理员可以修改发布时段，这里只能查看。</source>
        <translation>Only administrators can change publishing times; you can view them here.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="232"/>
        <source>至少要有一个发布时段。</source>
        <translation>at least one publishing time is needed.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="234"/>
        <source>第 {n} 个时段还没有选星期几。</source>
        <translation>time {n} has no weekday chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="241"/>
        <source>还不能保存：</source>
        <translation>Cannot save yet: </translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="245"/>
        <source>错过后总是补发</source>
        <translation>missed posts always go out late</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="247"/>
        <source>晚 {n} 分钟以上交由人决定</source>
        <translation>more than {n} minutes late goes to a person</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/plan_dialog.py" line="250"/>
        <source>发布时间：{slots}；计划间隔不超过 {gap} 天；{late}。</source>
        <translation>Publishing times: {slots}; planned gaps of at most {gap} days; {late}.</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/preview.py" line="97"/>
        <source>（未填写标题）</source>
        <translation>(no title yet)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/preview.py" line="103"/>
        <location filename="../../ui/publishing/preview.py" line="152"/>
        <source>公众号名称</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/preview.py" line="111"/>
        <source>（正文还是空的）</source>
        <translation>(the text is still empty)</translation>
    </message>
    <message>
        <location filename="../../ui/publishing/preview.py" line="113"/>
        <source>阅读原文</source>
        <translation>Read more</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_controller.py" line="127"/>
        <source>连不上服务端，无法读取微信后台的设置。请联网后再试。</source>
        <translation>Cannot reach the server, so the settings on the WeChat platform cannot be read. Please try again once you are online.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_controller.py" line="135"/>
        <source>已从微信后台导入 {0} 条规则。</source>
        <translation>Imported {0} rule(s) from WeChat.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_controller.py" line="170"/>
        <source>连不上服务端，词表没有保存。编辑内容仍在窗口中，请联网后再点保存。</source>
        <translation>Cannot reach the server; the word lists were not saved. Your edits are still in the window; click “Save lists” again once you are online.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="135"/>
        <location filename="../../ui/replies/template_editor.py" line="166"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="135"/>
        <source>使用次数</source>
        <translation>Times used</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="145"/>
        <source>（已归档）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="149"/>
        <source>通用</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="209"/>
        <location filename="../../ui/replies/rule_editor.py" line="198"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="210"/>
        <location filename="../../ui/replies/rule_editor.py" line="203"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="211"/>
        <location filename="../../ui/replies/rule_editor.py" line="204"/>
        <source>匹配方式</source>
        <translation>Match type</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="212"/>
        <location filename="../../ui/replies/rule_editor.py" line="60"/>
        <location filename="../../ui/replies/rule_editor.py" line="205"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="213"/>
        <location filename="../../ui/replies/rule_editor.py" line="211"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="215"/>
        <location filename="../../ui/replies/rule_editor.py" line="215"/>
        <source>生效时段</source>
        <translation>Active times</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="216"/>
        <location filename="../../ui/replies/library_page.py" line="256"/>
        <location filename="../../ui/replies/rule_editor.py" line="138"/>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="254"/>
        <location filename="../../ui/replies/rule_editor.py" line="76"/>
        <location filename="../../ui/replies/rule_editor.py" line="143"/>
        <source>始终生效</source>
        <translation>Always</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="274"/>
        <location filename="../../ui/replies/library_page.py" line="1172"/>
        <source>从微信后台导入</source>
        <translation>Import from WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="274"/>
        <source>导入规则</source>
        <translation>Import rules</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="278"/>
        <source>读取公众号后台“自动回复”中已设置的关键词回复、被关注回复和收到消息回复，导入为本工作台的规则。</source>
        <translation>Reads the auto-replies already set up under “Auto-reply” on the account’s WeChat platform (keyword replies, replies on follow and replies to any message) and imports them as rules in this console.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="280"/>
        <source>文件中有 {n} 条规则，导入后全部作为新规则添加。</source>
        <translation>The file has {n} rule(s); they will all be added as new rules.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="282"/>
        <source>按文件中填写的公众号</source>
        <translation>Account given in the file</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="283"/>
        <source>先删除该公众号现有的自动回复规则（替换）</source>
        <translation>First delete this account’s existing auto-reply rules (replace)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="284"/>
        <source>不勾选则保留现有规则，导入的规则一并添加</source>
        <translation>If unticked, the existing rules are kept and the imported rules are added alongside them</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="286"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="337"/>
        <source>变量名</source>
        <translation>Variable name</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="337"/>
        <location filename="../../ui/review/page.py" line="457"/>
        <location filename="../../ui/review/page.py" line="688"/>
        <location filename="../../ui/review/page.py" line="1142"/>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="347"/>
        <source>添加变量</source>
        <translation>Add variable</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="348"/>
        <source>添加一行 (Ctrl+N)</source>
        <translation>Add a row (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="349"/>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="352"/>
        <source>保存这个公众号的变量 (Ctrl+S)</source>
        <translation>Save this account’s variables (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="369"/>
        <source>模板和自动回复中的 {变量名} 会替换成这里的内容，例如 {窗口电话}</source>
        <translation>In templates and auto-replies, {变量名} (a variable name in braces) is replaced with the value set here, e.g. {窗口电话} (service-window phone number)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="373"/>
        <source>{称呼} 和 {日期} 自动填写，不用设置；{办公时间} 不填时使用设置中的办公时间。每个公众号最多 30 个变量。</source>
        <translation>{称呼} (how the follower is addressed) and {日期} (the date) are filled in automatically and need no value; if {办公时间} (office hours) is left empty, the office hours from Settings are used. Up to 30 variables per account.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="457"/>
        <source>第 {n} 行没有填写变量名。</source>
        <translation>Row {n} has no variable name.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="460"/>
        <source>变量名“{name}”只能由汉字、字母、数字和下划线组成，不能以数字开头，最多 20 个字。</source>
        <translation>Variable name “{name}” may only contain Chinese characters, letters, digits and underscores, must not start with a digit, and can be at most 20 characters long.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="465"/>
        <source>{{{name}}} 由系统自动填写，不需要设置。</source>
        <translation>{{{name}}} is filled in automatically; it does not need a value.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="467"/>
        <source>变量名“{name}”重复了，请合并成一行。</source>
        <translation>Variable name “{name}” appears more than once; please merge those rows into one.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="469"/>
        <source>变量“{name}”的内容超过 {n} 个字。</source>
        <translation>The value of variable “{name}” is longer than {n} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="472"/>
        <source>每个公众号最多 {n} 个变量。</source>
        <translation>At most {n} variables per account.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="515"/>
        <source>还没有公众号。服务端登记公众号后，可以在这里为它设置变量。</source>
        <translation>No accounts yet. Once an account is registered on the server, you can set its variables here.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="524"/>
        <source>模板或自动回复用到、但这个公众号还没有设置：{names}</source>
        <translation>Used in templates or auto-replies but not yet set for this account: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="555"/>
        <source>自动回复</source>
        <translation>Auto-replies</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="556"/>
        <source>账号变量</source>
        <translation>Account values</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="570"/>
        <source>搜索标题、拼音首字母（如 sb）、标签或正文  Ctrl+F</source>
        <translation>Search titles, pinyin initials (e.g. sb), labels or text  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="573"/>
        <source>选一个公众号：显示它自己的模板和通用模板</source>
        <translation>Choose an account: shows its own templates plus the general ones</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="575"/>
        <source>显示已归档</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="583"/>
        <location filename="../../ui/replies/library_page.py" line="664"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="584"/>
        <source>新建模板 (Ctrl+N)</source>
        <translation>New template (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="585"/>
        <location filename="../../ui/replies/library_page.py" line="666"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="586"/>
        <source>从 Excel（.xlsx）或 JSON 文件导入模板</source>
        <translation>Import templates from an Excel (.xlsx) or JSON file</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="587"/>
        <location filename="../../ui/replies/library_page.py" line="668"/>
        <location filename="../../ui/review/audit_log.py" line="46"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="588"/>
        <source>把列表中显示的模板导出为 Excel（.xlsx）或 JSON 文件</source>
        <translation>Export the templates shown in the list to an Excel (.xlsx) or JSON file</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="643"/>
        <source>按名称或关键词筛选  Ctrl+F</source>
        <translation>Filter by name or keyword  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="646"/>
        <source>选一个公众号：显示它自己的规则和适用于全部公众号的规则</source>
        <translation>Choose an account: shows its own rules plus the rules for all accounts</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="665"/>
        <source>新建规则 (Ctrl+N)</source>
        <translation>New rule (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="667"/>
        <source>从 Excel（.xlsx）或 JSON 文件导入规则</source>
        <translation>Import rules from an Excel (.xlsx) or JSON file</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="669"/>
        <source>把表中显示的规则导出为 Excel（.xlsx）或 JSON 文件</source>
        <translation>Export the rules shown in the table to an Excel (.xlsx) or JSON file</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="670"/>
        <source>从微信后台导入…</source>
        <translation>Import from WeChat…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="671"/>
        <source>读取公众号后台已设置的自动回复，导入为本工作台的规则</source>
        <translation>Read the auto-replies already set up on the account’s WeChat platform and import them as rules in this console</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="700"/>
        <source>规则内容</source>
        <translation>Rule details</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="701"/>
        <location filename="../../ui/replies/library_page.py" line="799"/>
        <source>测试与检查</source>
        <translation>Test and check</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="702"/>
        <source>输入粉丝消息，看由哪条规则回复；列出永远不会触发或过于简单的规则</source>
        <translation>Type a follower’s message to see which rule replies; lists rules that can never fire or are too simple</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="734"/>
        <source>这个公众号的变量</source>
        <translation>This account’s variables</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="799"/>
        <source>测试与检查（{n}）</source>
        <translation>Test and check ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="816"/>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="820"/>
        <source>（未分类）</source>
        <translation>(Uncategorised)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="856"/>
        <source>这条规则已被删除。</source>
        <translation>This rule has been deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="900"/>
        <source>找到 {n} 个模板</source>
        <translation>{n} template(s) found</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="902"/>
        <source>共 {n} 个模板</source>
        <translation>{n} template(s)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="915"/>
        <location filename="../../ui/replies/library_page.py" line="922"/>
        <location filename="../../ui/replies/template_editor.py" line="106"/>
        <location filename="../../ui/replies/template_editor.py" line="372"/>
        <source>新模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="993"/>
        <source>正在归档…</source>
        <translation>Archiving…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="993"/>
        <source>正在取消归档…</source>
        <translation>Unarchiving…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="996"/>
        <source>导入常用回复</source>
        <translation>Import reply templates</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1002"/>
        <location filename="../../ui/replies/library_page.py" line="1005"/>
        <location filename="../../ui/replies/library_page.py" line="1008"/>
        <location filename="../../ui/replies/library_page.py" line="1125"/>
        <location filename="../../ui/replies/library_page.py" line="1128"/>
        <location filename="../../ui/replies/library_page.py" line="1131"/>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1005"/>
        <location filename="../../ui/replies/library_page.py" line="1128"/>
        <source>无法读取文件“{name}”：{error}</source>
        <translation>Cannot read the file “{name}”: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1008"/>
        <source>“{name}”中没有模板。</source>
        <translation>“{name}” contains no templates.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1022"/>
        <source>正在导入 {n} 个模板…</source>
        <translation>Importing {n} template(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1027"/>
        <location filename="../../ui/replies/library_page.py" line="1035"/>
        <location filename="../../ui/replies/library_page.py" line="1038"/>
        <location filename="../../ui/replies/library_page.py" line="1154"/>
        <location filename="../../ui/replies/library_page.py" line="1162"/>
        <location filename="../../ui/replies/library_page.py" line="1165"/>
        <source>无法导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1027"/>
        <source>列表中没有模板。请调整筛选条件后再导出。</source>
        <translation>There are no templates in the list. Adjust the filters, then export again.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1029"/>
        <source>导出常用回复</source>
        <translation>Export reply templates</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1040"/>
        <source>已导出 {n} 个模板到 {path}</source>
        <translation>Exported {n} template(s) to {path}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1059"/>
        <source>共 {n} 条规则</source>
        <translation>{n} rule(s)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1061"/>
        <source>显示 {n} 条，共 {total} 条</source>
        <translation>Showing {n} of {total}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1069"/>
        <location filename="../../ui/replies/library_page.py" line="1088"/>
        <location filename="../../ui/replies/rule_editor.py" line="106"/>
        <location filename="../../ui/replies/rule_editor.py" line="453"/>
        <source>新规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1111"/>
        <source>删除规则“{name}”？删除后这条规则不再自动回复。</source>
        <translation>Delete the rule “{name}”? Once deleted, it will no longer send auto-replies.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1112"/>
        <source>删除规则</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1116"/>
        <source>正在删除…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1119"/>
        <source>导入自动回复规则</source>
        <translation>Import auto-reply rules</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1131"/>
        <source>“{name}”中没有规则。</source>
        <translation>“{name}” contains no rules.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1149"/>
        <source>正在导入 {n} 条规则…</source>
        <translation>Importing {n} rule(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1154"/>
        <source>表中没有规则。请调整筛选条件后再导出。</source>
        <translation>There are no rules in the table. Adjust the filters, then export again.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1156"/>
        <source>导出自动回复规则</source>
        <translation>Export auto-reply rules</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1156"/>
        <source>自动回复规则</source>
        <translation>Auto-reply rules</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1167"/>
        <source>已导出 {n} 条规则到 {path}</source>
        <translation>Exported {n} rule(s) to {path}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1172"/>
        <source>还没有公众号。请先在服务端登记公众号。</source>
        <translation>No accounts yet. Please register an account on the server first.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1182"/>
        <source>正在读取“{name}”在微信后台的自动回复设置…</source>
        <translation>Reading the auto-reply settings of “{name}” from WeChat…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1218"/>
        <location filename="../../ui/replies/library_page.py" line="1232"/>
        <location filename="../../ui/replies/library_page.py" line="1259"/>
        <location filename="../../ui/replies/library_page.py" line="1263"/>
        <source>没有保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1218"/>
        <source>没有完成归档：</source>
        <translation>Not archived: </translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1223"/>
        <location filename="../../ui/replies/library_page.py" line="1238"/>
        <location filename="../../ui/replies/library_page.py" line="1268"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1223"/>
        <location filename="../../ui/replies/library_page.py" line="1238"/>
        <source>已保存。</source>
        <translation>Saved. </translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1228"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1228"/>
        <source>已取消归档</source>
        <translation>Unarchived</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1232"/>
        <source>没有删除：</source>
        <translation>Not deleted: </translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1245"/>
        <source>已删除规则“{name}”。</source>
        <translation>Deleted the rule “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1249"/>
        <source>没有导入（文件中的内容都没有导入）：</source>
        <translation>Not imported (nothing from the file was imported): </translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1252"/>
        <source>已导入 {n} 个模板。</source>
        <translation>Imported {n} template(s).</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1255"/>
        <source>已导入 {n} 条规则。</source>
        <translation>Imported {n} rule(s).</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1321"/>
        <source>还没有连接服务端，暂时不能保存。</source>
        <translation>Not connected to the server yet, so saving is not possible for now.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1347"/>
        <source>没有保存：有 {n} 处必须修改的错敏词（红色波浪线处）。请修改，或由审核人放行后再保存。</source>
        <translation>Not saved: {n} wording problem(s) must be fixed (red wavy underline). Fix them, or have a supervisor pass them, then save again.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1369"/>
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1370"/>
        <source>“{what}”有未保存的修改。要放弃这些修改吗？</source>
        <translation>“{what}” has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1390"/>
        <source>Excel 表格或 JSON 文件 (*.xlsx *.json)</source>
        <translation>Excel or JSON files (*.xlsx *.json)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1395"/>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1395"/>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/library_page.py" line="1410"/>
        <source>无法写入文件“{name}”：{error}。请确认文件没有在 Excel 或 WPS 中打开，并且有写入权限。</source>
        <translation>Cannot write the file “{name}”: {error}. Make sure it is not open in Excel or WPS and that you have permission to write to it.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="45"/>
        <source>主管放行</source>
        <translation>Supervisor pass</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="50"/>
        <source>以下内容未通过错敏词检查。确需按原文发送，须由审核人放行：</source>
        <translation>The following did not pass the wording check. To send it as written anyway, a supervisor must pass it:</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="63"/>
        <source>请选择审核人</source>
        <translation>Choose a supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="67"/>
        <source>本单位还没有设置审核人，请管理员在人员设置中指定。</source>
        <translation>Your office has not set up any supervisors yet. Please ask an administrator to assign one in the staff settings.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="73"/>
        <source>写明为什么可以按原文发送，例如：经核实是公开的办事电话。</source>
        <translation>Explain why it can be sent as written, e.g. Checked: this is the public service phone number.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="79"/>
        <source>放行记录（审核人、理由、时间、原文）会写入日志，不能删除。</source>
        <translation>The pass record (supervisor, reason, time, original text) is written to the log and cannot be deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="85"/>
        <source>确认放行</source>
        <translation>Confirm pass</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="92"/>
        <source>审核人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="94"/>
        <source>放行理由</source>
        <translation>Reason for pass</translation>
    </message>
    <message>
        <location filename="../../ui/replies/override_dialog.py" line="123"/>
        <source>理由至少 {n} 个字，还差 {missing} 个字</source>
        <translation>The reason needs at least {n} characters; {missing} more to go</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="60"/>
        <source>关注欢迎语</source>
        <translation>Follow welcome</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="60"/>
        <source>兜底回复</source>
        <translation>Fallback reply</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="64"/>
        <location filename="../../ui/replies/rule_tester.py" line="60"/>
        <source>包含匹配</source>
        <translation>Contains</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="64"/>
        <location filename="../../ui/replies/rule_tester.py" line="60"/>
        <source>完全匹配</source>
        <translation>Exact match</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="64"/>
        <location filename="../../ui/replies/rule_tester.py" line="60"/>
        <source>正则匹配</source>
        <translation>Regex</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="68"/>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="68"/>
        <source>图片（素材ID）</source>
        <translation>Image (media ID)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="68"/>
        <source>图文链接</source>
        <translation>Article link</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="113"/>
        <source>便于辨认的名称，如：社保卡补办</source>
        <translation>A name that is easy to recognise, e.g. Social security card replacement</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="118"/>
        <source>关键词：粉丝消息含有关键词时回复；关注欢迎语：新粉丝关注时发送；兜底回复：没有规则匹配时发送</source>
        <translation>Keywords: replies when a follower’s message contains a keyword; Follow welcome: sent when someone new follows; Fallback reply: sent when no rule matches</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="121"/>
        <source>“全部公众号”的规则对每个公众号都生效</source>
        <translation>Rules for “All official accounts” apply to every account</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="124"/>
        <source>消息中含有任一关键词就回复</source>
        <translation>Replies when the message contains any of the keywords</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="125"/>
        <source>消息与关键词完全相同才回复（忽略首尾空格和标点）</source>
        <translation>Replies only when the message is exactly a keyword (ignoring leading/trailing spaces and punctuation)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="126"/>
        <source>高级：每行一个正则表达式</source>
        <translation>Advanced: one regular expression per line</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="132"/>
        <source>每行一个关键词，例如：
社保卡
补办社保</source>
        <translation>One keyword per line, e.g.:
社保卡
补办社保</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="137"/>
        <source>几条规则同时命中时，数字大的优先回复</source>
        <translation>When several rules match at once, the higher number replies</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="139"/>
        <source>停用的规则保留设置，但不会自动回复</source>
        <translation>A disabled rule keeps its settings but sends no auto-replies</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="144"/>
        <source>仅工作时间</source>
        <translation>Office hours only</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="145"/>
        <source>仅非工作时间</source>
        <translation>Outside office hours only</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="146"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="151"/>
        <source>如：周一至周五 08:30-17:30；周六 全天</source>
        <translation>Written in Chinese, e.g. 周一至周五 08:30-17:30；周六 全天 (Mon–Fri 08:30–17:30; Sat all day)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="160"/>
        <source>自动回复的内容。写明办理地点、时间、材料或电话，群众才能得到实际答复。可使用 {窗口电话} 等变量。</source>
        <translation>The auto-reply text. Give the address, hours, documents needed or a phone number so that people get a real answer. Variables such as {窗口电话} can be used.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="168"/>
        <source>公众号后台“素材管理”中图片的 media_id</source>
        <translation>The media_id of an image under “Media library” (素材管理) on the account’s WeChat platform</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="174"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="181"/>
        <source>图片须先上传到公众号素材库，这里填写它的 media_id。</source>
        <translation>The image must first be uploaded to the account’s media library; enter its media_id here.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="185"/>
        <source>删除这条规则（会先确认）</source>
        <translation>Delete this rule (asks first)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="186"/>
        <location filename="../../ui/replies/template_editor.py" line="151"/>
        <source>复制一份</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="187"/>
        <source>以当前内容新建一条规则 (Ctrl+D)</source>
        <translation>Create a new rule from the current content (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="190"/>
        <source>保存到服务端，立即用于自动回复 (Ctrl+S)</source>
        <translation>Save to the server; used for auto-replies straight away (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="208"/>
        <source>数字大的优先</source>
        <translation>Higher number wins</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="220"/>
        <source>回复类型</source>
        <translation>Reply type</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="221"/>
        <source>素材ID</source>
        <translation>Media ID</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="223"/>
        <source>图文标题</source>
        <translation>Article title</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="225"/>
        <source>文章链接</source>
        <translation>Article URL</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="226"/>
        <source>封面图片</source>
        <translation>Cover image</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="331"/>
        <source>这是一份副本，尚未保存。修改后按“保存”(Ctrl+S) 存为新规则。</source>
        <translation>This is a copy and has not been saved yet. Edit it, then press “Save” (Ctrl+S) to store it as a new rule.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="378"/>
        <source>请至少填写一个关键词，每行一个。</source>
        <translation>Please enter at least one keyword, one per line.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="384"/>
        <source>正则表达式“{p}”无效（{e}），请改正或改用包含匹配。</source>
        <translation>The regular expression “{p}” is not valid ({e}). Please correct it or use “Contains” instead.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="387"/>
        <source>回复内容为空，请填写自动回复的文字。</source>
        <translation>The reply is empty. Please enter the auto-reply text.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="389"/>
        <source>图片回复需要填写素材ID（media_id）。</source>
        <translation>An image reply needs a media ID (media_id).</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="453"/>
        <source>编辑规则</source>
        <translation>Edit rule</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="454"/>
        <location filename="../../ui/replies/template_editor.py" line="373"/>
        <source>尚未保存</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="454"/>
        <source>编号 #{id}</source>
        <translation>ID #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="456"/>
        <location filename="../../ui/replies/template_editor.py" line="379"/>
        <source> · 有未保存的修改</source>
        <translation> · unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="462"/>
        <source>（北京时间；按星期计算，不区分法定节假日）</source>
        <translation> (Beijing time; by day of the week, public holidays are not taken into account)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_editor.py" line="464"/>
        <location filename="../../ui/replies/rule_tester.py" line="126"/>
        <source>（北京时间）</source>
        <translation> (Beijing time)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="65"/>
        <source>周日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="72"/>
        <source>［图片］素材 {media_id}</source>
        <translation>[Image] media {media_id}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="74"/>
        <source>［图片］未选择图片素材</source>
        <translation>[Image] no image chosen</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="78"/>
        <source>［图文］未填写</source>
        <translation>[Article] not filled in</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="79"/>
        <source>［图文］{title}
{url}</source>
        <translation>[Article] {title}
{url}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="80"/>
        <source>（回复内容为空）</source>
        <translation>(the reply is empty)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="105"/>
        <source>输入粉丝可能发来的消息，例如：社保卡丢了怎么补办</source>
        <translation>Type a message a follower might send, e.g. 社保卡丢了怎么补办 (lost my social security card, how do I replace it?)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="107"/>
        <source>模拟新关注</source>
        <translation>Simulate a new follow</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="108"/>
        <source>测试新粉丝关注时收到的欢迎语，而不是关键词回复</source>
        <translation>Test the welcome message a new follower receives, instead of the keyword replies</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="113"/>
        <source>北京时间；规则的生效时段按北京时间计算</source>
        <translation>Beijing time; rules’ active times are counted in Beijing time</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="116"/>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="117"/>
        <source>改回当前时间</source>
        <translation>Back to the current time</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="132"/>
        <source>测试消息</source>
        <translation>Test message</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="133"/>
        <source>测试时间</source>
        <translation>Test time</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="169"/>
        <source>测试结果</source>
        <translation>Test result</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="174"/>
        <source>规则检查</source>
        <translation>Rule check</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="196"/>
        <source>（只测试适用于所有公众号的规则）</source>
        <translation>(only rules for all accounts are tested)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="225"/>
        <source>没有设置关注欢迎语，新关注的粉丝不会收到自动回复。</source>
        <translation>No follow welcome is set up; new followers will not get an auto-reply.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="227"/>
        <source>新关注时发送关注欢迎语：规则{rule}</source>
        <translation>On a new follow, the follow welcome is sent: rule {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="232"/>
        <source>输入一条粉丝消息，查看会由哪条规则回复。</source>
        <translation>Type a follower’s message to see which rule would reply.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="239"/>
        <source>由规则{rule}回复</source>
        <translation>Rule {rule} replies</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="240"/>
        <source>命中{mode}“{keyword}”，优先级 {priority}</source>
        <translation>Matched “{keyword}” ({mode}), priority {priority}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="248"/>
        <source>没有关键词规则匹配，也没有设置兜底回复，粉丝不会收到自动回复。</source>
        <translation>No keyword rule matches and no fallback reply is set up; the follower will not get an auto-reply.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="250"/>
        <source>没有关键词规则匹配，将发送兜底回复：{rule}</source>
        <translation>No keyword rule matches; the fallback reply will be sent: {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="267"/>
        <location filename="../../ui/replies/rule_tester.py" line="294"/>
        <source>点击打开这条规则</source>
        <translation>Click to open this rule</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="269"/>
        <source>其他命中的规则（{n}）</source>
        <translation>Other matching rules ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="297"/>
        <source>发现 {n} 个问题。点击一项打开对应的规则。</source>
        <translation>{n} problem(s) found. Click one to open its rule.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/rule_tester.py" line="299"/>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_check.py" line="47"/>
        <location filename="../../ui/review/page.py" line="156"/>
        <source>必须修改</source>
        <translation>Must fix</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_check.py" line="47"/>
        <location filename="../../ui/review/page.py" line="156"/>
        <source>提醒</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_check.py" line="51"/>
        <location filename="../../ui/review/page.py" line="163"/>
        <source>建议改为“{text}”</source>
        <translation>Suggested: “{text}”</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="51"/>
        <source>发现 {blocking} 处必须修改、{warnings} 处提醒</source>
        <translation>{blocking} must be fixed, {warnings} warning(s)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="53"/>
        <source>发现 {blocking} 处必须修改</source>
        <translation>{blocking} must be fixed</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="55"/>
        <source>发现 {warnings} 处提醒</source>
        <translation>{warnings} warning(s)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="56"/>
        <source>错敏词检查通过</source>
        <translation>Wording check passed</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="76"/>
        <source>改为“{text}”</source>
        <translation>Change to “{text}”</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="78"/>
        <source>把“{old}”改为“{new}”（可撤销）</source>
        <translation>Change “{old}” to “{new}” (can be undone)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="99"/>
        <source>全部更正</source>
        <translation>Fix all</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="100"/>
        <source>把所有有建议写法的地方一次改好（可撤销）</source>
        <translation>Apply every suggested correction at once (can be undone)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="102"/>
        <source>申请放行…</source>
        <translation>Request a pass…</translation>
    </message>
    <message>
        <location filename="../../ui/replies/screen_panel.py" line="104"/>
        <source>确需按原文发送时，请审核人放行；放行记录会写入日志</source>
        <translation>If it really must be sent as written, ask a supervisor to pass it; the pass is recorded in the log</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="47"/>
        <source>插入变量</source>
        <translation>Insert variable</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="48"/>
        <source>在光标处插入变量，发送时替换为对应内容</source>
        <translation>Insert a variable at the cursor; it is replaced with its value when sent</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="113"/>
        <source>简短的标题，如：社保卡补办流程</source>
        <translation>A short title, e.g. How to replace a social security card</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="115"/>
        <source>通用模板所有公众号都能用；指定公众号的模板只在该号的会话中出现</source>
        <translation>General templates can be used by every account; an account’s own templates only appear in that account’s conversations</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="121"/>
        <source>选择或输入，如：社保</source>
        <translation>Choose or type, e.g. Social security</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="123"/>
        <source>用逗号或顿号分开，如：社保卡、补办</source>
        <translation>Separate with commas (, or 、), e.g. social security card, replacement</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="127"/>
        <source>回复给群众的内容。可以使用 {称呼}、{日期}、{办公时间}、{窗口电话} 等变量。</source>
        <translation>The reply people will receive. You can use variables such as {称呼}, {日期}, {办公时间} and {窗口电话}.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="137"/>
        <source>按这个公众号的账号变量预览</source>
        <translation>Preview with this account’s values</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="147"/>
        <source>在“账号变量”页为这个公众号填写后，预览和发送时会自动替换</source>
        <translation>Once filled in for this account on the “Account values” tab, these are replaced automatically in the preview and when sending</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="149"/>
        <location filename="../../ui/replies/template_editor.py" line="380"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="150"/>
        <source>归档后不再出现在回复时的模板列表中，可随时取消归档</source>
        <translation>Archived templates no longer appear in the template list when replying; you can unarchive them at any time</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="152"/>
        <source>以当前内容新建一个模板 (Ctrl+D)</source>
        <translation>Create a new template from the current content (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="155"/>
        <source>保存到服务端，同事随即可用 (Ctrl+S)</source>
        <translation>Save to the server; colleagues can use it straight away (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="169"/>
        <source>标签</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="176"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="178"/>
        <source>按公众号</source>
        <translation>For account</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="221"/>
        <source>通用（所有公众号）</source>
        <translation>General (all accounts)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="286"/>
        <source>这是一份副本，尚未保存。修改后按“保存”(Ctrl+S) 存为新模板。</source>
        <translation>This is a copy and has not been saved yet. Edit it, then press “Save” (Ctrl+S) to store it as a new template.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="359"/>
        <source>正文填写后在这里显示群众看到的内容。</source>
        <translation>Once the text is written, what people will see appears here.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="364"/>
        <source>还没有公众号，无法预览：{names}</source>
        <translation>No accounts yet, so these cannot be previewed: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="366"/>
        <source>账号没有设置：{names}</source>
        <translation>Not set for this account: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="375"/>
        <source>编辑模板</source>
        <translation>Edit template</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="376"/>
        <source>编号 #{id} · 已使用 {n} 次</source>
        <translation>ID #{id} · used {n} time(s)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="377"/>
        <source> · 已归档</source>
        <translation> · archived</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="380"/>
        <source>取消归档</source>
        <translation>Unarchive</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_editor.py" line="383"/>
        <source>{n} / {max} 字</source>
        <translation>{n} / {max} characters</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_picker.py" line="31"/>
        <source>输入关键字或拼音首字母，如 sb 查“社保”</source>
        <translation>Type a keyword or pinyin initials, e.g. sb for “社保” (social security)</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_picker.py" line="41"/>
        <source>没有找到模板。可以在“模板”页新建。</source>
        <translation>No templates found. You can create one on the “Templates” page.</translation>
    </message>
    <message>
        <location filename="../../ui/replies/template_picker.py" line="78"/>
        <source>（未设置：{0}，请发送前补上）</source>
        <translation> (not set: {0}; please fill in before sending)</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>时间（北京时间）</source>
        <translation>Time (Beijing)</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="38"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="65"/>
        <source>无法读取操作日志：</source>
        <translation>Cannot read the operation log: </translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="73"/>
        <source>日志完整：哈希链校验通过（共 {n} 条）。</source>
        <translation>The log is intact: the hash chain verifies ({n} entries).</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="75"/>
        <source>日志被改动过：</source>
        <translation>The log has been altered: </translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="89"/>
        <source>导出操作日志</source>
        <translation>Export the operation log</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="89"/>
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="101"/>
        <source>导出失败：</source>
        <translation>Export failed: </translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_log.py" line="103"/>
        <source>已导出 {n} 条到 {path}</source>
        <translation>Exported {n} entries to {path}</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="181"/>
        <source>已通过，回复已发给粉丝。</source>
        <translation>Approved; the reply has been sent to the follower.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="183"/>
        <source>已通过第 {level} 级，等待下一级审核。</source>
        <translation>Level {level} approved; waiting for the next level of review.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="184"/>
        <source>已审核通过。</source>
        <translation>Approved.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="186"/>
        <source>已退回给撰稿人。</source>
        <translation>Sent back to the author.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="188"/>
        <source>已重新提交，等待审核。</source>
        <translation>Resubmitted; waiting for review.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="190"/>
        <source>已撤回。</source>
        <translation>Withdrawn.</translation>
    </message>
    <message>
        <location filename="../../ui/review/controller.py" line="192"/>
        <source>审核规则已保存。</source>
        <translation>Review rules saved.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="106"/>
        <source>已等待 不到1分</source>
        <translation>Waiting under 1 min</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="108"/>
        <source>已等待 {m}分</source>
        <translation>Waiting {m} min</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="111"/>
        <source>已等待 {h}小时{m}分</source>
        <translation>Waiting {h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="113"/>
        <source>已等待 {d}天{h}小时</source>
        <translation>Waiting {d} d {h} h</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="117"/>
        <source>一审</source>
        <translation>First review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="117"/>
        <source>二审</source>
        <translation>Second review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="117"/>
        <source>三审</source>
        <translation>Third review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="123"/>
        <source>{level}（共 {n} 级）</source>
        <translation>{level} (of {n} levels)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="128"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="136"/>
        <source>所有回复都需审核</source>
        <translation>Every reply needs review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="137"/>
        <source>回复无需审核</source>
        <translation>Replies need no review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="138"/>
        <source>错敏词检查有提醒或拦截的回复需审核</source>
        <translation>Replies flagged or blocked by the wording check need review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="139"/>
        <source>对新粉丝的第一条回复需审核</source>
        <translation>The first reply to a new follower needs review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="140"/>
        <source>带指定标签的会话的回复需审核</source>
        <translation>Replies in conversations with the given labels need review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="147"/>
        <source>图文</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="243"/>
        <location filename="../../ui/review/page.py" line="457"/>
        <source>公众号 · 粉丝</source>
        <translation>Account · follower</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="243"/>
        <source>等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="243"/>
        <source>撰稿</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="243"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="243"/>
        <source>审级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="401"/>
        <source>撰稿 {name}</source>
        <translation>By {name}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="457"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="558"/>
        <source>待我审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="559"/>
        <location filename="../../ui/review/page.py" line="1070"/>
        <source>我提交的</source>
        <translation>My submissions</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="560"/>
        <source>审核规则</source>
        <translation>Review rules</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="586"/>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="589"/>
        <location filename="../../ui/review/page.py" line="1039"/>
        <location filename="../../ui/review/page.py" line="1051"/>
        <source>批量通过</source>
        <translation>Approve selected</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="590"/>
        <source>通过列表中勾选的各条内容（不含右侧的修改）</source>
        <translation>Approve every ticked item as submitted (without the edits on the right)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="606"/>
        <source>粉丝留言</source>
        <translation>Follower's message</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="611"/>
        <location filename="../../ui/review/page.py" line="931"/>
        <source>待审核的回复</source>
        <translation>Reply to review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="612"/>
        <location filename="../../ui/review/page.py" line="935"/>
        <source>可直接修改，修改后通过时会记为“修改后通过”。</source>
        <translation>You may edit it; approving then counts as "approved with edits".</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="617"/>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="618"/>
        <source>放弃修改，恢复提交的原文</source>
        <translation>Discard your edits and restore the submitted text</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="624"/>
        <source>错敏词检查</source>
        <translation>Wording check</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="629"/>
        <source>与上一版本相比</source>
        <translation>Changes since the previous version</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="634"/>
        <source>审核意见（可选，随通过一起记录）</source>
        <translation>Review note (optional, recorded with the approval)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="636"/>
        <source>退回…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="638"/>
        <source>退回给撰稿人修改，须写明原因 (R)</source>
        <translation>Send back to the author for changes; a reason is required (R)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="640"/>
        <location filename="../../ui/review/page.py" line="971"/>
        <source>通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="642"/>
        <source>通过 (Ctrl+Enter)</source>
        <translation>Approve (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="664"/>
        <source>没有等待审核的内容。</source>
        <translation>Nothing is waiting for review.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="693"/>
        <location filename="../../ui/review/page.py" line="1165"/>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="695"/>
        <source>从审核队列中撤回，之后可修改再提交</source>
        <translation>Take it out of the review queue; you can edit and resubmit it later</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="697"/>
        <source>重新提交</source>
        <translation>Resubmit</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="699"/>
        <source>按退回意见修改后重新提交审核 (Ctrl+Enter)</source>
        <translation>Resubmit for review after revising it as asked (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="717"/>
        <source>您还没有提交过需要审核的内容。</source>
        <translation>You have not submitted anything that needs review.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="724"/>
        <source>为每个公众号选择哪些回复须先经审核人员通过才发出，以及图文发布前的审核级数（三审即 3 级）。</source>
        <translation>For each account, choose which replies must be approved by a reviewer before they go out, and how many levels of review articles pass before publishing (three-level review is 3).</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="725"/>
        <source>突发/辟谣走紧急通道，最多可少审一级。</source>
        <translation> Urgent posts (breaking news, rebuttals) take the emergency lane, which may skip at most one level.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="732"/>
        <source>回复审核</source>
        <translation>Reply review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="733"/>
        <source>标签（用顿号或逗号分隔）</source>
        <translation>Labels (separated by commas)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="734"/>
        <source>图文审核级数</source>
        <translation>Article review levels</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="735"/>
        <source>突发/辟谣审核级数</source>
        <translation>Urgent (breaking/rebuttal) levels</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="822"/>
        <source>完成。</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="822"/>
        <source>服务端没有执行。</source>
        <translation>The server did not carry this out.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="868"/>
        <source>共 {n} 条待审核</source>
        <translation>{n} waiting for review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="913"/>
        <location filename="../../ui/review/page.py" line="1111"/>
        <source>请选择左侧的一条内容</source>
        <translation>Choose an item on the left</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="928"/>
        <source>（没有文字留言）</source>
        <translation>(no text message)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="931"/>
        <source>待审核的图文</source>
        <translation>Article to review</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="937"/>
        <source>图文不能在这里修改：版式请在“日历”中打开查看；需要修改请退回并写明意见。</source>
        <translation>Articles cannot be edited here: open it in Calendar to see the layout; to change it, send it back with a comment.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="950"/>
        <source>与上一版本相比：{by}{note}</source>
        <translation>Changes since the previous version: {by} {note}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="959"/>
        <source>撰稿：{name}</source>
        <translation>Author: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="963"/>
        <location filename="../../ui/review/page.py" line="1127"/>
        <source>原因：{reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="971"/>
        <source>修改后通过</source>
        <translation>Approve with edits</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="988"/>
        <source>内容不能为空。要撤下这条回复，请退回给撰稿人。</source>
        <translation>The text cannot be empty. To stop this reply, send it back to the author.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="991"/>
        <location filename="../../ui/review/page.py" line="1042"/>
        <source>正在提交审核意见…</source>
        <translation>Sending your decision…</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1005"/>
        <source>退回时请写明原因（至少 2 个字），让撰稿人知道要怎么改。</source>
        <translation>Please give a reason for sending it back (at least 2 characters) so the author knows what to change.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1007"/>
        <source>正在退回…</source>
        <translation>Sending back…</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1012"/>
        <source>退回给 {name}。请写明要怎么改（必填）：</source>
        <translation>Send back to {name}. Please say what to change (required):</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1015"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1020"/>
        <source>退回意见至少 2 个字。请写明要怎么改：</source>
        <translation>The reason needs at least 2 characters. Please say what to change:</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1031"/>
        <source>通过 {n} 条回复？</source>
        <translation>Approve {n} replies?</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1033"/>
        <source>通过 {n} 条内容？</source>
        <translation>Approve {n} items?</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1036"/>
        <source>其中 {n} 条有必须修改的错敏词，通过即视为审核放行。</source>
        <translation>{n} of them contain wording that must be changed; approving lets them pass as reviewed.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1038"/>
        <source>右侧的修改不会用于批量通过：那一条将按原文通过。</source>
        <translation>Your edits on the right are not used when approving in bulk: that item is approved as submitted.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1051"/>
        <source>批量通过（{n}）</source>
        <translation>Approve selected ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1124"/>
        <source>提交于 {time}</source>
        <translation>Submitted {time}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1125"/>
        <source>审核 {done}/{n} 级</source>
        <translation>Reviewed {done}/{n} levels</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1129"/>
        <source>您已撤回这条内容。可以修改后重新提交。</source>
        <translation>You withdrew this item. You can edit it and resubmit.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1131"/>
        <source>退回意见：{comment}</source>
        <translation>Sent back: {comment}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1134"/>
        <source>第 {level} 级：{by}</source>
        <translation>Level {level}: {by}</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1135"/>
        <source>（修改后通过）</source>
        <translation> (approved with edits)</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1142"/>
        <source>修改后重新提交</source>
        <translation>Revise and resubmit</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1156"/>
        <source>内容不能为空。</source>
        <translation>The text cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1158"/>
        <source>正在重新提交…</source>
        <translation>Resubmitting…</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1165"/>
        <source>撤回这条内容？撤回后不会发出，可以修改后重新提交。</source>
        <translation>Withdraw this item? It will not be sent; you can edit it and resubmit.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1167"/>
        <source>正在撤回…</source>
        <translation>Withdrawing…</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1199"/>
        <source>例如：投诉、信访</source>
        <translation>e.g. complaint, petition</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1202"/>
        <location filename="../../ui/review/page.py" line="1206"/>
        <source> 级</source>
        <translation> levels</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1203"/>
        <source>图文发布前须经几级审核：1 级即一审，3 级即三审</source>
        <translation>How many levels of review an article passes before publishing: 1 to 3</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1207"/>
        <source>突发/辟谣图文紧急提交时须经几级审核：最多比图文审核级数少一级</source>
        <translation>How many review levels an urgent post (breaking news, rebuttal) passes: at most one fewer than articles</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1232"/>
        <source>请至少填写一个标签：带这些标签的会话，回复需审核。</source>
        <translation>Please name at least one label: replies in conversations with these labels need review.</translation>
    </message>
    <message>
        <location filename="../../ui/review/page.py" line="1234"/>
        <source>正在保存审核规则…</source>
        <translation>Saving review rules…</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="108"/>
        <source>连不上服务端，请稍后再试。</source>
        <translation>Cannot reach the hub. Please try again shortly.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="125"/>
        <source>连不上服务端，请检查网络后再试。</source>
        <translation>Cannot reach the hub. Please check the network and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="95"/>
        <source>办公时间</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="96"/>
        <source>上午上班时间</source>
        <translation>Morning start time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="97"/>
        <source>上午下班时间</source>
        <translation>Morning end time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="98"/>
        <source>下午</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="99"/>
        <source>取消勾选表示只有上午一段办公时间</source>
        <translation>Untick if the office is only open in the morning</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="100"/>
        <source>下午上班时间</source>
        <translation>Afternoon start time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="101"/>
        <source>下午下班时间</source>
        <translation>Afternoon end time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="108"/>
        <source> 个工作小时</source>
        <translation> working hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="111"/>
        <source>上午</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="113"/>
        <source>超时提醒</source>
        <translation>Overdue after</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="118"/>
        <source>粉丝留言等待回复超过这个时长，会话在收件箱中标红并发出提醒。只计算办公时间，周末和法定节假日不计，调休上班日照常计算。</source>
        <translation>When a follower’s message has waited longer than this for a reply, the conversation turns red in the inbox and a reminder is shown. Only office hours count: weekends and public holidays are skipped, make-up workdays count as normal.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="135"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="167"/>
        <source>节假日安排</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="182"/>
        <source>导入通知…</source>
        <translation>Import notice…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="183"/>
        <source>选择保存了国务院办公厅放假通知全文的文本文件</source>
        <translation>Choose a text file with the full holiday notice from the General Office of the State Council</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="194"/>
        <source>每年11月前后，国务院办公厅发布下一年的部分节假日安排通知。把通知全文（含标题）复制到文本文件中保存，再点“导入通知…”选择该文件。</source>
        <translation>Around November each year, the General Office of the State Council publishes the public holiday arrangements for the next year. Copy the full notice (including the title) into a text file and save it, then click “Import notice…” and choose that file.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="212"/>
        <source>本单位导入</source>
        <translation>imported by your office</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="212"/>
        <source>随软件提供</source>
        <translation>supplied with the software</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="214"/>
        <source>{year}年：{origin}，放假{off}天，调休上班{work}天</source>
        <translation>{year}: {origin}, {off} days off, {work} make-up workdays</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="218"/>
        <source>还没有任何年份的节假日安排。</source>
        <translation>No public holidays have been set up for any year yet.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="221"/>
        <source>有文件无法使用，已跳过：</source>
        <translation>A file could not be used and was skipped: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="226"/>
        <source>没有{years}的节假日安排：响应时限将只按周末计算。请把国务院办公厅的放假通知全文复制到文本文件后导入。</source>
        <translation>No public holidays for {years}: reply deadlines will only leave out weekends. Copy the full holiday notice from the General Office of the State Council into a text file and import it.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="227"/>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="237"/>
        <source>选择放假通知文本文件</source>
        <translation>Choose the holiday notice text file</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="237"/>
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="248"/>
        <source>没有导入：</source>
        <translation>Not imported: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="253"/>
        <source>没有导入：无法读取或保存文件（{reason}）。请确认文件存在、没有被其他程序占用，且磁盘有空间。</source>
        <translation>Not imported: the file could not be read or saved ({reason}). Check that the file exists, is not open in another program, and that there is free disk space.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="265"/>
        <source>已导入{year}年节假日安排：放假{off}天，调休上班{work}天。</source>
        <translation>Imported the public holidays for {year}: {off} days off, {work} make-up workdays.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="269"/>
        <source>（替换了之前导入的安排）</source>
        <translation> (replacing the previously imported arrangements)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="270"/>
        <source>来源：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="271"/>
        <source>请与通知原文核对一遍。</source>
        <translation>Please check this against the original notice.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="283"/>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="284"/>
        <source>收到新消息时提醒</source>
        <translation>Notify me of new messages</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="285"/>
        <source>有会话超时未回复时提醒</source>
        <translation>Notify me when a conversation is overdue for a reply</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="286"/>
        <source>提醒时发出提示音</source>
        <translation>Play a sound with notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="290"/>
        <source>提醒显示在任务栏的通知区域（系统托盘）；收件箱旁的数字始终显示待处理的会话数。</source>
        <translation>Notifications appear in the taskbar notification area (system tray); the number next to Inbox always shows how many conversations are open.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="311"/>
        <source>例如：王芳（县融媒体中心）</source>
        <translation>e.g. Wang Fang (County Media Centre)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="312"/>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="314"/>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="340"/>
        <location filename="../../ui/shortcuts.py" line="80"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="363"/>
        <source>本机编号：{seat}（同事在会话中看到的是上面的显示名称）</source>
        <translation>Computer ID: {seat} (in conversations, colleagues see the display name above)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="375"/>
        <source>没有保存：请填写本机的显示名称，同事会看到这个名字。</source>
        <translation>Not saved: please enter a display name for this computer; colleagues will see this name.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="379"/>
        <source>没有保存：办公时间有误——</source>
        <translation>Not saved: the office hours are not valid — </translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="393"/>
        <source>没有保存：无法写入设置文件（{reason}）。请检查磁盘空间和文件夹权限后再试。</source>
        <translation>Not saved: the settings file could not be written ({reason}). Check the disk space and folder permissions, then try again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="399"/>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="28"/>
        <source>敏感词</source>
        <translation>Sensitive words</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="29"/>
        <source>每行一个：词语&lt;Tab&gt;级别&lt;Tab&gt;说明。级别写“禁用”（拦截发送）或“慎用”（只提醒）。</source>
        <translation>One per line: word&lt;Tab&gt;level&lt;Tab&gt;note. Level: “禁用” or block (stops sending), “慎用” or warn (warning only).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="31"/>
        <source>规范用语</source>
        <translation>Standard terms</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="31"/>
        <source>每行一个：错误或过时的写法&lt;Tab&gt;正确写法&lt;Tab&gt;原因&lt;Tab&gt;级别。</source>
        <translation>One per line: wrong or outdated wording&lt;Tab&gt;correct wording&lt;Tab&gt;reason&lt;Tab&gt;level.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="32"/>
        <source>领导职务</source>
        <translation>Leaders’ posts</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="32"/>
        <source>每行一位：姓名&lt;Tab&gt;现任全部职务（兼任用顿号分隔，如“县委副书记、县长”）。</source>
        <translation>One person per line: name&lt;Tab&gt;all current posts (separate concurrent posts with “、”, e.g. “县委副书记、县长”).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="41"/>
        <source>错敏词词表（本单位）</source>
        <translation>Wording check lists (your office)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="55"/>
        <source>随软件提供的示例词表之外，本单位补充或改写的条目写在这里，保存在服务端，所有工作台同时生效。要去掉示例表中的某一条，写“!词语”。</source>
        <translation>Entries your office adds to or changes in the sample lists supplied with the software go here. They are saved on the server and take effect on every console at once. To remove an entry from the sample lists, write “!” followed by the word.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="61"/>
        <source>正在从服务端读取词表…</source>
        <translation>Loading the word lists from the server…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="64"/>
        <source>保存词表</source>
        <translation>Save lists</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="67"/>
        <source>重新读取</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="83"/>
        <source>有 {n} 行无法识别，已跳过：</source>
        <translation>{n} line(s) could not be read and were skipped: </translation>
    </message>
    <message>
        <location filename="../../ui/settings/wordlists.py" line="85"/>
        <source>词表已生效。</source>
        <translation>The word lists are in effect.</translation>
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
        <location filename="../../ui/shortcuts.py" line="131"/>
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
        <source>打开合规检查</source>
        <translation>Open compliance</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="78"/>
        <source>打开统计</source>
        <translation>Open Figures</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="79"/>
        <source>打开设置</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="118"/>
        <source>或</source>
        <translation>or</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="133"/>
        <source>在收件箱中，不带 Ctrl 的单个按键只在没有输入文字时生效。</source>
        <translation>In the inbox, single keys without Ctrl only work when you are not typing.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="21"/>
        <source>登录政务微信工作台</source>
        <translation>Sign in to the Government WeChat Console</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="23"/>
        <source>管理员分配的登录名</source>
        <translation>The login name your administrator gave you</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="31"/>
        <source>服务端：{0}</source>
        <translation>Hub: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="34"/>
        <location filename="../../ui/signin.py" line="90"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="35"/>
        <location filename="../../ui/signin.py" line="92"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="37"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="38"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="56"/>
        <source>请填写登录名和密码。</source>
        <translation>Please enter your login and password.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="71"/>
        <source>创建管理员</source>
        <translation>Create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="72"/>
        <source>这是新的服务端，还没有任何人员。请先创建管理员账号，之后由管理员为同事添加账号、分配角色。</source>
        <translation>This is a new hub with no staff yet. Create the administrator account first; the administrator then adds colleagues and gives them roles.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="75"/>
        <source>服务端电脑上显示的初始设置码，例如 ABCD-EFGH-JKMN</source>
        <translation>The setup code shown on the hub computer, e.g. ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="77"/>
        <source>例如 wangfang（小写字母、数字）</source>
        <translation>e.g. wangfang (lower-case letters and digits)</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="79"/>
        <source>例如 王芳</source>
        <translation>e.g. Wang Fang</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="82"/>
        <source>至少 10 位，含字母和数字</source>
        <translation>At least 10 characters, letters and digits</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="91"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="93"/>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="95"/>
        <source>初始设置码</source>
        <translation>Setup code</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="97"/>
        <source>创建并登录</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="112"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="115"/>
        <source>请填写登录名和姓名。</source>
        <translation>Please enter a login and a name.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="118"/>
        <source>请填写初始设置码：它显示在服务端电脑上启动服务端的窗口中。</source>
        <translation>Enter the setup code: it is shown in the window where the hub was started, on the hub computer.</translation>
    </message>
    <message>
        <source>晚于计划时间超过</source>
        <translation type="vanished">More than</translation>
    </message>
    <message>
        <source>就不再自动发出，标为“待决定”由人决定</source>
        <translation type="vanished">late: do not publish on its own, mark it "Decide" for a person</translation>
    </message>
    <message>
        <source>账号安全检查项、到期提醒与佐证材料。</source>
        <translation type="vanished">Account security checks, expiry reminders and supporting evidence.</translation>
    </message>
    <message>
        <source>各公众号的发布计划、群发额度和更新节奏提醒。</source>
        <translation type="vanished">Each account's publishing plan, broadcast quota, and reminders to keep posting regularly.</translation>
    </message>
    <message>
        <source>待审核的回复和图文，按等待时间排序；通过、修改后通过或退回。</source>
        <translation type="vanished">Replies and articles waiting for review, longest-waiting first: approve, approve with changes, or send back.</translation>
    </message>
    <message>
        <source>常用回复模板与关键词自动回复规则。</source>
        <translation type="vanished">Common reply templates and keyword auto-reply rules.</translation>
    </message>
</context>
</TS>
