//! Word documents (.docx, WordprocessingML in a ZIP): `tables.docx`, the paper's tables as a
//! journal prints them ([`super::publication`]), and `audit.docx`, the audit as a review letter
//! a reviewer can edit and send. Persian documents read right to left: tables with
//! `w:bidiVisual`, paragraphs with `w:bidi`, runs of Arabic script with `w:rtl`; cells stay
//! in logical order in the file, as Word writes them.
//!
//! Written by hand with the zip crate: docx-rs, the maintained writer, cannot mark a table or a
//! run right to left. Every ZIP entry has the same fixed timestamp and the core properties no
//! dates, so the same input gives the same bytes.
//!
//! Not for what the tables say (that is `publication` and `findings`).

use super::findings::{
    answering, by_level, citation_line, corrections, detail_title, evidence, level_title, severity,
    study_name, subject, verdict, Question,
};
use super::publication::{self, Cell, Options, MARK};
use super::Provenance;
use crate::audit::{Audit, Finding};
use crate::error::Result;
use crate::lang::{capitalise, Lang};
use crate::model::Study;
use crate::tables::Tables;
use crate::xml::escape;
use std::fmt::Write as _;

/// A4 in twentieths of a point, and a 2 cm margin.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: u32 = 1134;

/// Cell fills: the head, and a recomputed value that differs from the printed one (light
/// enough for black text to keep a contrast above 12:1).
const HEAD_FILL: &str = "E7E6E6";
const DIFFERS_FILL: &str = "FBE3D6";

/// `tables.docx`: the roster, the coding table, the dimensions and the components, on A4
/// landscape (the coding table has twelve columns).
pub fn tables(tables: &Tables, study: &Study, options: &Options) -> Result<Vec<u8>> {
    let mut body = Body::new(options);
    let title = match options.lang {
        Lang::En => format!("Frequency tables: {}", tables.study),
        Lang::Fa => format!("جدول‌های فراوانی: {}", tables.study),
    };
    body.paragraph("Title", &title);
    let citation = citation_line(study, options.lang);
    if !citation.is_empty() {
        body.paragraph("Note", citation.trim_end());
    }
    let width = A4_LONG - 2 * MARGIN;
    // Each table on a page of its own, as a journal's production asks.
    for (i, table) in publication::tables(tables, study, options)
        .iter()
        .enumerate()
    {
        body.table(table, width, i > 0);
    }
    package(&title, options, &body.finish(true))
}

