<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../ui/attachments_tab.py" line="59" />
        <source>Whole case</source>
        <translation>整个案件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="64" />
        <source>Add photo or document…</source>
        <translation>添加照片或文件…</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="64" />
        <source>Add the scan of the signed sheet…</source>
        <translation>添加签字扫描件…</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="66" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="81" />
        <source>Belongs to</source>
        <translation>所属</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="109" />
        <source>No attachments yet: add photos and documents from the visits.</source>
        <translation>还没有附件：可添加走访中拍摄的照片和收集的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="111" />
        <source>{0} attachments</source>
        <translation>共 {0} 个附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="114" />
        <source>whole case</source>
        <translation>整个案件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="142" />
        <source>Add attachment</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="142" />
        <source>Photos and documents (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.docx *.xlsx *.pptx);;All files (*)</source>
        <translation>照片和文件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.docx *.xlsx *.pptx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="159" />
        <source>Not opened: {0}</source>
        <translation>未打开：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="161" />
        <source>{0}

Type (by its content): {1}
Size: {2} bytes
SHA-256: {3}

Open it with the system's default program?</source>
        <translation>{0}

类型（按内容识别）：{1}
大小：{2} 字节
文件校验码（SHA-256，可核对文件未被改动）：{3}

用系统默认程序打开吗？</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_tab.py" line="164" />
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
<message>
        <location filename="../../ui/attachments_tab.py" line="133" />
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;All files (*)</source>
        <translation>照片和文件 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/case_model.py" line="39" />
        <source>Next step</source>
        <translation>当前步骤</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="39" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="39" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="39" />
        <source>Outgoing secretary</source>
        <translation>离任书记</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="39" />
        <source>Incoming secretary</source>
        <translation>接任书记</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="40" />
        <source>Term</source>
        <translation>任期</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="40" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="40" />
        <source>Completeness</source>
        <translation>完成度</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="40" />
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="75" />
        <source>{0} of {1} indicators complete</source>
        <translation>已完成 {0}/{1} 项指标</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <location filename="../../ui/workspace.py" line="82" />
        <source>outgoing {0}, incoming {1}, term {2} – {3}</source>
        <translation>离任书记 {0}，接任书记 {1}，任期 {2} 至 {3}</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="39" />
        <source>Checklist</source>
        <translation>交接清单</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="33" />
        <source>Submit for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="34" />
        <source>Draft → in review: every indicator must have both values or be not applicable</source>
        <translation>草稿 → 评审中：每项指标须填写届初、届末值或标记为不适用</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="46" />
        <source>Panel draw</source>
        <translation>评审小组抽签</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="51" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="57" />
        <source>Evaluation</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="62" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="67" />
        <source>Signatures</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location filename="../../ui/workspace.py" line="92" />
        <source>Cannot submit yet</source>
        <translation>暂不能提交评审</translation>
    </message>
    <message>
        <source>Draft → in review: every indicator filled (or not applicable), the panel drawn and the overall evaluation written</source>
        <translation>草稿 → 评审中：须先完成全部指标（或标记为不适用）、抽签产生评审小组并填写总体评价</translation>
    </message>
    <message>
        <source>The case is in review. Next step: {0}. The outgoing and incoming secretaries and the supervisor sign on the Signatures tab; the third signature locks the case.</source>
        <translation>案件已进入评审。下一步：{0}。离任、接任领导干部和监交人在“签字”页签字，三人签齐后案件即锁定。</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>已提交评审</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <location filename="../../ui/cases_screen.py" line="56" />
        <source>Search unit, secretary or case number</source>
        <translation>搜索单位、书记姓名或案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="60" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="66" />
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="67" />
        <source>Ctrl+N, from any screen</source>
        <translation>Ctrl+N，在任何页面都可用</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="69" />
        <source>Reports for the list…</source>
        <translation>为列表生成报告…</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="70" />
        <source>One PDF per case shown, into a folder you choose</source>
        <translation>为列表中显示的每个案件生成一份 PDF，保存到所选文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="72" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="106" />
        <source>No cases yet. Enter your units under “Units and villages”, then create a case with “New case…”; or load the demo county from the Settings to try the application.</source>
        <translation>还没有案件。请先在“单位与村（社区）”中录入单位，再点击“新建案件…”；也可以在“设置”中载入示例县试用。</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="128" />
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="130" />
        <source>Term ends {0}</source>
        <translation>{0}年届满</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="144" />
        <source>{0} cases, {1} shown</source>
        <translation>共 {0} 个案件，显示 {1} 个</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="168" />
        <source>Folder for {0} reports</source>
        <translation>选择保存 {0} 份报告的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="181" />
        <source>{0} reports saved in {1}.</source>
        <translation>已将 {0} 份报告保存到 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="183" />
        <source>Not rendered: {0}</source>
        <translation>未能生成：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="184" />
        <source>Reports for the list</source>
        <translation>批量生成报告</translation>
    </message>
    <message>
        <location filename="../../ui/cases_screen.py" line="186" />
        <source>Rendering {0} reports…</source>
        <translation>正在生成 {0} 份报告…</translation>
    </message>
    <message>
        <source>Print selected…</source>
        <translation>打印所选…</translation>
    </message>
    <message>
        <source>The documents of the selected cases, printed in one go</source>
        <translation>把所选案件的文件一次打印出来</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Select the cases to print (Ctrl or Shift + click).</source>
        <translation>请先选择要打印的案件（按住 Ctrl 或 Shift 点击可多选）。</translation>
    </message>
