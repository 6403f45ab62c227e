"""Writes cases.json: the differential template cases (run: python3 make_cases.py).

Each case: name, template, optional context, file (render through the loader under that
name instead of as a string template), templates (other loadable templates), strict,
trim_blocks, lstrip_blocks, keep_trailing_newline.
"""
import os
import json
C = []
def case(name, template, context=None, **extra):
    d = {"name": name, "template": template}
    if context is not None: d["context"] = context
    d.update(extra)
    C.append(d)

# --- syntax basics
case("text only", "Hello world")
case("variable", "Hello {{ name }}!", {"name": "Ana"})
case("comment", "a{# hidden #}b")
case("comment multiline", "a{# x\n y #}b")
case("trailing newline stripped", "line\n")
case("two trailing newlines", "line\n\n")
case("keep trailing newline", "line\n", keep_trailing_newline=True)
case("crlf normalized", "a\r\nb\rc")
case("ws control var", "a  {{- 'x' -}}  b")
case("ws control block", "<ul>\n  {%- for i in [1,2] %}\n  <li>{{ i }}</li>\n  {%- endfor %}\n</ul>")
case("ws control comment", "a  {#- c -#}  b")
case("no trim by default", "{% if true %}\nyes\n{% endif %}\n")
case("trim_blocks", "{% if true %}\nyes\n{% endif %}\nend", trim_blocks=True)
case("lstrip_blocks", "<div>\n    {% if true %}\n    yes\n    {% endif %}\n</div>", lstrip_blocks=True, trim_blocks=True)
case("lstrip plus disables", "  {%+ if true %}x{% endif %}", lstrip_blocks=True)
case("raw block", "{% raw %}{{ not parsed }}{% if %}{% endraw %}")
case("raw ws control", "a {%- raw -%} {{ x }} {%- endraw -%} b")
case("literal braces", "{{ '{{' }} and {{ '}}' }}")
case("dict literal in output", "{{ {'a': {'b': 1}}['a']['b'] }}")
# --- expressions
case("string literals", "{{ 'a' \"b\" }} {{ 'it\\'s' }} {{ \"tab\\there\" }}")
case("int float", "{{ 1 }} {{ 1.5 }} {{ 1_000 }} {{ 1e3 }} {{ 2.0 }} {{ 0.1 }} {{ 1e20 }} {{ 1e-7 }}")
case("bool none print", "{{ true }} {{ True }} {{ false }} {{ none }} {{ None }}")
case("list print", "{{ [1, 'a', none, true, 2.5] }}")
case("tuple print", "{{ (1,) }} {{ (1, 2) }} {{ () }}")
case("dict print", "{{ {'a': 1, 'b': 'x'} }}")
case("nested repr quotes", "{{ [\"it's\", 'say \"hi\"', 'both \\' \"'] }}")
case("arith", "{{ 1 + 2 }} {{ 7 - 10 }} {{ 3 * 4 }} {{ 7 / 2 }} {{ 4 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }}")
case("float arith", "{{ 0.1 + 0.2 }} {{ 1.5 * 2 }} {{ 7.5 // 2 }} {{ 2 ** -1 }} {{ 10 / 4 }}")
case("pow left assoc", "{{ 2 ** 3 ** 2 }}")
case("unary", "{{ -3 }} {{ -(2 + 3) }} {{ +4 }} {{ - 2|abs }}")
case("string ops", "{{ 'ab' + 'cd' }} {{ 'ab' * 3 }} {{ [1] * 2 }} {{ [1] + [2] }}")
case("concat tilde", "{{ 'a' ~ 1 ~ none ~ true }}")
case("concat escapes", "{{ '<b>' ~ x }}", {"x": "&"})
case("comparisons", "{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 'a' < 'b' }} {{ 1 == 1.0 }} {{ 1 != 2 }} {{ [1,2] < [1,3] }}")
case("chained compare", "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1 == 1 }}")
case("logic", "{{ true and false }} {{ true or false }} {{ not true }} {{ 0 or 'x' }} {{ 1 and 'y' }} {{ '' or none }}")
case("in operator", "{{ 'a' in 'cat' }} {{ 2 in [1,2] }} {{ 'k' in {'k': 1} }} {{ 3 not in [1] }} {{ 'z' not in 'abc' }}")
case("conditional expr", "{{ 'yes' if x else 'no' }} {{ 'a' if false }}|", {"x": 1})
case("conditional nested", "{{ 'a' if n == 1 else 'b' if n == 2 else 'c' }}", {"n": 2})
case("precedence", "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 * 3 ~ 4 }} {{ not 1 == 2 }}")
case("attribute and item", "{{ user.name }} {{ user['name'] }} {{ items[1] }} {{ items.0 }} {{ items[-1] }}", {"user": {"name": "Bo"}, "items": ["a", "b", "c"]})
case("missing attribute empty", "[{{ user.missing }}][{{ items[10] }}]", {"user": {"name": "Bo"}, "items": [1]})
case("dict method vs key", "{{ d.items()|list }} {{ d['items'] }}", {"d": {"items": 5, "a": 1}})
case("slicing", "{{ items[1:] }} {{ items[:2] }} {{ items[::-1] }} {{ 'hello'[1:3] }} {{ items[::2] }}", {"items": [1, 2, 3, 4, 5]})
case("nested access", "{{ a.b.c }} {{ a['b']['c'] }}", {"a": {"b": {"c": 42}}})
case("string methods", "{{ 'Hello'.upper() }} {{ 'Hello'.lower() }} {{ '  x  '.strip() }} {{ 'a,b,c'.split(',') }} {{ 'a b  c'.split() }}")
case("string methods 2", "{{ 'hello'.startswith('he') }} {{ 'hello'.endswith('lo') }} {{ 'aaa'.replace('a', 'b') }} {{ 'aaa'.replace('a', 'b', 2) }}")
case("str format method", "{} {}|{0}-{1}|{name}|{:>5}|{:.2f}|{:05d}".join(["", ""]) if False else "{{ '{} and {}'.format(1, 'x') }} {{ '{0}-{1}-{0}'.format('a', 'b') }} {{ '{name}!'.format(name='Ana') }} {{ '[{:>5}]'.format('ab') }} {{ '{:.2f}'.format(3.14159) }} {{ '{:05d}'.format(42) }} {{ '{:,}'.format(1234567) }}")
case("dict methods", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %} {{ d.keys()|list }} {{ d.values()|list }} {{ d.get('a') }} {{ d.get('z', 'none') }} {{ d.get('z') }}", {"d": {"b": 2, "a": 1}})
case("method on var", "{{ name.title() }} {{ name.capitalize() }}", {"name": "hello wORLD"})
case("function call kwargs", "{% macro f(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ f(1) }} {{ f(1, b=3) }} {{ f(b=4, a=5) }}")
case("range", "{{ range(3)|list }} {{ range(1, 4)|list }} {{ range(10, 0, -3)|list }} {{ range(0)|list }}")
case("dict global", "{{ dict(a=1, b=2) }}")
case("undefined prints empty", "[{{ missing }}]")
case("undefined attr raises", "{{ missing.attr }}")
case("undefined iterate empty", "{% for x in missing %}x{% else %}empty{% endfor %}")
case("undefined call raises", "{{ missing() }}")
case("undefined arithmetic raises", "{{ missing + 1 }}")
case("strict undefined", "{{ missing }}", strict=True)
case("strict undefined defined test", "{{ missing is defined }} {{ missing|default('d') }}", strict=True)
case("strict undefined if", "{% if missing %}x{% endif %}", strict=True)
case("undefined comparison", "{{ missing == none }} {{ missing is none }} {{ missing is undefined }}")
# --- tests
case("tests basic", "{{ x is defined }} {{ y is defined }} {{ y is undefined }} {{ none is none }} {{ 0 is none }}", {"x": 1})
case("tests numbers", "{{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }} {{ 1 is number }} {{ 1.5 is float }} {{ 1 is integer }} {{ true is integer }} {{ true is number }}")
case("tests types", "{{ 'a' is string }} {{ {} is mapping }} {{ [] is sequence }} {{ 'a' is sequence }} {{ 1 is iterable }} {{ [] is iterable }} {{ none is sameas none }} {{ true is sameas true }}")
case("tests compare", "{{ 1 is eq 1 }} {{ 2 is gt 1 }} {{ 1 is lt 2 }} {{ 2 is ge 2 }} {{ 1 is le 0 }} {{ 1 is ne 2 }} {{ 3 is equalto 3 }} {{ 2 is greaterthan 1 }}")
case("tests strings", "{{ 'abc' is lower }} {{ 'ABC' is upper }} {{ 'Abc' is lower }} {{ 'a' is in 'cat' }} {{ 2 is in [1, 2] }}")
case("is not", "{{ 3 is not even }} {{ x is not defined }}")
case("tests misc", "{{ true is boolean }} {{ 1 is boolean }} {{ false is false }} {{ true is true }} {{ range is callable }} {{ 'upper' is filter }} {{ 'odd' is test }} {{ 'nope' is filter }}")
case("escaped test", "{{ 'x'|safe is escaped }} {{ 'x' is escaped }}")
# --- if / for
case("if elif else", "{% for n in [1,2,3] %}{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %} {% endfor %}")
case("for loop vars", "{% for x in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}")
case("for else", "{% for x in [] %}{{ x }}{% else %}nothing{% endfor %}")
case("for filter", "{% for x in range(10) if x is odd %}{{ x }}:{{ loop.index }}/{{ loop.length }} {% endfor %}")
case("for unpack", "{% for a, b in [(1, 2), (3, 4)] %}{{ a }}{{ b }} {% endfor %}")
case("for dict items", "{% for k, v in d.items() %}{{ k }}={{ v }} {% endfor %}", {"d": {"z": 1, "a": 2, "m": 3}})
case("for over dict keys", "{% for k in d %}{{ k }} {% endfor %}", {"d": {"z": 1, "a": 2}})
case("loop cycle", "{% for x in range(5) %}{{ loop.cycle('odd', 'even') }} {% endfor %}")
case("loop prev next", "{% for x in [1,2,3] %}[{{ loop.previtem }}|{{ x }}|{{ loop.nextitem }}]{% endfor %}")
case("loop changed", "{% for x in [1,1,2,2,3] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}")
case("nested loops", "{% for a in [1,2] %}{% for b in 'xy' %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{{ loop.index }};{% endfor %}")
case("outer loop via set", "{% for a in [1,2] %}{% set outer = loop %}{% for b in [1] %}{{ outer.index }}{{ loop.index }} {% endfor %}{% endfor %}")
case("loop depth recursive", "{% for item in tree recursive %}<{{ item.name }}:{{ loop.depth }}{% if item.children %}{{ loop(item.children) }}{% endif %}>{% endfor %}", {"tree": [{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}, {"name": "d"}]})
case("set in loop does not leak", "{% set x = 1 %}{% for i in [1,2] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}")
case("namespace", "{% set ns = namespace(total=0) %}{% for i in [1,2,3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}")
case("empty loop loop undefined", "{% for x in [] %}{% endfor %}[{{ loop }}]")
case("for over string unicode", "{% for c in 'héllo' %}{{ c }}.{% endfor %}")
# --- set / with
case("set", "{% set a = 1 %}{% set b, c = 2, 3 %}{{ a }}{{ b }}{{ c }}")
case("set block", "{% set html %}<b>{{ x }}</b>{% endset %}{{ html }}|{{ html|length }}", {"x": "<i>"})
case("set block filtered", "{% set s | upper %}hello {{ x }}{% endset %}{{ s }}", {"x": "you"})
case("with block", "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]")
case("with scoping", "{% set x = 'out' %}{% with x = 'in' %}{{ x }}{% endwith %}{{ x }}")
case("filter block", "{% filter upper %}hello {{ name }}{% endfilter %}", {"name": "bo"})
case("filter block chain", "{% filter trim|title %}   hello world   {% endfilter %}")
# --- macros
case("macro basic", "{% macro hello(name) %}Hello {{ name }}!{% endmacro %}{{ hello('Ana') }}")
case("macro defaults", "{% macro input(name, value='', type='text') %}<input type=\"{{ type }}\" name=\"{{ name }}\" value=\"{{ value|e }}\">{% endmacro %}{{ input('user') }}{{ input('pw', type='password', value='<x>') }}")
case("macro escaping output not double escaped", "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}{{ b('<i>') }}")
case("macro varargs kwargs", "{% macro m(a) %}{{ a }}|{{ varargs }}|{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}")
case("macro too many args", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}")
case("macro missing arg undefined", "{% macro m(a, b) %}[{{ a }}][{{ b }}]{% endmacro %}{{ m(1) }}")
case("macro default refers earlier", "{% macro m(a, b=a * 2) %}{{ a }},{{ b }}{% endmacro %}{{ m(3) }}")
case("call block", "{% macro wrap(cls) %}<div class=\"{{ cls }}\">{{ caller() }}</div>{% endmacro %}{% call wrap('box') %}inside {{ 1 + 1 }}{% endcall %}")
case("call block with args", "{% macro list(items) %}<ul>{% for i in items %}<li>{{ caller(i) }}</li>{% endfor %}</ul>{% endmacro %}{% call(item) list(['a', 'b']) %}[{{ item|upper }}]{% endcall %}")
case("macro recursion", "{% macro count(n) %}{{ n }}{% if n > 0 %},{{ count(n - 1) }}{% endif %}{% endmacro %}{{ count(5) }}")
case("macro sees globals", "{% set g = 'G' %}{% macro m() %}{{ g }}{{ ctx }}{% endmacro %}{{ m() }}", {"ctx": "C"})
case("macro in non-autoescape", "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}{{ b('<i>') }}", file="m.txt")
# --- inheritance & include
BASE = "<html><title>{% block title %}Default{% endblock %}</title>{% block body %}{% endblock %}<footer>{% block footer %}(c) {{ year }}{% endblock %}</footer></html>"
case("extends basic", "{% extends 'base.html' %}{% block title %}Child{% endblock %}{% block body %}<p>{{ msg }}</p>{% endblock %}", {"msg": "<hi>", "year": 2024}, file="child.html", templates={"base.html": BASE})
case("extends super", "{% extends 'base.html' %}{% block footer %}{{ super() }} + more{% endblock %}", {"year": 1}, file="child.html", templates={"base.html": BASE})
case("extends multi level", "{% extends 'mid.html' %}{% block title %}Leaf/{{ super() }}{% endblock %}", {"year": 2}, file="leaf.html", templates={"base.html": BASE, "mid.html": "{% extends 'base.html' %}{% block title %}Mid/{{ super() }}{% endblock %}{% block body %}mid body{% endblock %}"})
case("extends content outside blocks ignored", "{% extends 'base.html' %}ignored text{% set year = 99 %}{% block body %}b{% endblock %}", file="child.html", templates={"base.html": BASE})
case("extends self block", "{% extends 'b2.html' %}{% block t %}T{% endblock %}", file="c.html", templates={"b2.html": "{% block t %}{% endblock %}|{{ self.t() }}"})
case("block in loop not scoped", "{% for i in [1,2] %}{% block b %}[{{ i }}]{% endblock %}{% endfor %}")
case("block scoped", "{% for i in [1,2] %}{% block b scoped %}[{{ i }}]{% endblock %}{% endfor %}")
case("extends variable name", "{% extends layout %}{% block body %}x{% endblock %}", {"layout": "base.html", "year": 3}, file="child.html", templates={"base.html": BASE})
case("include", "<main>{% include 'part.html' %}</main>", {"name": "<Ana>"}, file="page.html", templates={"part.html": "Hi {{ name }}"})
case("include loop context", "{% for user in ['a', 'b'] %}{% include 'row.html' %}{% endfor %}", file="page.html", templates={"row.html": "<li>{{ user }}{{ loop.index }}</li>"})
case("include sees loop the body uses", "{% for x in ['a', 'b'] %}{{ loop.index0 }}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop.index }}]"})
case("include sees loop used in a nested loop", "{% for x in ['a', 'b'] %}{% for y in [1] %}{{ loop.index }}{% endfor %}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop.index }}]"})
case("include in inner loop sees outer loop", "{% for x in ['a', 'b'] %}{{ loop.index }}{% for y in [1] %}{% include 'p.html' %}{% endfor %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop.index }}]"})
case("include in call block sees loop", "{% macro m() %}{{ caller() }}{% endmacro %}{% for x in ['a', 'b'] %}{% call m() %}{{ loop.index }}{% include 'p.html' %}{% endcall %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop.index }}]"})
case("include sees loop after set", "{% for x in ['a', 'b'] %}{% set z = loop.index %}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ z }} {{ loop.index }}]"})
case("include sees recursive loop", "{% for x in ['a', 'b'] recursive %}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop.index }}]"})
case("include sees loop tested by is defined", "{% for x in ['a', 'b'] %}{% if loop is defined %}{% endif %}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ loop.index }}]"})
case("include in with sees loop", "{% for x in ['a', 'b'] %}{% with %}{{ loop.index }}{% include 'p.html' %}{% endwith %}{% endfor %}", file="page.html", templates={"p.html": "[{{ loop.index }}]"})
case("include does not see an unused loop", "{% for x in ['a', 'b'] %}{% include 'p.html' %}{% endfor %}", file="page.html", templates={"p.html": "[{{ x }} {{ loop is defined }}]"})
case("scoped block in loop sees loop", "{% for x in ['a', 'b'] %}{% block b scoped %}{{ loop.index }}{% endblock %}{% endfor %}", file="page.html")
case("include without context", "{% set x = 1 %}{% include 'p.html' without context %}", file="page.html", templates={"p.html": "[{{ x }}]"})
case("include ignore missing", "a{% include 'nope.html' ignore missing %}b", file="page.html")
case("include missing", "a{% include 'nope.html' %}b", file="page.html")
case("include list", "{% include ['nope.html', 'yes.html'] %}", file="page.html", templates={"yes.html": "found"})
case("include set not leaking", "{% include 'p.html' %}[{{ y }}]", file="page.html", templates={"p.html": "{% set y = 5 %}{{ y }}"})
case("import macros", "{% import 'forms.html' as forms %}{{ forms.field('q') }}", file="page.html", templates={"forms.html": "{% macro field(n) %}<input name=\"{{ n }}\">{% endmacro %}"})
case("from import", "{% from 'forms.html' import field, label as lbl %}{{ field('a') }}{{ lbl('b') }}", file="page.html", templates={"forms.html": "{% macro field(n) %}<input name=\"{{ n }}\">{% endmacro %}{% macro label(t) %}<label>{{ t }}</label>{% endmacro %}"})
case("template not found", "x", file="page.html", templates={}) if False else None
case("extends missing", "{% extends 'nope.html' %}", file="page.html")
# --- escaping
case("autoescape string template", "{{ s }}", {"s": "<script>alert('x') & \"y\"</script>"})
case("autoescape html file", "{{ s }}", {"s": "<b>&</b>"}, file="a.html")
case("no autoescape txt file", "{{ s }}", {"s": "<b>&</b>"}, file="a.txt")
case("safe filter", "{{ s|safe }} {{ s }}", {"s": "<b>"})
case("escape filter idempotent", "{{ s|e|e }} {{ s|e }}", {"s": "<&>"}, file="a.txt")
case("escape in txt", "{{ '<'|e }}{{ '<'|escape }}", file="a.txt")
case("forceescape", "{{ '<b>'|safe|forceescape }}")
case("autoescape block", "{% autoescape false %}{{ s }}{% endautoescape %}{{ s }}", {"s": "<i>"})
case("markup plus string", "{{ '<b>'|safe + '<i>' }}")
case("escape numbers and none", "{{ 1 }}{{ none }}{{ [\"<\"] }}")
# --- filters
case("default", "{{ missing|default('d') }} {{ ''|default('e') }} {{ ''|default('e', true) }} {{ none|d('n') }} {{ 0|d('z', boolean=true) }}")
case("length count", "{{ 'héllo'|length }} {{ [1,2]|count }} {{ {'a':1}|length }} {{ missing|length }}")
case("case filters", "{{ 'hello WORLD'|upper }} {{ 'HeLLo'|lower }} {{ 'hello world-foo (bar)'|title }} {{ 'hELLO there'|capitalize }}")
case("title edge", "{{ \"it's o'neil mc-donald [x]y <a>b\"|title }}")
case("trim", "[{{ '  a b  '|trim }}] [{{ 'xxaxx'|trim('x') }}]")
case("striptags", "{{ '<p>Hello <b>World</b>!</p>  <!-- c -->  x &amp; y'|striptags }}")
case("join", "{{ [1, 2, 3]|join }} {{ [1, 2, 3]|join(', ') }} {{ users|join(', ', attribute='name') }}", {"users": [{"name": "a"}, {"name": "b"}]})
case("join escaping", "{{ ['<a>', '<b>']|join('&') }} {{ ['<a>'|safe, '<b>']|join('&') }}")
case("replace", "{{ 'Hello World'|replace('Hello', 'Goodbye') }} {{ 'aaa'|replace('a', 'b', 2) }}")
case("replace markup", "{{ s|replace('&', '<and>') }}", {"s": "a & b"})
case("truncate leeway", "{{ 'foo bar baz qux'|truncate(9) }}|{{ 'foo bar baz qux'|truncate(9, true) }}|{{ 'foo bar baz qux'|truncate(11, false, '...', 0) }}|{{ 'hello world'|truncate(10) }}|{{ 'hello world!'|truncate(5) }}")
case("truncate short", "{{ 'short'|truncate(3, true, '', 0) }} {{ 'x' * 300|truncate }}")
case("truncate long text", "{{ text|truncate(30) }}", {"text": "Lorem ipsum dolor sit amet, consectetur adipiscing elit"})
case("wordcount", "{{ 'Hello world, this is  a test'|wordcount }} {{ 'héllo wörld_x 42'|wordcount }}")
case("first last", "{{ [1,2,3]|first }} {{ [1,2,3]|last }} {{ 'abc'|first }} [{{ []|first }}]")
case("sort", "{{ [3, 1, 2]|sort }} {{ [3, 1, 2]|sort(reverse=true) }} {{ ['b', 'A', 'c']|sort }} {{ ['b', 'A', 'c']|sort(case_sensitive=true) }}")
case("sort attribute", "{{ users|sort(attribute='age')|map(attribute='name')|join(',') }} {{ users|sort(attribute='age,name')|map(attribute='name')|join(',') }}", {"users": [{"name": "c", "age": 3}, {"name": "a", "age": 1}, {"name": "b", "age": 1}]})
case("reverse", "{{ [1,2,3]|reverse|list }} {{ 'abc'|reverse }}")
case("unique", "{{ [1, 2, 1, 3]|unique|list }} {{ ['a', 'A', 'b']|unique|list }} {{ ['a', 'A']|unique(case_sensitive=true)|list }}")
case("list filter", "{{ 'abc'|list }} {{ {'a': 1}|list }} {{ (1, 2)|list }}")
case("int filter", "{{ '42'|int }} {{ '3.9'|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ 4.7|int }} {{ '0x1A'|int(0, 16) }} {{ ' 12 '|int }} {{ true|int }}")
case("float filter", "{{ '3.5'|float }} {{ 'x'|float }} {{ 2|float }} {{ '1e3'|float }}")
case("round", "{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 2.1|round(0, 'ceil') }} {{ 2.9|round(method='floor') }} {{ 3|round }} {{ 1234.5|round(-2) }} {{ 42.55|round(1) }}")
case("abs sum min max", "{{ -3|abs }} {{ -2.5|abs }} {{ [1,2,3]|sum }} {{ items|sum(attribute='v') }} {{ [3,1,2]|min }} {{ [3,1,2]|max }} {{ ['b','A','c']|max }} {{ items|max(attribute='v') }}", {"items": [{"v": 1}, {"v": 5}]})
case("sum start", "{{ [1,2]|sum(start=10) }} {{ [0.5, 0.25]|sum }}")
case("tojson", "<script>var d = {{ data|tojson }};</script>", {"data": {"b": [1, 2.5, None, True], "a": "<tag> & 'q' é \"x\""}})
case("tojson indent", "{{ {'b': 1, 'a': [1, 2], 'c': {}}|tojson(2) }}")
case("tojson scalars", "{{ 'x'|tojson }} {{ 1|tojson }} {{ none|tojson }} {{ [1.0, 1e20]|tojson }}")
case("urlencode", "{{ 'a b/c?d=é'|urlencode }} {{ {'q': 'a b', 'x': '&'}|urlencode }} {{ [('a', 1), ('b', 'c d')]|urlencode }}")
case("indent", "{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb'|indent(2, true) }}|{{ 'a\n\nb'|indent(2, blank=true) }}|{{ 'a\nb'|indent('> ') }}")
case("center", "[{{ 'abc'|center(9) }}][{{ 'ab'|center(9) }}][{{ 'abc'|center(2) }}]")
case("format filter", "{{ '%s - %d'|format('a', 3) }} {{ '%05.2f'|format(3.14159) }} {{ '%-5s|'|format('ab') }} {{ '%x %o %e'|format(255, 8, 12345.678) }} {{ '%(a)s=%(b)r'|format(a=1, b='x') }}")
case("percent operator", "{{ '%s and %s' % ('a', 'b') }} {{ '%d%%' % 50 }} {{ '%.1f' % 2.25 }} {{ '%5.1f|' % 3.14159 }}")
case("batch", "{% for row in [1,2,3,4,5]|batch(2) %}{{ row }}{% endfor %} {% for row in [1,2,3]|batch(2, 'x') %}{{ row }}{% endfor %}")
case("slice", "{% for col in [1,2,3,4,5]|slice(3) %}{{ col }}{% endfor %} {% for col in [1,2,3,4]|slice(3, 0) %}{{ col }}{% endfor %}")
case("groupby", "{% for g in people|groupby('city') %}{{ g.grouper }}: {{ g.list|map(attribute='name')|join(',') }}; {% endfor %}", {"people": [{"name": "a", "city": "Paris"}, {"name": "b", "city": "Lyon"}, {"name": "c", "city": "Paris"}]})
case("groupby unpack", "{% for city, items in people|groupby('city') %}{{ city }}={{ items|length }} {% endfor %}", {"people": [{"name": "a", "city": "x"}, {"name": "b", "city": "y"}, {"name": "c", "city": "x"}]})
case("groupby case", "{% for g in rows|groupby('k') %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}", {"rows": [{"k": "a"}, {"k": "A"}, {"k": "b"}]})
case("map", "{{ ['a', 'b']|map('upper')|join }} {{ users|map(attribute='name')|list }} {{ users|map(attribute='x', default='-')|list }} {{ [1.5, 2.5]|map('round')|list }} {{ ['1', '2']|map('int')|sum }}", {"users": [{"name": "a"}, {"name": "b"}]})
case("select reject", "{{ range(10)|select('odd')|list }} {{ range(10)|reject('odd')|list }} {{ [0, 1, '', 'a', none]|select|list }} {{ range(10)|select('divisibleby', 3)|list }} {{ [1,5,10]|select('gt', 4)|list }}")
case("selectattr rejectattr", "{{ users|selectattr('active')|map(attribute='name')|join }} {{ users|rejectattr('active')|map(attribute='name')|join }} {{ users|selectattr('age', 'gt', 20)|map(attribute='name')|join }} {{ users|selectattr('name', 'equalto', 'b')|list|length }}", {"users": [{"name": "a", "active": True, "age": 30}, {"name": "b", "active": False, "age": 10}]})
case("dictsort", "{{ d|dictsort }} {{ d|dictsort(by='value') }} {{ d|dictsort(reverse=true) }} {{ {'b': 1, 'A': 2}|dictsort }} {{ {'b': 1, 'A': 2}|dictsort(true) }}", {"d": {"b": 2, "a": 3, "c": 1}})
case("items filter", "{% for k, v in d|items %}{{ k }}{{ v }}{% endfor %} {{ missing|items|list }}", {"d": {"x": 1, "y": 2}})
case("string filter", "{{ 1|string ~ 2 }} {{ [1]|string }} {{ none|string }}")
case("attr filter", "{{ d|attr('a') }}|{{ d|attr('items') is callable }}", {"d": {"a": 1}})
case("xmlattr", "<div{{ {'class': 'a b', 'id': 'x<', 'hidden': none, 'data-n': 3}|xmlattr }}></div>")
case("wordwrap", "{{ 'the quick brown fox jumps over the lazy dog'|wordwrap(12) }}")
case("filesizeformat", "{{ 1|filesizeformat }} {{ 100|filesizeformat }} {{ 1000|filesizeformat }} {{ 1500000|filesizeformat }} {{ 2048|filesizeformat(true) }}")
case("filter chain", "{{ '  Hello World  '|trim|lower|replace('world', 'there')|title }}")
case("filter on expression", "{{ (1 + 2)|string ~ 'x' }} {{ [3, 1]|sort|first }}")
case("unknown filter", "{{ 1|nope }}")
# --- errors
case("syntax error unclosed", "{% if x %}open")
case("syntax error unknown tag", "{% frobnicate %}")
case("syntax error bad expr", "{{ 1 + }}")
case("syntax error unclosed var", "{{ x ")
case("syntax error endfor mismatch", "{% for x in y %}{% endif %}")
case("zero division", "{{ 1 / 0 }}")
case("type error add", "{{ 1 + 'a' }}")
case("not iterable", "{% for x in 5 %}{% endfor %}")
case("unpack error", "{% for a, b in [1] %}{% endfor %}")
# --- unicode and misc
case("unicode text", "Ünïcödé → {{ s }} ✓ {{ s|upper }} {{ s|length }}", {"s": "héllo wörld 😀"})
case("unicode slice and reverse", "{{ s[1:4] }} {{ s|reverse }}", {"s": "añb😀c"})
case("emoji length", "{{ '😀👍'|length }} {{ 'e\u0301'|length }}")
case("context types", "{{ i }} {{ f }} {{ b }} {{ n }} {{ l }} {{ d }}", {"i": 3, "f": 2.5, "b": True, "n": None, "l": [1, "a"], "d": {"k": [1, {"x": None}]}})
case("float printing", "{{ 1/3 }} {{ 2/3 }} {{ 1e16 }} {{ 1e15 }} {{ 123456789.123 }} {{ 0.0001 }} {{ 0.00001 }} {{ -0.0 }} {{ 1e308 * 10 }}")
case("big ints", "{{ 2 ** 62 }} {{ 9007199254740993 }}")
case("cycler joiner", "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }} {% set j = joiner('|') %}{% for x in [1,2,3] %}{{ j() }}{{ x }}{% endfor %}")
case("nested data table", "<table>{% for row in rows %}<tr class=\"{{ loop.cycle('odd', 'even') }}\">{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>", {"rows": [[1, "<a>"], [2, "b&c"]]})
case("whitespace heavy page", "<ul>\n{% for item in items %}\n    <li>{{ item }}</li>\n{% endfor %}\n</ul>\n", {"items": ["a", "b"]})
case("whitespace page trimmed", "<ul>\n{% for item in items -%}\n    <li>{{ item }}</li>\n{% endfor -%}\n</ul>\n", {"items": ["a", "b"]})
case("set multiple targets paren", "{% set (a, b), c = (1, 2), 3 %}{{ a }}{{ b }}{{ c }}")
case("loop over tuple list unpack in filter", "{% for k, v in pairs if v > 1 %}{{ k }}{% endfor %}", {"pairs": [["a", 1], ["b", 2], ["c", 3]]})
case("if with tests and filters", "{% if items|length > 2 and items is not none %}many{% endif %}", {"items": [1, 2, 3]})
case("dict literal trailing comma", "{{ {'a': 1,}['a'] }} {{ [1, 2,]|length }}")
case("string escapes", "{{ 'a\\nb' }}|{{ 'tab\\tx' }}|{{ '\\u00e9' }}")
case("in with markup", "{{ 'b' in ('<b>'|safe) }}")
case("items of nested dict repr", "{{ {'a': [1, (2, 3)], 'b': {'c': none}} }}")
case("super undefined", "{% block a %}x{{ super() }}{% endblock %}")
case("macro caller not given", "{% macro m() %}[{{ caller is defined }}]{% endmacro %}{{ m() }}")
case("block required", "{% block a required %}{% endblock %}", file="r.html")
case("negative index", "{{ [1,2,3][-1] }} {{ 'abc'[-2] }}")
case("div by float zero", "{{ 1.0 // 0 }}")
case("modulo float", "{{ 7.5 % 2 }} {{ -7.5 % 2 }}")
case("comparison types error", "{{ 1 < 'a' }}")
case("attribute of none", "[{{ none.x }}]")
case("autoescape off with markup concat", "{{ '<b>'|safe ~ '<i>' }}", file="t.txt")
case("loop length with filter empty", "{% for x in [1,2] if x > 5 %}{{ x }}{% else %}none{% endfor %}")
case("lower upper on markup", "{{ ('<B>'|safe)|lower }}")
case("join dict keys", "{{ {'a':1,'b':2}|join('-') }}")
case("nested macros import with context", "{% set who = 'W' %}{% import 'm.html' as m with context %}{{ m.f() }}", file="p.html", templates={"m.html": "{% macro f() %}{{ who }}{% endmacro %}"})
case("include with markup from context", "{% include 'p.html' %}", {"x": "<b>"}, file="page.txt", templates={"p.html": "{{ x }}"})
case("empty template", "")
case("only whitespace control", "  {%- if true -%}  x  {%- endif -%}  ")