/// `audit.docx`: the verdict, the findings that answer each question in tables, what must be
/// corrected, and the detail by level, on A4 portrait.
pub fn audit(
    audit: &Audit,
    study: &Study,
    options: &Options,
    provenance: &Provenance,
) -> Result<Vec<u8>> {
    let lang = options.lang;
    let terms = study.terms(lang);
    let mut body = Body::new(options);
    let title = match lang {
        Lang::En => format!(
            "Review of the frequency tables: {}",
            study_name(audit, study, lang)
        ),
        Lang::Fa => format!("بررسی جدول‌های فراوانی: {}", study_name(audit, study, lang)),
    };
    body.paragraph("Title", &title);
    let citation = citation_line(study, lang);
    if !citation.is_empty() {
        body.paragraph("Note", citation.trim_end());
    }
    // A command is quoted, not marked up: Word shows no backticks.
    let made = match lang {
        Lang::En => format!(
            "Recomputed by thematic {} from the codebook {} (SHA-256 {}). Every number below traces to a codebook row and a counting rule; “thematic check --explain RULE” (or a finding's number for RULE) says what each rule checks and why.",
            env!("CARGO_PKG_VERSION"),
            provenance.location,
            provenance.digest
        ),
        Lang::Fa => format!(
            "بازمحاسبه با {} از کدنامهٔ {} (چکیدهٔ SHA-256: {}). هر عدد زیر به یک سطر کدنامه و یک قاعدهٔ شمارش برمی‌گردد؛ دستور {} می‌گوید هر قاعده چه چیزی را می‌سنجد و چرا (به جای نام قاعده، شمارهٔ یک مورد ممیزی را هم می‌توان داد).",
            lang.isolate(&format!("thematic {}", env!("CARGO_PKG_VERSION"))),
            crate::codebook::source::location_in(provenance.location, lang),
            lang.isolate(provenance.digest),
            lang.isolate("thematic check --explain RULE")
        ),
    };
    body.paragraph("Note", &made);
    body.paragraph(
        "Heading1",
        match lang {
            Lang::En => "Verdict",
            Lang::Fa => "جمع‌بندی",
        },
    );
    body.paragraph("Normal", &verdict(audit, lang, &terms));
    let heads: Vec<String> = match lang {
        Lang::En => ["Severity", "Rule", "Subject", "Finding", "Evidence"],
        Lang::Fa => ["شدت", "قاعده", "موضوع", "مورد ممیزی", "شواهد"],
    }
    .map(String::from)
    .to_vec();
    let width = A4_SHORT - 2 * MARGIN;
    let findings_table = |body: &mut Body, findings: &[&Finding]| {
        let rows: Vec<Vec<Vec<String>>> = findings
            .iter()
            .map(|f| {
                vec![
                    vec![severity(f.severity, lang).to_string()],
                    vec![f.rule.to_string()],
                    vec![subject(audit, f, lang)],
                    vec![f.message.clone()],
                    evidence(f, lang, &terms),
                ]
            })
            .collect();
        body.simple_table(&heads, &[10, 15, 20, 30, 25], &rows, width);
    };
    for question in [Question::Conclusion, Question::Made] {
        let findings = answering(audit, question);
        if findings.is_empty() {
            continue;
        }
        body.paragraph("Heading1", question.title(lang));
        findings_table(&mut body, &findings);
    }
    let corrections = corrections(audit, lang);
    if !corrections.is_empty() {
        body.paragraph("Heading1", Question::Corrected.title(lang));
        let list = match lang {
            Lang::En => ", ",
            Lang::Fa => "، ",
        };
        for (sev, rule, subjects) in corrections {
            body.paragraph(
                "List",
                &format!(
                    "• {} {rule} ×{}: {}",
                    severity(sev, lang),
                    options.number(subjects.len()),
                    subjects.join(list)
                ),
            );
        }
    }
    let mut detail = false;
    for (level, findings) in by_level(audit) {
        let findings: Vec<&Finding> = findings
            .into_iter()
            .filter(|f| Question::of(f.rule) == Question::Corrected)
            .collect();
        if findings.is_empty() {
            continue;
        }
        if !detail {
            body.paragraph("Heading1", detail_title(lang));
            detail = true;
        }
        body.paragraph("Heading2", &capitalise(&level_title(level, lang, &terms)));
        findings_table(&mut body, &findings);
    }
    package(&title, options, &body.finish(false))
}

/// The body of `word/document.xml`, written as it goes.
struct Body<'a> {
    xml: String,
    options: &'a Options,
}