</context>
<context>
    <name>ChecklistTab</name>
    <message>
        <location filename="../../ui/checklist.py" line="52" />
        <source>%v/%m indicators complete</source>
        <translation>已完成 %v/%m 项指标</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="56" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="57" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="66" />
        <source>Undo the last change ({0})</source>
        <translation>撤销上一次修改（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="67" />
        <source>Redo ({0})</source>
        <translation>重做（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="126" />
        <source>Signed: read only</source>
        <translation>已签署：只读</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="126" />
        <source>All changes saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="134" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="135" />
        <source>Change</source>
        <translation>变化情况</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="221" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="234" />
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="240" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="252" />
        <source>%n field(s) not saved: correct the input marked in red</source>
        <translation>
            <numerusform>%n 项输入未保存：请更正标红的内容</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="264" />
        <source>Alt+{0}</source>
        <translation>快捷键 Alt+{0}</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Values from a township's returned sheet: shows what changes before storing it</source>
        <translation>导入乡镇报回的表格：先列出将改变的内容，确认后才保存</translation>
    </message>
    <message>
        <source>Imported {0} rows from the sheet</source>
        <translation>已从表格导入 {0} 行</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../ui/draw_tab.py" line="57" />
        <source>SHA-256 of the frozen pool: witnesses note it before the draw</source>
        <translation>由本次评审人员库名单算出的一串字符：名单有任何改动它就不同；见证人在抽签前记下它</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="60" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="63" />
        <location filename="../../ui/draw_tab.py" line="89" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="63" />
        <location filename="../../ui/draw_tab.py" line="90" />
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="64" />
        <source>Reasons</source>
        <translation>排除原因</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="67" />
        <source>Before the draw: the pool for this case</source>
        <translation>抽签前公示：本案件的评审人员库</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="70" />
        <location filename="../../ui/draw_tab.py" line="118" />
        <source>Pool hash</source>
        <translation>人员库校验码</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="76" />
        <source>Excluded, with reasons</source>
        <translation>被排除人员及原因</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="80" />
        <source>optional: words or numbers a witness chooses, mixed into the seed</source>
        <translation>可选：见证人自拟的文字或数字，混入随机种子</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="82" />
        <source>required for a second draw: why the panel is drawn again</source>
        <translation>再次抽签时必填：重新抽签的理由</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="83" />
        <location filename="../../ui/draw_tab.py" line="166" />
        <source>Draw the panel</source>
        <translation>抽取评审小组</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="89" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="96" />
        <source>why the selected member cannot serve</source>
        <translation>所选成员不能参加的理由</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="97" />
        <source>Replace selected member</source>
        <translation>由候补递补所选成员</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="99" />
        <source>Draw</source>
        <translation>抽取评审小组</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="101" />
        <source>Witness entropy</source>
        <translation>见证人随机数</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="103" />
        <location filename="../../ui/draw_tab.py" line="122" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="115" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="116" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="117" />
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="119" />
        <source>Panel</source>
        <translation>评审小组</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="120" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="120" />
        <source>superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="120" />
        <source>in force</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="129" />
        <source>Verify selected draw</source>
        <translation>核验所选抽签</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="133" />
        <source>Every draw attempt</source>
        <translation>全部抽签记录</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="155" />
        <source>Eligible: {0} (organisation department {1}, from {2} work units); excluded: {3}. Panel of {4} with {5} alternates.</source>
        <translation>符合条件 {0} 人（其中组织部 {1} 人，来自 {2} 个工作单位）；排除 {3} 人。评审小组 {4} 人，候补 {5} 人。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="166" />
        <source>Draw again</source>
        <translation>重新抽签</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="175" />
        <source>Not drawn yet.</source>
        <translation>尚未抽签。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="178" />
        <source>Alternates, in order: {0}</source>
        <translation>候补（按顺序）：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="191" />
        <source>Drawn and recorded as draw {0} (attempt {1}).</source>
        <translation>抽签完成，已记录为抽签记录 {0}（第 {1} 次）。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="203" />
        <source>Select the member who cannot serve.</source>
        <translation>请先选择不能参加的成员。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="212" />
        <source>{0} replaced.</source>
        <translation>已递补 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="228" />
        <source>Draw {0} reproduces: all {1} checks hold.</source>
        <translation>抽签记录 {0} 核验一致：{1} 项检查全部通过。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="232" />
        <source>Draw {0} does NOT reproduce: {1}</source>
        <translation>抽签记录 {0} 核验不一致：{1}</translation>
    </message>
<message>
        <location filename="../../ui/draw_tab.py" line="129" />
        <source>optional: a future public value, e.g. a stated lottery draw</source>
        <translation>可选：将来公布的公开随机值，例如指明日期的某期彩票开奖号码</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="130" />
        <source>1. Prepare the draw</source>
        <translation>① 抽签准备</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="137" />
        <source>SHA-256 of the machine's random bytes: witnesses sign it before they speak</source>
        <translation>由本机产生的随机数算出的一串字符：抽签后可据此核对随机数没有被更换；见证人输入文字前在公告上签字确认</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="138" />
        <source>Save the notice…</source>
        <translation>保存抽签公告…</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="140" />
        <source>Public source</source>
        <translation>公开随机来源</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="143" />
        <source>Notice: pool hash</source>
        <translation>公告上的人员库校验码</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="146" />
        <source>Commitment</source>
        <translation>随机数校验码</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="152" />
        <source>words or numbers a witness chooses after signing the notice</source>
        <translation>见证人在公告上签字后自拟的文字或数字</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="154" />
        <source>the announced public value, once it is known</source>
        <translation>所公布的公开随机值（公布后填写）</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="156" />
        <source>(why drawn again)</source>
        <translation>（重新抽签的理由类别）</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="161" />
        <source>2. Draw the panel</source>
        <translation>② 抽签</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="164" />
        <source>Witness text</source>
        <translation>见证人输入</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="167" />
        <source>Public value</source>
        <translation>公开随机值</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="253" />
        <source>Prepared (attempt {0}): save or print the notice and let the witnesses sign it; then the witness types the text and you draw.</source>
        <translation>已完成抽签准备（第{0}次抽签）：请保存或打印抽签公告，由见证人签字；然后由见证人输入文字，再抽签。</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="264" />
        <source>Save the notice</source>
        <translation>保存抽签公告</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="264" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="272" />
        <source>Notice saved: {0}</source>
        <translation>抽签公告已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/draw_tab.py" line="276" />
        <source>Prepare the draw first.</source>
        <translation>请先进行抽签准备。</translation>
    </message>