# ---- second batch: edge cases
C2 = []
def case2(*a, **k):
    case(*a, **k)
case2("percent formatting more", "{{ 'Hello %s, you are %d' % ('Ana', 30) }}|{{ '%-10s|' % 'x' }}|{{ '%+d' % 5 }}|{{ '%.3s' % 'abcdef' }}|{{ '%5.1f%%' % 99.55 }}|{{ '%c' % 65 }}|{{ '%s' % none }}|{{ '%s' % [1, 2] }}|{{ '%r' % 'x' }}|{{ '%i' % 3.9 }}")
case2("percent errors", "{{ '%d' % 'x' }}")
case2("percent too many", "{{ '%s' % (1, 2) }}")
case2("str format specs", "{{ '{:^9}'.format('x') }}|{{ '{:*<6}'.format(1) }}|{{ '{0:.1%}'.format(0.256) }}|{{ '{:e}'.format(1234.5) }}|{{ '{!r}'.format('x') }}|{{ '{:x}'.format(255) }}|{{ '{:08.3f}'.format(-3.14159) }}|{{ '{:+}'.format(3) }}|{{ '{}'.format(1.5) }}|{{ '{{}}{}'.format(2) }}")
case2("float printing more", "{{ 1.1 * 3 }} {{ 100.0 }} {{ 10 / 3 }} {{ 1e16 + 1 }} {{ 2 ** 0.5 }} {{ 1 / 7 }} {{ 123456789012345.678 }} {{ 5e-324 }} {{ 1.7976931348623157e308 }}")
case2("rounding more", "{{ -0.5|round }} {{ 0.5|round }} {{ 1.5|round }} {{ 2.345|round(2) }} {{ -2.5|round(0, 'floor') }} {{ 1.0|round(3) }} {{ 7|round(1, 'ceil') }}")
case2("int division more", "{{ 5 // 2.0 }} {{ -5 // 2.0 }} {{ 7 % -3 }} {{ -7 % -3 }} {{ 7.0 % 3 }} {{ 2 ** -2 }} {{ 0 ** 0 }} {{ 10 ** 18 }}")
case2("bool arithmetic", "{{ true + 1 }} {{ true ~ '' }} {{ none ~ '' }} {{ false * 3 }} {{ true / 2 }}")
case2("undefined through filters", "[{{ missing|upper }}][{{ missing|length }}][{{ missing|join }}][{{ missing|first }}][{{ missing|list }}][{{ missing|int }}][{{ missing|e }}][{{ missing|trim }}][{{ missing|title }}][{{ missing|sort }}][{{ missing|string }}][{{ missing|wordcount }}][{{ missing|safe }}][{{ missing|items|list }}]")
case2("undefined tojson error", "{{ missing|tojson }}")
case2("undefined abs error", "{{ missing|abs }}")
case2("undefined logic", "{{ not missing }} {{ missing or 'fallback' }} {{ 'yes' if missing is undefined }} {{ missing is defined and missing }}")
case2("undefined in compare", "{{ missing == 1 }} {{ missing != 1 }} {{ 1 in [missing] }}")
case2("undefined less than error", "{{ missing < 1 }}")
case2("if does not scope", "{% if true %}{% set x = 1 %}{% endif %}{{ x }}")
case2("with does scope set", "{% with %}{% set y = 2 %}{{ y }}{% endwith %}[{{ y }}]")
case2("macro late binding", "{% macro m() %}{{ v }}{% endmacro %}{% set v = 3 %}{{ m() }}")
case2("loop var shadowing", "{% for x in [1] %}{% for x in [2] %}{{ x }}{% endfor %}{{ x }}{% endfor %}")
case2("sort does not mutate", "{% set items = [3, 1, 2] %}{{ items|sort }}{{ items }}")
case2("split variants", "{{ 'a,b,,c'.split(',') }} {{ 'a b c'.split(' ', 1) }} {{ '  a  b '.split(None, 1) }} {{ ''.split() }} {{ ''.split(',') }} {{ 'x'.join(['a', 'b']) }}")
case2("string methods more", "{{ 'Hello'.count('l') }} {{ 'hello'.find('l') }} {{ 'hello'.find('z') }} {{ 'a-b c'.title() }} {{ \"they're bill's 3rd\".title() }} {{ 'xxhixx'.strip('x') }} {{ '  x '.lstrip() }}| {{ '  x '.rstrip() }}| {{ '42'.isdigit() }} {{ 'ab'.isalpha() }} {{ '5'.zfill(3) }} {{ 'ab'.center(6, '*') }} {{ 'ab'.ljust(4, '.') }}|{{ 'ab'.rjust(4) }}")
case2("case unicode", "{{ 'straße'|upper }} {{ 'ÉCOLE'|lower }} {{ 'élan vital'|title }} {{ 'élan'|capitalize }}")
case2("striptags more", "{{ 'a<br/>b &lt;tag&gt; &#39;q&#39;\n\n<p>c</p>'|striptags }}")
case2("urlencode more", "{{ 'a+b&c=d/é~_.-'|urlencode }} {{ {'k': 'v/w'}|urlencode }} {{ 42|urlencode }}")
case2("indent markup", "{% set m %}<b>\n</b>{% endset %}{{ m|indent(2) }}")
case2("map dotted attribute", "{{ users|map(attribute='address.city')|join(',') }} {{ users|map(attribute='tags.0')|join(',') }}", {"users": [{"address": {"city": "Oslo"}, "tags": ["x"]}, {"address": {"city": "Rome"}, "tags": ["y"]}]})
case2("sort attribute reverse", "{{ users|sort(attribute='name', reverse=true)|map(attribute='name')|join }}", {"users": [{"name": "b"}, {"name": "c"}, {"name": "a"}]})
case2("sort mixed types error", "{{ [1, 'a']|sort }}")
case2("dictsort value reverse", "{{ {'b': 1, 'a': 2}|dictsort(by='value', reverse=true) }}")
case2("map filters with args", "{{ [[1, 2], [3, 4]]|map('sum')|list }} {{ ['a', 'b']|map('replace', 'a', 'z')|join }} {{ [1.26, 2.71]|map('round', 1)|list }}")
case2("slice and batch join", "{{ ['a', 'b', 'c']|slice(2)|list }} {{ range(7)|batch(3, '-')|map('join')|join('|') }}")
case2("max min strings empty", "{{ 'abc'|max }} [{{ []|max }}] {{ ['b', 'A']|min }} {{ ['b', 'A']|min(case_sensitive=true) }}")
case2("select tests", "{{ [none, 1]|select('none')|list }} {{ ['A', 'b']|select('upper')|list }} {{ [1, 2]|map('string')|join('+') }} {{ [1, 2, 3]|reject('in', [2])|list }}")
case2("default chain", "{{ x|default(y)|default('z') }} {{ x|default(none) }} {{ ''|default('a')|default('b') }}")
case2("child set visible in blocks", "{% extends 'b.html' %}{% set x = 'X' %}{% block b %}{{ x }}{% endblock %}", file="c.html", templates={"b.html": "[{% block b %}{% endblock %}][{{ x }}]"})
case2("nested blocks override inner", "{% extends 'b.html' %}{% block inner %}new{% endblock %}", file="c.html", templates={"b.html": "{% block outer %}<o>{% block inner %}old{% endblock %}</o>{% endblock %}"})
case2("super through nested blocks", "{% extends 'b.html' %}{% block outer %}[{{ super() }}]{% endblock %}{% block inner %}I{{ super() }}{% endblock %}", file="c.html", templates={"b.html": "{% block outer %}<o>{% block inner %}old{% endblock %}</o>{% endblock %}"})
case2("include in child block", "{% extends 'b.html' %}{% block b %}{% include 'i.html' %}{% endblock %}", {"v": "<v>"}, file="c.html", templates={"b.html": "<{% block b %}{% endblock %}>", "i.html": "inc {{ v }}"})
case2("include with context explicit", "{% set a = 1 %}{% include 'i.html' with context %}", file="c.html", templates={"i.html": "{{ a }}"})
case2("call block outer variable", "{% set v = 'V' %}{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}{{ v }}{% endcall %}")
case2("caller with two args", "{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(a, b) m() %}{{ a + b }}{% endcall %}")
case2("recursive loop index depth0", "{% for n in tree recursive %}{{ loop.depth0 }}.{{ loop.index }}{% if n.c %}[{{ loop(n.c) }}]{% endif %} {% endfor %}", {"tree": [{"c": [{"c": []}, {}]}, {}]})
case2("loop first and or", "{% for x in 'abc' %}{{ loop.first and 'F' or '-' }}{% if loop.last %}L{% endif %}{% endfor %}")
case2("for dictsort tuples", "{% for item in {'b': 1, 'a': 2}|dictsort %}{{ item }}{% endfor %}")
case2("set unpack string", "{% set a, b = 'xy' %}{{ b }}{{ a }}")
case2("ws mixed", "{% for x in [1, 2] -%}\n  {{ x }}\n{%- endfor %}|{{- ' a ' -}}|\n{#- c #}\nb")
case2("markup concat safe", "{{ ('<b>' ~ x)|safe }} {% set s = '<b>'|safe %}{{ s ~ '<i>' }} {{ s|length }}", {"x": "<i>"})
case2("escape macro output", "{% macro m() %}<b>{% endmacro %}{{ m()|e }} {{ m()|string }} {{ m()|upper }}")
case2("repetition empty", "[{{ 'a' * 0 }}][{{ [] * 3 }}][{{ 'ab' * -1 }}]")
case2("equality containers", "{{ (1, 2) == (1, 2) }} {{ [1] == (1,) }} {{ {'a': 1} == {'a': 1} }} {{ 1 in {'1': 2} }} {{ none in [none] }} {{ 'ab' < 'abc' }} {{ 'é' > 'z' }}")
case2("extends twice error", "{% extends 'b.html' %}{% extends 'b.html' %}", file="c.html", templates={"b.html": "x"})
case2("macro bad kwarg", "{% macro m() %}{% endmacro %}{{ m(x=1) }}")
case2("macro multiple values", "{% macro m(a) %}{% endmacro %}{{ m(1, a=2) }}")
case2("call non callable", "{{ x() }}", {"x": 1})
case2("range zero step", "{{ range(1, 2, 0) }}")
case2("join int separator", "{{ [1, 2]|join(1) }}")
case2("syntax stray endblock", "{% endblock %}")
case2("syntax empty output", "{{ }}")
case2("syntax double else", "{% if x %}{% else %}{% else %}{% endif %}")
case2("syntax block no name", "{% block %}{% endblock %}")
case2("syntax trailing pipe", "{{ x | }}")
case2("syntax unterminated string", "{{ 'a }}")
case2("syntax default before required", "{% macro m(a=1, b) %}{% endmacro %}")
case2("syntax for missing in", "{% for x y %}{% endfor %}")
case2("filter named with args spaces", "{{ 'abc' | replace ( 'b' , 'x' ) | upper }}")
case2("list of dicts repr", "{{ [{'a': none}, {'b': [true, 1.5]}] }}")
case2("tojson nested list", "{{ [1, [2, 'x'], {'k': none}]|tojson }} {{ 'a\"b'|tojson }}", file="t.txt")
case2("tojson unicode and control", "{{ 'é😀\\n\\t\\x01'|tojson }}")
case2("items then dictsort", "{{ {'b': 2, 'a': 1}|items|list }}")
case2("namespace repr and attr", "{% set ns = namespace(a=1) %}{% set ns.b = 2 %}{{ ns.a }}{{ ns.b }}")
case2("namespace in loop found flag", "{% set ns = namespace(found=false) %}{% for x in [1, 2, 3] %}{% if x == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}")
case2("loop cycle with variables", "{% set a, b = 'x', 'y' %}{% for i in range(3) %}{{ loop.cycle(a, b) }}{% endfor %}")
case2("nested dict update order", "{% set d = {'z': 1, 'a': 2, 'm': 3} %}{% for k in d %}{{ k }}{% endfor %} {{ d|list }} {{ d.keys()|first }}")
case2("context dict order", "{% for k, v in data.items() %}{{ k }}{% endfor %}", {"data": {"zeta": 1, "alpha": 2, "mid": 3}})
case2("long text loop", "{% for p in paragraphs %}<p>{{ p|truncate(20) }}</p>{% endfor %}", {"paragraphs": ["short", "a much longer paragraph of text that goes on", "exactly twenty chars", "twenty-five characters!!"]})
case2("truncate edge leeway", "{{ 'abcdefghijklmnopqrstuvwxyz'|truncate(20) }}|{{ 'abcdefghijklmnopqrstuvwxy'|truncate(20) }}|{{ 'abcdefghijklmnopqrstuvwxyz'|truncate(20, leeway=10) }}|{{ 'aaa bbb ccc ddd eee fff'|truncate(10, end='…') }}")
case2("truncate assertion", "{{ 'abcdefgh'|truncate(2) }}")
case2("center wordwrap long", "{{ 'aaaaaaaaaaaaaaa bb'|wordwrap(5) }}")
case2("filesizeformat big", "{{ 1000000000|filesizeformat }} {{ 1073741824|filesizeformat(true) }} {{ 999|filesizeformat }}")
case2("xmlattr no autospace", "<a{{ {'href': '/x?a=1&b=2'}|xmlattr(false) }}>")
case2("test with attribute", "{{ user.age is number }} {{ user.name is string }}", {"user": {"age": 3, "name": "x"}})
case2("lipsum deterministic", "{{ 1 if lipsum is defined else 0 }}")
case2("attr on undefined", "{{ missing|attr('x') }}")
case2("deep inheritance four levels", "{% extends 'c.html' %}{% block b %}D{{ super() }}{% endblock %}", file="d.html", templates={"a.html": "<{% block b %}A{% endblock %}>", "b.html": "{% extends 'a.html' %}{% block b %}B{{ super() }}{% endblock %}", "c.html": "{% extends 'b.html' %}{% block b %}C{{ super() }}{% endblock %}"})
case2("include inside loop variables", "{% for u in users %}{% include 'u.html' %}{% endfor %}", {"users": [{"n": "a"}, {"n": "<b>"}]}, file="p.html", templates={"u.html": "[{{ u.n }}]"})
case2("import module attribute missing", "{% import 'm.html' as m %}[{{ m.nope }}]", file="p.html", templates={"m.html": "{% macro f() %}{% endmacro %}"})
case2("import variable", "{% from 'm.html' import title %}{{ title }}", file="p.html", templates={"m.html": "{% set title = 'T' %}"})
case2("block inside if in child ignored", "{% extends 'b.html' %}{% if true %}junk{% endif %}{% block b %}x{% endblock %}", file="c.html", templates={"b.html": "<{% block b %}{% endblock %}>"})

