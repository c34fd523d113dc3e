//! Colour operators of a page's content stream, rewritten for the press.
//!
//! - **Exact CMYK.** typst stores colour components in 8 bits, so `cmyk(0%, 15%, 100%, 0%)` is
//!   written as `0 0.149 1 0 k` (M 14.902 %, measured in issue 13). Templates declare whole
//!   percents (`common.typ`), and an 8-bit value is never more than 0.2 % from the whole percent it
//!   came from, so snapping each component to the nearest whole percent gives back exactly what
//!   the template said.
//! - **Black overprints.** Text and the QR code in 100 % K must overprint (print on top of the
//!   yellow, not cut a hole in it that shows white at the slightest misregister). typst and
//!   krilla cannot set overprint, so after every fill colour change an ExtGState is set: `op`
//!   on (with OPM 1) for 100 % K, off for every other fill. White text (K 0) must never
//!   overprint, or it would vanish: only exact K-only black gets it.

use super::pdf_syntax::{Lexer, Tok, format_num};

/// Resource names of the two graphics states the rewritten streams use.
pub(crate) const OVERPRINT: &str = "LoaOP";
pub(crate) const KNOCKOUT: &str = "LoaKO";

/// Deepest `q` nesting followed (PDF readers allow 28 levels; typst writes a few).
const MAX_SAVES: usize = 256;

/// `v` snapped to the whole percent it is the 8-bit rounding of; left alone when it is not.
pub(crate) fn snap(v: f64) -> f64 {
    let percent = v * 100.0;
    let whole = percent.round();
    if (percent - whole).abs() < 0.25 { whole / 100.0 } else { v }
}

fn number(tok: &Tok<'_>) -> Option<f64> {
    match tok {
        Tok::Num(n) => std::str::from_utf8(n).ok()?.parse().ok(),
        _ => None,
    }
}

/// Rewrites a decoded content stream (see the module doc). Everything but the colour
/// operands and the inserted `gs` operators is copied byte for byte.
pub(crate) fn rewrite(content: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(content.len() + content.len() / 8);
    let mut lx = Lexer::new(content, 0);
    // Operands since the last operator: (start, end, token).
    let mut operands: Vec<(usize, usize, Tok<'_>)> = Vec::new();
    let mut copied = 0;
    let mut overprint = false;
    let mut saved: Vec<bool> = Vec::new();
    while let Some((start, tok)) = lx.next()? {
        let end = lx.pos;
        let Tok::Word(op) = tok else {
            operands.push((start, end, tok));
            continue;
        };
        match op {
            b"BI" => return Err("inline images are not expected in typst's output".into()),
            b"q" => {
                if saved.len() >= MAX_SAVES {
                    return Err("graphics states nested too deeply".into());
                }
                saved.push(overprint);
            }
            b"Q" => overprint = saved.pop().unwrap_or(false),
            b"k" | b"K" => {
                let values: Vec<f64> = operands.iter().filter_map(|(_, _, t)| number(t)).collect();
                if values.len() == 4 && operands.len() == 4 {
                    out.extend_from_slice(&content[copied..operands[0].0]);
                    let snapped: Vec<String> = values.iter().map(|&v| format_num(snap(v))).collect();
                    out.extend_from_slice(snapped.join(" ").as_bytes());
                    out.push(b' ');
                    out.extend_from_slice(op);
                    copied = end;
                    if op == b"k" {
                        let black = snapped == ["0", "0", "0", "1"];
                        set_overprint(&mut out, &mut overprint, black);
                    }
                }
            }
            // Every other way to set the fill colour: never overprint.
            b"g" | b"rg" | b"sc" | b"scn" | b"cs" => {
                out.extend_from_slice(&content[copied..end]);
                copied = end;
                set_overprint(&mut out, &mut overprint, false);
            }
            _ => {}
        }
        operands.clear();
    }
    out.extend_from_slice(&content[copied..]);
    Ok(out)
}

fn set_overprint(out: &mut Vec<u8>, current: &mut bool, want: bool) {
    if *current != want {
        let name = if want { OVERPRINT } else { KNOCKOUT };
        out.extend_from_slice(format!(" /{name} gs").as_bytes());
        *current = want;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        String::from_utf8(rewrite(s.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn eight_bit_components_snap_back_to_whole_percents() {
        // What typst writes for 10 %, 15 %, 95 %, 60 %, 100 %, 0 % (n/255).
        let table = [(26.0 / 255.0, 0.10), (38.0 / 255.0, 0.15), (242.0 / 255.0, 0.95), (153.0 / 255.0, 0.6)];
        for (written, declared) in table {
            assert_eq!(snap(written), declared, "{written}");
        }
        assert_eq!(snap(1.0), 1.0);
        assert_eq!(snap(0.0), 0.0);
        // Not an 8-bit rounding of a whole percent: kept.
        assert_eq!(snap(0.1234), 0.1234);
    }

    #[test]
    fn black_fills_overprint_and_nothing_else_does() {
        let got = run("q 0 1 1 0.102 k 0 0 10 10 re f BT 0 0 0 1 k /F1 12 Tf (Goi) Tj ET 0 0 0 0 k (x) Tj Q 0 0 0 1 K");
        assert_eq!(
            got,
            "q 0 1 1 0.1 k 0 0 10 10 re f BT 0 0 0 1 k /LoaOP gs /F1 12 Tf (Goi) Tj ET 0 0 0 0 k /LoaKO gs (x) Tj Q 0 0 0 1 K"
        );
    }

    #[test]
    fn overprint_follows_save_and_restore() {
        // After Q the fill is what it was before q (not black), so overprint is off again
        // without a new gs; the next black fill switches it on once more.
        let got = run("q 0 0 0 1 k (a) Tj Q 0 0 0 1 k (b) Tj 0 0 0 1 k (c) Tj");
        assert_eq!(got, "q 0 0 0 1 k /LoaOP gs (a) Tj Q 0 0 0 1 k /LoaOP gs (b) Tj 0 0 0 1 k (c) Tj");
        // Strings that look like operators are text, not operators.
        assert_eq!(run("(0 0 0 1 k) Tj"), "(0 0 0 1 k) Tj");
        assert_eq!(run("/Span <</ActualText (k)>> BDC EMC"), "/Span <</ActualText (k)>> BDC EMC");
    }

    #[test]
    fn other_colour_spaces_knock_out() {
        assert_eq!(run("0 0 0 1 k /Cs1 cs 1 scn"), "0 0 0 1 k /LoaOP gs /Cs1 cs /LoaKO gs 1 scn");
        assert!(rewrite(b"BI /W 1 ID x EI").is_err());
        assert!(rewrite(b"(unterminated").is_err());
    }
}
