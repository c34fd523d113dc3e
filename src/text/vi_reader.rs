//! Vietnamese text made ready for the ear: every number, code and abbreviation in a running text
//! rewritten into the words an announcer says, for loudspeaker scripts read by a person or pasted
//! into a text-to-speech voice (which reads "111" as "một trăm mười một", "QH15" as letters it
//! cannot say, "II" in English).
//!
//! [`speak`] walks the text once, token by token. A token that starts with a digit (or `+` and a
//! digit) goes to the number reader ([`super::vi_numbers`]), one that starts with a letter to the
//! word reader ([`super::vi_words`]); everything else is copied. The first rule that fits wins.
//! The test corpus `src/text/corpus/vi.tsv` holds several hundred cases, grouped by the classes
//! below, each with its tricky neighbours.
//!
//! **Numbers** (`vi_numbers`):
//! 1. **International numbers** `+84 912 345 678` → "cộng tám bốn, chín một hai, …": digit by
//!    digit, a written gap is a pause; one block pauses after the country code.
//! 2. **Hotline and official numbers** (config `hotline.number`, `hotline.others`): digit by
//!    digit, also written with spaces, dots or hyphens: "111" → "một một một".
//! 3. **Number plates** `24A-123.45` → "hai mươi bốn a, một hai ba, bốn năm".
//! 4. **ISO dates** `2026-07-30` → "ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi sáu".
//! 5. **Document numbers** `793/QĐ-TTg`: the number, then the code (the slash is not said; the
//!    code goes to the word reader). `162/2025/NĐ-CP`: "… năm hai nghìn không trăm hai mươi lăm …".
//! 6. **Slashes between numbers**, in this order: "24/7" alone → "hai mươi bốn giờ mỗi ngày, bảy
//!    ngày mỗi tuần" ("ngày 24/7" is a date); a **fraction** `D/M` with D < M when the words around
//!    say so: a word before such as "chiếm", "khoảng", "hơn", or what is counted after it ("2/3
//!    số xã" → "hai phần ba số xã", "5/7 thôn", "1/4" → "một phần tư"), unless a date word comes
//!    first ("ngày 2/3", "từ 1/7"); a **date** `D/M[/YYYY]` with a valid day and month → "ngày ba
//!    mươi tháng bảy", days 1–10 "mồng một", month 4 "tháng tư", "ngày" not repeated; `X/YYYY` →
//!    "X năm YYYY" ("tháng 7/2026"); any other `D/M` with D < M a fraction ("3/20"), else a ratio
//!    ("24/24 giờ" → "hai mươi bốn trên hai mươi bốn giờ").
//! 7. **Times** `7:30`, `7h30`, `7h` → "bảy giờ ba mươi"; minutes 1–9 add "phút".
//! 8. **Service numbers** `1800 1567`, `1900.6868`, `18001567` (1800/1900 and 4 or 6 more
//!    digits): digit by digit.
//! 9. **Phone numbers** starting with `0`, groups as pauses; an area code in brackets joins the
//!    number after it: "(0213) 3.876.543".
//! 10. **Amounts** with thousands dots and a decimal comma ("1.000.000" → "một triệu", "2,5" →
//!     "hai phẩy năm"), then a **cardinal**: 21 "hai mươi mốt", 105 "một trăm linh năm", always
//!     "bốn" (never "tư") except "thứ tư", "tháng tư"; "thứ 1" → "thứ nhất". More than 15 digits:
//!     digit by digit.
//! 11. **Units** after an amount, glued or after one space: `%`, `km`, `m`, `m2`/`m²` "mét
//!     vuông", `km²`, `m³`, `ha` "héc-ta", `kg`, `g`, `°C`, `km/h` "ki-lô-mét mỗi giờ", `đ`/`VNĐ`
//!     "đồng", `USD`; `h` and `g` only glued ("48h"). A slash after a unit or an amount is
//!     "mỗi" ("500.000 đ/tháng" → "… đồng mỗi tháng", "100/ngày"). Capitals glued to a number
//!     are spelled ("4D" → "bốn đê", "5G" → "năm giê").
//! 12. **Ranges**: two amounts, dates or times joined by a hyphen, an en dash or an em dash (with
//!     or without spaces) are read with "đến": "3 – 5 người", "8:30 – 11:30", "1/7–30/9",
//!     "2021-2025". One level only: "1-2-3" reads "một đến hai", then "ba".
//!
//! **Words** (`vi_words`), for a token that starts with a letter:
//! 1. **Abbreviations** as an announcer says them: UBND "Ủy ban nhân dân", HĐND, MTTQ, BĐBP,
//!    TP. "thành phố", v.v. "vân vân", CCCD, THCS, COVID "cô-vít" … (a table in the module).
//! 2. **Document codes** (after a document number, or a dashed code with a known part): the type
//!    in words unless the sentence just said it, then "của" and the issuing body: "Nghị định
//!    162/2025/NĐ-CP" → "Nghị định một trăm sáu mươi hai năm hai nghìn không trăm hai mươi lăm của
//!    Chính phủ", "QĐ-UBND" → "quyết định của Ủy ban nhân dân", "53/2024/QH15" → "… của Quốc hội
//!    khóa mười lăm"; an unknown part is spelled ("SYT-BTTE" → "… Sở Y tế, bê tê tê e").
//! 3. **Words joined by a slash**: "mỗi" before a unit of time or count ("đồng/tháng" → "đồng
//!    mỗi tháng", "km/h"), "hoặc" otherwise ("xã/phường" → "xã hoặc phường").
//! 4. **Roman numerals** after a counting word ("quý III/2025" → "quý ba năm hai nghìn …",
//!    "khóa XV", "thế kỷ XXI", "Đại hội XIII"), any numeral of I, V, X of two letters or more, and
//!    a heading number at the start of a sentence ("II. Nội dung" → "Hai, Nội dung").
//! 5. **Letters and digits** in one token: letters spelled, digits read ("A3" → "a ba", "H5N1" →
//!    "hát năm en-nờ một", "COVID-19" → "cô-vít mười chín", "F0" → "ép không").
//! 6. **An initial** after a name or a form of address: "chị H." → "chị hát".
//! 7. **Codes in capitals** that are no Vietnamese syllable are spelled ("ATM" → "a tê em-mờ",
//!    "HIV" → "hát i vê"); words in capitals ("GỌI NGAY") stay.
//!
//! A number or word that starts a sentence is capitalised ("30/7 là …" → "Ngày ba mươi …").