case("undefined int float", "{{ missing|int }}")
case("undefined float", "{{ missing|float }}")


# ---- third batch: whitespace options and scoping corners
case("lstrip not at line start", "a  {% if true %}x{% endif %}", lstrip_blocks=True)
case("lstrip comment", "a\n    {# c #}\nb", lstrip_blocks=True)
case("lstrip variable untouched", "a\n    {{ 'v' }}\nb", lstrip_blocks=True, trim_blocks=True)
case("trim blocks comment", "a{# c #}\nb", trim_blocks=True)
case("trim blocks plus", "{% if true +%}\nx{% endif %}", trim_blocks=True)
case("trim blocks minus interplay", "{% for i in [1, 2] -%}\n  {{ i }}\n{% endfor %}", trim_blocks=True)
case("trim blocks raw", "{% raw %}\n{{ x }}{% endraw %}\ny", trim_blocks=True)
case("lstrip and trim full page", "<ul>\n  {% for i in [1, 2] %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n", lstrip_blocks=True, trim_blocks=True)
case("whitespace tabs", "a\t\t{%- if true -%}\t\tb\t{%- endif %}")
case("keep trailing crlf", "x\r\n", keep_trailing_newline=True)
case("loop cycle no args", "{% for i in [1] %}{{ loop.cycle() }}{% endfor %}")
case("recursive loop length", "{% for n in t recursive %}{{ loop.length }}{% if n.c %}({{ loop(n.c) }}){% endif %}{% endfor %}", {"t": [{"c": [{}, {}, {}]}, {}]})
case("caller in nested macro", "{% macro outer() %}<{{ caller() }}>{% endmacro %}{% macro inner() %}{% call outer() %}in{{ caller() }}{% endcall %}{% endmacro %}{% call inner() %}X{% endcall %}")
case("set block in macro", "{% macro m() %}{% set x %}<{{ 1 }}>{% endset %}{{ x }}{% endmacro %}{{ m() }}")
case("macro returns markup concat", "{% macro m() %}<b>{% endmacro %}{{ m() ~ '<i>' }}")
case("import context free", "{% set who = 'W' %}{% import 'm.html' as m %}[{{ m.f() }}]", file="p.html", templates={"m.html": "{% macro f() %}{{ who }}{% endmacro %}"})
case("include nested include", "{% include 'a.html' %}", {"v": 1}, file="p.html", templates={"a.html": "a{% include 'b.html' %}", "b.html": "b{{ v }}"})
case("block uses macro from child", "{% extends 'b.html' %}{% macro m() %}M{% endmacro %}{% block x %}{{ m() }}{% endblock %}", file="c.html", templates={"b.html": "[{% block x %}{% endblock %}]"})
case("super in nonoverridden", "{% extends 'b.html' %}", file="c.html", templates={"b.html": "{% block x %}base{% endblock %}"})
case("block twice in parent renders twice", "{% extends 'b.html' %}{% block t %}T{% endblock %}", file="c.html", templates={"b.html": "{% block t %}{% endblock %}-{{ self.t() }}"})
case("filter block autoescape", "{% filter upper %}{{ '<x>' }}{% endfilter %}")
case("filter block in txt", "{% filter replace('a', '<') %}a{{ '&' }}{% endfilter %}", file="t.txt")
case("with loop var inside", "{% for i in [1, 2] %}{% with j = i * 10 %}{{ j }}{% endwith %}{% endfor %}")
case("set in with does not leak", "{% with %}{% set a = 1 %}{% endwith %}{{ a is defined }}")
case("for else in macro", "{% macro m(xs) %}{% for x in xs %}{{ x }}{% else %}-{% endfor %}{% endmacro %}{{ m([]) }}{{ m([1]) }}")
case("attr then item fallback", "{{ d.keys is callable }} {{ d['keys'] }}", {"d": {"keys": "K"}})
case("item then attr fallback", "{{ 'abc'['upper']() }}")
case("subscript tuple key", "{{ d[(1, 2)] }}")
case("string concat number error", "{{ 'a' + 1 }}")
case("list plus tuple error", "{{ [1] + (2,) }}")
case("string multiply float error", "{{ 'a' * 1.5 }}")
case("in non container error", "{{ 1 in 2 }}")
case("none comparison error", "{{ none < 1 }}")
case("int of float string", "{{ '12.7'|int }} {{ '-3'|int }} {{ '+4'|int }} {{ '1_000'|int }} {{ '0b101'|int(0, 2) }}")
case("float of weird", "{{ ' 2.5 '|float }} {{ 'inf'|float }} {{ '1_0.5'|float }} {{ true|float }}")
case("round negative precision int", "{{ 1234|round(-2) }} {{ 1250.0|round(-2) }}")
case("abs bool", "{{ true|abs }} {{ -0.0|abs }}")
case("sum of floats", "{{ [0.1, 0.2, 0.3]|sum }} {{ []|sum }}")
case("length of markup", "{{ '<b>x</b>'|safe|length }} {{ '&'|e|length }}")
case("join nested lists", "{{ [[1, 2], [3]]|join('|') }}")
case("tojson markup and tuple", "{{ ('<b>'|safe)|tojson }} {{ (1, 'a')|tojson }}")
case("tojson mixed keys error", "{{ {1: 'a', 'b': 2.0}|tojson }}")
case("tojson number keys", "{{ {2: 'a', 1: 2.0, 1.5: none}|tojson }}")
case("urlencode tuple pairs", "{{ (('a', 1), ('b', 2))|urlencode }}")
case("indent first blank", "{{ 'a\n\nb'|indent(2, true, true) }}")
case("center odd", "[{{ 'abcd'|center(7) }}][{{ 'abc'|center(6) }}]")
case("wordcount punctuation", "{{ \"don't stop-me now... 3.14\"|wordcount }}")
case("striptags nested", "{{ '<div><!-- <b>hidden</b> --><p>A&nbsp;B</p><script>x</script></div>'|striptags }}")
case("escape quotes attribute", "<a title=\"{{ t }}\" data-x='{{ t }}'>", {"t": "He said \"hi\" & 'bye'"})
case("unicode escape keeps", "{{ '€ < ✓'|e }}")
case("dict in dict literal keys types", "{{ {1: 'a', 1.0: 'b', true: 'c'} }}")
case("dict literal duplicate", "{{ {'a': 1, 'a': 2} }}")
case("list index float error", "{{ [1, 2][1.0] }}")
case("negative zero repr", "{{ [-0.0, 0.0] }}")
case("boolean is sameas", "{{ (1 == 1) is sameas true }}")
case("test divisibleby float", "{{ 4.0 is divisibleby 2 }} {{ 4.5 is even }}")
case("in on markup", "{{ '<' in ('&lt;'|safe) }}")
case("math with none error", "{{ none + 1 }}")
case("unary minus string error", "{{ -'a' }}")
case("concat list", "{{ [1] ~ [2] }}")
case("chained filters and tests precedence", "{{ 'ABC'|lower is lower }} {{ not 'a' is upper }}")
case("conditional in filter arg", "{{ 'x'|default('y' if true else 'z') }}")
case("call with star args", "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(*[1, 2]) }} {{ m(**{'a': 3, 'b': 4}) }}")
case("range negative", "{{ range(-3)|list }} {{ range(5, 1)|list }} {{ range(0, 10, 4)|list }}")
case("loop index in else", "{% for x in [] %}{% else %}[{{ loop is defined }}]{% endfor %}")
case("deep data access", "{{ a[0].b[1].c }}", {"a": [{"b": [0, {"c": "deep"}]}]})


# ---- autoescape follows the defining template
case("macro from html imported into txt", "{% from 'm.html' import b %}{{ b('<x>') }}|{{ '<y>' }}", file="p.txt", templates={"m.html": "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}"})
case("macro from txt imported into html", "{% from 'm.txt' import b %}{{ b('<x>') }}|{{ '<y>' }}", file="p.html", templates={"m.txt": "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}"})
case("txt child of html parent", "{% extends 'b.html' %}{% block x %}{{ v }}{% endblock %}", {"v": "<v>"}, file="c.txt", templates={"b.html": "[{{ v }}]{% block x %}{% endblock %}"})
case("html include from txt", "{{ v }}{% include 'i.html' %}", {"v": "<v>"}, file="p.txt", templates={"i.html": "{{ v }}"})


# ---- StrictUndefined corners
case("strict equality raises", "{{ missing == 1 }}", strict=True)
case("strict length raises", "{{ missing|length }}", strict=True)
case("strict upper raises", "{{ missing|upper }}", strict=True)
case("strict concat raises", "{{ missing ~ 'x' }}", strict=True)
case("strict is none ok", "{{ missing is none }} {{ missing is undefined }}", strict=True)
case("strict guarded use ok", "{% if missing is defined and missing %}x{% else %}y{% endif %}", strict=True)
case("strict loop raises", "{% for x in missing %}{% endfor %}", strict=True)
case("strict missing attribute raises", "{{ d.nope }}", {"d": {}}, strict=True)
case("strict default on attribute", "{{ d.nope|default('fallback') }}", {"d": {}}, strict=True)
case("strict macro missing arg", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}", strict=True)
case("strict in test", "{{ missing in [1] }}", strict=True)


# ---- conditional extends
case("conditional extends true", "{% if wrap %}{% extends 'b.html' %}{% endif %}{% block x %}X{% endblock %}", {"wrap": True}, file="c.html", templates={"b.html": "[{% block x %}{% endblock %}]"})
case("conditional extends false", "{% if wrap %}{% extends 'b.html' %}{% endif %}{% block x %}X{% endblock %}", {"wrap": False}, file="c.html", templates={"b.html": "[{% block x %}{% endblock %}]"})
case("text before extends is output", "head\n{% extends 'b.html' %}tail", file="c.html", templates={"b.html": "body"})


# ---- loop scoping
case("set in loop resets per iteration", "{% for i in [1,2] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}")
case("outer value before inner set", "{% set x = 'out' %}{% for i in [1,2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}{{ x }}")
case("macro in loop sees loop var", "{% for i in [1] %}{% macro m() %}{{ i }}{% endmacro %}{{ m() }}{% endfor %}")
case("macro sees later top level set", "{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}")


# ---- Markup operations escape what they insert (issue #14: the XSS hole), as MarkupSafe does
M = "('<b>%s</b>'|safe)"
case("xss percent single", M + " % '<i>'")
case("xss percent variable", M + " % user", {"user": "<script>alert(1)</script>"})
case("xss percent tuple", "{{ ('<p>%s|%s</p>'|safe) % ('<a>', '&') }}")
case("xss percent tuple markup kept", "{{ ('%s %s'|safe) % ('<a>', '<b>'|safe) }}")
case("xss percent dict", "{{ ('<i>%(a)s</i>'|safe) % {'a': '\"q\"'} }}")
case("xss percent dict missing key", "{{ ('%(a)s'|safe) % {'b': 1} }}")
case("xss percent repr", "{{ ('%r'|safe) % '<' }} {{ ('%r'|safe) % ('<b>'|safe) }}")
case("xss percent width", "{{ ('[%5s][%-6s]'|safe) % ('<', '&') }}")
case("xss percent precision", "{{ ('[%.2s]'|safe) % '<<<' }}")
case("xss percent int", "{{ ('%d|%i|%05d'|safe) % (3, 4.9, -7) }}")
case("xss percent int from string", "{{ ('%d'|safe) % '42' }}")
case("xss percent int bad string", "{{ ('%d'|safe) % '<x>' }}")
case("xss percent float", "{{ ('%.2f|%e|%g'|safe) % (1.005, 12345.6, 0.0001) }}")
case("xss percent float from string", "{{ ('%.1f'|safe) % '2.25' }}")
case("xss percent hex refused", "{{ ('%x'|safe) % 255 }}")
case("xss percent char refused", "{{ ('%c'|safe) % 65 }}")
case("xss percent list", "{{ ('%s'|safe) % [1, '<'] }}")
case("xss percent list no conversion", "{{ ('x'|safe) % [1] }} {{ 'y' % [2] }}")
case("xss percent dict whole", "{{ ('%s'|safe) % {'k': '<v>'} }}")
case("xss percent none", "{{ ('<%s>'|safe) % none }}")
case("xss percent too many", "{{ ('%s'|safe) % ('a', 'b') }}")
case("xss percent literal percent", "{{ ('100%% %s'|safe) % '<' }}")
case("xss percent in txt", "{{ ('<b>%s</b>'|safe) % '<i>' }}", file="x.txt")
case("xss percent plain string unchanged", "{{ '<b>%s</b>' % '<i>' }}")
case("xss format filter", "{{ '<b>%s</b>'|safe|format('<i>') }}")
case("xss format filter kwargs", "{{ '<a href=\"%(url)s\">'|safe|format(url='x\"y') }}")
case("xss format filter plain", "{{ '<b>%s</b>'|format('<i>') }}")
case("xss format filter markup arg", "{{ '%s|%s'|safe|format('<i>'|safe, '<u>') }}")
case("xss format filter mixed args error", "{{ '%s'|format('a', b=1) }}")
case("xss format filter in txt", "{{ '<b>%s</b>'|safe|format('<i>') }}", file="x.txt")
case("xss str format method", "{{ ('<a href=\"{url}\">'|safe).format(url='x\"y') }}")
case("xss str format positional", "{{ ('<b>{}</b><i>{0}</i>'|safe).format('<x>') }}")
case("xss str format auto", "{{ ('{}-{}'|safe).format('<', '>') }}")
case("xss str format markup arg", "{{ ('{}{}'|safe).format('<b>'|safe, '<b>') }}")
case("xss str format markup spec error", "{{ ('{:>5}'|safe).format('<b>'|safe) }}")
case("xss str format spec then escape", "{{ ('[{:>5}]'|safe).format('<') }} {{ ('[{:.2}]'|safe).format('<<<') }}")
case("xss str format number", "{{ ('{:05.1f} {:,}'|safe).format(3.14159, 1234567) }}")
case("xss str format repr", "{{ ('{!r}'|safe).format('<') }} {{ ('{!r}'|safe).format('<b>'|safe) }}")
case("xss str format str conversion of markup", "{{ ('{!s}'|safe).format('<b>'|safe) }}")
case("xss str format attribute", "{{ ('{0[k]}'|safe).format({'k': '<v>'}) }}")
case("xss format_map", "{{ ('<i>{a}</i>'|safe).format_map({'a': '<x>'}) }} {{ '{a}'.format_map({'a': '<y>'}) }}")
case("xss str format plain", "{{ '<b>{}</b>'.format('<i>') }}")
case("xss join method", "{{ ('<br>'|safe).join(['<a>', '<b>'|safe, 3]) }}")
case("xss join method plain", "{{ ', '.join(['<a>', '<b>']) }}")
case("xss join method plain int error", "{{ ', '.join([1, 2]) }}")
case("xss join filter safe separator", "{{ ['<a>', '<b>']|join('<br>'|safe) }}")
case("xss join filter safe separator ints", "{{ [1, 2]|join('<hr>'|safe) }}")
case("xss join filter markup item", "{{ ['<a>', '<b>'|safe]|join('<sep>') }}")
case("xss join filter plain", "{{ ['<a>', '<b>']|join('<sep>') }}")
case("xss join filter txt", "{{ ['<a>', '<b>'|safe]|join('<sep>'|safe) }}", file="x.txt")
case("xss plus", "{{ ('<b>'|safe) + '<i>' }} {{ '<i>' + ('<b>'|safe) }} {{ ('<b>'|safe) + ('<u>'|safe) }}")
case("xss plus number error", "{{ ('<b>'|safe) + 1 }}")
case("xss times", "{{ ('<b>'|safe) * 2 }} {{ 2 * ('<i>'|safe) }} {{ ('<b>'|safe * 2)|e }}")
case("xss tilde", "{% set b = '<b>'|safe %}{{ b ~ '<i>' ~ 1 }} {{ '<i>' ~ b }}")
case("xss upper keeps markup", "{{ ('<b>x</b>'|safe).upper() }} {{ ('<b>x</b>'|safe).lower() }} {{ ('<b>x y</b>'|safe).title() }} {{ ('<b>x</b>'|safe).capitalize() }}")
case("xss swapcase casefold", "{{ ('<B>x</B>'|safe).swapcase() }} {{ ('<B>X</B>'|safe).casefold() }}")
case("xss replace escapes new", "{{ ('<b>a</b>'|safe).replace('a', '<i>') }} {{ ('<b>a</b>'|safe).replace('a', '<i>'|safe) }}")
case("xss replace old not escaped", "{{ ('a&amp;b'|safe).replace('&', '+') }} {{ ('<b>'|safe).replace('<', '[') }}")
case("xss replace plain", "{{ '<b>a</b>'.replace('a', '<i>') }}")
case("xss strip keeps markup", "[{{ ('  <b>  '|safe).strip() }}][{{ ('<b><'|safe).strip('<') }}][{{ ('xx<b>'|safe).lstrip('x') }}][{{ ('<b>yy'|safe).rstrip('y') }}]")
case("xss split keeps markup", "{% for p in ('<a> <b>'|safe).split() %}{{ p }}|{% endfor %}{% for p in ('<a>,<b>'|safe).split(',') %}{{ p }}|{% endfor %}")
case("xss split list repr", "{{ ('<a> <b>'|safe).split() }}")
case("xss rsplit splitlines", "{% for p in ('<a>,<b>,<c>'|safe).rsplit(',', 1) %}{{ p }}|{% endfor %}{% for p in ('<a>\n<b>'|safe).splitlines() %}{{ p }}|{% endfor %}")
case("xss partition", "{% for p in ('<a>=<b>'|safe).partition('=') %}{{ p }}|{% endfor %}{% for p in ('<a>=<b>=c'|safe).rpartition('=') %}{{ p }}|{% endfor %}")
case("xss center fill escaped", "[{{ ('<b>'|safe).center(7) }}][{{ ('<b>'|safe).ljust(5, '*') }}][{{ ('<b>'|safe).rjust(5) }}]")
case("xss center fill lt error", "{{ ('<b>'|safe).center(7, '<') }}")
case("xss zfill removeprefix", "{{ ('<b>'|safe).zfill(5) }} {{ ('<b>x'|safe).removeprefix('<b>') }} {{ ('x<b>'|safe).removesuffix('<b>') }}")
case("xss slice and index keep markup", "{{ ('<b>x</b>'|safe)[0:3] }} {{ ('<b>'|safe)[0] }} {{ ('<b>'|safe)[::-1] }}")
case("xss search methods plain", "{{ ('<b>'|safe).startswith('<') }} {{ ('<b>'|safe).find('b') }} {{ ('a<b'|safe).count('<') }} {{ ('<b>'|safe).endswith('>') }} {{ ('<b><'|safe).rfind('<') }}")
case("xss unescape striptags", "{{ ('&lt;b&gt; <i>x</i>'|safe).unescape() }}|{{ ('<p>a &amp; b</p>'|safe).striptags() }}")
case("xss markup method on plain string", "{{ 'a'.unescape is defined }} {{ ('a'|safe).unescape is defined }}")
case("xss upper filter keeps markup", "{{ '<b>x</b>'|safe|upper }} {{ '<b>x</b>'|upper }}")
case("xss set block then format", "{% set tpl %}<a href=\"%s\">{% endset %}{{ tpl|format(url) }}", {"url": "\"><script>"})
case("xss macro output then format", "{% macro m() %}<p>{}</p>{% endmacro %}{{ m().format('<x>') }}")
case("xss percent then filter", "{{ (('<b>%s</b>'|safe) % '<i>')|length }}")
case("xss escape filter then format", "{{ ('<%s>'|e) % '<' }}")


