#!/usr/bin/env python3
"""Generates a benchmark corpus: the same site for loa and for Hugo.

    bench/gen_corpus.py --pages 1000 --out /tmp/corpus   # -> /tmp/corpus/loa, /tmp/corpus/hugo

Each page exists in 3 languages (vi default, hmn, blt), ~800 words, with headings, lists, a
table, internal links and tags, spread over 10 sections. Deterministic (seeded) so runs compare.
"""
import argparse
import os
import random

WORDS_VI = ("người dân cần biết số điện thoại miễn phí gọi ngay khi thấy dấu hiệu lạ việc làm lương cao "
            "ở nước ngoài giấy tờ tùy thân gia đình công an xã biên phòng hỗ trợ nạn nhân trở về an toàn").split()
WORDS_HMN = "neeg xav paub tus xov tooj dawb hu tam sim no thaum pom yam txawv txav hauj lwm nyiaj ntau".split()
WORDS_BLT = "ꪀꪱ ꪼꪕ ꪒꪾ ꪣꪲ ꪭꪮꪉ ꪶꪔ ꪨꪰꪙ ꪁꪷ ꪻꪒ ꪎꪳ ꪜꪱꪙ ꪋꪾ".split()
LANGS = [("vi", WORDS_VI), ("hmn", WORDS_HMN), ("blt", WORDS_BLT)]
SECTIONS = 10


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def body(rng, words, i, pages):
    out = []
    for h in range(4):
        out.append(f"## {sentence(rng, words, 4)[:-1]} {h}\n")
        for _ in range(2):
            out.append(" ".join(sentence(rng, words, 12) for _ in range(6)) + "\n")
        out.append("\n".join(f"- {sentence(rng, words, 6)}" for _ in range(4)) + "\n")
    out.append("| A | B | C |\n|---|---|---|\n" + "\n".join(
        f"| {rng.choice(words)} | {rng.randint(1, 999)} | {rng.choice(words)} |" for _ in range(4)) + "\n")
    j = (i + 1) % pages
    out.append(f"Xem [trang {j}](../s{j % SECTIONS}/p{j}.md) và [111](tel:111).\n")
    return "\n".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000, help="pages per language")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    loa, hugo = os.path.join(args.out, "loa"), os.path.join(args.out, "hugo")
    write(os.path.join(loa, "loa.yaml"),
          'title: "Bench"\nbase_url: "https://bench.example"\ndefault_language: vi\nlanguages:\n'
          '  - {code: vi, name: "Tiếng Việt"}\n  - {code: hmn, name: Hmoob}\n'
          '  - {code: blt, name: "Tai Dam", script: Tavt}\nhotline: {number: "111"}\npaginate: 20\n'
          '# Web-only benchmark: no share cards (issue #2 measures the web build).\nshare_cards: false\n')
    write(os.path.join(hugo, "hugo.toml"),
          'baseURL = "https://bench.example/"\ntitle = "Bench"\ndefaultContentLanguage = "vi"\n'
          'disableKinds = ["RSS"]\n[pagination]\npagerSize = 20\n[languages]\n'
          '[languages.vi]\nweight = 1\n[languages.hmn]\nweight = 2\n[languages.blt]\nweight = 3\n'
          '[taxonomies]\ntag = "tags"\n')
    layouts = {
        "baseof.html": '<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">'
                       '<title>{{ .Title }}</title></head><body><p><a href="tel:111">111</a></p>'
                       '{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}'
                       '<main>{{ block "main" . }}{{ end }}</main></body></html>',
        "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
                       '{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ end }}',
        "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ $p := .Paginate .Pages }}'
                     '<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
                     '{{ with $p.Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}',
    }
    for name, text in layouts.items():
        write(os.path.join(hugo, "layouts", "_default", name), text)
    for lang, words in LANGS:
        suffix = "" if lang == "vi" else f".{lang}"
        for s in range(SECTIONS):
            fm = f'---\ntitle: "Section {s}"\n---\n\n{sentence(random.Random(s), words, 10)}\n'
            write(os.path.join(loa, "content", f"s{s}", f"_index{suffix}.md"), fm)
            write(os.path.join(hugo, "content", f"s{s}", f"_index.{lang}.md"), fm)
        home = f'---\ntitle: "Home {lang}"\n---\n\nHome.\n'
        write(os.path.join(loa, "content", f"_index{suffix}.md"), home)
        write(os.path.join(hugo, "content", f"_index.{lang}.md"), home)
        for i in range(args.pages):
            rng = random.Random(i * 7 + len(lang))
            tags = sorted({rng.choice(words) for _ in range(3)})
            fm = (f'---\ntitle: "{sentence(rng, words, 5)[:-1]} {i}"\ndate: 2026-07-{1 + i % 28:02d}\n'
                  f'tags: [{", ".join(repr(t) for t in tags)}]\n---\n\n')
            text = fm + body(rng, words, i, args.pages)
            write(os.path.join(loa, "content", f"s{i % SECTIONS}", f"p{i}{suffix}.md"), text)
            write(os.path.join(hugo, "content", f"s{i % SECTIONS}", f"p{i}.{lang}.md"), text)


if __name__ == "__main__":
    main()
