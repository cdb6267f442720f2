"""One-off helper kept for reference: fills the Chinese catalog from a table (run after pybabel update)."""
import sys
from babel.messages.pofile import read_po, write_po

ZH = {
    "%(num)d figure": "%(num)d个数字",
    "%(num)d figure from the report, each with its verbatim source quote.": "报告中的%(num)d个数字,每个都附有逐字原文出处。",
    "%(num)d section": "%(num)d节",
    "All downloads": "全部下载",
    "All targets, with baselines and the growth they need": "全部目标,附基数及所需增速",
    "Appears in": "出现于",
    "Baseline": "基数",
    "Breadcrumb": "导航路径",
    "CSV files are UTF-8 with a byte-order mark, so Excel shows the Chinese correctly; JSON is UTF-8 with unescaped Chinese.": "CSV文件为带BOM的UTF-8编码,Excel可正确显示中文;JSON为UTF-8编码,中文不转义。",
    "Chinese original": "中文原文",
    "Cite this page": "引用本页",
    "Computed by the build from the figures above; not in the report.": "由本站根据上述数字计算得出,不见于报告原文。",
    "Data": "数据",
    "Data package description (Frictionless)": "数据包说明(Frictionless)",
    "Data version": "数据版本",
    "Derived": "推算",
    "Derived by this site": "本站推算",
    "Downloads": "数据下载",
    "Editorial correction": "编辑更正",
    "English only": "仅英文",
    "Every goal in the report, with the baseline the report itself gives. Change and growth needed are computed by this site from those two numbers; hover or read the formula below each.": "报告中的全部目标,附报告本身给出的基数。变化量和所需增速由本站根据这两个数字计算,算法见每项下方的公式。",
    "Figures": "数字",
    "Finds sections, paragraphs, figures and glossary terms, in Chinese or English.": "可用中文或英文搜索章节、段落、数字和术语。",
    "Glossary": "术语表",
    "Group": "类别",
    "Home": "首页",
    "In brief": "概要",
    "In the other language": "另一种语言",
    "Indicator": "指标",
    "Key numbers": "关键数字",
    "Kind": "类型",
    "Last updated": "最后更新",
    "Licence and attribution": "许可与署名",
    "Link to this figure": "本数字的链接",
    "Link to this paragraph": "本段的链接",
    "Link to this section": "本节的链接",
    "Link to this term": "本术语的链接",
    "Offline bundle for meetings (the whole site, works from a USB stick)": "会议用离线包(整站,可从U盘直接打开)",
    "Parallel text": "中英对照",
    "Period": "时期",
    "Please credit": "请注明出处",
    "Previous and next section": "上一节和下一节",
    "Qualifier": "限定词",
    "Read it in its section": "在所在章节中阅读",
    "Reading mode": "阅读模式",
    "Related figures": "相关数字",
    "Search": "搜索",
    "Search needs JavaScript. Without it, every section is listed on the part pages, and every figure on the figures page.": "搜索需要启用JavaScript。未启用时,可在各部分页面查看全部章节,在“数字”页面查看全部数字。",
    "Sections": "章节",
    "Site": "网站",
    "Skip to content": "跳到正文",
    "Target": "目标",
    "Targets": "目标一览",
    "Targets, with derived numbers": "目标(含推算数字)",
    "The Chinese is the verbatim original; the English is our unofficial translation.": "中文为逐字原文;英文为本站的非官方译文。",
    "The English text is our own unofficial translation; the Chinese original is authoritative.": "英文为本站自行翻译的非官方译文,以中文原文为准。",
    "The report at a glance": "报告结构一览",
    "The report's political shorthand, explained. Terms link here from their first use in each section.": "解释报告中的政策术语和缩略语。每节中术语首次出现时链接到这里。",
    "The source text (Chinese, UTF-8)": "原文文本(中文,UTF-8)",
    "The text": "原文与译文",
    "The whole report in one file, to project or print": "整份报告单文件版,便于投影或打印",
    "This language": "仅中文",
    "Topic": "主题",
    "Verbatim from the report, in the paragraph below.": "逐字引自报告,原文段落见下。",
    "What this section says": "本节要点",
    "Where the number comes from": "数字出处",
    "Without JavaScript the access date shows the site's last update; with it, today's date.": "未启用JavaScript时,访问日期显示为本站最后更新日期;启用后显示当天日期。",
    "e.g. high-tech enterprises, 高新技术企业": "例如:高新技术企业、5G基站",
    "Every figure in the report with its verbatim source quote.": "报告中的每个数字及其逐字原文出处。",
    "from": "基数",
    "our translation": "本站译文",
}

path = sys.argv[1] if len(sys.argv) > 1 else "locales/zh/LC_MESSAGES/messages.po"
with open(path, "rb") as fp:
    catalog = read_po(fp, locale="zh_Hans_CN")
for message in catalog:
    if not message.id:
        continue
    key = message.id[0] if isinstance(message.id, tuple) else message.id
    if key in ZH and not message.string or (isinstance(message.string, tuple) and not message.string[0]):
        message.string = (ZH[key],) if isinstance(message.id, tuple) else ZH[key]
with open(path, "wb") as fp:
    write_po(fp, catalog, width=0, omit_header=False)
