//! Text for the ear and for SMS: pure functions, no I/O, table-tested.
//!
//! - [`vi_reader`] reads Vietnamese text for the ear: [`vi_numbers`] (numbers, dates, times, phone
//!   numbers, units, ranges) and [`vi_words`] (abbreviations, document codes, Roman numerals).
//! - [`speak`] picks the reader for a language; [`table_numbers`] reads numbers from a
//!   language's number table in its i18n file (the extension point for other languages).
//! - [`deaccent`] writes Vietnamese without diacritics, as SMS campaigns send it.
//! - [`sms_encoding`] counts an SMS the way the network does (GSM-7 or UCS-2, parts).

pub mod deaccent;
pub mod roman;
#[cfg(test)]
pub(crate) mod samples;
pub mod sms_encoding;
pub mod speak;
pub mod table_numbers;
pub mod vi_numbers;
pub mod vi_reader;
pub mod vi_words;
