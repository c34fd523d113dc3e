//! Numbers as each language writes them: Vietnamese groups thousands with `.` and writes
//! decimals with `,` (`1.533 trang`, `0,6 giây`); English the other way round. Fluent's own
//! NUMBER has no locale data for this, so the catalogue formats with these functions.

use super::Lang;

/// `value` with exactly `places` decimals, grouped from four digits on (`1.533`, not `1533`).
pub fn format_number(lang: Lang, value: f64, places: usize) -> String {
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let fixed = format!("{:.*}", places, value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::new();
    if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    let digits: Vec<char> = int.chars().collect();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(*d);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12: Vietnamese messages write numbers the Vietnamese way.
    #[test]
    fn vietnamese_and_english_conventions() {
        assert_eq!(format_number(Lang::Vi, 1533.0, 0), "1.533");
        assert_eq!(format_number(Lang::Vi, 0.6, 1), "0,6");
        assert_eq!(format_number(Lang::Vi, 1234567.25, 2), "1.234.567,25");
        assert_eq!(format_number(Lang::Vi, 999.0, 0), "999");
        assert_eq!(format_number(Lang::En, 1533.0, 0), "1,533");
        assert_eq!(format_number(Lang::En, 0.6, 1), "0.6");
        assert_eq!(format_number(Lang::Vi, -1500.0, 0), "-1.500");
        assert_eq!(format_number(Lang::Vi, -0.01, 1), "0,0");
    }
}
