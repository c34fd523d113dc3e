//! What typst-pdf 0.15.1 cannot write and a print shop needs, added to its PDF afterwards.
//!
//! - **BleedBox.** typst-pdf writes a TrimBox when the page has bleed and no BleedBox at all
//!   (`typst-pdf/src/convert.rs`: only `with_trim_box`), so a RIP takes the MediaBox, slug and
//!   crop marks included, as the bleed. Every page gets `BleedBox` = TrimBox + 3 mm (clipped to
//!   the MediaBox) and an explicit TrimBox; an office copy (no bleed) gets both equal to its
//!   MediaBox, so there is no doubt about the paper.
//! - **Exact CMYK and black overprint** in every content stream ([`super::colour_ops`]).
//!
//! The change is a PDF incremental update (ISO 32000-1 §7.5.6): the pages, their content
//! streams and resources are written again after the original bytes, with a new
//! cross-reference section that points back at the old one. The original objects are never
//! edited in place, so nothing typst wrote (fonts, tags, text) can be damaged on the way.

use super::colour_ops::{self, KNOCKOUT, OVERPRINT};
use super::pdf_syntax::{Dict, Indirect, Obj, Xref, read_object, read_xref, write_indirect};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};

/// Deepest page tree and form nesting followed (typst writes one level of each).
const MAX_TREE_DEPTH: usize = 16;

/// A finished PDF's page boxes, in points (for tests and the slug).
pub(crate) struct Finish {
    /// How far the BleedBox reaches beyond the TrimBox; 0 for an office copy.
    pub bleed_pt: f64,
}

/// Objects of the update: number → new value and (decoded-and-rewritten, then compressed) stream.
type Changes = BTreeMap<u32, (Obj, Option<Vec<u8>>)>;

struct Editor<'a> {
    pdf: &'a [u8],
    xref: Xref,
    changes: Changes,
    /// Streams already rewritten (a form used on two pages is rewritten once).
    done: BTreeSet<u32>,
    gs_refs: (u32, u32),
}

/// The number of pages of a PDF typst wrote (`/Count` of its page tree), `None` when it cannot
/// be read.
pub(crate) fn page_count(pdf: &[u8]) -> Option<u32> {
    let xref = read_xref(pdf).ok()?;
    let Some(Obj::Ref(root, _)) = xref.trailer.get("Root").cloned() else { return None };
    let Obj::Dict(catalog) = read_object(pdf, &xref, root).ok()?.value else { return None };
    let Some(Obj::Ref(pages, _)) = catalog.get("Pages").cloned() else { return None };
    let Obj::Dict(tree) = read_object(pdf, &xref, pages).ok()?.value else { return None };
    tree.get("Count")?.as_f64().filter(|n| *n >= 0.0 && *n < f64::from(u32::MAX)).map(|n| n as u32)
}

pub(crate) fn finish(pdf: &[u8], opts: &Finish) -> Result<Vec<u8>, String> {
    let xref = read_xref(pdf)?;
    let size = xref.trailer.get("Size").and_then(Obj::as_f64).ok_or("the trailer has no /Size")? as u32;
    let mut ed = Editor { pdf, xref, changes: BTreeMap::new(), done: BTreeSet::new(), gs_refs: (size, size + 1) };
    let Some(Obj::Ref(root, _)) = ed.xref.trailer.get("Root").cloned() else { return Err("no /Root".into()) };
    let catalog = ed.dict(root)?;
    let Some(Obj::Ref(pages, _)) = catalog.get("Pages").cloned() else { return Err("no /Pages".into()) };
    let mut page_nums = Vec::new();
    ed.collect_pages(pages, 0, &mut page_nums)?;
    for num in page_nums {
        ed.page(num, opts)?;
    }
    let gs = |op: bool| {
        let mut d = Dict::default();
        d.set("Type", Obj::Name(b"ExtGState".to_vec()));
        d.set("op", Obj::Bool(op));
        d.set("OPM", Obj::num(if op { 1.0 } else { 0.0 }));
        Obj::Dict(d)
    };
    ed.changes.insert(ed.gs_refs.0, (gs(true), None));
    ed.changes.insert(ed.gs_refs.1, (gs(false), None));
    Ok(ed.write(size + 2))
}