# ---- filters on Markup: which keep it safe, which return plain text (escaped on output)
S = "('<b>x y</b> more words here'|safe)"
case("markup filter upper lower", "{{ '<b>x</b>'|safe|upper }} {{ '<B>X</B>'|safe|lower }} {{ '<b>x</b>'|safe|capitalize }}")
case("markup filter title plain", "{{ '<b>x y</b>'|safe|title }}")
case("markup filter title plain txt", "{{ '<b>x y</b>'|safe|title }}", file="t.txt")
case("markup filter trim", "[{{ '  <b>  '|safe|trim }}] [{{ '<<b>>'|safe|trim('<>') }}]")
case("markup filter center", "[{{ '<b>'|safe|center(9) }}] [{{ '<b>'|center(9) }}]")
case("markup filter reverse", "{{ '<b>'|safe|reverse }} {{ '<b>'|reverse }}")
case("markup filter truncate short", "{{ '<b>x</b>'|safe|truncate(20) }}")
case("markup filter truncate long", "{{ " + S + "|truncate(12) }}")
case("markup filter truncate killwords", "{{ " + S + "|truncate(12, true) }}")
case("markup filter truncate end escaped", "{{ " + S + "|truncate(12, true, '<…>') }} {{ " + S + "|truncate(12, true, '<i>'|safe) }}")
case("markup filter truncate plain", "{{ '<b>x y</b> more words here'|truncate(12) }}")
case("markup filter wordwrap plain", "{{ 'a<b> c'|safe|wordwrap(3) }}")
case("markup filter indent keeps", "{{ '<b>\nx'|safe|indent }}|{{ '<b>\nx'|indent }}")
case("markup filter indent markup prefix", "{{ '<b>\nx'|safe|indent('<>'|safe) }}|{{ '<b>\nx'|safe|indent('<>') }}")
case("markup filter striptags plain", "{{ '<b>a &amp; b</b>'|safe|striptags }}")
case("markup filter first last plain", "{{ '<b>'|safe|first }} {{ '<b>'|safe|last }}")
case("markup filter list plain", "{{ '<b>'|safe|list }}")
case("markup filter string keeps", "{{ '<b>'|safe|string }} {{ '<b>'|string }}")
case("markup filter default keeps", "{{ missing|default('<b>'|safe) }} {{ missing|default('<b>') }}")
case("markup filter replace", "{{ '<b>a</b>'|safe|replace('a', '<i>') }} {{ '<b>a</b>'|replace('a', '<i>'|safe) }}")
case("markup filter join items", "{{ ['<b>'|safe, '<i>']|join }}")
case("markup filter sort chars", "{{ '<ba>'|safe|sort|join }}")
case("markup filter slice", "{{ ('<b>x</b>'|safe)[3:4] }}{{ ('<b>x</b>'|safe)[:3] }}")
case("markup filter format then upper", "{{ ('<b>%s</b>'|safe|format('<i>'))|upper }}")
case("markup filter length wordcount", "{{ '<b>x y</b>'|safe|length }} {{ '<b>x y</b>'|safe|wordcount }}")
case("markup filter escape idempotent", "{{ '<b>'|safe|e }} {{ '<b>'|safe|forceescape }}")
case("markup filter urlencode", "{{ '<b> x'|safe|urlencode }}")
case("markup filter in txt template", "{{ '<b>x y</b>'|safe|title }}{{ '<b>'|safe|reverse }}", file="t.txt")
case("markup macro result upper", "{% macro m() %}<b>x</b>{% endmacro %}{{ m()|upper }} {{ m()|title }} {{ m()|truncate(3, true, '') }}")
case("markup tojson", "{{ '<b>'|safe|tojson }}")