</context>
<context>
    <name>EvaluationTab</name>
    <message>
        <location filename="../../ui/evaluation.py" line="43" />
        <source>Key indicator</source>
        <translation>重点指标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="43" />
        <source>Change</source>
        <translation>变化情况</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="50" />
        <source>Indicators per area</source>
        <translation>各方面指标变化</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="62" />
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="66" />
        <source>Overall evaluation: at least 10 characters</source>
        <translation>总体评价评语，不少于10个字</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="68" />
        <source>Save evaluation</source>
        <translation>保存评价</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="79" />
        <source>Suggested grade</source>
        <translation>建议等次</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="83" />
        <source>Overall evaluation by the organisation department</source>
        <translation>组织部门总体评价</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="85" />
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="86" />
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="122" />
        <source>No suggestion yet</source>
        <translation>暂无建议</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="168" />
        <source>Not saved yet: choose a grade and write at least 10 characters.</source>
        <translation>尚未保存：请选择等次并写不少于10个字的评语。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation.py" line="184" />
        <source>Evaluation saved {0}</source>
        <translation>评价已保存 {0}</translation>
    </message>
</context>
<context>
    <name>IndicatorRow</name>
    <message>
        <location filename="../../ui/indicator_row.py" line="90" />
        <source>higher is better</source>
        <extracomment>how long typing may pause before a valid value is saved (the issue asks for "within a second")</extracomment>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="90" />
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="91" />
        <source>no better direction</source>
        <translation>无优劣方向</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="102" />
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="103" />
        <source>Not applicable to this unit (a reason is required)</source>
        <translation>本单位不适用此项（须写明理由）</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="105" />
        <source>reason it does not apply (required)</source>
        <translation>不适用的理由（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="107" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="110" />
        <source>Add a photo or document from the visits for this indicator</source>
        <translation>为本项指标添加走访照片或文件</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="171" />
        <source>{0}: villages (F4)</source>
        <translation>{0}村名（F4 选择）</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="172" />
        <source>Village names separated by 、; F4 or … picks them from the unit's villages</source>
        <translation>村名之间用顿号“、”或空格分隔，一个也没有填“无”；按 F4 或点 … 从本单位的村（社区）中勾选</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="174" />
        <source>Pick villages…</source>
        <translation>选择村（社区）…</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="176" />
        <source>Pick villages… (F4)</source>
        <translation>选择村（社区）…（F4）</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="217" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="282" />
        <source>“{0}” is not a village of this unit</source>
        <translation>“{0}” 不是本单位的村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="314" />
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="318" />
        <source>note of {0}</source>
        <translation>{0} 备注</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="322" />
        <location filename="../../ui/indicator_row.py" line="347" />
        <source>Give the reason this indicator does not apply; nothing was saved.</source>
        <translation>请填写不适用的理由；尚未保存。</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="331" />
        <source>{0} not applicable</source>
        <translation>{0} 不适用</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="351" />
        <source>{0} applicable again</source>
        <translation>{0} 恢复适用</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="360" />
        <source>{0} – {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="382" />
        <source>Files {0}</source>
        <translation>附件 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/indicator_row.py" line="382" />
        <source>Files +</source>
        <translation>附件 +</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="30" />
        <source>Party-building handover review</source>
        <translation>党建绩效离任评审与交接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Reviewer pool</source>
        <translation>评审人员库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>Units and villages</source>
        <translation>单位与村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57" />
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83" />
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>The database is empty. Load the demo county (青溪县, fictional) to try the application?
You can also start with your own units under “Units and villages”.</source>
        <translation>数据库还是空的。要载入示例县（青溪县，虚构）试用吗？
也可以直接在“单位与村（社区）”中录入本县的单位。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144" />
        <source>Loading the demo county…</source>
        <translation>正在载入示例县…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151" />
        <source>Demo county loaded</source>
        <translation>示例县已载入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>Could not finish</source>
        <translation>未能完成</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174" />
        <source>Cancelled: {0}</source>
        <translation>已取消：{0}</translation>
    </message>
    <message>
        <source>County overview</source>
        <translation>全县概览</translation>
    </message>
    <message>
        <source>User: {0}</source>
        <translation>使用人：{0}</translation>
    </message>
    <message>
        <source>The person using this PC, recorded with every draw, edit and signature; changed in the settings</source>
        <translation>使用本机的人：每次抽签、修改和签字都记下这个姓名；可在“设置”中修改</translation>
    </message>
    <message>
        <source>Every case, value and signature is kept in this database; back it up with Database → Back up the database</source>
        <translation>全部案件、数值和签字都保存在这个数据库里；可用菜单“数据库 → 备份数据库”备份</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="30" />
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="36" />
        <source>name of the secretary leaving office</source>
        <translation>离任的书记姓名</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="38" />
        <source>name of the successor</source>
        <translation>接任的书记姓名</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="44" />
        <source>not fixed yet</source>
        <translation>尚未确定</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="47" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="48" />
        <source>Outgoing secretary</source>
        <translation>离任书记</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="49" />
        <source>Incoming secretary</source>
        <translation>接任书记</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="50" />
        <source>Start of term</source>
        <translation>届初日期</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="51" />
        <source>End of term</source>
        <translation>届末日期</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="52" />
        <source>Handover date</source>
        <translation>交接日期</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="59" />
        <source>Create case</source>
        <translation>建立案件</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="100" />
        <source>There are no units yet: add the township first under Units and villages.</source>
        <translation>还没有单位：请先在“单位与村（社区）”中添加乡镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="108" />
        <source>Fill in both secretaries' names and the term.</source>
        <translation>请填写离任、接任书记的姓名和任期。</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="111" />
        <source>Ready to create.</source>
        <translation>可以建立。</translation>
    </message>
</context>
<context>
    <name>PadDialog</name>
    <message>
        <location filename="../../ui/signatures_tab.py" line="109" />
        <source>Sign above the line with the mouse, a pen tablet or a finger.</source>
        <translation>请用鼠标、手写板或手指在横线上方签名。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="113" />
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="115" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>PoolScreen</name>
    <message>
        <location filename="../../ui/pool_screen.py" line="151" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="151" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="153" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="154" />
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="155" />
        <source>Org. dept.</source>
        <translation>组织部</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="156" />
        <source>Certificate</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="157" />
        <source>Valid until</source>
        <translation>证书有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="159" />
        <source>Last training</source>
        <translation>最近培训日期</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="160" />
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="161" />
        <source>Declared conflicts</source>
        <translation>回避对象</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="165" />
        <source>Search name or work unit</source>
        <translation>搜索姓名或工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="167" />
        <source>Certificate: all</source>
        <translation>证书：全部</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="167" />
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="167" />
        <source>missing or expired</source>
        <translation>缺失或过期</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="168" />
        <source>Training: all</source>
        <translation>培训：全部</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="168" />
        <source>trained</source>
        <translation>已培训</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="168" />
        <source>not trained</source>
        <translation>未按期培训</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="169" />
        <source>Org. dept.: all</source>
        <translation>组织部：全部</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="169" />
        <source>org. dept.</source>
        <translation>组织部人员</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="169" />
        <source>other units</source>
        <translation>其他单位</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="171" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="173" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="175" />
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="217" />
        <source>{0} reviewers shown</source>
        <translation>显示 {0} 位评审人员</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="231" />
        <location filename="../../ui/pool_screen.py" line="249" />
        <location filename="../../ui/pool_screen.py" line="259" />
        <source>Import reviewers</source>
        <translation>导入评审人员</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="231" />
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="239" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="244" />
        <source> and {0} more</source>
        <translation> 等共 {0} 人</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="246" />
        <source>{0} will be added: {1}
{2} will be updated (same certificate number): {3}

If any row has a problem, nothing is imported.</source>
        <translation>{0} 人将新增：{1}
{2} 人将更新（证书编号相同）：{3}

任何一行有问题则全部不导入。</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="260" />
        <source>{0} rows read: {1} reviewers added, {2} updated.</source>
        <translation>读取 {0} 行：新增 {1} 人，更新 {2} 人。</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="263" />
        <source>Importing reviewers…</source>
        <translation>正在导入评审人员…</translation>
    </message>
    <message>
        <source> and others, {0} in all</source>
        <translation> 等，共 {0} 人</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <location filename="../../ui/report_tab.py" line="43" />
        <source>Everything: report, handover sheet, signatures, draw record</source>
        <extracomment>the part in the suggested file name; the documents are Chinese whatever the window's language</extracomment>
        <translation>全部：评审报告、交接单、签字页、抽签记录</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="44" />
        <source>Departure review report</source>
        <translation>党建绩效离任评审报告</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="44" />
        <source>Handover sheet</source>
        <translation>党建交接单</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="45" />
        <source>Draw record</source>
        <translation>抽签记录</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="49" />
        <source>supervisor of the handover (监交人), printed on the signature page</source>
        <translation>监交人姓名（印在签字页上）</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="51" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="53" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="55" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="57" />
        <source>Sign digitally and save…</source>
        <translation>加盖电子签章并另存…</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="58" />
        <source>PAdES signature with the organisation certificate (.p12), with a visible stamp</source>
        <translation>用本单位的数字证书（.p12 文件）给 PDF 签名，并加盖可见的电子签章；改动过的文件会被 PDF 阅读器识别出来</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="66" />
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="66" />
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="67" />
        <source>Page width</source>
        <translation>页宽</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="73" />
        <source>Parts</source>
        <translation>打印内容</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="111" />
        <source>Preparing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="123" />
        <source>{0} pages, A4. Check it, then print or save.</source>
        <translation>共 {0} 页（A4）。请核对后打印或保存。</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="140" />
        <location filename="../../ui/report_tab.py" line="150" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="140" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="150" />
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="155" />
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="161" />
        <source>no permission to write there, or the file is open in another program (a PDF reader?)</source>
        <translation>没有写入权限，或该文件正被其他程序（如 PDF 阅读器）打开</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="163" />
        <source>the disk is full</source>
        <translation>磁盘空间已满</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="165" />
        <source>the folder does not exist</source>
        <translation>文件夹不存在（U 盘是否已拔出？）</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="172" />
        <location filename="../../ui/report_tab.py" line="175" />
        <source>Organisation certificate</source>
        <translation>单位证书</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="172" />
        <source>PKCS#12 certificate (*.p12 *.pfx)</source>
        <translation>单位数字证书文件 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="175" />
        <source>Password of {0}</source>
        <translation>{0} 的密码</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="188" />
        <source>Signed by {0}.</source>
        <translation>已由 {0} 签章。</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="191" />
        <source>Signing…</source>
        <translation>正在签章…</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="207" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="207" />
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/report_tab.py" line="220" />
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
</context>
<context>
    <name>ReviewerDialog</name>
    <message>
        <location filename="../../ui/pool_screen.py" line="46" />
        <source>Edit reviewer</source>
        <translation>编辑评审人员</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="46" />
        <source>Add reviewer</source>
        <translation>添加评审人员</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="52" />
        <source>works in the organisation department (can lead a panel)</source>
        <translation>组织部人员（可任组长）</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="58" />
        <source>active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="61" />
        <source>person or unit (reason); several separated by ；</source>
        <translation>姓名或单位（理由），多个用；分隔</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="73" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="74" />
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="75" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="77" />
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="78" />
        <source>Certificate valid until</source>
        <translation>证书有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="79" />
        <source>Last training</source>
        <translation>最近培训日期</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="80" />
        <source>Declared conflicts</source>
        <translation>回避对象</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="126" />
        <source>Name, work unit and certificate number are required.</source>
        <translation>姓名、工作单位和证书编号为必填项。</translation>
    </message>
    <message>
        <location filename="../../ui/pool_screen.py" line="128" />
        <source>Ready to save.</source>
        <translation>可以保存。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/settings_screen.py" line="67" />
        <source>Standard</source>
        <translation>通用版式</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="68" />
        <source>GB/T 9704 official document (16 pt FangSong body, — 1 — page numbers)</source>
        <translation>党政机关公文格式 GB/T 9704（正文3号仿宋，页码“— 1 —”）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="74" />
        <source>Document layout</source>
        <translation>文件版式</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="51" />
        <source>empty: the number of units of the same type</source>
        <translation>留空：按同类单位个数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="57" />
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="62" />
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="64" />
        <source>Issuing body</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="65" />
        <source>Document number prefix</source>
        <translation>文号前缀</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="66" />
        <source>Review panel and draw</source>
        <translation>评审小组与抽签</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="68" />
        <source>Panel size</source>
        <translation>评审小组人数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="69" />
        <source>Alternates</source>
        <translation>候补人数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="70" />
        <source>No panel for the same unit within (months)</source>
        <translation>同一单位回避期（月）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="71" />
        <source>Training required within (months)</source>
        <translation>培训有效期（月）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="72" />
        <source>Units in the county ranking</source>
        <translation>参与排名的单位数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="73" />
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="75" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="78" />
        <source>Recorded with every draw, edit and signature made on this PC</source>
        <translation>记录在本机进行的每次抽签、修改和签字中</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="79" />
        <source>Operator on this PC</source>
        <translation>使用人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="82" />
        <source>Use another database file…</source>
        <translation>使用其他数据库文件…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="87" />
        <location filename="../../ui/settings_screen.py" line="145" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="88" />
        <source>Load the demo county</source>
        <translation>载入示例县</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="121" />
        <source>Name the operator of this PC.</source>
        <translation>请填写本机使用人姓名（记入操作记录的操作人）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="133" />
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="141" />
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="141" />
        <source>SQLite database (*.sqlite3 *.db)</source>
        <translation>数据库文件 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_screen.py" line="145" />
        <source>The application will open {0} at the next start.</source>
        <translation>下次启动时将打开 {0}。</translation>
    </message>
<message>
        <location filename="../../ui/settings_screen.py" line="117" />
        <source>Daily backups kept (0: none)</source>
        <translation>自动备份保留份数（每天一份，0：不备份）</translation>
    </message>
        <message>
        <source>Every case, value and signature is kept in this database</source>
        <translation>全部案件、数值和签字都保存在这个数据库里</translation>
    </message>
</context>
<context>
    <name>SignaturesTab</name>
    <message>
        <location filename="../../ui/signatures_tab.py" line="138" />
        <source>Signers</source>
        <translation>签字人</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="143" />
        <source>reason for a corrected version (at least 4 characters)</source>
        <translation>建立修订版本的理由（不少于4个字）</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="144" />
        <source>Create a revision</source>
        <translation>建立修订版本</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="173" />
        <source>name of the supervisor</source>
        <translation>监交人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="183" />
        <source>not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="178" />
        <source>handwritten</source>
        <translation>手写签名</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="178" />
        <source>on paper</source>
        <translation>纸质签字</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="179" />
        <source>signed {0} ({1})</source>
        <translation>已签字 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="181" />
        <source>signed, but the case changed since: sign again</source>
        <translation>已签字，但此后内容有变化：须重新签字</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="184" />
        <source>Sign on the pad…</source>
        <translation>在签名板上签字…</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="186" />
        <location filename="../../ui/signatures_tab.py" line="215" />
        <source>Signed on paper</source>
        <translation>已在纸上签字</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="187" />
        <source>The signer signs the printout in ink; the scan can be attached later</source>
        <translation>签字人在打印件上手签；扫描件可稍后作为附件添加</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="196" />
        <source>Signed and locked. Fingerprint {0}.</source>
        <translation>已签署并锁定。内容校验码 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="198" />
        <source>Submit the case for review before anyone signs.</source>
        <translation>请先提交评审，然后才能签字。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="200" />
        <source>Still to sign: {0}. Fingerprint {1}.</source>
        <translation>尚待签字：{0}。内容校验码 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="205" />
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="213" />
        <source>Record that {0} signed the printed sheet in ink as {1}?
This is entered in the record and cannot be withdrawn.</source>
        <translation>确认 {0} 已以{1}身份在纸质交接单上亲笔签字？
确认后将记入记录，不能撤回。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="228" />
        <source>{0} signed as {1}.</source>
        <translation>{0} 已作为{1}签字。</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="237" />
        <source>Recording the signature…</source>
        <translation>正在记录签字…</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="246" />
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location filename="../../ui/signatures_tab.py" line="246" />
        <source>Case {0} was created as a corrected version of case {1}.</source>
        <translation>已建立案件 {0}，作为案件 {1} 的修订版本。</translation>
    </message>
    <message>
        <source>The content checksum is computed from everything the case holds: any change alters it, and signatures given before the change no longer count</source>
        <translation>内容校验码由案件的全部内容算出：内容有任何改动它就会变化，改动前的签字随之失效</translation>
    </message>
    <message>
        <source>Not signed: the case stays open.</source>
        <translation>未签字：案件保持未锁定。</translation>
    </message>
    <message>
        <source>Sign and lock the case</source>
        <translation>签字并锁定案件</translation>
    </message>
    <message>
        <source>This is the last required signature: it signs and locks case {0}. The values, the village lists, the overall evaluation and the panel become read-only and the documents are frozen. A correction after that needs a revision (a new version of the case, submitted and signed again).</source>
        <translation>这是最后一个必需的签字：签字后案件 {0} 即签署并锁定。指标数值、村（社区）名单、总体评价和评审小组都将变为只读，交接文书的内容随之固定。此后如需更正，须建立修订版本（案件的新版本，须重新提交评审并重新签字）。</translation>
    </message>
</context>
<context>
    <name>UnitsScreen</name>
    <message>
        <location filename="../../ui/units_screen.py" line="34" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="34" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="34" />
        <source>Villages</source>
        <translation>村（社区）数</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="43" />
        <source>name, e.g. 白鹤镇</source>
        <translation>名称，例如 白鹤镇</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="47" />
        <source>Add unit</source>
        <translation>添加单位</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="54" />
        <source>village or community; several separated by 、: 甲村、乙村</source>
        <translation>村（社区）名称，多个用顿号分隔：甲村、乙村</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="55" />
        <source>Add village</source>
        <translation>添加村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="61" />
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="70" />
        <source>Villages of the selected unit</source>
        <translation>所选单位的村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="110" />
        <source>Select a unit on the left.</source>
        <translation>请在左侧选择单位。</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="113" />
        <source>{0}: {1} villages</source>
        <translation>{0}：{1} 个村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="129" />
        <source>Unit {0} added</source>
        <translation>已添加单位 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/units_screen.py" line="141" />
        <source>Village {0} added to {1}</source>
        <translation>已为 {1} 添加 {0}</translation>
    </message>
    <message>
        <source>new name of the selected unit</source>
        <translation>所选单位的新名称</translation>
    </message>
    <message>
        <source>Rename unit</source>
        <translation>单位改名</translation>
    </message>
    <message>
        <source>Open cases take the new name; signed cases keep the name they were signed with</source>
        <translation>进行中的案件随之改名；已签署的案件保留签署时的名称</translation>
    </message>
    <message>
        <source>Delete unit…</source>
        <translation>删除单位…</translation>
    </message>
    <message>
        <source>new name of the selected village</source>
        <translation>所选村（社区）的新名称</translation>
    </message>
    <message>
        <source>Rename village</source>
        <translation>村（社区）改名</translation>
    </message>
    <message>
        <source>Delete village…</source>
        <translation>删除村（社区）…</translation>
    </message>
    <message>
        <source>Unit {0} renamed {1}; signed cases keep the old name</source>
        <translation>单位 {0} 已改名为 {1}；已签署的案件保留原名称</translation>
    </message>
    <message>
        <source>Delete the unit {0} and its villages? This is only possible while no case belongs to it.</source>
        <translation>删除单位 {0} 及其村（社区）？仅当没有案件属于该单位时才能删除。</translation>
    </message>
    <message>
        <source>Delete unit</source>
        <translation>删除单位</translation>
    </message>
    <message>
        <source>Unit {0} deleted</source>
        <translation>已删除单位 {0}</translation>
    </message>
    <message>
        <source>Village {0} renamed {1}; signed cases keep the old name</source>
        <translation>村（社区） {0} 已改名为 {1}；已签署的案件保留原名称</translation>
    </message>
    <message>
        <source>Delete the village {0} of {1}? This is only possible while no case lists it.</source>
        <translation>删除 {1} 的村（社区） {0}？仅当没有案件的村名单列出它时才能删除。</translation>
    </message>
    <message>
        <source>Delete village</source>
        <translation>删除村（社区）</translation>
    </message>
    <message>
        <source>Village {0} of {1} deleted</source>
        <translation>已删除 {1} 的村（社区） {0}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="34" />
        <source>Unexpected error: {0} (details in the log file handover.log)</source>
        <translation>意外错误：{0}（详情见日志文件 handover.log）</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="31" />
        <source>First-run setup</source>
        <translation>首次使用设置</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="34" />
        <source>e.g. 中共青溪县委组织部</source>
        <translation>例如：中共青溪县委组织部</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="36" />
        <source>e.g. 青溪县</source>
        <translation>例如：青溪县</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="39" />
        <source>empty: the number of units of the same type</source>
        <translation>留空：按同类单位个数</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="40" />
        <source>Create a self-signed organisation certificate for digital signatures</source>
        <translation>生成自签名的单位证书（用于数字签名）</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="50" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="53" />
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="58" />
        <source>Until the issuing body (发文机关) is set, every PDF is marked 样稿 (draft) and cannot be signed digitally. Help → First-run setup… opens this again later.</source>
        <translation>设置发文机关之前，生成的每份 PDF 都标有“样稿”，也不能数字签名。以后可从“帮助 → 首次使用设置…”再次打开本窗口。</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="62" />
        <source>Issuing body</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="63" />
        <source>County</source>
        <translation>县（市、区）名称</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="64" />
        <source>Document number prefix</source>
        <translation>文号前缀</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="65" />
        <source>Units in the ranking</source>
        <translation>参与排名的单位数</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="67" />
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="68" />
        <source>Certificate password</source>
        <translation>证书密码</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="69" />
        <source>Password again</source>
        <translation>再输入一次密码</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="92" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="103" />
        <source>Organisation certificate</source>
        <translation>单位证书</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/setup_dialog.py" line="104" />
        <source>Saved {0} and {1}.</source>
        <translation>已保存 {0} 和 {1}。</translation>
    </message>
</context>
<context>
    <name>help_menu</name>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="24" />
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="25" />
        <source>First-run setup…</source>
        <translation>首次使用设置…</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="32" />
        <source>Report a problem…</source>
        <translation>报告问题…</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="46" />
        <location filename="../work/wt/pkg/ui/help_menu.py" line="52" />
        <location filename="../work/wt/pkg/ui/help_menu.py" line="54" />
        <source>Report a problem</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="46" />
        <source>Zip file (*.zip)</source>
        <translation>Zip 压缩文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../work/wt/pkg/ui/help_menu.py" line="55" />
        <source>Saved {0}. It holds the log, the versions, the platform and the settings, without names or passwords. Please send it to your IT staff.</source>
        <translation>已保存 {0}。其中有日志、版本、系统和设置，不含姓名和密码。请发给本县信息化人员。</translation>
    </message>
</context>
<context>
    <name>BackupMenu</name>
    <message>
        <location filename="../../ui/backup_menu.py" line="27" />
        <source>&amp;Database</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="28" />
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="30" />
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="35" />
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="42" />
        <source>No backup made</source>
        <translation>未能备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="44" />
        <source>Backup made</source>
        <translation>已备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="44" />
        <source>The database was backed up to {0}.</source>
        <translation>数据库已备份到 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="48" />
        <source>Restore the database from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="52" />
        <source>Replace the database with the backup {0}?
The backup is checked first (integrity and audit log); the current database file is kept in the backups folder.</source>
        <translation>用备份 {0} 替换当前数据库吗？
恢复前会先检查备份（完整性和操作日志）；当前的数据库文件会保留在 backups 文件夹中。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="55" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="61" />
        <source>Not restored</source>
        <translation>未能恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="64" />
        <source>The replaced file is kept as {0}.</source>
        <translation>被替换的数据库文件保留为 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="65" />
        <source>Restored from {0}: {1} audit log entries checked.</source>
        <translation>已从 {0} 恢复：{1} 条操作日志记录核验无误。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_menu.py" line="66" />
        <source>Database restored</source>
        <translation>数据库已恢复</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Outgoing → incoming</source>
        <translation>离任 → 接任</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>届末日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>no case yet</source>
        <translation>尚无案件</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>Term ends in {0}</source>
        <translation>{0}年届满</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>全部步骤</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <source>&amp;Print selected…</source>
        <translation>打印所选(&amp;P)…</translation>
    </message>
    <message>
        <source>Save selected as PDF…</source>
        <translation>所选保存为 PDF…</translation>
    </message>
    <message>
        <source>Export summary to Excel…</source>
        <translation>导出汇总表（Excel）…</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>County overview</source>
        <translation>全县概览</translation>
    </message>
    <message>
        <source>{0} units, {1} with a case</source>
        <translation>{0} 个单位，其中 {1} 个有案件</translation>
    </message>
    <message>
        <source>Select the units whose cases to print (Ctrl or Shift + click).</source>
        <translation>请先选择要打印的单位（按住 Ctrl 或 Shift 点击可多选）。</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>导出汇总表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <source>Report and handover sheet</source>
        <translation>评审报告及交接单（全部）</translation>
    </message>
    <message>
        <source>Handover sheet with signature page</source>
        <translation>交接单及签字页</translation>
    </message>
    <message>
        <source>One page for the handover meeting</source>
        <translation>交接会议用单页</translation>
    </message>
    <message>
        <source>Review report</source>
        <translation>评审报告</translation>
    </message>
    <message>
        <source>Not rendered: {0}</source>
        <translation>未能生成：{0}</translation>
    </message>
    <message>
        <source>Folder for {0} reports</source>
        <translation>选择保存 {0} 份文件的文件夹</translation>
    </message>
    <message>
        <source>Reports saved</source>
        <translation>文件已保存</translation>
    </message>
    <message>
        <source>{0} reports saved in {1}.</source>
        <translation>已在 {1} 保存 {0} 份文件。</translation>
    </message>
    <message>
        <source>Rendering {0} reports…</source>
        <translation>正在生成 {0} 份文件…</translation>
    </message>
    <message>
        <source>{0} handover documents</source>
        <translation>{0} 份交接文件</translation>
    </message>
    <message>
        <source>{0} documents, {1} pages sent to the printer.</source>
        <translation>已把 {0} 份文件共 {1} 页送往打印机。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OverviewCharts</name>
    <message>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>Grades across the county</source>
        <translation>全县总体评价等次分布</translation>
    </message>
    <message>
        <source>not graded</source>
        <translation>未评等次</translation>
    </message>
    <message>
        <source>Key indicators: units improved, held, declined</source>
        <translation>关键指标：提升、持平、下降的单位数</translation>
    </message>
</context>
<context>
    <name>FieldMenu</name>
    <message>
        <source>&amp;Field visit</source>
        <translation>外出核查(&amp;F)</translation>
    </message>
    <message>
        <source>Check out cases…</source>
        <translation>带出案件…</translation>
    </message>
    <message>
        <source>Check in a field file…</source>
        <translation>带回外出核查文件…</translation>
    </message>
    <message>
        <source>Field visit</source>
        <translation>外出核查</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>已带出</translation>
    </message>
    <message>
        <source>Cases {0} are in {1}.</source>
        <translation>案件 {0} 已带出到 {1}。</translation>
    </message>
    <message>
        <source>Check in a field file</source>
        <translation>带回外出核查文件</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>未能带回</translation>
    </message>
    <message>
        <source>Case {0} checked in.</source>
        <translation>案件 {0} 已带回。</translation>
    </message>
    <message>
        <source>Case {0} not checked in: {1}</source>
        <translation>案件 {0} 未带回：{1}</translation>
    </message>
    <message>
        <source>Nothing new: {0} was checked in before; nothing was changed.</source>
        <translation>没有新的改动：{0} 已经带回过，这次没有改动任何内容。</translation>
    </message>
    <message>
        <source>Field visit checked in</source>
        <translation>外出核查已带回</translation>
    </message>
    <message>
        <source>Passphrase of the field file {0}:</source>
        <translation>外出核查文件 {0} 的口令：</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <source>Check out cases for a field visit</source>
        <translation>带出案件外出核查</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再输一遍口令</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>带出</translation>
    </message>
    <message>
        <source>Cases to take on the visit:</source>
        <translation>要带出核查的案件：</translation>
    </message>
    <message>
        <source>With a passphrase the file is encrypted: a lost laptop shows no names. Without one, keep the file safe.</source>
        <translation>设了口令，文件即加密保存：笔记本电脑丢失也看不到任何姓名。不设口令时，请妥善保管文件。</translation>
    </message>
    <message>
        <source>Field file</source>
        <translation>外出核查文件</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts of the field visit</source>
        <translation>外出核查的冲突</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>At checkout</source>
        <translation>带出时</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>外出核查</translation>
    </message>
    <message>
        <source>Check in again</source>
        <translation>再次带回</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Nothing of these cases was applied. Decide each conflict, then check in again.</source>
        <translation>这些案件的任何内容都还没有带回。请逐项裁决冲突，然后再次带回。</translation>
    </message>
    <message>
        <source>Take field</source>
        <translation>采用外出核查的值</translation>
    </message>
    <message>
        <source>Take office</source>
        <translation>保留办公室的值</translation>
    </message>
    <message>
        <source>Some conflicts are not decided yet.</source>
        <translation>还有冲突没有裁决。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Sign in to the county server</source>
        <translation>登录县级服务器</translation>
    </message>
    <message>
        <source>e.g. 10.1.2.3 or db.county.example</source>
        <translation>如 10.1.2.3 或 db.county.example</translation>
    </message>
    <message>
        <source>Keep the password in this computer's keyring</source>
        <translation>把密码保存在本机系统的密码保管库（钥匙串）中</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Encryption (sslmode)</source>
        <translation>加密方式（sslmode）</translation>
    </message>
    <message>
        <source>Enter the password of the account</source>
        <translation>请输入账户的密码</translation>
    </message>
</context>
<context>
    <name>ServerMenu</name>
    <message>
        <source>On the county server every record names the account signed in</source>
        <translation>在县级服务器上，每条记录都记登录的账户名</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>Sign in to a county server…</source>
        <translation>登录县级服务器…</translation>
    </message>
    <message>
        <source>Use this PC only (single-PC mode)</source>
        <translation>只用本机（本机单用户模式）</translation>
    </message>
    <message>
        <source>Single-PC mode</source>
        <translation>本机单用户模式</translation>
    </message>
    <message>
        <source>Signed in: {0} ({1}) · server {2}</source>
        <translation>已登录：{0}（{1}）· 服务器 {2}</translation>
    </message>
    <message>
        <source>Signed in as {0} ({1}): what this role may not do is not offered here, and the server refuses it too. Ask a {2} if it must be done.</source>
        <translation>当前以 {0}（{1}）身份登录：此角色不能做的操作这里不提供，服务器也会拒绝；确需办理请找{2}。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The application connects as {0} at the next start.</source>
        <translation>下次启动时将以 {0} 的身份连接服务器。</translation>
    </message>
    <message>
        <source>The application opens this PC's file at the next start.</source>
        <translation>下次启动时将打开本机的数据库文件（本机单用户模式）。</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Next step: {0}</source>
        <translation>下一步：{0}</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>Database server: {0}</source>
        <translation>数据库服务器：{0}</translation>
    </message>
    <message>
        <source>Local database file: {0}</source>
        <translation>本机数据库文件：{0}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Your name, as it is recorded with every draw, edit and signature made on this PC (it can be changed in the settings):</source>
        <translation>请输入您的姓名。在本机进行的每次抽签、修改和签字都会记下这个姓名（以后可在“设置”中修改）：</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>使用人姓名</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Type the date as 2021-01-05, 2021/1/5, 2021.1.5 or 2021年1月5日, or pick it (F4)</source>
        <translation>日期可写作 2021-01-05、2021/1/5、2021.1.5 或 2021年1月5日，也可按 F4 从日历中选</translation>
    </message>
    <message>
        <source>Pick a date…</source>
        <translation>从日历中选…</translation>
    </message>
</context>
<context>
    <name>ValueImportPreview</name>
    <message>
        <source>Import values from {0}</source>
        <translation>从 {0} 导入指标值</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现值</translation>
    </message>
    <message>
        <source>After import</source>
        <translation>导入后</translation>
    </message>
    <message>
        <source>The sheet changes nothing in this case.</source>
        <translation>该表格不会改变本案件的任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) in this case. Nothing is stored until you press OK.</source>
        <translation>
            <numerusform>本案件将有 %n 处改变。按“确定”后才保存。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueImporter</name>
    <message>
        <source>Import values</source>
        <translation>导入指标值</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