impl Editor<'_> {
    fn object(&self, num: u32) -> Result<Indirect, String> {
        match self.changes.get(&num) {
            Some((value, stream)) => Ok(Indirect { value: value.clone(), stream: stream.clone() }),
            None => read_object(self.pdf, &self.xref, num),
        }
    }

    fn dict(&self, num: u32) -> Result<Dict, String> {
        match self.object(num)?.value {
            Obj::Dict(d) => Ok(d),
            _ => Err(format!("object {num} is not a dictionary")),
        }
    }

    fn collect_pages(&self, num: u32, depth: usize, out: &mut Vec<u32>) -> Result<(), String> {
        if depth > MAX_TREE_DEPTH || out.len() > 100_000 {
            return Err("the page tree is too deep".into());
        }
        let node = self.dict(num)?;
        if node.get("Type").is_some_and(|t| t.is_name("Page")) {
            out.push(num);
            return Ok(());
        }
        if let Some(Obj::Arr(kids)) = node.get("Kids") {
            for kid in kids {
                if let Obj::Ref(k, _) = kid {
                    self.collect_pages(*k, depth + 1, out)?;
                }
            }
        }
        Ok(())
    }

    fn page(&mut self, num: u32, opts: &Finish) -> Result<(), String> {
        let mut page = self.dict(num)?;
        let media = rect(page.get("MediaBox")).ok_or_else(|| format!("page {num} has no MediaBox"))?;
        let trim = rect(page.get("TrimBox")).unwrap_or(media);
        let b = opts.bleed_pt;
        let bleed = [
            (trim[0] - b).max(media[0]),
            (trim[1] - b).max(media[1]),
            (trim[2] + b).min(media[2]),
            (trim[3] + b).min(media[3]),
        ];
        page.set("TrimBox", rect_obj(trim));
        page.set("BleedBox", rect_obj(bleed));
        match page.get("Contents").cloned() {
            Some(Obj::Ref(c, _)) => self.content(c)?,
            Some(Obj::Arr(items)) => {
                for item in items {
                    if let Obj::Ref(c, _) = item {
                        self.content(c)?;
                    }
                }
            }
            _ => {}
        }
        let resources = page.get("Resources").cloned();
        if let Some(res) = self.resources(resources, 0)? {
            page.set("Resources", res);
        }
        self.changes.insert(num, (Obj::Dict(page), None));
        Ok(())
    }

    /// Adds the two graphics states to a resource dictionary and rewrites its forms. Returns the
    /// new inline dictionary, or `None` when the resources are an object (changed in place).
    fn resources(&mut self, res: Option<Obj>, depth: usize) -> Result<Option<Obj>, String> {
        if depth > MAX_TREE_DEPTH {
            return Err("forms nested too deeply".into());
        }
        let (mut dict, obj_num) = match res {
            Some(Obj::Dict(d)) => (d, None),
            Some(Obj::Ref(n, _)) => (self.dict(n)?, Some(n)),
            _ => (Dict::default(), None),
        };
        let (op, ko) = self.gs_refs;
        let mut states = match dict.get("ExtGState").cloned() {
            Some(Obj::Dict(d)) => d,
            Some(Obj::Ref(n, _)) => self.dict(n)?,
            _ => Dict::default(),
        };
        states.set(OVERPRINT, Obj::Ref(op, 0));
        states.set(KNOCKOUT, Obj::Ref(ko, 0));
        dict.set("ExtGState", Obj::Dict(states));
        let forms: Vec<u32> = match dict.get("XObject") {
            Some(Obj::Dict(x)) => {
                x.0.iter().filter_map(|(_, v)| if let Obj::Ref(n, _) = v { Some(*n) } else { None }).collect()
            }
            _ => Vec::new(),
        };
        for form in forms {
            self.form(form, depth + 1)?;
        }
        match obj_num {
            Some(n) => {
                self.changes.insert(n, (Obj::Dict(dict), None));
                Ok(None)
            }
            None => Ok(Some(Obj::Dict(dict))),
        }
    }

    fn form(&mut self, num: u32, depth: usize) -> Result<(), String> {
        if self.done.contains(&num) {
            return Ok(());
        }
        let obj = self.object(num)?;
        let Obj::Dict(d) = &obj.value else { return Ok(()) };
        if !d.get("Subtype").is_some_and(|s| s.is_name("Form")) {
            return Ok(()); // an image: no colour operators
        }
        self.content(num)?;
        let Some((Obj::Dict(mut d), stream)) = self.changes.remove(&num) else { return Err("form lost".into()) };
        if let Some(res) = self.resources(d.get("Resources").cloned(), depth)? {
            d.set("Resources", res);
        }
        self.changes.insert(num, (Obj::Dict(d), stream));
        Ok(())
    }

    /// Rewrites one content stream (page contents or a form).
    fn content(&mut self, num: u32) -> Result<(), String> {
        if !self.done.insert(num) {
            return Ok(());
        }
        let obj = self.object(num)?;
        let (Obj::Dict(mut d), Some(raw)) = (obj.value, obj.stream) else {
            return Err(format!("content {num} is not a stream"));
        };
        let decoded = match d.get("Filter") {
            None => raw,
            Some(f) if f.is_name("FlateDecode") => inflate(&raw)?,
            Some(Obj::Arr(a)) if a.len() == 1 && a[0].is_name("FlateDecode") => inflate(&raw)?,
            Some(other) => return Err(format!("content {num} has an unexpected filter {other:?}")),
        };
        let rewritten = colour_ops::rewrite(&decoded)?;
        d.set("Filter", Obj::Name(b"FlateDecode".to_vec()));
        d.0.retain(|(k, _)| k != b"DecodeParms");
        self.changes.insert(num, (Obj::Dict(d), Some(deflate(&rewritten)?)));
        Ok(())
    }

    /// The original bytes, then the changed objects, a cross-reference section for them and a
    /// trailer that points back at the original table.
    fn write(self, size: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pdf.len() + 64 * 1024);
        out.extend_from_slice(self.pdf);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        let mut offsets = Vec::new();
        for (num, (value, stream)) in &self.changes {
            offsets.push((*num, out.len()));
            write_indirect(*num, value, stream.as_deref(), &mut out);
        }
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        for (num, off) in offsets {
            out.extend_from_slice(format!("{num} 1\n{off:010} 00000 n \n").as_bytes());
        }
        let mut trailer = self.xref.trailer.clone();
        trailer.set("Size", Obj::num(f64::from(size)));
        trailer.set("Prev", Obj::num(self.xref.start as f64));
        out.extend_from_slice(b"trailer\n");
        super::pdf_syntax::write_obj(&Obj::Dict(trailer), &mut out);
        out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        out
    }
}