use super::{vi_numbers, vi_words};

/// Rewrites every number, code and abbreviation in `text` into words (rules in the module doc).
/// `official` are the hotline and other official numbers, as dialled (digits only).
pub fn speak(text: &str, official: &[String]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        let token_start = !text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let starts_number = c.is_ascii_digit() || (c == '+' && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        if token_start && starts_number {
            let (end, words) = vi_numbers::read_at(text, i, official, &out);
            push_words(&mut out, &words);
            i = end.max(i + 1);
            continue;
        }
        if token_start && c.is_alphabetic() {
            let end = vi_words::token_end(text, i);
            match vi_words::read(text, i, end, &out) {
                Some((end, words)) => {
                    push_words(&mut out, &words);
                    i = end.max(i + 1);
                }
                None => {
                    out.push_str(&text[i..end]);
                    i = end.max(i + c.len_utf8());
                }
            }
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn push_words(out: &mut String, words: &str) {
    if vi_numbers::at_sentence_start(out) {
        out.push_str(&vi_numbers::capitalize(words));
    } else {
        out.push_str(words);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus: `input<TAB>expected` per line, `# class` headers, blank lines between groups.
    /// It runs through the Vietnamese [`crate::text::speak::Speaker`], as scripts do (typography
    /// tidied first).
    const CORPUS: &str = include_str!("corpus/vi.tsv");

    fn official() -> Vec<String> {
        vec!["111".into(), "113".into(), "115".into(), "18001567".into()]
    }

    /// Issue 15: every case of the corpus, reported all at once with its class.
    #[test]
    fn corpus() {
        let mut class = String::new();
        let mut failures = Vec::new();
        let mut count = 0;
        let vietnamese = crate::text::speak::Speaker::new("vi", &crate::i18n::Strings::new(), official());
        for (n, line) in CORPUS.lines().enumerate() {
            if let Some(name) = line.strip_prefix("# ") {
                class = name.to_string();
                continue;
            }
            let Some((input, want)) = line.split_once('\t') else { continue };
            count += 1;
            let got = vietnamese.speak(input);
            if got != want {
                failures.push(format!("line {} [{class}]\n  input: {input}\n  want:  {want}\n  got:   {got}", n + 1));
            }
        }
        assert!(count >= 300, "the corpus shrank to {count} cases");
        assert!(failures.is_empty(), "{} of {count} cases differ:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn corpus_has_no_malformed_lines() {
        for (n, line) in CORPUS.lines().enumerate() {
            let ok = line.is_empty() || line.starts_with("# ") || line.split('\t').count() == 2;
            assert!(ok, "line {}: `input<TAB>expected` expected: {line:?}", n + 1);
        }
    }

    /// No stack growth or quadratic work with the input: long chains are read in one pass.
    #[test]
    fn long_inputs_are_read_in_one_pass() {
        let chain = "1-".repeat(50_000);
        assert!(speak(&chain, &[]).starts_with("Một đến một"));
        let codes = "A1-".repeat(20_000);
        assert!(!speak(&codes, &[]).is_empty());
        let slashes = "a/".repeat(20_000);
        assert!(speak(&slashes, &[]).starts_with("A hoặc a"));
    }
}