# ---- wordwrap as textwrap.wrap
case("wordwrap long word breaks", "{{ 'aaaaaaaaaaaaaaa bb'|wordwrap(5) }}")
case("wordwrap long word fills line", "{{ 'ab cdefghij'|wordwrap(5) }}")
case("wordwrap no break long", "{{ 'ab cdefghij k'|wordwrap(5, false) }}")
case("wordwrap hyphens", "{{ 'a well-known hyphen-separated thing'|wordwrap(12) }}")
case("wordwrap hyphens off", "{{ 'a well-known hyphen-separated thing'|wordwrap(12, break_on_hyphens=false) }}")
case("wordwrap long hyphenated word", "{{ 'supercalifragilistic-expialidocious'|wordwrap(10) }}")
case("wordwrap em dash", "{{ 'this is it--or not, right--yes'|wordwrap(8) }}")
case("wordwrap wrapstring", "{{ 'one two three four'|wordwrap(7, wrapstring='<br>') }}")
case("wordwrap wrapstring safe", "{{ 'one <two> three four'|wordwrap(7, wrapstring='<br>'|safe) }}")
case("wordwrap paragraphs", "{{ 'first line here\nsecond one is longer\n\nthird'|wordwrap(10) }}")
case("wordwrap multiple spaces", "{{ 'a   b    c     d'|wordwrap(3) }}|{{ 'a   b    c'|wordwrap(5) }}")
case("wordwrap leading spaces", "{{ '   indented text that wraps'|wordwrap(10) }}")
case("wordwrap tabs kept", "{{ 'a\tb c\td e'|wordwrap(4) }}")
case("wordwrap exact width", "{{ 'abcde fghij'|wordwrap(5) }}|{{ 'abcde fghij'|wordwrap(11) }}")
case("wordwrap width one", "{{ 'ab c'|wordwrap(1) }}")
case("wordwrap width zero", "{{ 'ab c'|wordwrap(0) }}")
case("wordwrap digits and hyphens", "{{ 'call 555-1234-567 now x-ray a-b-c'|wordwrap(6) }}")
case("wordwrap unicode", "{{ 'héllo wörld ça va bien'|wordwrap(6) }}")
case("wordwrap nbsp not space", "{{ 'a\u00a0b c\u00a0d'|wordwrap(3) }}")
case("wordwrap default width", "{{ ('word ' * 30)|wordwrap }}")
case("wordwrap long text", "{{ text|wordwrap(20) }}", {"text": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."})
case("wordwrap hyphen at start", "{{ '-abc --def ---- x'|wordwrap(4) }}")
case("wordwrap long with hyphen inside width", "{{ 'abc-defghijklmnop'|wordwrap(6) }}|{{ '--abcdefgh'|wordwrap(4) }}")

# ---- batch, sameas
case("batch zero", "{{ [1, 2, 3]|batch(0)|list }}")
case("batch zero empty", "{{ []|batch(0)|list }}")
case("batch zero fill", "{{ [1, 2, 3]|batch(0, 'x')|list }}")
case("batch negative", "{{ [1, 2, 3]|batch(-1)|list }}")
case("batch fill exact", "{{ [1, 2, 3, 4]|batch(2, 'x')|list }} {{ [1, 2, 3]|batch(3, 'x')|list }} {{ [1]|batch(3, 'x')|list }}")
case("batch string", "{{ 'abcde'|batch(2)|list }}")
case("sameas list variable", "{% set x = [1] %}{{ x is sameas x }} {{ x is sameas [1] }} {{ [1] is sameas [1] }}")
case("sameas context list", "{{ a is sameas a }} {{ a is sameas b }}", {"a": [1, 2], "b": [1, 2]})
case("sameas dict", "{% set d = {'a': 1} %}{{ d is sameas d }} {{ d is sameas {'a': 1} }}")
case("sameas loop item", "{% set xs = [[1], [2]] %}{% for x in xs %}{{ x is sameas xs[0] }}{% endfor %}")
case("sameas scalars", "{{ 1 is sameas 1 }} {{ none is sameas none }} {{ true is sameas 1 }} {{ 1 is sameas 1.0 }}")

# ---- macro attributes
case("macro attr name", "{% macro hello(a) %}{% endmacro %}{{ hello.name }}")
case("macro attr arguments", "{% macro m(a, b=1, c='x') %}{% endmacro %}{{ m.arguments }} {{ m.arguments|length }}")
case("macro attr no arguments", "{% macro m() %}{% endmacro %}{{ m.arguments }}")
case("macro attr catch kwargs varargs", "{% macro m() %}{{ kwargs }}{{ varargs }}{% endmacro %}{{ m.catch_kwargs }} {{ m.catch_varargs }}")
case("macro attr catch false", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m.catch_kwargs }} {{ m.catch_varargs }} {{ m.caller }}")
case("macro attr caller", "{% macro m() %}{{ caller() }}{% endmacro %}{{ m.caller }}")
case("macro print", "{% macro m() %}{% endmacro %}{{ m }}|{{ m|string }}", file="t.txt")
case("macro print escaped", "{% macro m() %}{% endmacro %}{{ m }}")
case("macro missing attr", "{% macro m() %}{% endmacro %}[{{ m.nope }}]")
case("caller attributes", "{% macro m() %}{{ caller.name }}|{{ caller.arguments }}|{{ caller.caller }}{% endmacro %}{% call(a, b=2) m() %}{% endcall %}")
case("imported macro attributes", "{% import 'm.html' as f %}{{ f.field.name }} {{ f.field.arguments }}", file="p.html", templates={"m.html": "{% macro field(n, v='') %}{% endmacro %}"})
case("macro is callable", "{% macro m() %}{% endmacro %}{{ m is callable }} {{ m is defined }}")

# ---- set with several targets
case("set ns tuple", "{% set ns = namespace() %}{% set ns.a, ns.b = 1, 2 %}{{ ns.a }}{{ ns.b }}")
case("set ns and name", "{% set ns = namespace() %}{% set ns.a, b = 1, 2 %}{{ ns.a }}{{ b }}")
case("set ns tuple from list", "{% set ns = namespace(a=0) %}{% set ns.a, ns.b = [3, 4] %}{{ ns.a + ns.b }}")
case("set ns tuple in loop", "{% set ns = namespace(lo=100, hi=0) %}{% for x in [5, 1, 9] %}{% set ns.lo, ns.hi = [ns.lo, x]|min, [ns.hi, x]|max %}{% endfor %}{{ ns.lo }}-{{ ns.hi }}")
case("set ns tuple wrong count", "{% set ns = namespace() %}{% set ns.a, ns.b = 1, 2, 3 %}")
case("set non namespace attribute", "{% set a = 1 %}{% set a.b = 1 %}")
case("set parenthesised ns tuple", "{% set ns = namespace() %}{% set (ns.a, ns.b) = 1, 2 %}")
case("for over ns attribute refused", "{% set ns = namespace() %}{% for ns.a in [1] %}{% endfor %}")
case("with ns attribute refused", "{% with ns.a = 1 %}{% endwith %}")

# ---- import with / without context
MH = {"m.html": "{% macro f() %}[{{ who }}]{% endmacro %}{% set top = who %}"}
case("from import with context", "{% set who = 'W' %}{% from 'm.html' import f with context %}{{ f() }}", file="p.html", templates=MH)
case("from import without context", "{% set who = 'W' %}{% from 'm.html' import f without context %}{{ f() }}", file="p.html", templates=MH)
case("from import default no context", "{% set who = 'W' %}{% from 'm.html' import f %}{{ f() }}", file="p.html", templates=MH)
case("import as with context", "{% set who = 'W' %}{% import 'm.html' as m with context %}{{ m.f() }}{{ m.top }}", file="p.html", templates=MH)
case("import as without context", "{% set who = 'W' %}{% import 'm.html' as m without context %}{{ m.f() }}[{{ m.top }}]", file="p.html", templates=MH)
case("import with context sees render context", "{% import 'm.html' as m with context %}{{ m.f() }}", {"who": "ctx"}, file="p.html", templates=MH)
case("import without context no render context", "{% import 'm.html' as m %}{{ m.f() }}", {"who": "ctx"}, file="p.html", templates=MH)
case("from import with context in loop", "{% for who in ['L'] %}{% from 'm.html' import f with context %}{{ f() }}{% endfor %}", file="p.html", templates=MH)
case("from import variable with context", "{% set who = 'W' %}{% from 'm.html' import top with context %}{{ top }}", file="p.html", templates=MH)
case("from import several with context", "{% set who = 'W' %}{% from 'm.html' import f, top as t with context %}{{ f() }}{{ t }}", file="p.html", templates=MH)
case("from import trailing comma", "{% from 'm.html' import f, %}{{ f() }}", file="p.html", templates=MH)
case("from import private refused", "{% from 'm.html' import _p %}", file="p.html", templates={"m.html": "{% macro _p() %}{% endmacro %}"})
case("from import private variable refused", "{% from 'm.html' import _v as v %}", file="p.html", templates={"m.html": "{% set _v = 1 %}"})
case("import private attribute undefined", "{% import 'm.html' as m %}[{{ m._p }}]", file="p.html", templates={"m.html": "{% macro _p() %}P{% endmacro %}"})
case("from import missing name", "{% from 'm.html' import nope %}{{ nope() }}", file="p.html", templates=MH)
case("from import missing name unused", "{% from 'm.html' import nope %}ok", file="p.html", templates=MH)

# ---- block scoped with inheritance
case("scoped block child override sees loop", "{% extends 'b.html' %}{% block item %}<{{ i }}>{% endblock %}", file="c.html", templates={"b.html": "{% for i in [1, 2] %}{% block item scoped %}{{ i }}{% endblock %}{% endfor %}"})
case("unscoped block child override", "{% extends 'b.html' %}{% block item %}<{{ i }}>{% endblock %}", file="c.html", templates={"b.html": "{% for i in [1, 2] %}{% block item %}{{ i }}{% endblock %}{% endfor %}"})
case("scoped block child with super", "{% extends 'b.html' %}{% block item %}[{{ super() }}|{{ i }}]{% endblock %}", file="c.html", templates={"b.html": "{% for i in 'ab' %}{% block item scoped %}{{ i }}{% endblock %}{% endfor %}"})
case("scoped block in with", "{% extends 'b.html' %}{% block x %}{{ v }}{% endblock %}", file="c.html", templates={"b.html": "{% with v = 'W' %}{% block x scoped %}{% endblock %}{% endwith %}"})
case("scoped block in macro", "{% extends 'b.html' %}{% block x %}({{ a }}){% endblock %}", file="c.html", templates={"b.html": "{% macro m(a) %}{% block x scoped %}{% endblock %}{% endmacro %}{{ m(1) }}"})
case("scoped only in child", "{% extends 'b.html' %}{% block item scoped %}<{{ i }}>{% endblock %}", file="c.html", templates={"b.html": "{% for i in [1, 2] %}{% block item %}{{ i }}{% endblock %}{% endfor %}"})
case("scoped block loop variable", "{% extends 'b.html' %}{% block item %}{{ loop.index }}{% endblock %}", file="c.html", templates={"b.html": "{% for i in 'ab' %}{% block item scoped %}{% endblock %}{% endfor %}"})
case("scoped block set in loop", "{% extends 'b.html' %}{% block item %}{{ j }}{% endblock %}", file="c.html", templates={"b.html": "{% for i in [1, 2] %}{% set j = i * 10 %}{% block item scoped %}{% endblock %}{% endfor %}"})
case("scoped block self call", "{% for i in [1] %}{% block b scoped %}{{ i }}{% endblock %}{% endfor %}|{{ self.b() }}")
case("scoped block required", "{% extends 'b.html' %}{% block x %}X{% endblock %}", file="c.html", templates={"b.html": "{% block x scoped required %}{% endblock %}"})

# ---- rejected when compiling, as Jinja rejects
case("endblock name mismatch", "{% block a %}{% endblock b %}")
case("endblock name match", "{% block a %}A{% endblock a %}")
case("endblock name nested mismatch", "{% block a %}{% block b %}{% endblock a %}{% endblock %}")
case("endblock name nested match", "{% block a %}{% block b %}B{% endblock b %}{% endblock a %}")
case("endmacro with name", "{% macro m() %}{% endmacro m %}")
case("extends in macro", "{% macro m() %}{% extends 'b.html' %}{% endmacro %}", file="c.html", templates={"b.html": "x"})
case("extends in for", "{% for i in [1] %}{% extends 'b.html' %}{% endfor %}", file="c.html", templates={"b.html": "x"})
case("extends in block", "{% block x %}{% extends 'b.html' %}{% endblock %}", file="c.html", templates={"b.html": "x"})
case("extends in with", "{% with %}{% extends 'b.html' %}{% endwith %}", file="c.html", templates={"b.html": "x"})
case("extends in filter", "{% filter upper %}{% extends 'b.html' %}{% endfilter %}", file="c.html", templates={"b.html": "x"})
case("extends in call", "{% macro m() %}{% endmacro %}{% call m() %}{% extends 'b.html' %}{% endcall %}", file="c.html", templates={"b.html": "x"})
case("extends in set block", "{% set x %}{% extends 'b.html' %}{% endset %}", file="c.html", templates={"b.html": "x"})
case("extends in unexecuted macro", "{% if false %}{% macro m() %}{% extends 'b.html' %}{% endmacro %}{% endif %}ok", file="c.html", templates={"b.html": "x"})
case("extends in if allowed", "{% if true %}{% extends 'b.html' %}{% endif %}", file="c.html", templates={"b.html": "base"})
case("extends in autoescape", "{% autoescape true %}{% extends 'b.html' %}{% endautoescape %}", file="c.html", templates={"b.html": "base"})
case("duplicate macro parameter", "{% macro m(a, a) %}{% endmacro %}")
case("duplicate macro parameter default", "{% macro m(a, b=1, b=2) %}{% endmacro %}")
case("duplicate call block parameter", "{% macro m() %}{% endmacro %}{% call(x, x) m() %}{% endcall %}")
case("positional after kwargs unpacking", "{{ range(**{'stop': 2}, 1) }}")
case("positional after star args", "{{ range(*[1], 2) }}")
case("positional after keyword", "{{ dict(a=1, 2) }}")
case("double star args", "{{ range(*[1], *[2]) }}")
case("double kwargs unpacking", "{{ dict(**{}, **{}) }}")
case("keyword after kwargs unpacking", "{{ dict(**{}, a=1) }}")
case("star args after keyword ok", "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(b=2, *[1]) }}")
case("filter positional after kwargs unpacking", "{{ 'x'|replace(**{}, 1) }}")
case("test positional after keyword", "{{ 1 is divisibleby(a=1, 2) }}")
case("kwargs unpacking last ok", "{{ dict(a=1, **{'b': 2}) }}")

# ---- str.format specs and errors
case("format binary alternate", "{{ '{:#b} {:#o} {:#x} {:#X}'.format(5, 8, 255, 255) }}")
case("format char", "{{ '{:c}{:c}'.format(72, 105) }}")
case("format index and key", "{{ '{0[name]} {0[1]}'.format({'name': 'n', 1: 'one'}) }} {{ '{0[0]}-{0[2]}'.format([1, 2, 3]) }}")
case("format key lookup", "{{ '{d[a]}'.format(d={'a': '<x>'}) }}")
case("format negative index is key", "{{ '{0[-1]}'.format([1]) }}")
case("format missing key", "{{ '{0[x]}'.format({}) }}")
case("format list index out of range", "{{ '{0[5]}'.format([1]) }}")
case("format attribute of dict refused", "{{ '{a.b}'.format(a={'b': 1}) }}")
case("format attribute of namespace", "{% set ns = namespace(v=7) %}{{ '{0.v}'.format(ns) }}")
case("format attribute of loop", "{% for x in 'ab' %}{{ '{0.index}/{0.length} '.format(loop) }}{% endfor %}")
case("format int real", "{{ '{0.real}'.format(3) }}")
case("format nested spec", "{{ '[{:{}}]'.format('a', 4) }} {{ '[{:{}{}}]'.format('a', '>', 4) }} {{ '[{0:{1}.{2}f}]'.format(3.14159, 8, 2) }}")
case("format recursion too deep", "{{ '{:{:{}}}'.format(1, 2, 3) }}")
case("format manual then auto", "{{ '{0}{}'.format(1, 2) }}")
case("format auto then manual", "{{ '{}{0}'.format(1, 2) }}")
case("format unknown conversion", "{{ '{!x}'.format(1) }}")
case("format conversion then junk", "{{ '{!rr}'.format(1) }}")
case("format conversions", "{{ '{!r} {!s} {!a}'.format('é', 'é', 'é') }}")
case("format conversion with spec", "{{ '[{!r:>6}]'.format('a') }}")
case("format unclosed field", "{{ '{0[}'.format(1) }}")
case("format single brace", "{{ '{'.format() }}")
case("format single close brace", "{{ 'a}b'.format() }}")
case("format escaped braces", "{{ '{{}} {{{}}}'.format(1) }}")
case("format empty attribute", "{{ '{0.}'.format(1) }}")
case("format junk after bracket", "{{ '{0[a]x}'.format({'a': 1}) }}")
case("format missing positional", "{{ '{} {}'.format(1) }}")
case("format missing keyword", "{{ '{name}'.format() }}")
case("format string spec errors", "{{ '{:=5}'.format('a') }}")
case("format string sign error", "{{ '{:+}'.format('a') }}")
case("format string alternate error", "{{ '{:#}'.format('a') }}")
case("format string grouping error", "{{ '{:,}'.format('a') }}")
case("format string code error", "{{ '{:d}'.format('a') }}")
case("format int as string error", "{{ '{:s}'.format(1) }}")
case("format float as int error", "{{ '{:d}'.format(1.5) }}")
case("format hex grouping", "{{ '{:_x} {:_b}'.format(123456789, 255) }}")
case("format hex comma error", "{{ '{:,x}'.format(255) }}")
case("format zero fill string", "{{ '[{:05}]'.format('ab') }} {{ '[{:<05}]'.format(3) }} {{ '[{:^05}]'.format(3) }} {{ '[{:x<05}]'.format(3) }}")
case("format sign aware", "{{ '[{:=+6}] [{:+06}] [{: 05}] [{:-5}]'.format(3, -3, 3, 3) }}")
case("format bool", "{{ '{} {:d} {:>5} {!r}'.format(true, true, false, true) }}")
case("format none and list", "{{ '{} {}'.format(none, [1, 'a']) }} {{ '{!r}'.format({'a': none}) }}")
case("format none with spec", "{{ '{:>5}'.format(none) }}")
case("format list with spec", "{{ '{:>5}'.format([1]) }}")
case("format float defaults", "{{ '{} {:.2} {:.3} {:.1} {:n}'.format(1.5, 1.0, 1234.5, 0.05, 3.5) }}")
case("format float exponent", "{{ '{:e} {:.2E} {:g} {:G}'.format(12345.678, 0.00012, 1e-7, 1e20) }}")
case("format percent", "{{ '{:%} {:.1%} {:.0%}'.format(0.5, 0.1234, 1) }}")
case("format precision string", "{{ '[{:.2}] [{:5.1}] [{:>6.3}]'.format('hello', 'xyz', 'abcdef') }}")
case("format center fill", "{{ '[{:*^9}] [{:-<6}] [{:.>6}]'.format('mid', 'l', 'r') }} {{ '[{:^4}]'.format('é') }}")
case("format grouping", "{{ '{:,} {:_} {:,.2f} {:,}'.format(1234567, 1234567, 1234567.891, -1000) }}")
case("format negative zero", "{{ '{} {:.1f}'.format(-0.0, -0.04) }}")
case("format z flag int error", "{{ '{:z}'.format(1) }}")
case("format width from kwarg", "{{ '[{:>{w}}]'.format('x', w=3) }}")
case("format_map", "{{ '{a}-{b}'.format_map({'a': 1, 'b': 2}) }}")
case("format_map missing", "{{ '{a}'.format_map({}) }}")
case("format_map positional refused", "{{ '{}'.format_map({}) }}")
case("format on markup index", "{{ ('{0[k]}'|safe).format({'k': '<v>'}) }} {{ ('{0[0]}'|safe).format(['<v>']) }}")
case("format markup spec refused in markup", "{{ ('{0:>3}'|safe).format('<b>'|safe) }}")
case("format markup arg in plain string", "{{ '{:>5}'.format('<b>'|safe) }}")
case("format char range error", "{{ '{:c}'.format(-1) }}")
case("percent format alternate", "{{ '%#x %#o %+d % d' % (255, 8, 5, 5) }}")
case("percent format star width", "{{ '[%*d]' % (5, 42) }}")
case("percent format repr", "{{ '%r %a' % ('é', 'é') }}")
case("percent format char", "{{ '%c%c' % (72, 'i') }}")
case("percent format list mapping", "{{ '%s' % [1, 2] }} {{ 'none' % [] }}")
case("percent format list key error", "{{ '%(a)s' % [1] }}")

# ---- more str methods
case("str methods new", "{{ 'a,b,c'.rsplit(',', 1) }} {{ 'a=b=c'.partition('=') }} {{ 'a=b=c'.rpartition('=') }} {{ 'abc'.rfind('c') }} {{ 'abcb'.index('b') }}")
case("str methods removeprefix", "{{ 'prefix-x'.removeprefix('prefix-') }} {{ 'x.txt'.removesuffix('.txt') }} {{ 'x'.removeprefix('y') }}")
case("str methods case", "{{ 'Hello World'.swapcase() }} {{ 'STRASSE'.casefold() }} {{ 'Hello World'.istitle() }} {{ 'hello'.istitle() }}")
case("str methods is", "{{ '123'.isdecimal() }} {{ '½'.isnumeric() }} {{ '½'.isdigit() }} {{ 'abc'.isascii() }} {{ 'é'.isascii() }} {{ ''.isascii() }}")
case("str index not found", "{{ 'abc'.index('z') }}")
case("str split empty separator", "{{ 'abc'.split('') }}")
case("str join non strings", "{{ ''.join([1]) }}")
case("str join dict and string", "{{ '-'.join({'a': 1, 'b': 2}) }} {{ '-'.join('xyz') }}")
case("str center fill", "[{{ 'ab'.center(6, '*') }}] [{{ 'ab'.ljust(5, '.') }}] [{{ 'ab'.rjust(5, '0') }}]")
case("str center bad fill", "{{ 'ab'.center(6, '**') }}")
case("str strip chars", "[{{ 'xxhixx'.strip('x') }}] [{{ '<<hi>>'.lstrip('<') }}] [{{ '<<hi>>'.rstrip('>') }}]")
case("str startswith tuple", "{{ 'hello'.startswith(('x', 'he')) }} {{ 'hello'.endswith(('lo', 'x')) }}")
case("str zfill", "{{ '42'.zfill(5) }} {{ '-42'.zfill(5) }} {{ '+4'.zfill(4) }} {{ 'abc'.zfill(2) }}")
case("str splitlines", "{{ 'a\nb\r\nc\rd'.splitlines() }} {{ ''.splitlines() }}")
case("str count find", "{{ 'banana'.count('a') }} {{ 'banana'.count('an') }} {{ 'banana'.find('n') }} {{ 'banana'.find('z') }} {{ 'banana'.rfind('n') }}")
case("str method as value", "{% set f = 'abc'.upper %}{{ f() }}")


# ---- assorted corners found while comparing (each name is the template itself)
MISC = [
"{{ ('%s'|safe) % ('<',) }}",
"{{ '%(a)s'|format({'a': 1}) }}",
"{{ '%s'|format({'a': '<'}) }}",
"{{ ('%(a)s %(a)r'|safe) % {'a': '<'} }}",
"{{ ('<'|safe) in '<b>' }}",
"{{ ('<b>'|safe) == '<b>' }}",
"{{ ('a'|safe) < 'b' }}",
"{{ {'<b>'|safe: 1}['<b>'] }}",
"{{ ('%s%%'|safe) % 5 }}",
"{{ ('%(x)s'|safe) % {'x': '<'|safe} }}",
"{{ ('%s'|safe) % 1.5 }}",
"{{ ('%s'|safe) % true }}",
"{{ ('%5.1f|%-5d|'|safe) % (2.25, 3) }}",
"{{ ('%.3s'|safe) % ('<b>'|safe) }}",
"{{ ('{0}{0}'|safe).format('<') }}",
"{{ ('{}'|safe).format(none) }}",
"{{ ('{:d}'|safe).format(5) }}",
"{{ ('{!s:>4}'|safe).format('<') }}",
"{{ '<b>'|safe|replace('<', '&') }}",
"{{ ('<b>'|safe).replace('b', '&', 1) }}",
"{{ ('<b>'|safe)|replace('b', '&'|safe) }}",
"{{ ('a b'|safe).split(' ')|join('<') }}",
"{{ ('a b'|safe).split(' ')|join('<'|safe) }}",
"{{ 'x'|indent(2, true) }}",
"{{ '<b>'|safe|indent(2, true) }}",
"{{ ('<b>'|safe)|trim('<') }}",
"{{ ['<a>', 1]|join('<'|safe) }}",
"{% autoescape false %}{{ ['<a>'|safe, '<b>']|join('<') }}{% endautoescape %}",
"{% autoescape false %}{{ ('<b>%s</b>'|safe) % '<i>' }}{% endautoescape %}",
"{{ 'abc'|center(7, '*') }}",
"{{ 'a'|center }}",
"{{ '%s'|format }}",
"{{ '%s %s'|format('a') }}",
"{{ 'x'|truncate(0, end='') }}",
"{{ 'hello world'|truncate(5, leeway=0) }}",
"{{ 'a b c d e f g'|truncate(7, leeway=0) }}",
"{{ 'héllo wörld'|truncate(7, leeway=0) }}",
"{{ 'nospaces_here_long'|truncate(10, leeway=0) }}",
"{{ ' leading'|truncate(5, leeway=0) }}",
"{{ '<b>x</b>'|safe|truncate(3, true, '', 0) }}",
"{{ 1234567|filesizeformat }}",
"{{ 'a'|wordwrap(5, wrapstring=none) }}",
"{{ '{:>10}'.format('<b>'|safe) }}",
"{{ '{}'.format('<b>'|safe) }}",
"{{ 'a-b'.split('-', 0) }}",
"{{ 'a b c'.split(none, 1) }}",
"{{ 'a b c'.rsplit(none, 1) }}",
"{{ '  a b  '.rsplit() }}",
"{{ 'a,b,,c'.rsplit(',') }}",
"{{ 'aXbXc'.rpartition('Y') }}",
"{{ 'aXbXc'.partition('Y') }}",
"{{ 'ß'.upper() }} {{ 'ǅ'.lower() }} {{ 'ﬁ'.upper() }}",
"{{ 'İ'.lower()|length }}",
"{{ 'Straße'.casefold() }}",
"{{ 'hello world'.title() }} {{ \"they're bill's\".title() }} {{ 'x1y 2z'.title() }}",
"{{ 'aBC dEF'.capitalize() }}",
"{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(1, b=2, **{}) }}",
"{% macro m() %}{{ varargs|length }}{% endmacro %}{{ m(1, 2, *[3]) }}",
"{% macro m(a=1) %}{{ a }}{% endmacro %}{{ m(*[], **{'a': 5}) }}",
"{{ m.name }}",
"{% set f = range %}{{ f.name }}",
"{% set ns = namespace(a=1) %}{{ ns }}",
"{% set ns = namespace(a=1) %}{{ ns.b }}",
"{% set ns = namespace() %}{% set ns.a, ns.b = 1 %}",
"{% set a, b = 1 %}",
"{% set a, b = [1, 2, 3] %}",
"{% for a, b in [1] %}{% endfor %}",
"{% for a, b in [[1, 2, 3]] %}{% endfor %}",
"{% set x = 1 %}{% set x.y = 2 %}",
"{% set ns = namespace() %}{% set ns.x = 1 %}{{ ns.x }}{% set ns.x = ns.x + 1 %}{{ ns.x }}",
"{% block b %}{{ self.b is defined }}{% endblock %}",
"{{ self }}",
"{{ self.nope() }}",
"{% for i in [1] %}{{ loop.index }}{{ loop.revindex }}{{ loop.depth }}{{ loop.depth0 }}{{ loop.length }}{% endfor %}",
"{% for i in [1,2] %}{{ loop }}{% endfor %}",
"{{ range(3)|length }}",
"{{ dict(a=1)|items|list }}",
"{{ {'a': 1}|dictsort(by='value') }}",
"{{ {'b': 1, 'A': 2}|dictsort }}",
"{{ {'b': 1, 'A': 2}|dictsort(true) }}",
"{{ [1, 'a']|sort }}",
"{{ [[2, 1], [1, 2]]|sort }}",
"{{ [none, 1]|sort }}",
"{{ 'abc' ~ ['<x>'] }}",
"{{ ['<x>'] }}",
"{{ {'<k>': '<v>'} }}",
"{{ ('<x>',) }}",
"{{ 1 / 0 }}",
"{{ 1 // 0 }}",
"{{ 1 % 0 }}",
"{{ 1.0 / 0 }}",
"{{ 2 ** 0.5 }}",
"{{ 2 ** -2 }}",
"{{ 7.0 // 2 }} {{ -7.5 // 2 }} {{ 7 % -3 }} {{ -7.5 % 2 }}",
"{{ 'a' in ['a'|safe] }}",
"{{ 1 in [true] }} {{ 0 in [false] }} {{ 1.0 in [1] }}",
"{{ [1, 2] == [1, 2.0] }} {{ (1, 2) == [1, 2] }} {{ 'a' == 'a'|safe }}",
"{{ none|string }} {{ true|string }} {{ 1.0|string }} {{ [1]|string }}",
"{{ none|lower }}",
"{{ 1|upper }}",
"{{ 12|reverse }}",
"{{ none|length }}",
"{{ 5|first }}",
"{{ 'a\\nb'|replace('\\n', '<br>') }}",
"{{ 'a\\nb'|e|replace('\\n', '<br>'|safe) }}",
"{{ x|default }}",
"{{ x|default(none) }}",
"{{ ''|default('d', boolean=true) }}",
"{% for g in [{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}, {'a': 1, 'b': 'z'}]|groupby('a') %}{{ g.grouper }}{{ g.list|map(attribute='b')|join }}{% endfor %}",
"{% for g in [{'a': 1}, {'a': none}]|groupby('a', default=0) %}{{ g.grouper }};{% endfor %}",
"{{ [{'a': {'b': 1}}, {'a': {'b': 2}}]|map(attribute='a.b')|list }}",
"{{ [[1, 2], [3, 4]]|map(attribute=1)|list }}",
"{{ [{'x': 1}, {}]|map(attribute='x', default=0)|list }}",
"{{ ['a', 'B']|map('upper')|list }}",
"{{ ['a,b', 'c']|map('split', ',')|list }}",
"{{ [1, 2, 3]|select('>', 1)|list }}",
"{{ [1, 2, 3]|reject('in', [2])|list }}",
"{{ [{'a': 1}, {'a': 0}]|selectattr('a')|list }}",
"{{ [{'a': 1}, {}]|selectattr('a', 'defined')|list }}",
"{{ [{'n': 'x'}, {'n': 'y'}]|rejectattr('n', 'eq', 'x')|map(attribute='n')|join }}",
"{{ [{'a': 'B'}, {'a': 'a'}]|sort(attribute='a')|map(attribute='a')|join }}",
"{{ ['b', 'a', 'B']|unique|list }}",
"{{ [{'a': 1}, {'a': 1}]|unique(attribute='a')|list }}",
"{{ [1, 5, 3]|max }} {{ []|max }}",
"{{ ['a', 'B']|min }} {{ ['a', 'B']|min(case_sensitive=true) }}",
"{{ {'a': 1, 'b': 2}|dictsort(false, 'value', true) }}",
"{{ {'b': 1}|items|list }}",
"{{ none|items|list }}",
"{{ {'a': '<>', 'b': none, 'c': true}|xmlattr }}",
"{{ {'a b': 1}|xmlattr }}",
"{{ {'a': 1}|xmlattr(autospace=false) }}",
"{{ {'k': [1, 'x', none, true, 1.5]}|tojson }}",
"{{ \"'\"|tojson }}",
"{{ '&'|tojson }}",
"{{ {'b': 1, 'a': 2}|tojson(indent=1) }}",
"{{ 'a/b c?d'|urlencode }}",
"{{ {'a': 'x y'}|urlencode }}",
"{{ 12|urlencode }}",
"{{ 1.5|round(0, 'ceil') }} {{ -1.5|round }} {{ 0.5|round }} {{ 1.25|round(1) }} {{ 12345|round(-3) }}",
"{{ '3'|int + 1 }} {{ '3.5'|float * 2 }} {{ 'abc'|int(default=7) }} {{ '10'|int(base=2) }} {{ '0o17'|int(base=8) }}",
"{{ 3.7|int }} {{ -3.7|int }} {{ '  -5  '|int }} {{ '1e3'|int }} {{ none|int }}",
"{{ 10|filesizeformat }} {{ 1024|filesizeformat(true) }} {{ 1500000|filesizeformat }} {{ 0|filesizeformat }} {{ -5|filesizeformat }}",
"{{ 'Hello'|list|join('-') }}",
"{{ [1, 2]|sum(start=[]) if false else 'x' }}",
"{{ [[1], [2]]|sum(start=[]) }}",
"{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}",
"{% set c = cycler(1, 2) %}{{ c.next() }}{{ c.reset() }}{{ c.next() }}",
"{% set j = joiner('|') %}{% for i in [1, 2, 3] %}{{ j() }}{{ i }}{% endfor %}",
"{% set j = joiner() %}[{{ j() }}][{{ j() }}]",
"{{ lipsum is callable }}",
"{{ namespace is callable }}",
"{% for i in range(3) %}{% if loop.first %}F{% elif loop.last %}L{% else %}{{ loop.index }}{% endif %}{% endfor %}",
"{% for x in [3, 1] %}{{ loop.previtem is defined }}{{ loop.nextitem is defined }}{% endfor %}",
"{% for x in 'ab' %}{% for y in 'cd' %}{{ loop.depth }}{% endfor %}{% endfor %}",
"{% for a in [[1, [2, 3]]] %}{% for b, (c, d) in [a] %}{{ b }}{{ c }}{{ d }}{% endfor %}{% endfor %}",
"{% for k, v in {'a': 1}|dictsort %}{{ k }}{{ v }}{% endfor %}",
"{% for x in none %}{% endfor %}",
"{% for x in 5 %}{% endfor %}",
"{% for x in {'a': 1}.values() %}{{ x }}{% endfor %}",
"{% for i in range(2) %}{% set x = i %}{% endfor %}[{{ x }}]",
"{% set ns = namespace(items=[]) %}{% for i in range(3) %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.items }}",
"{% if [] %}a{% elif {} %}b{% elif '' %}c{% elif 0.0 %}d{% else %}e{% endif %}",
"{% if x is not defined %}nd{% endif %}",
"{% with a = 1 %}{% with b = a + 1 %}{{ a }}{{ b }}{% endwith %}{% endwith %}",
"{% with a = 1, b = a %}{{ b }}{% endwith %}",
"{% filter upper %}{% filter replace('A', '<') %}a{% endfilter %}{% endfilter %}",
"{% filter center(7) %}x{% endfilter %}|",
"{% macro m(a, b) %}{{ a }}|{{ b }}{% endmacro %}{{ m(b='B', a='A') }}",
"{% macro m() %}{{ kwargs }}{% endmacro %}{{ m(z=1, a=2) }}",
"{% macro m(a) %}{{ varargs }}{% endmacro %}{{ m(1, 2, 3) }}",
"{% macro m() %}{% endmacro %}{{ m(1) }}",
"{% macro outer() %}{% macro inner() %}i{% endmacro %}{{ inner() }}{% endmacro %}{{ outer() }}{{ inner is defined }}",
"{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}",
"{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}",
"{% macro m() %}{{ caller('x', 'y') }}{% endmacro %}{% call(a, b='z') m() %}{{ a }}{{ b }}{% endcall %}",
"{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(a) m() %}{{ a }}{% endcall %}",
"{% macro m() %}[{{ caller()|upper }}]{% endmacro %}{% call m() %}<i>{% endcall %}",
"{% set x = 'a' %}{% macro m(x='b') %}{{ x }}{% endmacro %}{{ m() }}{{ m(x) }}",
"{{ 'a' if true }}{{ 'b' if false }}|{{ ('c' if false)|default('d') }}",
"{{ not none }} {{ not not 1 }} {{ -(-1) }} {{ +'1' if false else 'p' }}",
"{{ 1 if 1 in [1] and not 2 in [1] else 0 }}",
"{{ (1, 2)[0] }} {{ [(1, 2)][0][1] }} {{ 'abc'[-1] }} {{ 'abc'[5] is undefined }}",
"{{ [1, 2, 3][-5:10] }} {{ 'hello'[::-2] }} {{ [1,2,3][1:-1] }}",
"{{ {'a': 1}['b'] is defined }}",
"{{ {'a': {'b': 2}}.a.b }}",
"{{ x.y.z }}",
"{{ x['y'] }}",
"{{ x.0 }}",
"{{ [1].length }}",
"{{ 'a' 'b' }} {{ 'multi'\n'line' }}",
"{{ '\\u00e9\\x41\\101' }}",
"{{ r'a\\nb' if false else 'raw' }}",
"{{ 1_000_000 }} {{ 0x10 if false else 16 }} {{ 1.5e3 }} {{ .5 if false else 0.5 }}",
"{{ true and 'x' }} {{ false or none }} {{ none and 1 }}",
"{{ 1 < 2 > 1 }} {{ 1 == 1 != 2 }}",
"{{ 'b' ~ none }} {{ 1 ~ 2 }} {{ [1] ~ (2,) }}",
"{{ 3 - - 3 }} {{ 2 * -1 }} {{ -2 ** 2 }}",
"{{ 7 // 2 * 2 }} {{ 2 ** 3 ** 2 }} {{ (2 ** 3) ** 2 }} {{ 10 - 2 - 3 }} {{ 100 / 10 / 5 }}",
"{% raw %}{% if %}{{ x }}{% endraw %}",
"{%- raw -%}  x  {%- endraw -%}",
"a {#- c -#} b {#+ d +#} c",
"{{ '{{' }}{{ '}}' }}{{ '{%' }}",
"{{- ' x ' -}}",
"a\n{%- if true %}\nb{% endif -%}\nc",
"{% set x = 5 %}{% set y = x * 2 %}{{ y }}{% set x = 'str' %}{{ x }}{{ y }}",
"{% set l = [1, 2] %}{% set l2 = l + [3] %}{{ l }}{{ l2 }}",
"{% set a = b = 1 %}",
"{% set 1 = 2 %}",
"{% set a %}x{% endset %}{% set a %}y{% endset %}{{ a }}",
"{{ 'x'|nofilter }}",
"{{ 1 is notatest }}",
"{% nosuchtag %}",
"{% for %}{% endfor %}",
"{% if %}{% endif %}",
"{{ 1 + }}",
"{{ (1 }}",
"{{ [1, }}",
"{{ {'a' 1} }}",
"{{ a.1.b }}",
"{% endfor %}",
"{% for x in y %}",
"{% block b %}{% block b %}{% endblock %}{% endblock %}",
"{% macro %}{% endmacro %}",
"{% call m %}{% endcall %}",
"{% include %}",
"{% import 'x' %}",
"{% from 'x' import %}",
"{% with a %}{% endwith %}",
"{% autoescape %}{% endautoescape %}",
"{% filter %}{% endfilter %}",
"{% set %}",
"{{ x|default('a', 'b', 'c') }}"
]
for i, t in enumerate(MISC):
    case("misc %03d %s" % (i, t[:60]), t)


# ---- inheritance, include and import corners (rendered as p.html with v='<v>', name='i.html')
INHERIT = [
[
"{% extends 'b.html' %}{% block a %}{{ super() }}{{ super() }}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a %}{{ self.b() }}{% endblock %}{% block b %}X{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block c %}never{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a %}{% block inner %}I{% endblock %}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'm.html' %}{% block a %}{{ super() }}+{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>",
"m.html": "{% extends 'b.html' %}"
}
],
[
"{% extends 'b.html' %}{% set v = 1 %}{% block a %}{{ v }}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a %}{{ v }}{% endblock %}",
{
"b.html": "{% set v = 'p' %}<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a %}{% for i in [1,2] %}{{ i }}{% endfor %}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% macro m() %}M{% endmacro %}{% block a %}{{ m() }}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a %}{{ self.a is defined }}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'b.html' %}{% block a required %}{% endblock %}",
{
"b.html": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}>"
}
],
[
"{% extends 'r.html' %}",
{
"r.html": "{% block x required %}{% endblock %}"
}
],
[
"{% extends 'r.html' %}{% block x %}ok{% endblock %}",
{
"r.html": "{% block x required %}{% endblock %}"
}
],
[
"{% extends 'r.html' %}",
{
"r.html": "{% block x required %}text{% endblock %}"
}
],
[
"{% include 'i.html' %}{% include 'i.html' %}",
{
"i.html": "{% set n = 1 %}{{ n }}"
}
],
[
"{% set x = 'outer' %}{% include 'i.html' %}",
{
"i.html": "{{ x }}{% set x = 'inner' %}{{ x }}"
}
],
[
"{% for i in [1, 2] %}{% include 'i.html' without context %}{% endfor %}",
{
"i.html": "[{{ i }}]"
}
],
[
"{% macro m() %}{% include 'i.html' %}{% endmacro %}{{ m() }}",
{
"i.html": "inc"
}
],
[
"{% macro m(v) %}{% include 'i.html' %}{% endmacro %}{{ m('arg') }}",
{
"i.html": "[{{ v }}]"
}
],
[
"{% include 'i.html' ignore missing with context %}",
{
"i.html": "ok"
}
],
[
"{% include 'i.html' ignore missing without context %}",
{}
],
[
"{% include ['a.html', 'b.html'] ignore missing %}x",
{}
],
[
"{% include name %}",
{
"i.html": "dyn"
}
],
[
"{% import 'm.html' as m %}{{ m }}",
{
"m.html": ""
}
],
[
"{% import 'm.html' as m %}{{ m.x }}{{ m.y }}",
{
"m.html": "{% set x = 1 %}{% set y %}blk{% endset %}"
}
],
[
"{% import 'm.html' as m %}{{ m.x }}",
{
"m.html": "{% for i in [1] %}{% set x = 1 %}{% endfor %}"
}
],
[
"{% import 'm.html' as m %}[{{ m.text }}]",
{
"m.html": "printed text {% set text = 't' %}"
}
],
[
"{% from 'm.html' import a as b, a %}{{ a() }}{{ b() }}",
{
"m.html": "{% macro a() %}A{% endmacro %}"
}
],
[
"{% import 'm.html' as m %}{% import 'm.html' as n %}{{ m.a() }}{{ n.a() }}",
{
"m.html": "{% macro a() %}A{% endmacro %}"
}
],
[
"{% import 'm.html' as m %}{{ m.a() }}",
{
"m.html": "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}B{% endmacro %}"
}
],
[
"{% from 'm.html' import a %}{{ a() }}",
{
"m.html": "{% import 'n.html' as n %}{% macro a() %}{{ n.z() }}{% endmacro %}",
"n.html": "{% macro z() %}Z{% endmacro %}"
}
],
[
"{% import 'm.txt' as m %}{{ m.a() }}",
{
"m.txt": "{% macro a() %}<b>{% endmacro %}"
}
],
[
"{% import 'm.html' as m %}{{ m.a()|length }}{{ m.a() is escaped }}",
{
"m.html": "{% macro a() %}<b>{% endmacro %}"
}
],
[
"{% extends 'b.html' %}{% block a %}{% include 'i.html' %}{% endblock %}",
{
"b.html": "{% for x in [1] %}{% block a scoped %}{% endblock %}{% endfor %}",
"i.html": "{{ x }}"
}
],
[
"{% set x = 1 %}{% block a %}{{ x }}{% endblock %}",
{}
],
[
"{% for x in [1] %}{% block a %}{{ x }}{% endblock %}{% endfor %}",
{}
],
[
"{% macro m() %}{% block q %}{% endblock %}{% endmacro %}",
{}
],
[
"{{ self.a() }}{% block a %}A{% endblock %}",
{}
],
[
"{% block a %}{{ super() }}{% endblock %}",
{}
],
[
"{% extends 'b.html' %}{% block a %}{{ super()|upper }}{% endblock %}",
{
"b.html": "{% block a %}<i>{% endblock %}"
}
],
[
"{% extends 'b.txt' %}{% block a %}<{{ v }}>{% endblock %}",
{
"b.txt": "{% block a %}{% endblock %}"
}
],
[
"{% extends 'b.html' %}",
{
"b.html": "{{ v }}"
}
]
]
for i, (t, others) in enumerate(INHERIT):
    case("inherit %02d %s" % (i, t[:60]), t, {"v": "<v>", "name": "i.html"}, file="p.html", templates=others)