impl<'a> Body<'a> {
    fn new(options: &'a Options) -> Body<'a> {
        Body {
            xml: String::with_capacity(64 * 1024),
            options,
        }
    }

    fn rtl(&self) -> bool {
        self.options.lang.is_rtl()
    }

    /// Runs of `text`: what an isolate (U+2068…U+2069, as the audit quotes a label of the
    /// other script) holds is a run of its own, the rest runs of the sentence, each marked right
    /// to left when it holds a right-to-left letter (or, holding no letter, when the document
    /// is right to left), so that Word lays out numbers and punctuation with their own words
    /// and not with the sentence around them. Line breaks become `w:br`.
    fn run(&mut self, text: &str, bold: bool, superscript: bool) {
        for (segment, isolated) in runs_of(text) {
            self.one_run(segment, isolated, bold, superscript);
        }
    }

    fn one_run(&mut self, text: &str, isolated: bool, bold: bool, superscript: bool) {
        let letters = text.chars().any(char::is_alphabetic);
        let rtl = text.chars().any(is_right_to_left) || (!letters && !isolated && self.rtl());
        let mut properties = String::new();
        if bold {
            properties.push_str("<w:b/><w:bCs/>");
        }
        if superscript {
            properties.push_str("<w:vertAlign w:val=\"superscript\"/>");
        }
        if rtl {
            properties.push_str("<w:rtl/>");
        }
        self.xml.push_str("<w:r>");
        if !properties.is_empty() {
            let _ = write!(self.xml, "<w:rPr>{properties}</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            let _ = write!(
                self.xml,
                "<w:t xml:space=\"preserve\">{}</w:t>",
                escape(line)
            );
        }
        self.xml.push_str("</w:r>");
    }

    /// Paragraph properties: its style, whether it starts a page, direction and alignment (in
    /// the schema's order).
    fn paragraph_start(&mut self, style: &str, centred: bool, new_page: bool) {
        let _ = write!(self.xml, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        if new_page {
            self.xml.push_str("<w:pageBreakBefore/>");
        }
        if self.rtl() {
            self.xml.push_str("<w:bidi/>");
        }
        if centred {
            self.xml.push_str("<w:jc w:val=\"center\"/>");
        }
        self.xml.push_str("</w:pPr>");
    }

    fn paragraph(&mut self, style: &str, text: &str) {
        self.paragraph_start(style, false, false);
        self.run(text, false, false);
        self.xml.push_str("</w:p>");
    }

    /// A table of the paper, with its caption above and its notes below.
    fn table(&mut self, table: &publication::Table, width: u32, new_page: bool) {
        self.paragraph_start("Caption", false, new_page);
        self.run(&table.caption, false, false);
        self.xml.push_str("</w:p>");
        let widths = column_widths(table, width);
        self.table_start(&widths);
        // Heads: one row, or two when columns are grouped under a common head.
        let grouped = table.grouped();
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (group, first, len) in table.head_runs() {
            let span_width: u32 = widths[first..first + len].iter().sum();
            match group {
                Some(g) => {
                    self.cell_start(span_width, len, None, Some(HEAD_FILL));
                    self.cell_text(&table.groups[g], true, true);
                }
                None => {
                    let merge = grouped.then_some(true);
                    self.cell_start(span_width, 1, merge, Some(HEAD_FILL));
                    self.cell_text(&table.columns[first].head, true, true);
                }
            }
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr>");
        if grouped {
            self.xml
                .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (column, &w) in table.columns.iter().zip(&widths) {
                match column.group {
                    Some(_) => {
                        self.cell_start(w, 1, None, Some(HEAD_FILL));
                        self.cell_text(&column.head, true, true);
                    }
                    None => {
                        self.cell_start(w, 1, Some(false), Some(HEAD_FILL));
                        self.xml.push_str("<w:p/>");
                    }
                }
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        for row in &table.rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (cell, &w) in row.iter().zip(&widths) {
                self.body_cell(cell, w);
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        for note in &table.notes {
            self.paragraph("Note", note);
        }
    }

    /// A table of text cells, each a list of paragraphs, with one head row.
    fn simple_table(
        &mut self,
        heads: &[String],
        weights: &[u32],
        rows: &[Vec<Vec<String>>],
        width: u32,
    ) {
        let total: u32 = weights.iter().sum();
        let widths: Vec<u32> = weights.iter().map(|w| width * w / total).collect();
        self.table_start(&widths);
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (head, &w) in heads.iter().zip(&widths) {
            self.cell_start(w, 1, None, Some(HEAD_FILL));
            self.cell_text(head, true, false);
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr>");
        for row in rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (paragraphs, &w) in row.iter().zip(&widths) {
                self.cell_start(w, 1, None, None);
                if paragraphs.is_empty() {
                    self.xml.push_str("<w:p/>");
                }
                for text in paragraphs {
                    self.cell_text(text, false, false);
                }
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }

    fn table_start(&mut self, widths: &[u32]) {
        self.xml.push_str("<w:tbl><w:tblPr>");
        if self.rtl() {
            self.xml.push_str("<w:bidiVisual/>");
        }
        let total: u32 = widths.iter().sum();
        let _ = write!(
            self.xml,
            "<w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders>"
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                self.xml,
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
            );
        }
        self.xml.push_str(
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
        );
        for w in widths {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
    }

    /// A cell's start and properties: `merge` is `Some(true)` for the first cell of a vertical
    /// merge, `Some(false)` for a cell it covers.
    fn cell_start(&mut self, width: u32, columns: usize, merge: Option<bool>, fill: Option<&str>) {
        let _ = write!(
            self.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        );
        if columns > 1 {
            let _ = write!(self.xml, "<w:gridSpan w:val=\"{columns}\"/>");
        }
        match merge {
            Some(true) => self.xml.push_str("<w:vMerge w:val=\"restart\"/>"),
            Some(false) => self.xml.push_str("<w:vMerge/>"),
            None => {}
        }
        if let Some(fill) = fill {
            let _ = write!(
                self.xml,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        self.xml.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
    }

    fn cell_text(&mut self, text: &str, bold: bool, centred: bool) {
        self.paragraph_start("TableText", centred, false);
        self.run(text, bold, false);
        self.xml.push_str("</w:p>");
    }

    fn body_cell(&mut self, cell: &Cell, width: u32) {
        let merge = match cell.span {
            0 => Some(false),
            1 => None,
            _ => Some(true),
        };
        self.cell_start(width, 1, merge, cell.differs.then_some(DIFFERS_FILL));
        if cell.span == 0 {
            self.xml.push_str("<w:p/>");
        } else {
            self.paragraph_start("TableText", cell.number, false);
            self.run(&cell.text, false, false);
            if cell.differs {
                self.run(MARK, true, true);
            }
            self.xml.push_str("</w:p>");
        }
        self.xml.push_str("</w:tc>");
    }

    /// `word/document.xml`: the body and its one section, A4 landscape or portrait.
    fn finish(self, landscape: bool) -> String {
        let (w, h, orient) = if landscape {
            (A4_LONG, A4_SHORT, " w:orient=\"landscape\"")
        } else {
            (A4_SHORT, A4_LONG, "")
        };
        let bidi = if self.rtl() { "<w:bidi/>" } else { "" };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{}<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>{bidi}</w:sectPr></w:body></w:document>",
            self.xml
        )
    }
}

/// Whether `c` is a letter of a right-to-left script (bidi class R or AL).
/// `text` cut at its isolates: (stretch, whether it is an isolate), the isolate characters
/// kept with the stretch they enclose.
fn runs_of(text: &str) -> Vec<(&str, bool)> {
    use crate::lang::{FSI, PDI};
    let mut out = Vec::new();
    let (mut start, mut isolated) = (0, false);
    for (at, c) in text.char_indices() {
        let cut = match c {
            FSI if !isolated => Some((at, true)),
            PDI if isolated => Some((at + c.len_utf8(), false)),
            _ => None,
        };
        if let Some((cut, next)) = cut {
            if cut > start {
                out.push((&text[start..cut], isolated));
            }
            (start, isolated) = (cut, next);
        }
    }
    if start < text.len() || out.is_empty() {
        out.push((&text[start..], isolated));
    }
    out
}

fn is_right_to_left(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(c), R | AL)
}

/// Column widths in twips summing to about `width`, in proportion to
/// [`publication::Table::weights`].
fn column_widths(table: &publication::Table, width: u32) -> Vec<u32> {
    let weights = table.weights();
    let total: usize = weights.iter().sum::<usize>().max(1);
    weights
        .iter()
        .map(|&w| (width as usize * w / total) as u32)
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// `word/styles.xml`: one font for every script, Persian as the complex-script language, and
/// the few paragraph styles the documents use.
fn styles(options: &Options) -> String {
    let font = escape(options.font());
    let style = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let size = |half_points: u32| {
        format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\"/>{}<w:lang w:val=\"en-GB\" w:bidi=\"fa-IR\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>{}{}{}{}{}{}{}</w:styles>",
        size(22),
        style("Title", "Title", "<w:keepNext/><w:spacing w:after=\"240\"/>", &format!("<w:b/><w:bCs/>{}", size(32))),
        style("Heading1", "heading 1", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>", &format!("<w:b/><w:bCs/>{}", size(28))),
        style("Heading2", "heading 2", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>", &format!("<w:b/><w:bCs/>{}", size(24))),
        style("Caption", "caption", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>", &format!("<w:b/><w:bCs/>{}", size(22))),
        style("TableText", "Table Text", "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>", &size(18)),
        style("Note", "Note", "<w:spacing w:before=\"60\" w:after=\"60\"/>", &format!("<w:color w:val=\"404040\"/>{}", size(18))),
        style("List", "List", "<w:spacing w:after=\"60\"/>", ""),
    )
}

/// The package: the document, its styles and core properties, and the relationships between
/// them, in a ZIP whose every entry has the same fixed timestamp.
fn package(title: &str, options: &Options, document: &str) -> Result<Vec<u8>> {
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>thematic {}</dc:creator><dc:language>{}</dc:language></cp:coreProperties>",
        escape(title),
        env!("CARGO_PKG_VERSION"),
        options.lang.code()
    );
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELATIONSHIPS.to_string()),
        ("docProps/core.xml", core),
        ("word/document.xml", document.to_string()),
        ("word/styles.xml", styles(options)),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELATIONSHIPS.to_string(),
        ),
    ];
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    crate::package::zip("a Word document", &parts)
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

#[cfg(test)]
mod tests {
    use super::runs_of;

    #[test]
    fn isolates_are_runs_of_their_own() {
        let text = "lists \u{2068}«ابراهیم»\u{2069} under";
        assert_eq!(
            runs_of(text),
            [
                ("lists ", false),
                ("\u{2068}«ابراهیم»\u{2069}", true),
                (" under", false)
            ]
        );
        assert_eq!(runs_of(""), [("", false)]);
        assert_eq!(runs_of("plain"), [("plain", false)]);
    }
}
