#!/usr/bin/python3
"""Facts about a PDF for loa's print tests (tests/print.rs), as JSON on stdout.

Read with the tools a prepress check uses, never with loa's own code:
- pdfminer.six: every character with its size in points (text matrix and CTM applied) and its
  box in PDF coordinates (y up);
- pikepdf: the page boxes of the last revision, and for every text-showing operator the fill
  colour and the overprint state (ExtGState /op, /OPM) in force, following q/Q and forms.

Usage: pdf_facts.py FILE.pdf   (Debian: python3-pdfminer, python3-pikepdf; installed by
scripts/install-test-tools.sh)
"""
import json
import sys

import pikepdf
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar


def chars(path):
    pages = []
    for page in extract_pages(path):
        out = []

        def walk(o):
            if isinstance(o, LTChar):
                out.append({"text": o.get_text(), "size": round(o.size, 3),
                            "box": [round(v, 2) for v in (o.x0, o.y0, o.x1, o.y1)]})
            elif hasattr(o, "__iter__"):
                for child in o:
                    walk(child)

        walk(page)
        pages.append(out)
    return pages


def num(v):
    return float(v)


def shows(page):
    """Every text show and every fill colour set, with the overprint state."""
    found = {"text": [], "fills": []}

    def run(obj, resources, state):
        stack = []
        for operands, op in pikepdf.parse_content_stream(obj):
            op = str(op)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "k":
                state["fill"] = [num(v) for v in operands]
                found["fills"].append(state["fill"])
            elif op in ("g", "rg", "sc", "scn", "cs"):
                state["fill"] = op
            elif op == "gs":
                gs = resources.get("/ExtGState", {}).get(str(operands[0]), {})
                if "/op" in gs:
                    state["op"] = bool(gs["/op"])
                if "/OPM" in gs:
                    state["opm"] = int(gs["/OPM"])
            elif op in ("Tj", "TJ", "'", '"'):
                found["text"].append({"fill": state["fill"], "op": state["op"], "opm": state["opm"]})
            elif op == "Do":
                xobj = resources.get("/XObject", {}).get(str(operands[0]))
                if xobj is not None and xobj.get("/Subtype") == "/Form":
                    run(xobj, xobj.get("/Resources", resources), dict(state))

    run(page, page.obj.get("/Resources", {}), {"fill": [0, 0, 0, 1], "op": False, "opm": 0})
    return found


def boxes(page):
    def box(name):
        b = page.obj.get(name)
        return [round(float(v), 2) for v in b] if b is not None else None

    return {k: box("/" + k) for k in ("MediaBox", "TrimBox", "BleedBox")}


def main():
    path = sys.argv[1]
    pdf = pikepdf.open(path)
    text = chars(path)
    pages = []
    for i, page in enumerate(pdf.pages):
        facts = boxes(page)
        facts.update(shows(page))
        facts["chars"] = text[i] if i < len(text) else []
        pages.append(facts)
    json.dump({"pages": pages}, sys.stdout)


if __name__ == "__main__":
    main()