# ---- escaping contexts, printf formats, loops and Undefined through every filter (v = '<v>&')
ESCAPES = [
[
"{% autoescape false %}{{ '<b>'|safe|title }}{{ '<i>'|e }}{% endautoescape %}",
None
],
[
"{% autoescape false %}{{ ['<a>', '<b>'|safe]|join('<') }}{% endautoescape %}",
None
],
[
"{% autoescape false %}{% macro m() %}<b>{% endmacro %}{{ m() is escaped }}{% endautoescape %}",
None
],
[
"{% macro m() %}<b>{% endmacro %}{{ m() is escaped }}",
None
],
[
"{% set x %}<b>{% endset %}{{ x is escaped }}{% autoescape false %}{% set y %}<i>{% endset %}{{ y is escaped }}{% endautoescape %}",
None
],
[
"{% autoescape true %}{{ v }}{% autoescape false %}{{ v }}{% endautoescape %}{{ v }}{% endautoescape %}",
"t.txt"
],
[
"{{ v ~ '<' }}",
"t.txt"
],
[
"{{ '<b>%s</b>'|safe|format(v) }}",
"t.txt"
],
[
"{{ v|e }}",
"t.txt"
],
[
"{{ v|e|length }}",
"t.txt"
],
[
"{{ ('<%s>'|safe) % v }}",
"t.txt"
],
[
"{{ v|safe ~ v }}",
"t.txt"
],
[
"{{ [v|safe] }}",
None
],
[
"{{ {'k': v|safe} }}",
None
],
[
"{{ v|safe|string|e }}",
None
],
[
"{{ v|string }}",
None
],
[
"{{ (v|safe).strip('<') }}",
None
],
[
"{{ v|safe is string }}",
None
],
[
"{{ v|e is string }}",
None
],
[
"{{ 1|e }} {{ none|e }} {{ [1]|e }}",
None
],
[
"{{ true|safe }} {{ 1.5|safe }} {{ none|safe }} {{ [1, '<']|safe }}",
None
],
[
"{{ v|forceescape|forceescape }}",
None
],
[
"{{ v|escape|safe }}",
None
],
[
"{{ '&amp;'|safe|striptags }}",
None
],
[
"{{ '<p>a</p>\n<p>b</p>'|striptags }}",
None
],
[
"{{ '<a href=\"x\">l</a> &lt;t&gt; &#39; &#x27; &nbsp;.'|striptags }}",
None
],
[
"{{ 'a &amp b'|striptags }}",
None
],
[
"{{ '<unclosed a'|striptags }}",
None
],
[
"{{ '<!-- x'|striptags }}",
None
],
[
"{{ 'x' * 3|length }}",
None
],
[
"{{ ('x' * 3)|length }}",
None
],
[
"{{ '%s'|format(v|safe) }}",
None
],
[
"{{ 'a'|format }}",
None
],
[
"{{ '%(x)s %(y)s'|format(x=1, y='<') }}",
None
],
[
"{{ '%-8s|'|format(v) }}",
None
],
[
"{{ '%08.3f'|format(-3.14159) }}",
None
],
[
"{{ '%+.2e'|format(12345) }}",
None
],
[
"{{ '%g %g %g'|format(1e-5, 123456789, 0.5) }}",
None
],
[
"{{ '%5.2s|'|format('abc') }}",
None
],
[
"{{ '%c'|format(9731) }}",
None
],
[
"{{ '%i %u'|format(3.9, -2) }}",
None
],
[
"{{ '%X'|format(255) }}",
None
],
[
"{{ '%o'|format(-8) }}",
None
],
[
"{{ '%s'|format(none) }} {{ '%r'|format(none) }} {{ '%s'|format([1]) }}",
None
],
[
"{{ '%d'|format('x') }}",
None
],
[
"{{ '%z'|format(1) }}",
None
],
[
"{{ '%'|format }}",
None
],
[
"{{ '%(a)s'|format(1) }}",
None
],
[
"{{ '%s %(a)s'|format(a=1) }}",
None
],
[
"{% for x in 'abc' %}{{ loop.revindex0 }}{% endfor %}",
None
],
[
"{% for x in [1,2,3] %}{{ loop.cycle(*'xy') }}{% endfor %}",
None
],
[
"{% for x in [] %}{% else %}{{ x }}{% endfor %}",
None
],
[
"{% for x in [1] %}{% for y in [] %}{% else %}{{ loop.index }}{% endfor %}{% endfor %}",
None
],
[
"{% for x in [1, 2] if x > 5 %}{{ x }}{% else %}none{% endfor %}",
None
],
[
"{% for x in [1, 2, 3] if x != 2 %}{{ loop.last }}{% endfor %}",
None
],
[
"{% for a, b in {'x': 1}.items() %}{{ a }}{{ b }}{% endfor %}",
None
],
[
"{% for a in {'x': 1}|dictsort %}{{ a[0] }}{% endfor %}",
None
],
[
"{% for x in [1,2] %}{{ loop.changed(x) }}{{ loop.changed(x) }}{% endfor %}",
None
],
[
"{% for x in [1, 2, 3] %}{{ loop.nextitem is undefined }}{% endfor %}",
None
],
[
"{% for x in range(3) recursive %}{{ x }}{% endfor %}",
None
],
[
"{% for x in [[1, [2]], 3] recursive %}{% if x is iterable %}({{ loop(x) }}){% else %}{{ x }}{% endif %}{% endfor %}",
None
],
[
"{% set items = [1, 2] %}{% for i in items %}{% set items = [] %}{{ i }}{% endfor %}{{ items }}",
None
],
[
"{% for i in range(2) %}{% for i in range(2) %}{{ i }}{% endfor %}{{ i }}{% endfor %}",
None
],
[
"{{ loop }}",
None
],
[
"{% for x in [1] %}{{ loop.index is number }}{{ loop.cycle is callable }}{% endfor %}",
None
],
[
"{% if true %}a{% elif undefined_fn() %}b{% endif %}",
None
],
[
"{{ 1 if undefined_x else 2 }}",
None
],
[
"{{ missing is none }} {{ missing|string }} {{ missing|list }} {{ missing|join }} {{ missing|length }}",
None
],
[
"{{ missing|upper }}",
None
],
[
"{{ missing|e }}",
None
],
[
"{{ missing|first }}",
None
],
[
"{{ missing|default(1) }}",
None
],
[
"{{ missing|sort }}",
None
],
[
"{{ missing|replace('a', 'b') }}",
None
],
[
"{{ missing|trim }}",
None
],
[
"{{ missing|wordcount }}",
None
],
[
"{{ missing|tojson }}",
None
],
[
"{{ missing|safe }}",
None
],
[
"{{ missing|center(4) }}|",
None
],
[
"{{ missing|truncate }}",
None
],
[
"{{ missing|urlencode }}",
None
],
[
"{{ missing|title }}",
None
],
[
"{{ missing|capitalize }}",
None
],
[
"{{ missing|reverse|list }}",
None
],
[
"{{ missing ~ 'x' }}",
None
],
[
"{{ missing|attr('x') }}",
None
],
[
"{{ missing|batch(2)|list }}",
None
],
[
"{{ missing|unique|list }}",
None
],
[
"{{ missing|min }}",
None
],
[
"{{ missing|sum }}",
None
],
[
"{{ missing|dictsort }}",
None
],
[
"{{ missing|items|list }}",
None
],
[
"{{ missing|xmlattr }}",
None
],
[
"{{ missing|round }}",
None
],
[
"{{ missing|abs }}",
None
],
[
"{{ missing|filesizeformat }}",
None
],
[
"{{ missing|indent }}",
None
],
[
"{{ missing|striptags }}",
None
],
[
"{{ missing|wordwrap }}",
None
],
[
"{{ missing|format }}",
None
],
[
"{{ missing|map('upper')|list }}",
None
],
[
"{{ missing|select|list }}",
None
],
[
"{{ missing|groupby('a')|list }}",
None
],
[
"{{ missing in 'abc' }}",
None
],
[
"{{ 'a' in missing }}",
None
],
[
"{{ missing[0] }}",
None
],
[
"{{ -missing }}",
None
],
[
"{{ not missing }}",
None
],
[
"{{ missing == missing }}",
None
],
[
"{{ missing is sameas missing }}",
None
],
[
"{{ missing|e is escaped }}",
None
]
]
for i, (t, f) in enumerate(ESCAPES):
    extra = {"file": f} if f else {}
    case("corner %02d %s" % (i, t[:60]), t, {"v": "<v>&"}, **extra)


# ---- numbers, text and collection filters on realistic data
USERS = [{"name": "a", "age": 30}, {"name": "B", "age": 20}, {"name": "c", "age": 30}]
DATA = [
"{{ 1/3 }} {{ 2/3 }} {{ 10/3 }} {{ 1e16 }} {{ 1e15 + 0.3 }} {{ 123456789.123456789 }} {{ 5e-324 }} {{ 1.7976931348623157e308 }}",
"{{ 0.1 * 3 }} {{ 1.1 + 2.2 }} {{ 3 * 1.1 }} {{ 100 * 1.1 }} {{ 0.3 - 0.1 }}",
"{{ 1e300 * 1e10 }} {{ -1e300 * 1e10 }} {{ (1e300 * 1e10) - (1e300 * 1e10) }}",
"{{ 7 / 7 }} {{ -0.0 }} {{ 0.0 == -0.0 }} {{ 1 == 1.0 }} {{ 1 is sameas 1.0 }}",
"{{ 2.5|round }} {{ 3.5|round }} {{ -2.5|round }} {{ 0.125|round(2) }} {{ 0.375|round(2) }} {{ 1.005|round(2) }}",
"{{ 1234.5678|round(2, 'floor') }} {{ -1.5|round(method='ceil') }} {{ 5|round(1) }} {{ 5.0|round(-1) }}",
"{{ 2.5|int }} {{ '2.5'|int }} {{ '-0'|int }} {{ ''|int }} {{ '   '|float }} {{ 'nan'|float }} {{ '-inf'|float }}",
"{{ 10|float }} {{ '1,000'|int }} {{ '1_000.5'|float }} {{ '.5'|float }} {{ '5.'|float }} {{ '1e-3'|float }}",
"{{ [1, 2.5]|sum }} {{ [0.1] * 3|sum if false else ([0.1, 0.1, 0.1]|sum) }} {{ [1, 2]|sum(start=0.5) }}",
"{{ 17 % 5 }} {{ -17 % 5 }} {{ 17 % -5 }} {{ 17.5 % 5 }} {{ 5 % 0.5 }} {{ 2 ** 62 }} {{ -(2 ** 62) }}",
"{{ 9007199254740993 }} {{ 9007199254740993 + 0.0 }} {{ 2 ** 53 + 1 }}",
"{{ 3 // 2.0 }} {{ -3 // 2.0 }} {{ 3.0 // 0.7 }} {{ 1 / 3 * 3 }}",
"{{ '%.0f %.0f %.0f %.0f'|format(0.5, 1.5, 2.5, 3.5) }}",
"{{ '%.2f %.2f'|format(2.675, 1.005) }}",
"{{ '%.15g %.17g'|format(0.1, 0.1) }}",
"{{ '%5.1f%%'|format(99.55) }}",
"{{ '%e'|format(0) }} {{ '%g'|format(100000) }} {{ '%g'|format(1000000) }} {{ '%G'|format(1e-10) }}",
"{{ '{:.0f} {:.0f} {:.0f}'.format(0.5, 1.5, 2.5) }}",
"{{ '{:.3e}'.format(123456) }} {{ '{:.2%}'.format(1/3) }} {{ '{:10.4f}|'.format(3.14159265) }}",
"{{ '{:,.1f}'.format(1234567.25) }} {{ '{:_.3f}'.format(1234.5) }} {{ '{:,d}'.format(-1234) }}",
"{{ '{:g}'.format(0.0001) }} {{ '{:g}'.format(0.00001) }} {{ '{:g}'.format(123456789) }}",
"{{ '{:.10}'.format(1/3) }} {{ '{:.1}'.format(0.05) }} {{ '{}'.format(1e22) }} {{ '{}'.format(1e-5) }}",
"{{ '{:+.1f} {: .1f} {:-.1f}'.format(1, 1, -1) }}",
"{{ '{:#.0f} {:#g} {:#x}'.format(1, 1.0, 0) }}",
"{{ '{:08.2f} {:-^9.1f} {:>+8d}'.format(-3.14159, 2.5, 42) }}",
"{{ 'abc'|length }} {{ 'ab😀'|length }} {{ 'ab😀'|reverse }} {{ 'ab😀'[2] }} {{ 'é'|length }}",
"{{ 'ÉCOLE'|lower }} {{ 'straße'|upper }} {{ 'ǆ'|title }} {{ 'ﬁnal'|capitalize }} {{ 'ΣΑΣ'|lower }}",
"{{ 'hello world'|title }} {{ 'HELLO-WORLD foo_bar'|title }} {{ \"o'neil\"|title }} {{ 'x(y)z'|title }} {{ '1st 2nd'|title }}",
"{{ 'a\tb'|title }} {{ 'àb çd'|title }}",
"{{ '  x  '|trim }}|{{ ' x '|trim }}|{{ ' x'|trim }}|",
"{{ 'a  b\t\nc'|wordcount }} {{ 'it\\'s'|wordcount }} {{ '___'|wordcount }} {{ '3.14'|wordcount }} {{ 'héllo-wörld'|wordcount }}",
"{{ 'hello'|truncate(3, true, '') }} {{ 'hello world foo'|truncate(11, false, '', 0) }} {{ 'abc def'|truncate(6, leeway=0) }}",
"{{ 'one two'|truncate(5, leeway=0) }}|{{ 'one two'|truncate(4, leeway=0) }}|{{ 'onetwo three'|truncate(6, leeway=0) }}",
"{{ 'a b'|replace(' ', '') }} {{ 'aaa'|replace('a', 'b', 0) }} {{ 'aaa'|replace('', '-') }} {{ 'abc'|replace('', '-', 2) }}",
"{{ 'Hello'|center(10)|length }} {{ 'x'|center(4) }}| {{ 'xy'|center(5) }}| {{ 'xyz'|center(6) }}|",
"{{ 'a\nb\nc'|indent(first=true) }}|{{ ''|indent(first=true) }}|{{ '\n'|indent(first=true, blank=true) }}|",
"{{ 'a\r\nb'|indent }}|{{ 'a\rb'|indent }}",
"{{ 'x'|indent(-2, true) }}",
"{{ 'x'|urlencode }} {{ 'ü é'|urlencode }} {{ '~._-'|urlencode }} {{ '/'|urlencode }} {{ {'a/b': 'c/d'}|urlencode }} {{ {'a': none}|urlencode }}",
"{{ 'Abc'|lower is lower }} {{ 'ABC1'|upper is upper }} {{ '1'|lower is lower }} {{ ''|lower is lower }}",
"{{ 'abc' < 'abd' }} {{ 'B' < 'a' }} {{ 'é' < 'f' }} {{ ['a'] < ['b'] }} {{ (1, 'a') < (1, 'b') }}",
"{{ [3, 1, 2]|sort|first }} {{ ['b', 'a']|sort(reverse=true)|join }} {{ [1.5, 1, 2]|sort }} {{ [true, false]|sort }}",
"{{ ['B', 'a', 'C']|sort(case_sensitive=false) }} {{ ['B', 'a', 'C']|sort(case_sensitive=true) }} {{ ['a', 'A']|sort }}",
"{{ [{'n': 'b'}, {'n': 'A'}]|sort(attribute='n')|map(attribute='n')|join }} {{ [{'n': 2}, {'n': 1}]|max(attribute='n') }}",
"{{ ['a', 'B', 'c']|max }} {{ ['a', 'B', 'c']|max(case_sensitive=true) }} {{ [1, 2]|min }} {{ 'bca'|min }}",
"{{ [1, 1, 2]|unique|list }} {{ 'aAbB'|unique|list }} {{ 'aAbB'|unique(true)|list }}",
"{{ [1, 2, 3, 4, 5, 6, 7]|slice(3)|list }} {{ [1, 2, 3, 4]|slice(3, 'x')|list }} {{ []|slice(2)|list }} {{ [1]|slice(3)|list }}",
"{{ 'abcdefg'|batch(3)|list }} {{ range(5)|batch(2, 0)|map('sum')|list }}",
"{{ {'c': 1, 'a': 3, 'b': 2}|dictsort(by='value', reverse=true) }} {{ {'b': 1, 'a': 1}|dictsort(by='value') }}",
"{{ {'B': 1, 'a': 2}|dictsort(case_sensitive=false) }} {{ {1: 'a', 2: 'b'}|dictsort }}",
"{{ [('a', 1), ('b', 2)]|map('first')|list }} {{ [[1, 2], [3]]|map('length')|list }} {{ ['x']|map('default', 'y')|list }}",
"{{ [1, 2, 3]|map('string')|join('-') }} {{ ['1', '2']|map('int')|list }} {{ [1.7]|map('int')|list }} {{ [0, 1]|map('bool' if false else 'string')|list }}",
"{{ [none, 0, '', [], 'x']|select|list }} {{ [none, 0]|reject('none')|list }} {{ [1, 'a', none]|select('string')|list }}",
"{{ [1, 2, 3]|select('even')|list }} {{ [1, 2, 3]|select('divisibleby', 2)|list }} {{ ['a', 'B']|select('upper')|list }}",
"{{ [{'a': 1}, {'a': 2}]|selectattr('a', 'odd')|list }} {{ [{'a': none}, {'a': 1}]|rejectattr('a', 'none')|list }}",
"{{ [{'a': {'b': 1}}]|selectattr('a.b', 'eq', 1)|list|length }} {{ users|map(attribute='name')|map('upper')|join(', ') }}",
"{{ users|groupby('age')|map(attribute='grouper')|list }} {{ users|groupby('age')|map('last')|map('length')|list }}",
"{{ users|groupby('age', reverse=true)|map(attribute='grouper')|list }} {{ users|groupby('name', case_sensitive=true)|length }}",
"{{ users|sum(attribute='age') }} {{ users|map(attribute='age')|max }} {{ users|min(attribute='age') }}",
"{{ users|selectattr('age', 'gt', 20)|map(attribute='name')|list }} {{ users|rejectattr('name', 'in', ['a'])|list|length }}",
"{{ users|tojson }}",
"{{ users[0]|dictsort }}",
"{{ users[0]|items|list }}",
"{{ users|first|xmlattr }}"
]
for i, t in enumerate(DATA):
    case("data %02d %s" % (i, t[:60]), t, {"users": USERS})
case("filter unknown keyword", "{{ users|groupby('age', reverse=true)|list }}", {"users": USERS})
case("filter too many positional", "{{ 'x'|upper(1) }}")
case("filter keyword given twice", "{{ 'abc'|truncate(2, length=2) }}")
case("filter keyword ok", "{{ 'abc def ghi'|truncate(length=7, leeway=0, end='~') }}")
case("unicode capitalize title lower", "{{ 'ﬁnal'|capitalize }} {{ 'ǆemal'.title() }} {{ 'ΣΑΣ ΟΔΟΣ'|lower }} {{ 'ΑΣ.'.lower() }} {{ 'Σ'|lower }}")
case("format alternate no decimals", "{{ '{:#.0f} {:#.0%}'.format(1, 1) }} {{ '%#.0f'|format(2) }}")


