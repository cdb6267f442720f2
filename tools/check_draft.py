"""Quick draft check for data/sections/*.yaml and data/parts/*.yaml while translating.
Usage: python tools/check_draft.py data/sections/plan-1-innovation.yaml ..."""
import re, sys, yaml
SRC = open('data/source.zh.txt', encoding='utf-8').read()
LINES = SRC.split('\n')
UNITS = {'percent','yuan','usd','count','mu','hectare','km','sqm','tonne','jin','index','rank','times'}
QUALS = {'more-than','around','within','at-least','over','striving','towards','no-more-than','approaching'}
KINDS = {'result','baseline','target','plan'}
SCALES = {None,'千','万','亿','千亿','万亿'}
TERMS = {l.split('|')[0].strip() for l in open('tools/glossary-seed.txt', encoding='utf-8') if not l.startswith('#')}
report = yaml.safe_load(open('data/report.yaml', encoding='utf-8')) if __import__('os').path.exists('data/report.yaml') else {}
TOPICS = set((report or {}).get('topics', {}) or {})
CJK = re.compile(r'[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]')
ID = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
errors = []
def err(f, msg): errors.append(f'{f}: {msg}')
def bi(f, path, v, need=True):
    if not isinstance(v, dict) or set(v) != {'zh','en'}:
        err(f, f'{path}: expected {{zh, en}}, found {v!r:.60}'); return
    for k in ('zh','en'):
        s = v[k]
        if not isinstance(s, str) or not s.strip() or 'TODO' in s: err(f, f'{path}.{k}: expected text, found {s!r:.60}')
    if isinstance(v['en'], str) and CJK.search(re.sub(r'\(term:[a-z0-9-]+\)', '', v['en'])):
        err(f, f'{path}.en: contains Chinese characters: {CJK.findall(v["en"])[:5]}')
def para(f, path, p):
    if not ID.match(str(p.get('id'))): err(f, f'{path}.id: bad id {p.get("id")!r}')
    if p.get('zh') not in LINES: err(f, f'{path}.zh: not a verbatim source line')
    bi(f, path, {'zh': p.get('zh'), 'en': p.get('en')})
    for m in re.findall(r'\(term:([^)]*)\)', p.get('en') or ''):
        if m not in TERMS: err(f, f'{path}.en: unknown glossary term {m!r}')
    if p.get('lead') is not None:
        bi(f, path + '.lead', p['lead'])
        if not (p.get('zh') or '').startswith(p['lead'].get('zh') or '\0'): err(f, f'{path}.lead.zh: must be the start of the paragraph')
    extra = set(p) - {'id','zh','en','lead','heading','correction'}
    if extra: err(f, f'{path}: unknown keys {extra}')
for f in sys.argv[1:]:
    d = yaml.safe_load(open(f, encoding='utf-8'))
    bi(f, 'title', d.get('title'))
    if d.get('heading'): para(f, 'heading', d['heading'])
    if 'explainer' in d: bi(f, 'explainer', d['explainer'])
    if 'summary' in d: bi(f, 'summary', d['summary'])
    pids = set()
    for i, p in enumerate(d.get('paragraphs') or []):
        para(f, f'paragraphs[{i}]', p); pids.add(p.get('id'))
    if d.get('heading'): pids.add(d['heading'].get('id'))
    for i, g in enumerate(d.get('figures') or []):
        path = f'figures[{i}]'
        if not ID.match(str(g.get('id'))): err(f, f'{path}.id: bad id')
        if g.get('paragraph') not in pids: err(f, f'{path}.paragraph: {g.get("paragraph")!r} is not a paragraph of this file')
        qz = g.get('quote_zh') or ''
        if qz not in SRC or not qz: err(f, f'{path}.quote_zh: not in the source: {qz!r}')
        para_zh = next((p['zh'] for p in d.get('paragraphs') or [] if p.get('id') == g.get('paragraph')), '')
        if qz and qz not in para_zh: err(f, f'{path}.quote_zh: not inside its paragraph')
        if not isinstance(g.get('quote_en'), str) or not g['quote_en'].strip(): err(f, f'{path}.quote_en missing')
        bi(f, path + '.label', g.get('label'))
        v = g.get('value')
        vals = [v.get('low'), v.get('high')] if isinstance(v, dict) else [v]
        for x in vals:
            if not isinstance(x, (int, float)) or isinstance(x, bool): err(f, f'{path}.value: expected a number, found {x!r}'); continue
            s = f'{x:g}' if isinstance(x, float) else str(x)
            if (g.get('as_printed') or s) not in qz: err(f, f'{path}.value: {s} not printed in the quote')
        if g.get('unit') not in UNITS: err(f, f'{path}.unit: {g.get("unit")!r} not in {sorted(UNITS)}')
        if g.get('unit') == 'count' and not g.get('measure_zh'): err(f, f'{path}.measure_zh: needed for unit count')
        if g.get('scale') not in SCALES: err(f, f'{path}.scale: {g.get("scale")!r}')
        q = g.get('qualifier'); qs = q if isinstance(q, list) else ([] if q is None else [q])
        for x in qs:
            if x not in QUALS: err(f, f'{path}.qualifier: {x!r} not in {sorted(QUALS)}')
        if g.get('kind') not in KINDS: err(f, f'{path}.kind: {g.get("kind")!r}')
        if not re.match(r'^\d{4}(-\d{4})?$', str(g.get('period'))): err(f, f'{path}.period: expected "YYYY" or "YYYY-YYYY"')
        if TOPICS and g.get('topic') not in TOPICS: err(f, f'{path}.topic: {g.get("topic")!r} not in report.yaml topics')
        extra = set(g) - {'id','paragraph','quote_zh','quote_en','label','value','unit','measure_zh','scale','qualifier','period','kind','topic','note','as_printed'}
        if extra: err(f, f'{path}: unknown keys {extra}')
print('\n'.join(errors) or 'clean'); sys.exit(1 if errors else 0)
