"""Search: the index the build writes (reportsite/search.py) and the ranking the page does (assets/search.js),
without a browser. The script's pure functions run under node on indexes made here; the browser tests
(tests/test_browser.py, tests/test_bundle.py) check the page itself, and how many bytes a first query loads."""

from __future__ import annotations

import json
import marshal
import re
import subprocess

import pytest

from reportsite import search
from reportsite.site import build

from .conftest import REPO, edit

SCRIPT = REPO / "assets" / "search.js"
CJK = re.compile(r"[\u3400-\u9fff]")


def node(body: str, **data) -> object:
    """What body returns, run by node with the search script's functions as `s` and data's values by name
    (given on its standard input)."""
    program = (f"const s = require({json.dumps(str(SCRIPT))});\n"
               "const data = JSON.parse(require('fs').readFileSync(0, 'utf-8'));\n"
               + "".join(f"const {k} = data.{k};\n" for k in data)
               + f"process.stdout.write(JSON.stringify((() => {{ {body} }})()));")
    run = subprocess.run(["node", "-e", program], input=json.dumps(data, ensure_ascii=False), capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


STOP = {w: True for w in search.STOP_WORDS}
TEXTS = ["全年地区生产总值增长9.2%，高新技术企业达到4500家", "GDP grew 9.2% and 29.2% and 9.25; 4,500 high-tech firms",
         "ＰＭ２．５ 下降１０．５％, the Belt and Road", "十四五 5G基站 2016–2020年 Ⅲ类"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_page_reads_a_text_as_the_build_does(text):
    """The same tokens at the same positions, or a query would miss what the index holds."""
    assert node("return s.tokenize(text, 0, stop);", text=text, stop=STOP) == [list(t) for t in search.tokenize(text)]


def test_numbers_are_whole_tokens_and_chinese_is_read_in_pairs():
    tokens = [t for t, _ in search.tokenize("增长9.2%，29.2万，4,500家 GDP")]
    assert tokens == ["增长", "长", "9.2", "29.2", "万", "4500", "家", "gdp"]


# ---- Ranking, on a small index made here ----------------------------------------------------------


def entry(kind: str, title: str, zh: str, en: str, key: bool = False, report: str | None = "r1") -> search.Entry:
    return search.Entry(kind, f"#{title}", title, report, report, zh, en, title, key=key)


ENTRIES = [
    entry("p", "Economy", "地区生产总值增长29.2%。", "GDP grew 29.2%."),
    entry("f", "Real GDP growth", "增长9.2%", "grew 9.2%", key=True),
    entry("f", "Nominal GDP growth", "增长23.3%", "grew 23.3%"),
    entry("p", "Enterprises", "高新技术企业", "Enterprises that are high in tech"),
    entry("f", "High-tech enterprises", "高新技术企业4500家", "4,500 high-tech enterprises", report="r2"),
    entry("g", "GDP", "地区生产总值", "gross domestic product", report=None),
    entry("p", "GDP words", "地区生产总值的增长", "the growth of GDP"),
    entry("g", "the 14th Five-Year Plan", "十四五", "the 14th Five-Year Plan period", report=None),
    entry("f", "Parks 14", "公园14个", "14 parks"),
    entry("f", "Output in the year", "产值", "output rose"),
    entry("f", "Output, the outcome of a goal", "产值", "output rose", key=True),
]


def ranked(query: str, **filters) -> list[str]:
    """The titles of the entries a query finds, in the order the page shows them."""
    table = search.postings(ENTRIES)
    root = {"body": search.BODY, "kinds": "".join(e.kind.upper() if e.key else e.kind for e in ENTRIES)}
    found = node("return s.search(root, [table], s.parseQuery(q, stop), filters);",
                 root=root, table=table, q=query, stop=STOP, filters=filters)
    return [ENTRIES[n].title for n in found]


def test_a_number_finds_itself_whole_and_figures_first():
    assert ranked("9.2%") == ["Real GDP growth"]  # never 29.2%
    assert ranked("29.2") == ["Economy"]
    assert ranked("4500") == ["High-tech enterprises"]  # as printed: 4,500
    assert ranked("grew")[:2] == ["Real GDP growth", "Nominal GDP growth"]  # a word: figures are not first by rule
    assert ranked("grew 9.2") == ["Real GDP growth"]
    assert ranked("14") == ["Parks 14", "the 14th Five-Year Plan"]  # for a word, a glossary term comes first
    assert ranked("five-year plan") == ["the 14th Five-Year Plan"]


def test_the_phrase_in_a_title_ranks_first_then_in_a_text_then_scattered_words():
    assert ranked("high-tech enterprises") == ["High-tech enterprises", "Enterprises"]  # the second: scattered
    assert ranked("高新技术企业") == ["High-tech enterprises", "Enterprises"]  # both hold it: title first
    assert ranked("GDP") == ["GDP", "Real GDP growth", "Nominal GDP growth", "GDP words", "Economy"]  # titles first
    # the phrase spans a stop word ("of"), then the words apart in a title
    assert ranked("growth of GDP") == ["GDP words", "Real GDP growth", "Nominal GDP growth"]
    assert ranked("enterprise") == ["High-tech enterprises", "Enterprises"]  # a word finds the longer ones it begins


def test_goals_and_outcomes_rank_before_other_figures_of_the_same_tier():
    assert ranked("output rose") == ["Output, the outcome of a goal", "Output in the year"]  # though it comes later


def test_filters_by_kind_and_report():
    assert ranked("GDP", kind="p") == ["GDP words", "Economy"]
    assert ranked("GDP", kind="g") == ["GDP"]
    assert ranked("enterprises", report=["r2", "", 4, 5]) == ["High-tech enterprises"]


def test_a_single_chinese_character_finds_the_pairs_it_begins():
    assert ranked("企") == ["High-tech enterprises", "Enterprises"]
    assert ranked("家") == ["High-tech enterprises"]  # the last of a run, which begins no pair


def test_a_snippet_marks_the_whole_number_only():
    runs = node("return s.snippet(text, ['9.2'], true);", text="GDP grew 29.2% in one place and 9.2% in another")
    assert [r for r, marked in runs if marked] == ["9.2"]
    runs = node("return s.snippet(text, ['4500'], true);", text="There were 4,500 firms, not 14,500")
    assert [r for r, marked in runs if marked] == ["4,500"]


# ---- The index a build writes -------------------------------------------------------------------


def test_each_language_s_index_holds_its_own_titles_and_both_texts(mini):
    """A reader finds an entry by its Chinese or its English on either language's page; what a result
    shows (its title, report, value) is in the page's language; the postings hold both languages' words."""
    files = build(mini).files
    zh, en = search.read_fragments(files, "zh"), search.read_fragments(files, "en")
    assert len(zh) == len(en) > 15 and [e["k"] for e in zh] == [e["k"] for e in en]
    assert {e["k"] for e in en} == {"s", "p", "f", "t", "g", "w"}
    for z, e in zip(zh, en):
        assert CJK.search(z["z"]) and z["z"] == e["z"] and z["e"] == e["e"] and not CJK.search(e["e"]), e
        if e["k"] not in ("g", "w"):  # a term's title is both: 放管服 · the delegate-regulate-serve reform
            assert CJK.search(z["t"]) and not CJK.search(e["t"]), (z["t"], e["t"])
    figure = {"k": "f", "u": "../example-2030/figures/gdp-2029/",
              "z": "全年地区生产总值达到1200.5亿元", "e": "GDP reached 120.05 billion yuan for the year"}
    assert {**figure, "t": "地区生产总值", "r": "示例市2030年", "v": "2029年 · 1200.5亿元"} in zh
    assert {**figure, "t": "GDP", "r": "Example City 2030", "v": "2029 · CNY 120.05 billion"} in en
    postings = search.read_postings(files)
    n = en.index({**figure, "t": "GDP", "r": "Example City 2030", "v": "2029 · CNY 120.05 billion"})
    for token in ("gdp", "reached", "billion", "120.05", "1200.5", "生产", "总值"):
        assert n in postings[token], token
    assert postings["gdp"][n][0] < search.BODY <= postings["reached"][n][0]  # GDP in its title; "reached" in the quote


def test_index_files_are_named_by_their_content_and_the_page_names_them(mini):
    files = build(mini).files
    for path, data in files.items():
        if m := re.fullmatch(r"search/t\.([0-9a-f]+)\.js", path):
            assert m.group(1) == search.digest(data)
    page = files["en/search/index.html"].decode()
    root = json.loads(re.search(r'<script type="application/json" id="search-root">(.*?)</script>', page).group(1))
    names = {p for p in files if p.startswith("search/t.")}
    assert {f"search/t.{n}.js" for n in root["names"]} == names and root["shards"] == "../../search/"
    assert root["bounds"] == sorted(root["bounds"]) and len(root["kinds"]) == len(search.read_fragments(files, "en"))
    assert root["docs"] == root["shards"]
    blocks = {p for p in files if p.startswith("search/d.")}
    assert {f"search/d.{n}.js" for n in root["blocks"]} == blocks
    # entry n is the (n % block)th of the file blocks[n // block]; a shard is known by its first token
    for path, data in files.items():
        if m := re.fullmatch(r"search/d\.([0-9a-f]+)\.js", path):
            ident, fragments = search.read_script(data)[1:]
            assert m.group(1) == search.digest(data) == root["blocks"][ident]
            assert len(fragments) == root["block"] or ident == len(root["blocks"]) - 1
        if path.startswith("search/t."):
            ident, table = search.read_script(data)[1:]
            assert ident == next(iter(table)) and ident in root["bounds"]


def test_an_edit_renames_the_files_it_changes_and_the_same_input_gives_the_same_bytes(mini):
    first = {p: d for p, d in build(mini).files.items() if p.startswith("search/")}
    again = {p: d for p, d in build(mini).files.items() if p.startswith("search/")}
    assert first == again
    edit(mini.data / "example-2030" / "sections" / "review-economy.yaml", "label: {zh: 地区生产总值, en: GDP}",
         "label: {zh: 地区生产总值, en: Gross product}")
    edited = {p for p in build(mini).files if p.startswith("search/")}
    assert edited != set(first) and {p for p in edited if p.startswith("search/d.")} != \
        {p for p in first if p.startswith("search/d.")}


def test_an_edit_renames_few_files(mini, monkeypatch):
    """A figure's English label edited: the one file of fragments that holds it, and the postings
    files of the tokens it changed or moved; every other file keeps its name (and so its bytes). (Small blocks and
    shards, for the mini site's few entries.)"""
    monkeypatch.setattr(search, "BLOCK", 2)
    monkeypatch.setattr(search.shards, "__defaults__", (300,))
    monkeypatch.setattr(search, "CUT_EVERY", 4)
    first = {p for p in build(mini).files if p.startswith("search/")}
    edit(mini.data / "example-2030" / "sections" / "review-economy.yaml", "label: {zh: 地区生产总值, en: GDP}",
         "label: {zh: 地区生产总值, en: Gross product}")
    edited = {p for p in build(mini).files if p.startswith("search/")}
    blocks = lambda paths: {p for p in paths if p.startswith("search/d.")}  # noqa: E731
    renamed = blocks(edited - first)
    assert len(blocks(first)) > 4 and len(renamed) == 1
    assert all(p.startswith(("search/d.", "search/t.")) for p in edited - first)  # the rest: postings files
    shards = {p for p in first if p.startswith("search/t.")}
    assert 0 < len(shards - edited) < len(shards) // 2  # the label's tokens, and the values after them in the title


def test_a_posting_that_grows_changes_its_shard_alone():
    """Shards end where the tokens say, not where a running size says: the pieces before and after stay."""
    table = {f"w{n:05d}": "1.2" * (n % 40) for n in range(5_000)}
    before = search.shards(table)
    token = list(table)[2_500]
    after = search.shards({**table, token: table[token] + ",3.4" * 200})
    assert len(before) > 20
    assert len([p for p in after if p not in before]) == 1 and len(after) == len(before)


def test_the_postings_of_parts_merged_are_those_of_all_their_entries():
    """Each report's part is made apart (and kept between builds): its entries counted from its first; merged,
    each part's numbers shifted by the entries before it, they give the postings of all the entries at once."""
    pieces = [ENTRIES[:4], ENTRIES[4:5], ENTRIES[5:]]
    starts = [0, 4, 5]
    merged = search.merge([(start, search.part_postings(items)) for start, items in zip(starts, pieces)])
    assert merged == search.postings(ENTRIES) and list(merged) == sorted(merged)
    assert len([token for token in merged if merged[token].count(",") >= 2]) > 3  # tokens found in several parts


def test_the_text_of_a_page_cannot_close_the_script_that_carries_it():
    data = search.script("d", 0, {"e": "</script><script>alert(1)</script>"})
    assert b"</script" not in data and search.read_script(data)[2]["e"].startswith("</script>")


# ---- The real site, as built ---------------------------------------------------------------------


def ranked_in_build(files: dict[str, bytes], lang: str, query: str) -> list[dict]:
    """The fragments of the first ten results of a query on a language's search page of a build, as its script
    ranks them, from the postings files the query needs (as the page loads them)."""
    page = files[f"{lang}/search/index.html"].decode()
    root = json.loads(re.search(r'<script type="application/json" id="search-root">(.*?)</script>', page).group(1))
    stop = {w: True for w in root["stop"]}
    needed = node("const q = s.parseQuery(query, stop); return [].concat(...q.terms.map(t => s.shardsFor(bounds, t)));",
                  query=query, stop=stop, bounds=root["bounds"])
    tables = [search.read_script(files[f"search/t.{root['names'][n]}.js"])[2] for n in sorted(set(needed))]
    found = node("return s.search(root, tables, s.parseQuery(query, stop), {});",
                 root=root, tables=tables, query=query, stop=stop)
    fragments = search.read_fragments(files, lang)
    return [fragments[n] for n in found[:10]]


def test_gdp_finds_the_growth_of_2021_among_the_first_results_and_9_2_finds_it_first(site):
    """The 9.2% real growth of 2021 (the 2022 report): an outcome of a goal, among the first ten for GDP in both
    languages, and first for 9.2% (never 29.2%)."""
    for lang, query in (("en", "GDP"), ("zh", "地区生产总值"), ("en", "9.2%"), ("zh", "9.2%")):
        first = ranked_in_build(site.files, lang, query)
        assert "../taiyuan-2022/figures/gdp-real-growth-2021/" in [f["u"] for f in first], (lang, query)
    for lang in ("zh", "en"):
        first = ranked_in_build(site.files, lang, "9.2%")
        assert first[0]["u"] == "../taiyuan-2022/figures/gdp-real-growth-2021/"
        assert not any("29.2" in f["z"] + f["e"] + f.get("v", "") for f in first)


# ---- the postings merged again where parts changed (search.merge_again) ----------------------------------------


def _part(*texts: str) -> search.Part:
    """A part of paragraphs with these English texts, as a build keeps it (its postings packed, unread)."""
    entries = [search.Entry("p", "u", "t", None, None, "", text, "") for text in texts]
    made = search.Part.of({lang: entries for lang in ("zh", "en")}, None)
    return search.Part(made.kinds, made.report_id, made.fragments, made.packed)


def _merged_whole(parts: list[search.Part]) -> dict[str, str]:
    """A merge of every part, read afresh (the parts given are left unread)."""
    return search.merge(list(zip(search.offsets(parts), (marshal.loads(p.packed) for p in parts))))


def _read(part: search.Part) -> bool:
    """Whether a part's postings were unpacked (Part.postings)."""
    return "postings" in vars(part)


BEFORE = {"a": ("alpha beta", "gamma"), "b": ("beta delta", "alpha"), "c": ("gamma beta",)}
AFTER = {  # the parts changed, by key: each merged again from the last build's postings equals a merge of all
    "a part's rows changed, a token gone and one new": {"b2": ("beta epsilon", "alpha alpha")},
    "a token new to a part, between its entries in the parts before and after": {"b2": ("gamma delta", "alpha")},
    "the first part's": {"a2": ("zeta", "gamma beta")},
    "a token in several entries of a part, and in the next part's": {"a2": ("beta", "gamma beta")},
    "the last part's, with fewer entries": {"c2": ("beta",)},
    "two parts'": {"a2": ("alpha", "beta beta"), "c2": ("delta gamma",)},
    "a part with more entries (the next parts' entries move)": {"a2": ("alpha", "beta", "gamma")},
}


@pytest.mark.parametrize("what", AFTER)
def test_postings_merged_again_where_parts_changed_are_those_of_a_whole_merge(what):
    """From the last build's postings, the changed parts' tokens spliced: the postings of a merge of all the parts,
    having read the postings of the parts that changed only (of every part when one's entries move)."""
    before = {key: _part(*texts) for key, texts in BEFORE.items()}
    keys = list(before)
    last = search.Merged(tuple(keys), tuple(search.offsets(list(before.values()))), _merged_whole(list(before.values())))
    parts = dict(before)
    for key, texts in AFTER[what].items():
        keys[keys.index(key[0])] = key
        parts[key] = _part(*texts)
    now = [parts[key] for key in keys]
    again = search.merge_again(now, tuple(keys), last, before.get)
    assert list(again.items()) == list(_merged_whole(now).items())  # the same postings, in the same order
    changed = {key for key in keys if key not in before}
    read = {key for key, part in parts.items() if _read(part)}
    assert read == (set(keys) if "more entries" in what else changed | {key[0] for key in changed})


def test_postings_of_parts_none_changed_are_the_last_build_s():
    kept = {key: _part(*texts) for key, texts in BEFORE.items()}
    parts = list(kept.values())
    last = search.Merged(tuple(kept), tuple(search.offsets(parts)), _merged_whole(parts))
    assert search.merge_again(parts, tuple(kept), last, kept.get) is last.table
    assert search.merge_again(parts, tuple(kept), None, kept.get) == last.table
    lost = search.merge_again([_part("omega", "gamma"), *parts[1:]], ("a2", "b", "c"), last, {}.get)
    assert lost == _merged_whole([_part("omega", "gamma"), *parts[1:]])  # the last part not kept: all merged again