# ---- whitespace options, syntax errors and tests
SYNTAX = [
    ['{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n', {}],
    ['{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n', {'trim_blocks': True}],
    ['{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n', {'lstrip_blocks': True}],
    ['{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n', {'lstrip_blocks': True, 'trim_blocks': True}],
    ['  {% if true %}\n  x\n  {% endif %}\n', {'lstrip_blocks': True, 'trim_blocks': True}],
    ['\t{% if true %}y{% endif %}', {'lstrip_blocks': True}],
    ['a {%- if true %} b {% endif -%} c', {}],
    ['a\n  {%- if true -%}\n  b\n  {%- endif -%}\n  c', {}],
    ["{{ 'x' }}\n", {'trim_blocks': True}],
    ['{# c #}\nx', {'trim_blocks': True}],
    ['  {# c #}\nx', {'lstrip_blocks': True}],
    ['x  {#- c #}', {}],
    ['{% raw %}\n  {{ }}\n{% endraw %}\n', {'trim_blocks': True}],
    ['  {% raw %}x{% endraw %}', {'lstrip_blocks': True}],
    ['{%+ if true %}x{% endif %}', {'lstrip_blocks': True}],
    ['  {%+ if true %}x{% endif +%}\ny', {'lstrip_blocks': True, 'trim_blocks': True}],
    ['a\r\n{% if true %}\r\nb\r\n{% endif %}\r\n', {'trim_blocks': True}],
    ['line\r\n', {'keep_trailing_newline': True}],
    ['a\n\n\n', {}],
    ['\n', {}],
    ['', {}],
    ["{{ 'a' }}{{ 'b' }}\n{{ 'c' }}", {'lstrip_blocks': True}],
    ['x {% set a = 1 %} y', {'lstrip_blocks': True, 'trim_blocks': True}],
    ["<ul>\n{% for i in 'ab' %}\n    <li>{{ i }}</li>\n{% endfor %}\n</ul>", {'trim_blocks': True, 'lstrip_blocks': True}],
    ['{% macro m() -%}\n  body\n{%- endmacro %}[{{ m() }}]', {}],
    ['{% set x -%}\n  v  \n{%- endset %}[{{ x }}]', {}],
    ['{{ 1 }}{# unterminated', {}],
    ['{{ 1 }', {}],
    ['{% if true %}', {}],
    ['{% raw %}no end', {}],
    ["{{ 'a' ~ }}", {}],
    ['{{ a b }}', {}],
    ['{{ a.b( }}', {}],
    ['{{ {1, 2} }}', {}],
    ['{{ 1 +* 2 }}', {}],
    ['{% for x in %}{% endfor %}', {}],
    ['{% if x %}{% elif %}{% endif %}', {}],
    ['{% macro m(1) %}{% endmacro %}', {}],
    ['{% macro m(a, *b) %}{% endmacro %}', {}],
    ['{% set x = %}', {}],
    ['{{ x|1 }}', {}],
    ['{{ x is 1 }}', {}],
    ["{{ 'a' if }}", {}],
    ['{{ [1, 2 }}', {}],
    ['{{ () }}{{ (1) }}{{ (1,) }}', {}],
    ['{{ 1, 2 }}', {}],
    ['{% set a = 1, %}{{ a }}', {}],
    ['{% for a, in [[1]] %}{{ a }}{% endfor %}', {}],
    ['{% with a = 1, %}{{ a }}{% endwith %}', {}],
    ['{{ f(1,) if false }}', {}],
    ["{{ [1, 2,] }} {{ {'a': 1,} }} {{ (1, 2,) }}", {}],
    ["{{ 'a' 'b' 'c' }}", {}],
    ['{{ not }}', {}],
    ['{{ 1 if 2 else }}', {}],
    ['{{ x._private }}', {}],
    ['{{ true.real if false }}', {}],
    ['{{ 1 < 2 < 3 < 4 }} {{ 3 > 2 > 1 > 0 }} {{ 1 in [1] in [[1]] if false }}', {}],
    ["{{ 'abc' is string and 1 is not string }}", {}],
    ['{{ x is defined and x }}', {}],
    ['{{ 1 is divisibleby 0 }}', {}],
    ['{{ 5 is in range(10) }}', {}],
    ["{{ 'a' is in {'a': 1} }}", {}],
    ['{{ 1 is ge 1 and 1 is le 1 }}', {}],
    ["{{ 'x' is sameas 'x' }}", {}],
    ['{{ none is not none }}', {}],
    ['{{ undefined is undefined }}', {}],
    ["{{ range(3) is iterable }} {{ 3 is iterable }} {{ 'x' is iterable }} {{ {} is iterable }}", {}],
    ['{{ 1.0 is integer }} {{ 1 is float }}', {}],
    ["{{ [] is mapping }} {{ {} is sequence }} {{ 'a' is mapping }}", {}],
    ['{{ none is callable }} {{ dict is callable }} {{ joiner is callable }}', {}],
    ["{{ 'upper' is filter }} {{ 'nope' is test }} {{ 'divisibleby' is test }} {{ 'callable' is test }}", {}],
    ['{{ 0 is false }} {{ false is false }} {{ none is false }}', {}],
]
for i, (t, options) in enumerate(SYNTAX):
    case("syntax %02d %s" % (i, t[:60]), t, **options)


# ---- macros, call blocks, scoping and globals
SCOPES = [
    '{% macro m(a, b=a) %}{{ b }}{% endmacro %}{{ m(1) }}',
    '{% macro m(a=b, b=1) %}{{ a }}{% endmacro %}{{ m() }}',
    "{% set b = 'outer' %}{% macro m(a=b) %}{{ a }}{% endmacro %}{{ m() }}",
    '{% macro m(a) %}{% set a = a * 2 %}{{ a }}{% endmacro %}{{ m(2) }}',
    '{% macro m() %}{% set x = 1 %}{% endmacro %}{{ m() }}{{ x is defined }}',
    '{% macro m(n) %}{% if n %}{{ n }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(3) }}',
    '{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m() }}',
    '{% macro m(*args) %}{% endmacro %}',
    '{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(1, 2, 3) }}',
    '{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(a=1, c=2) }}',
    '{% macro m(caller) %}{% endmacro %}',
    '{% macro m(varargs) %}{{ varargs }}{% endmacro %}{{ m(1) }}',
    "{% macro m() %}{{ caller(caller='x') if false }}{% endmacro %}{{ m() }}",
    '{% macro m() %}<{{ caller() }}>{% endmacro %}{% call m() %}{% call m() %}in{% endcall %}{% endcall %}',
    "{% macro list(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(x, n) list('ab') %}{{ n }}{{ x }};{% endcall %}",
    '{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}{% call m() %}{% set c = 1 %}{{ c }}{% endcall %}',
    '{% set ns = namespace(n=0) %}{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}{% call m() %}{% set ns.n = ns.n + 1 %}{{ ns.n }}{% endcall %}',
    '{% macro m() %}{{ caller() }}{% endmacro %}{% for i in [1, 2] %}{% call m() %}{{ i }}{{ loop.index }}{% endcall %}{% endfor %}',
    '{% macro m(x) %}{{ x() }}{% endmacro %}{% macro n() %}N{% endmacro %}{{ m(n) }}',
    '{% macro m() %}M{% endmacro %}{% set alias = m %}{{ alias() }}{{ alias.name }}',
    "{% macro m() %}{{ kwargs.a }}{% endmacro %}{{ m(a='<') }}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(**{'a': '<'}) }}",
    "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(*['<']) }}",
    "{% macro m() %}{{ varargs|join(',') }}{% endmacro %}{{ m(*range(3)) }}",
    '{% macro m() %}x{% endmacro %}{{ m()|length }} {{ m() ~ m() }} {{ (m() + m()) is escaped }}',
    '{% set m = 1 %}{% macro m() %}M{% endmacro %}{{ m() }}',
    '{% macro m() %}M{% endmacro %}{% set m = 1 %}{{ m }}',
    '{% for m in [1] %}{% macro m() %}in{% endmacro %}{% endfor %}{{ m is defined }}',
    '{% if true %}{% macro m() %}in if{% endmacro %}{% endif %}{{ m() }}',
    '{% with %}{% macro m() %}w{% endmacro %}{% endwith %}{{ m is defined }}',
    '{% set x = 1 %}{% with %}{% set x = 2 %}{{ x }}{% endwith %}{{ x }}',
    '{% with x = 1 %}{% set y = x %}{% endwith %}{{ y is defined }}',
    '{% set x = 1 %}{% if true %}{% set x = 2 %}{% endif %}{{ x }}',
    '{% set x = 1 %}{% for i in [1] %}{% if true %}{% set x = 3 %}{% endif %}{{ x }}{% endfor %}{{ x }}',
    '{% set a = 1 %}{% set b = a %}{% set a = 2 %}{{ b }}',
    "{% set x = 'x' %}{% filter upper %}{% set x = 'y' %}{{ x }}{% endfilter %}{{ x }}",
    '{% set t = (1, 2) %}{% set a, b = t %}{{ b }}{{ a }}',
    '{% set a, (b, c) = 1, (2, 3) %}{{ a }}{{ b }}{{ c }}',
    '{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}',
    '{% set d = dict(a=1, b=dict(c=2)) %}{{ d.b.c }} {{ d|length }}',
    "{{ dict(**{'a': 1}, b=2) }}",
    "{{ dict([('a', 1)]) }}",
    '{{ dict(a=1, a=2) }}',
    '{% set c = cycler() %}{{ c.next() }}',
    "{{ namespace(a=1).a }} {{ namespace({'b': 2}).b }} {{ namespace(x=1, y=2) }}",
    "{% set ns = namespace(a=1) %}{% set ns.a = ns.a ~ 'x' %}{{ ns.a }}{{ ns['a'] }}",
    '{% set ns = namespace() %}{{ ns.missing is defined }}',
    '{% set ns = namespace(items=[1]) %}{% for i in ns.items %}{{ i }}{% endfor %}{{ ns.items|length }}',
    "{{ range(2, 10, 3)|list }} {{ range(-2)|list }} {{ range(5)[1:3]|list if false else 'r' }}",
    "{{ joiner(', ')() }}|{% set j = joiner(', ') %}{{ j() }}{{ j() }}{{ j() }}",
    "{% set c = cycler('a') %}{% for i in range(3) %}{{ c.next() }}{{ c.current }}{% endfor %}",
]
for i, t in enumerate(SCOPES):
    case("scope %02d %s" % (i, t[:60]), t)


# ---- realistic pages: a Flask-style base layout, a form macro library, flashed messages
PAGE_BASE = """<!doctype html>
<html lang="{{ lang|default('en') }}">
<head><title>{% block title %}{% endblock %} - Site</title>
{% block head %}<link rel="stylesheet" href="/static/style.css">{% endblock %}
</head>
<body class="{{ body_class|default('', true) }}">
<nav>{% for href, caption in nav %}<a href="{{ href }}"{% if href == active %} class="active"{% endif %}>{{ caption|e }}</a>{% endfor %}</nav>
{% with messages = flashes %}{% if messages %}<ul class=flashes>{% for category, message in messages %}<li class="{{ category }}">{{ message }}</li>{% endfor %}</ul>{% endif %}{% endwith %}
<main>{% block content %}{% endblock %}</main>
<footer>{% block footer %}&copy; {{ year }}{% endblock %}</footer>
<script>const CONFIG = {{ config|tojson }};</script>
</body></html>
"""
PAGE_FORMS = """{% macro input(name, value='', type='text', size=20) -%}
<input type="{{ type }}" name="{{ name }}" value="{{ value|e }}" size="{{ size }}"{{ kwargs|xmlattr }}>
{%- endmacro %}
{% macro textarea(name, value='', rows=10, cols=40) -%}
<textarea name="{{ name }}" rows="{{ rows }}" cols="{{ cols }}">{{ value|e }}</textarea>
{%- endmacro %}
{% macro field(f) -%}<div class="field{% if f.errors %} error{% endif %}">{{ caller() }}{% for e in f.errors %}<span>{{ e }}</span>{% endfor %}</div>{%- endmacro %}"""
PAGE_CTX = {"nav": [["/", "Home"], ["/about", "About <us>"], ["/q?a=1&b=2", "Search"]], "active": "/about", "year": 2026,
       "flashes": [["info", "Saved <b>ok</b>"], ["error", "Bad & wrong"]], "config": {"debug": False, "name": "</script><script>x", "n": [1, 2.5]},
       "posts": [{"title": "First <post>", "body": "Hello\n\nWorld & more text that is long enough to wrap around", "tags": ["a", "b<"], "author": {"name": "Ana", "email": "ana@x.io"}},
                 {"title": "Second", "body": "", "tags": [], "author": {"name": "Bo"}}],
       "form": {"q": {"errors": ["Required", "Too <short>"], "value": "x\"y"}}, "user": None, "lang": "pt"}
PAGES = [
 ("{% extends 'base.html' %}{% block title %}Home{% endblock %}{% block content %}<h1>Hi</h1>{% endblock %}", {}),
 ("{% extends 'base.html' %}{% block title %}{{ posts[0].title }}{% endblock %}{% block head %}{{ super() }}<meta name=x>{% endblock %}{% block content %}{% for p in posts %}<article><h2>{{ p.title }}</h2><p>{{ p.body|truncate(30) }}</p><p>{{ p.body|wordwrap(20)|replace('\\n', '<br>'|safe) }}</p><ul>{% for t in p.tags %}<li>{{ t }}</li>{% else %}<li>no tags</li>{% endfor %}</ul><address>{{ p.author.name }}{% if p.author.email %} &lt;{{ p.author.email }}&gt;{% endif %}</address></article>{% endfor %}{% endblock %}", {}),
 ("{% extends 'base.html' %}{% import 'forms.html' as forms %}{% block content %}<form>{% call forms.field(form.q) %}{{ forms.input('q', form.q.value, placeholder='Search <here>', required=true) }}{% endcall %}{{ forms.textarea('t', '<x>', rows=3) }}</form>{% endblock %}", {}),
 ("{% extends 'base.html' %}{% block footer %}{{ super() }} | {{ 'Made with %s'|format('<3') }}{% endblock %}", {}),
 ("{% extends 'base.html' %}{% set body_class = 'home' %}{% block content %}{{ user.name if user else 'Guest' }}{% endblock %}", {}),
 ("{% from 'forms.html' import input %}{{ input('a') }}{{ input('b', type='password') }}{{ input('c', value=none) }}{{ input('d', 5, size=none) }}", {}),
 ("{% for p in posts %}{{ loop.index }}. {{ p.title|title }}{{ ', ' if not loop.last }}{% endfor %}", {}),
 ("{% for row in posts|batch(1) %}<tr>{% for p in row %}<td>{{ p.title }}</td>{% endfor %}</tr>{% endfor %}", {}),
 ("{{ posts|map(attribute='author.name')|join(', ') }} {{ posts|selectattr('tags')|map(attribute='title')|list }}", {}),
 ("{{ posts|groupby('author.name')|map(attribute='grouper')|join('|') }}", {}),
 ("<a href=\"/user/{{ posts[0].author.name|urlencode }}?next={{ '/a b?c=d'|urlencode }}\">x</a>", {}),
 ("<div data-config='{{ config|tojson }}'></div><div data-x=\"{{ config|tojson|forceescape }}\"></div>", {}),
 ("{{ ('<a href=\"%s\">%s</a>'|safe) % ('/u?a=1&b=2', posts[0].title) }}", {}),
 ("{{ '<a href=\"{}\">{}</a>'|safe }} {{ ('<a href=\"{}\">{}</a>'|safe).format('/x\"y', posts[0].title) }}", {}),
 ("{% set link %}<a href=\"{url}\">{text}</a>{% endset %}{{ link.format(url='javascript:alert(\"x\")', text='<click>') }}", {}),
 ("{{ posts[0].body|striptags|wordcount }} {{ posts[0].body|length }} {{ posts[0].body|indent(2) }}", {}),
]
for i, (t, _) in enumerate(PAGES):
    case("page %02d %s" % (i, t[:50]), t, PAGE_CTX, file="page.html", templates={"base.html": PAGE_BASE, "forms.html": PAGE_FORMS})

case("macro attributes through attr filter", "{% macro m(a, b) %}{{ kwargs }}{% endmacro %}{{ m|attr('name') }} {{ m|attr('arguments') }} {{ m|attr('catch_kwargs') }} [{{ m|attr('nope') }}]")


# ---- printing helper objects, and Undefined (lenient and strict) through look-ups and filters
STRICT = [
    ['{% for x in [1, 2] %}{{ loop }}{% endfor %}', False],
    ["{{ [1, 2]|groupby('real')|first if false else 'g' }}", False],
    ["{% for g in [{'a': 1}]|groupby('a') %}{{ g }}{% endfor %}", False],
    ['{{ namespace() }}', False],
    ['{{ missing }}', True],
    ['{{ missing is defined }}', True],
    ['{{ missing|default }}', True],
    ["{{ missing|d('x', true) }}", True],
    ['{% if missing is undefined %}u{% endif %}', True],
    ["{{ d.get('x') }}", True],
    ['{{ d.x is defined }}', True],
    ["{{ d['x'] }}", True],
    ['{% for k in d %}{{ k }}{% endfor %}', True],
    ['{{ missing|list }}', True],
    ['{{ missing|string }}', True],
    ["{{ missing ~ '' }}", True],
    ['{% set x = missing %}', True],
    ['{% set x = missing %}{{ x }}', True],
    ['{{ [missing] }}', True],
    ['{{ missing or 1 }}', True],
    ['{{ 1 or missing }}', True],
    ['{{ missing and 1 }}', True],
    ['{{ false and missing }}', True],
    ["{{ 'a' if missing else 'b' }}", True],
    ['{{ missing is none }}', True],
    ['{% macro m(a) %}{{ a is defined }}{% endmacro %}{{ m() }}', True],
    ["{% include 'x.html' ignore missing %}", True],
    ['{{ missing|tojson }}', True],
    ['{{ missing|e }}', True],
    ['{{ missing|safe }}', True],
    ['{{ missing|count }}', True],
    ['{{ missing|first }}', True],
    ["{{ [1]|map(attribute='x')|list }}", True],
    ["{{ [{'a': 1}]|map(attribute='b', default=0)|list }}", True],
    ["{{ [{}]|selectattr('a')|list }}", True],
    ["{{ [{}]|sort(attribute='a') }}", True],
    ["{{ [{'a': 1}]|sum(attribute='b') }}", True],
    ["{{ [{}]|join(attribute='a') }}", True],
    ["{{ [1]|groupby('x')|list }}", True],
    ['{% for x in [1] %}{{ loop.previtem }}{% endfor %}', True],
    ['{% for x in [1] %}{{ loop.nextitem is defined }}{% endfor %}', True],
    ['{{ self.nope() }}', True],
    ['{% block b %}{{ super() }}{% endblock %}', True],
    ['{{ caller }}', True],
    ['{{ varargs }}', True],
    ['{{ 1 + 2 }}{{ d }}', True],
    ['{{ (d|dictsort) }}', True],
    ['{{ d|items|list }}', True],
]
for i, (t, strict) in enumerate(STRICT):
    case("undefined %02d %s" % (i, t[:60]), t, {"d": {"k": "v"}}, **({"strict": True} if strict else {}))


# ---- hostile input through every escaping path (u is a script tag with both quotes and &)
HOSTILE = [
    "{{ {'title': u}|xmlattr }}",
    "{{ {'title': u|safe}|xmlattr }}",
    "{{ {'data-x': 1, 'class': ['a', 'b']}|xmlattr }}",
    '{{ {\'onclick\': \'a"b\'}|xmlattr }}',
    "{{ {'a>b': 1}|xmlattr }}",
    "{{ {'a=b': 1}|xmlattr }}",
    "{{ {'a/b': 1}|xmlattr }}",
    "{{ {'a\tb': 1}|xmlattr }}",
    "{{ {'': 1}|xmlattr }}",
    "{% set ns = namespace(v=u) %}{{ ('{0.v}'|safe).format(ns) }}",
    "{{ ('{0[0]}{0[1]}'|safe).format([u, u|safe]) }}",
    "{{ ('{:}'|safe).format(u) }}",
    "{{ ('%(u)s'|safe) % {'u': u} }}",
    "{{ ('%s'|safe) % (u|urlencode) }}",
    '{{ (\'<a href="?q=%s">\'|safe) % (u|urlencode) }}',
    "{{ ('<script>var x = %s;</script>'|safe) % (u|tojson) }}",
    "{{ ('{}'|safe).format(u|tojson) }}",
    '{{ u|tojson|safe }}',
    '<a href="{{ url }}">',
    "<a href='{{ u }}'>",
    '<input value={{ u }}>',
    '<!-- {{ u }} -->',
    '<style>{{ u }}</style>',
    "{{ u|replace('<', '&lt;') }}",
    "{{ u|e|replace('&amp;', '&') }}",
    "{{ (u|e).replace('&amp;', '&') }}",
    '{{ (u|e) ~ u }}',
    '{{ (u|e)|striptags }}',
    '{{ u|striptags|e }}',
    '{{ (u|e).unescape() }}',
    "{{ ('&lt;'|safe).unescape() }}",
    '{% set h %}<b>{{ u }}</b>{% endset %}{{ h }}{{ h|upper }}{{ h.format() }}',
    '{% set h %}{}{% endset %}{{ h.format(u) }}',
    '{% filter format(u) %}<b>%s</b>{% endfilter %}',
    "{% filter replace('X', u) %}<b>X</b>{% endfilter %}",
    '{% macro a(href, text) %}<a href="{{ href }}">{{ text }}</a>{% endmacro %}{{ a(u, u) }}{{ a(u|safe, \'ok\') }}',
    '{{ [u, u|safe]|join }}',
    "{{ [u, u|safe]|join(', ') }}",
    "{{ [u]|join('<br>'|safe) }}",
    '{{ (u|safe)|center(12) }}',
    '{{ u|center(12) }}',
    '{{ (u|safe)[1:] }}{{ u[1:] }}',
    '{{ (u|safe) * 2 }}{{ u * 2 }}',
    '{{ (u|safe) + u }}',
    '{{ u + (u|safe) }}',
    '{{ u ~ (u|safe) }}',
    "{{ (u|safe).split('x')|join('|') }}",
    "{{ (u|safe).partition('x')|join('|') }}",
    '{{ (u|safe).zfill(20) }}',
    "{{ (u|safe).ljust(20, '.') }}",
    "{{ ('%s|%s'|safe)|format(u, u|safe) }}",
    "{{ '%s|%s'|format(u, u|safe) }}",
    "{{ '{}|{}'.format(u, u|safe) }}",
    "{{ {'a\\rb': 1}|xmlattr }}",
    "{{ {'a\\x0bb': 1}|xmlattr }}",
]
for i, t in enumerate(HOSTILE):
    case("hostile %02d %s" % (i, t[:60]), t, {"u": "<script>x\"y'z&</script>", "url": "javascript:alert('x')"})

case("sort missing attribute everywhere", "{{ [3, 1, 2]|sort(attribute='x') }} {{ [3, 1, 2]|sort(attribute='0') }} {{ [{}, {}]|sort(attribute='a') }}")
case("sort missing attribute on some", "{{ [{'a': 2}, {}]|sort(attribute='a') }}")
case("sort missing attribute on first", "{{ [{}, {'a': 2}]|sort(attribute='a') }}")
case("undefined ordering refused", "{{ missing < 1 }}")
case("undefined ordering both refused", "{{ missing > missing }}")
case("undefined in list ordering", "{{ [missing] < [missing] }} {{ [missing] == [missing] }}")