fn rect(o: Option<&Obj>) -> Option<[f64; 4]> {
    let Some(Obj::Arr(a)) = o else { return None };
    let v: Vec<f64> = a.iter().filter_map(Obj::as_f64).collect();
    (v.len() == 4).then(|| [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

fn rect_obj(r: [f64; 4]) -> Obj {
    Obj::Arr(r.iter().map(|&v| Obj::num(v)).collect())
}

/// Content streams are small (tens of KB); a stream that inflates past this is not typst's.
const MAX_INFLATED: u64 = 256 * 1024 * 1024;

fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_INFLATED)
        .read_to_end(&mut out)
        .map_err(|e| format!("a content stream cannot be decompressed: {e}"))?;
    Ok(out)
}

fn deflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

/// The boxes of every page of a finished PDF as the last revision declares them, in points
/// (`[x0, y0, x1, y1]` for MediaBox, TrimBox, BleedBox).
#[cfg(test)]
pub(crate) fn boxes(pdf: &[u8]) -> Result<Vec<[[f64; 4]; 3]>, String> {
    let ed = Editor { pdf, xref: read_xref(pdf)?, changes: BTreeMap::new(), done: BTreeSet::new(), gs_refs: (0, 0) };
    let mut nums = Vec::new();
    let Some(Obj::Ref(root, _)) = ed.xref.trailer.get("Root").cloned() else { return Err("no root".into()) };
    let Some(Obj::Ref(pages, _)) = ed.dict(root)?.get("Pages").cloned() else { return Err("no pages".into()) };
    ed.collect_pages(pages, 0, &mut nums)?;
    nums.iter()
        .map(|&n| {
            let d = ed.dict(n)?;
            let get = |k| rect(d.get(k)).ok_or(format!("no {k}"));
            Ok([get("MediaBox")?, get("TrimBox")?, get("BleedBox")?])
        })
        .collect()
}

/// Parses `text` as one object (tests build small PDFs by hand).
#[cfg(test)]
fn obj(text: &str) -> Obj {
    use super::pdf_syntax::{Lexer, parse_obj};
    parse_obj(&mut Lexer::new(text.as_bytes(), 0)).expect("valid object")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-page PDF as typst-pdf lays one out: catalog, page tree, pages with a TrimBox,
    /// Flate content streams, one shared resource dictionary.
    fn sample() -> Vec<u8> {
        let content = deflate(b"0 0.149 1 0 k 0 0 100 100 re f BT 0 0 0 1 k (Goi 111) Tj ET").unwrap();
        let objects: Vec<(u32, String, Option<Vec<u8>>)> = vec![
            (1, "<</Type /Catalog /Pages 2 0 R>>".into(), None),
            (2, "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2>>".into(), None),
            (3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 904.25 1252.91] /TrimBox [31.18 31.18 873.07 1221.73] /Contents 5 0 R /Resources 6 0 R>>".into(), None),
            (4, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 904.25 1252.91] /TrimBox [31.18 31.18 873.07 1221.73] /Contents 5 0 R /Resources 6 0 R>>".into(), None),
            (5, "<</Filter /FlateDecode>>".into(), Some(content)),
            (6, "<</ExtGState <</G0 7 0 R>>>>".into(), None),
            (7, "<</Type /ExtGState /CA 1>>".into(), None),
        ];
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (num, dict, stream) in &objects {
            offsets.push(pdf.len());
            write_indirect(*num, &obj(dict), stream.as_deref(), &mut pdf);
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for off in offsets {
            pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(format!("trailer\n<</Size 8 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF").as_bytes());
        pdf
    }

    #[test]
    fn bleed_box_is_the_trim_plus_the_bleed() {
        let pdf = finish(&sample(), &Finish { bleed_pt: 8.5039 }).unwrap();
        for [media, trim, bleed] in boxes(&pdf).unwrap() {
            assert_eq!(media, [0.0, 0.0, 904.25, 1252.91]);
            assert_eq!(trim, [31.18, 31.18, 873.07, 1221.73]);
            assert_eq!(bleed, [22.6761, 22.6761, 881.5739, 1230.2339]);
        }
        // The original bytes are kept as they were; the update follows them.
        assert!(pdf.starts_with(&sample()));
        let office = finish(&sample(), &Finish { bleed_pt: 0.0 }).unwrap();
        assert!(boxes(&office).unwrap().iter().all(|[_, t, b]| t == b));
    }

    #[test]
    fn content_gets_exact_cmyk_and_overprint_and_resources_name_them() {
        let pdf = finish(&sample(), &Finish { bleed_pt: 0.0 }).unwrap();
        let xref = read_xref(&pdf).unwrap();
        let content = read_object(&pdf, &xref, 5).unwrap();
        let text = String::from_utf8(inflate(&content.stream.unwrap()).unwrap()).unwrap();
        assert_eq!(text, "0 0.15 1 0 k 0 0 100 100 re f BT 0 0 0 1 k /LoaOP gs (Goi 111) Tj ET");
        let Obj::Dict(res) = read_object(&pdf, &xref, 6).unwrap().value else { panic!("resources") };
        let Some(Obj::Dict(states)) = res.get("ExtGState") else { panic!("no ExtGState") };
        // The existing state stays; the two new ones are objects 8 and 9.
        assert_eq!(states.get("G0"), Some(&Obj::Ref(7, 0)));
        assert_eq!(states.get(OVERPRINT), Some(&Obj::Ref(8, 0)));
        let Obj::Dict(op) = read_object(&pdf, &xref, 8).unwrap().value else { panic!("gs") };
        assert_eq!((op.get("op"), op.get("OPM").and_then(Obj::as_f64)), (Some(&Obj::Bool(true)), Some(1.0)));
        assert_eq!(xref.trailer.get("Size").and_then(Obj::as_f64), Some(10.0));
    }

    #[test]
    fn a_damaged_pdf_is_an_error() {
        let good = sample();
        for bad in [&good[..good.len() / 2], b"%PDF-1.7\nstartxref\n99999\n%%EOF", b""] {
            assert!(finish(bad, &Finish { bleed_pt: 0.0 }).is_err());
        }
    }
}