# ---- unknown filters and tests: refused when compiling, except under an if (Jinja 3)
UNKNOWN = [
    "{% if false %}{{ x|nope }}{% endif %}ok",
    "{% if true %}{{ x|nope }}{% endif %}",
    "{% if x is nottest %}{% endif %}",
    "{% if false %}{{ 1 is nottest }}{% endif %}ok",
    "{{ 1|nope if false else 2 }}",
    "{{ 1 if true else 2|nope }}",
    "{{ 1 if false else 2|nope }}",
    "{% for x in [] %}{{ x|nope }}{% endfor %}ok",
    "{% if true %}{% for x in [1] %}{{ x|nope }}{% endfor %}{% endif %}",
    "{% if false %}{% for x in [1] %}{{ x|nope }}{% endfor %}{% endif %}ok",
    "{% macro m() %}{{ 1|nope }}{% endmacro %}ok",
    "{% if false %}{% filter nope %}{% endfilter %}{% endif %}ok",
    "{% if false %}{% set x = 1|nope %}{% endif %}ok",
    "{% if false %}{% set x %}{{ 1|nope }}{% endset %}{% endif %}ok",
    "{% if false %}{% with a = 1|nope %}{% endwith %}{% endif %}ok",
    "{% if false %}{% with %}{{ 1|nope }}{% endwith %}{% endif %}ok",
    "{% if false %}{% block b %}{{ 1|nope }}{% endblock %}{% endif %}ok",
    "{% if false %}{% for x in y|nope %}{% endfor %}{% endif %}ok",
    "{% if false %}{% for x in y if x|nope %}{% endfor %}{% endif %}ok",
    "{% if false %}{% for x in [] %}{% else %}{{ 1|nope }}{% endfor %}{% endif %}ok",
    "{% autoescape true %}{{ 1|nope }}{% endautoescape %}",
    "{% if false %}{% autoescape true %}{{ 1|nope }}{% endautoescape %}{% endif %}ok",
    "{% if false %}{% elif false %}{{ 1|nope }}{% else %}{{ 2|nope2 }}{% endif %}ok",
    "{% if false %}{% macro m(a=1|nope) %}{% endmacro %}{% endif %}ok",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% if false %}{% call m() %}{{ 1|nope }}{% endcall %}{% endif %}ok",
    "{% macro m(a) %}{% endmacro %}{% if false %}{% call m(1|nope) %}{% endcall %}{% endif %}ok",
    "{{ [1]|map('nope')|list }}",
    "{{ [1]|select('nope')|list }}",
    "{% if false %}{{ [1]|map('nope')|list }}{% endif %}ok",
    "{{ x|default(1|nope) if false }}ok",
    "{% set y = 1 %}{% if y %}{{ y|nope }}{% endif %}",
    "{% if false %}{% autoescape 1|nope %}{% endautoescape %}{% endif %}ok",
]
for i, t in enumerate(UNKNOWN):
    case("unknown %02d %s" % (i, t[:60]), t)
case("unknown filter in included template", "a{% include 'i.html' %}", file="p.html", templates={"i.html": "{% if false %}{% endif %}{{ 1|nope }}"})
case("unknown filter in unused block of child", "{% extends 'b.html' %}{% block z %}{{ 1|nope }}{% endblock %}", file="c.html", templates={"b.html": "base"})
case("unknown filter in imported macro", "{% import 'm.html' as m %}ok", file="p.html", templates={"m.html": "{% macro f() %}{{ 1|nope }}{% endmacro %}"})


# ---- Markup inside collections, and which operations keep it (checked with `is escaped`)
MARKUP_KEEPS = [
    "{{ ['b'|safe, 'a']|sort }}",
    "{{ ['a'|safe, 'a']|unique|list }}",
    "{{ {'a'|safe: 1}['a'] }}",
    "{{ {'a': 1}['a'|safe] }}",
    "{{ 'a'|safe in ['a'] }}",
    "{{ ['<a>'|safe, '<a>']|unique|list|length }}",
    "{{ [{'k': 'x'|safe}, {'k': 'x'}]|groupby('k')|length }}",
    "{{ ('a'|safe) == 'a' }} {{ ('a'|safe) != 'b' }}",
    "{{ ['<b>'|safe]|first }}",
    "{{ ['<b>'|safe]|last }}",
    "{{ ['<b>'|safe]|list }}",
    "{{ ('<b>'|safe, '<i>') }}",
    "{{ {'k': '<b>'|safe} }}",
    "{{ ['<b>'|safe]|join }}",
    "{{ ['<b>'|safe]|map('upper')|list }}",
    "{{ ['<b>'|safe]|map('upper')|join }}",
    "{{ ['<b>'|safe]|map('e')|join }}",
    "{{ ['<b>'|safe, '<i>']|select('escaped')|list }}",
    "{{ ['<b>'|safe]|sum(start='') if false else 's' }}",
    "{{ ['<'|safe, 'x']|max }}",
    "{{ '<b>'|safe|batch(2)|list }}",
    "{{ '<b>'|safe|slice(2)|list }}",
    "{{ ('<b>'|safe).split('b') }}",
    "{{ '<b>'|safe|list|first is escaped }}",
    "{{ ('%s'|safe) % ('<b>'|safe,) }}",
    "{{ ('<b>'|safe)|string is escaped }}",
    "{{ ('<b>'|safe)|replace('<', '<') is escaped }}",
    "{{ (('<b>'|safe) ~ '')|length }}",
    "{{ ('<b>'|safe)|count }}",
    "{{ ('a b'|safe)|wordcount }}",
    "{{ ('<b>'|safe)|tojson is escaped }}",
    "{{ ('<b>'|safe)|urlencode is escaped }}",
    "{{ ('1'|safe)|int + 1 }}",
    "{{ ('1.5'|safe)|float }}",
    "{{ ('<b>'|safe)|trim is escaped }}",
    "{{ ('<b>'|safe)|center(5) is escaped }}",
    "{{ ('<b>'|safe)|indent is escaped }}",
    "{{ ('<b>'|safe)|truncate(2, true, '', 0) is escaped }}",
    "{{ ('<b>'|safe)|wordwrap(2) is escaped }}",
    "{{ ('<b>'|safe)|title is escaped }}",
    "{{ ('<b>'|safe)|capitalize is escaped }}",
    "{{ ('<b>'|safe)|reverse is escaped }}",
    "{{ ('<b>'|safe)|first is escaped }}",
    "{{ ('<b>'|safe)|last is escaped }}",
    "{{ ('<b>'|safe)|format is escaped }}",
    "{{ ('<b>'|safe)|striptags is escaped }}",
    "{{ ('<b>'|safe)|xmlattr if false else 'x' }}",
    "{{ ('<b>'|safe)|default('x') is escaped }}",
    "{{ ('<b>'|safe)[0] is escaped }} {{ ('<b>'|safe)[0:1] is escaped }}",
    "{{ (('<b>'|safe) * 2) is escaped }} {{ (('<b>'|safe) + 'x') is escaped }}",
    "{{ ('<b>'|safe).upper() is escaped }} {{ ('<b>'|safe).startswith('<') }} {{ ('<b>'|safe).split()|first is escaped }}",
    "{{ ('<b>'|safe).format() is escaped }} {{ ('<b>'|safe).join([]) is escaped }} {{ ('<b>'|safe).strip() is escaped }}",
]
for i, t in enumerate(MARKUP_KEEPS):
    case("markup keeps %02d %s" % (i, t[:60]), t)

# --- integers beyond 64 bits: Python's int is unbounded
BIG = 123456789012345678901234567890
BIG_INT_CASES = [
    ("literal", "{{ 123456789012345678901234567890 }} {{ -99999999999999999999 }} {{ 0x1_0000_0000_0000_0000 }}"),
    ("int64 edges", "{{ 9223372036854775807 + 1 }} {{ -9223372036854775807 - 2 }} {{ -9223372036854775808 - 1 }} {{ 9223372036854775807 * 2 }}"),
    ("back to int", "{{ (9223372036854775807 + 1) - 1 }} {{ 2 ** 64 // 2 ** 60 }} {{ (2 ** 64) % 7 }}"),
    ("power", "{{ 2 ** 64 }} {{ 2 ** 100 }} {{ 3 ** 50 }} {{ (-3) ** 41 }} {{ 10 ** 30 }}"),
    ("power of two minus one", "{{ 2 ** 64 - 1 }} {{ 2 ** 127 }} {{ 2 ** 127 - 1 }} {{ -(2 ** 63) }}"),
    ("power negative exponent", "{{ 2 ** -2 }} {{ (2 ** 70) ** 0 }} {{ 1 ** (2 ** 70) }} {{ 0 ** (2 ** 70) }} {{ (-1) ** (2 ** 70 + 1) }}"),
    ("multiply", "{{ 123456789012345678901 * 98765432109876543210 }} {{ -4294967296 * 4294967296 * 4294967296 }}"),
    ("factorial loop", "{% set ns = namespace(f=1) %}{% for i in range(1, 31) %}{% set ns.f = ns.f * i %}{% endfor %}{{ ns.f }}"),
    ("floor division signs", "{{ 10 ** 30 // 7 }} {{ -(10 ** 30) // 7 }} {{ 10 ** 30 // -7 }} {{ -(10 ** 30) // -7 }}"),
    ("modulo signs", "{{ 10 ** 30 % 7 }} {{ -(10 ** 30) % 7 }} {{ 10 ** 30 % -7 }} {{ -(10 ** 30) % -7 }} {{ 5 % 10 ** 20 }} {{ -5 % 10 ** 20 }}"),
    ("min int floor div", "{{ -9223372036854775808 // -1 }} {{ -9223372036854775808 % -1 }} {{ -9223372036854775807 - 1 }}"),
    ("true division", "{{ 10 ** 30 / 4 }} {{ 2 ** 64 / 3 }} {{ (2 ** 64 + 1) / 3 }} {{ 10 ** 20 / 2 ** 64 }} {{ 9007199254740993 / 1 }}"),
    ("true division tiny", "{{ 1 / 10 ** 30 }} {{ 10 ** 30 / 10 ** 330 }} {{ -(10 ** 25) / 7 }}"),
    ("true division overflow", "{{ 10 ** 400 / 3 }}"),
    ("division by zero", "{{ 10 ** 30 // 0 }}"),
    ("modulo by zero", "{{ 10 ** 30 % 0 }}"),
    ("true division by zero", "{{ 10 ** 30 / 0 }}"),
    ("mixed float", "{{ 2 ** 64 + 0.5 }} {{ 2 ** 64 * 1.5 }} {{ 10 ** 30 - 1e30 }} {{ 2 ** 70 // 1.5 }} {{ 2 ** 70 % 1.5 }}"),
    ("mixed float overflow", "{{ 10 ** 400 + 1.0 }}"),
    ("unary and abs", "{{ -(2 ** 64) }} {{ (-(2 ** 64))|abs }} {{ (-9223372036854775807 - 1)|abs }} {{ +(2 ** 64) }}"),
    ("compare ints", "{{ 2 ** 64 > 2 ** 63 }} {{ 2 ** 64 == 18446744073709551616 }} {{ -(2 ** 64) < 1 }} {{ 2 ** 64 != 2 ** 64 + 1 }} {{ 2 ** 64 <= 2 ** 64 }}"),
    ("compare floats exactly", "{{ 2 ** 53 + 1 > 2.0 ** 53 }} {{ 2 ** 64 == 2.0 ** 64 }} {{ 2 ** 64 + 1 == 2.0 ** 64 }} {{ 10 ** 400 > 1e308 }} {{ -(10 ** 400) < -1e308 }} {{ 1e300 < 10 ** 301 }}"),
    ("compare infinity", "{{ 10 ** 400 < 1e999 }} {{ -(10 ** 400) > -1e999 }}"),
    ("truthiness", "{{ 'y' if 2 ** 64 else 'n' }} {{ 'y' if 2 ** 64 - 2 ** 64 else 'n' }} {{ (2 ** 64) and 'x' }} {{ not (2 ** 64) }}"),
    ("string filter", "{{ (2 ** 64)|string }} {{ (2 ** 64)|string|length }} {{ 2 ** 64 ~ '!' }} {{ (2 ** 64)|string|reverse|join }}"),
    ("tojson", "{{ (2 ** 64)|tojson }} {{ [2 ** 64, -(10 ** 20)]|tojson }} {{ {'n': 2 ** 70}|tojson }}"),
    ("int filter", "{{ '123456789012345678901234567890'|int }} {{ ' -99999999999999999999 '|int }} {{ '1_000_000_000_000_000_000_000'|int }} {{ (2 ** 64)|int }} {{ 1e20|int }} {{ '1e30'|int }}"),
    ("int filter bases", "{{ 'ffffffffffffffffffff'|int(base=16) }} {{ '0x1ffffffffffffffff'|int(0, 16) }} {{ '1' * 70 |int(base=2) }}"),
    ("int filter digit limit", "{{ ('1' * 4300)|int|string|length }} {{ ('1' * 4301)|int }}"),
    ("float filter", "{{ (2 ** 64)|float }} {{ (10 ** 30)|float }} {{ (2 ** 1023)|float > 0 }}"),
    ("float filter overflow", "{{ (10 ** 400)|float }}"),
    ("round filter", "{{ (2 ** 64)|round }} {{ (10 ** 30 + 5 * 10 ** 9)|round(-10) }} {{ (10 ** 30 + 15 * 10 ** 9)|round(-10) }} {{ (2 ** 70)|round(2) }}"),
    ("round filter floor", "{{ (2 ** 64)|round(0, 'floor') }} {{ (2 ** 64 + 1)|round(1, 'ceil') }}"),
    ("sum filter", "{{ [9223372036854775807, 9223372036854775807, 2]|sum }} {{ [2 ** 64, -(2 ** 64), 5]|sum }} {{ [2 ** 64, 0.5]|sum }}"),
    ("max min", "{{ [1, 2 ** 64, 2 ** 63]|max }} {{ [1, -(2 ** 64), 2.5]|min }} {{ [2 ** 64, 2.0 ** 64 + 4096]|max }}"),
    ("sort", "{{ [2 ** 65, 3, -(2 ** 64), 2.5, 2 ** 64]|sort }}"),
    ("percent d", "{{ '%d' % 2 ** 64 }} {{ '%i|%s|%r' % (-(2 ** 70), 2 ** 64, 2 ** 65) }} {{ '%30d|%-25d|' % (2 ** 64, 2 ** 64) }} {{ '%x %X %o' % (2 ** 64, 2 ** 70, 2 ** 64) }}"),
    ("percent float", "{{ '%.2f' % 2 ** 64 }} {{ '%e' % 10 ** 30 }}"),
    ("format method", "{{ '{:d}'.format(2 ** 64) }} {{ '{:,}'.format(2 ** 70) }} {{ '{:_}'.format(-(10 ** 20)) }} {{ '{:>30}'.format(2 ** 64) }} {{ '{:+d}'.format(2 ** 64) }}"),
    ("format method radix", "{{ '{:x}'.format(2 ** 64) }} {{ '{:#b}'.format(2 ** 65) }} {{ '{:#X}'.format(2 ** 70 - 1) }} {{ '{:_x}'.format(2 ** 64) }} {{ '{:030d}'.format(-(2 ** 64)) }}"),
    ("format method float", "{{ '{:.3e}'.format(2 ** 100) }} {{ '{:.1f}'.format(2 ** 64) }}"),
    ("format filter", "{{ '%s and %d'|format(2 ** 64, -(2 ** 64)) }}"),
    ("tests", "{{ (2 ** 64) is number }} {{ (2 ** 64) is integer }} {{ (2 ** 64) is float }} {{ (2 ** 64) is even }} {{ (2 ** 64 + 1) is odd }} {{ (2 ** 64 + 1) is even }}"),
    ("divisibleby", "{{ (2 ** 64) is divisibleby(2 ** 32) }} {{ (10 ** 30) is divisibleby(7) }} {{ 10 is divisibleby(2 ** 64) }} {{ 0 is divisibleby(2 ** 64) }}"),
    ("dict keys", "{% set d = {2 ** 64: 'a', 1: 'b'} %}{{ d[18446744073709551616] }} {{ d[2.0 ** 64] }} {{ 2 ** 64 in d }} {{ d|length }} {{ d }}"),
    ("in list", "{{ 2 ** 64 in [1, 18446744073709551616] }} {{ 2 ** 64 in [2 ** 64 + 1] }} {{ [2 ** 64, 2 ** 64]|unique|list }}"),
    ("repr in containers", "{{ [2 ** 64, (2 ** 70, -(2 ** 65))] }} {{ {'k': 10 ** 25} }}"),
    ("context values", "{{ big }} {{ big + 1 }} {{ big * big }} {{ neg // 3 }} {{ big > neg }} {{ items|sum }}",
        {"big": BIG, "neg": -BIG, "items": [BIG, BIG, 1]}),
    ("context edges", "{{ a + 1 }} {{ b - 1 }} {{ a|string }} {{ c // 2 }} {{ c is integer }}",
        {"a": 2**63 - 1, "b": -2**63, "c": 2**64}),
    ("print digit limit ok", "{{ (10 ** 4299)|string|length }}"),
    ("print digit limit", "{{ 10 ** 4300 }}"),
    ("range with big", "{{ range(2 ** 64 - 3, 2 ** 64)|list if false else 'skip' }}"),
    ("loop arithmetic", "{% for i in range(3) %}{{ 2 ** 64 * i }},{% endfor %}"),
    ("count growth", "{% set ns = namespace(n=1) %}{% for i in range(8) %}{% set ns.n = ns.n * 1000000007 %}{% endfor %}{{ ns.n }} {{ ns.n % 1000000009 }}"),
    ("slice bounds", "{{ [1, 2, 3][2 ** 64:] }} {{ [1, 2, 3][:2 ** 64] }} {{ [1, 2, 3][-(2 ** 64):2] }} {{ 'abc'[::2 ** 64] }} {{ [1, 2][2 ** 64] }}|"),
    ("round int negative precision", "{{ 9223372036854775807|round(-1) }} {{ 125|round(-1) }} {{ 135|round(-1) }} {{ -125|round(-1) }} {{ 12345|round(-20) }} {{ true|round(-1) }}"),
    ("zero to negative power", "{{ 0 ** -1 }}"),
    ("percent c", "{{ '%c' % 2 ** 64 }}"),
    ("filesizeformat", "{{ (2 ** 80)|filesizeformat }} {{ (10 ** 30)|filesizeformat(true) }}"),
]
for i, entry in enumerate(BIG_INT_CASES):
    case("big int %02d %s" % (i, entry[0]), entry[1], *entry[2:])

# --- the compiled renderer's fast paths (issue 15, second round) and the parity fixes found with them
FAST_PATH_CASES = [
    ("str equality by code points", "{{ a == b }} {{ a != b }} {{ [a, b]|unique|list|length }} {{ {a: 1, b: 2}|length }} {{ a in [b] }} {{ a < b }}",
        {"a": "e\u0301", "b": "\u00e9"}),
    ("groupby by code points", "{% for g in rows|groupby('k') %}[{{ g.grouper|length }}:{{ g.list|length }}]{% endfor %}",
        {"rows": [{"k": "e\u0301"}, {"k": "\u00e9"}, {"k": "e\u0301"}]}),
    ("caller repr", "{% macro m() %}{{ caller }}|{{ caller.name }}|{{ m }}{% endmacro %}{% call m() %}x{% endcall %}"),
    ("markup keys case folded", "{{ ['B'|safe, 'a', 'C']|sort }} {{ ['b'|safe, 'B']|unique|list|length }} {{ {'B'|safe: 1, 'a': 2}|dictsort }}"),
    ("filters written through", "{{ u.name|title }}|{{ u.name|upper }}|{{ u.m|lower }}|{{ u.bio|truncate(12)|e }}|{{ u.tags|join(', ') }}|{{ u.none|default('-') }}|{{ u.score|string }}",
        {"u": {"name": "o'brien <x>", "m": "<B>Ä</B>", "bio": "a <b>bold</b> & long text here", "tags": ["a&b", "<c>"], "none": None, "score": 2.5}}),
    ("filters written through markup", "{{ ('<i>x</i>'|safe)|upper }}|{{ ['<a>'|safe, '<b>']|join('|') }}|{{ ('<i>long text</i>'|safe)|truncate(9) }}"),
    ("attribute chains and missing keys", "{% for r in rows %}{{ r.a.b }}/{{ r.a.c }}/{{ r.x|default('d') }}/{{ r.a is defined }};{% endfor %}",
        {"rows": [{"a": {"b": 1}}, {"x": 2, "a": {"c": 3, "b": 4}}, {"a": {}}]}),
    ("macro scope reused between calls", "{% macro m(x, y=2) %}{% set z = x * y %}{{ z }}{% if x < 2 %}[{{ m(x + 1) }}]{% endif %}{% endmacro %}{% for i in range(3) %}{{ m(i) }},{% endfor %}"),
    ("call block per row", "{% macro card(p, cls) %}<{{ cls }}:{{ p }}:{{ caller(p) }}>{% endmacro %}{% for p in ps %}{% call(q) card(p, loop.cycle('o', 'e')) %}{{ q }}{{ loop.index }}{% endcall %}{% endfor %}",
        {"ps": ["a", "<b>", "c"]}),
    ("loop pair target", "{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}{% for k, v in d|dictsort(by='value', reverse=true) %}{{ k }}{% endfor %}",
        {"d": {"b": 2, "a": 3, "C": 1}}),
    ("with around include", "{% for p in ps %}{% with pos=loop.index, first=loop.first %}{% include 'part.html' %}{% endwith %}{% endfor %}",
        {"ps": ["x", "y"]}, {"file": "list.html", "templates": {"part.html": "[{{ pos }}{{ first }}{{ p }}]"}}),
    ("include names self and super", "{% include 'a.html' %}{% include 'b.html' %}", None, {"file": "main.html",
        "templates": {"a.html": "{% block t %}A{% endblock %}{{ self.t() }}", "b.html": "{{ self is defined }}"}}),
    ("groupby attribute path", "{% for g in posts|groupby('author.name') %}{{ g.grouper }}:{{ g.list|length }}:{{ (g.list|first).t }};{% endfor %}",
        {"posts": [{"t": 1, "author": {"name": "b"}}, {"t": 2, "author": {"name": "a"}}, {"t": 3, "author": {"name": "b"}}]}),
    ("selectattr list length", "{{ us|selectattr('on')|list|length }} {{ us|rejectattr('on')|map(attribute='n')|join }}",
        {"us": [{"on": True, "n": "a"}, {"on": False, "n": "b"}, {"n": "c"}]}),
    ("elif chain and single comparison", "{% for k in ks %}{% if k == 'a' %}A{% elif k == 'b' %}B{% elif k is none %}N{% else %}?{% endif %}{% endfor %}",
        {"ks": ["a", "b", None, "c", "a"]}),
]
for i, entry in enumerate(FAST_PATH_CASES):
    extra = entry[3] if len(entry) > 3 else {}
    case("fast path %02d %s" % (i, entry[0]), entry[1], entry[2] if len(entry) > 2 else None, **extra)

C = [c for c in C if c]
names = [c["name"] for c in C]
assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
print(len(C))
json.dump(C, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json"), "w", encoding="utf-8"), indent=1, ensure_ascii=False)
