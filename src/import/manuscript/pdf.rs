//! A PDF read from its glyphs: each glyph's origin, advance and size and each ruling line
//! (pdf-extract's `OutputDev`), glyphs joined into words, a right-to-left word's glyphs put
//! back in logical order (a glyph is the unit: the lam-alef ligature stays one), then
//! `layout` finds the tables. pdf-extract can panic on a damaged file and recurses into form
//! XObjects: the panic is caught and said, and a form that draws itself is refused first.
//!
//! Not for scanned pages (no glyphs: said so), nor for what the cells mean (`find`).

use super::layout::{self, Page, Ruling, Scale, Word};
use super::{problem, Manuscript};
use crate::codebook::Problem;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use std::cell::Cell;

/// The most glyphs read from one PDF: far above any manuscript (a 40-page paper has about
/// 150,000), so that a hostile file cannot fill memory with them.
const MAX_GLYPHS: usize = 20_000_000;

/// A glyph where it is printed: origin x, baseline y (downwards), advance, size, its text.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    text: String,
}

/// A page as drawn: its number, glyphs and rulings.
type Drawn = (u32, Vec<Glyph>, Vec<Ruling>);

#[derive(Default)]
struct Collect {
    flip: Transform,
    page: u32,
    glyphs: Vec<Glyph>,
    rulings: Vec<Ruling>,
    pages: Vec<Drawn>,
    count: usize,
}

fn too_many() -> OutputError {
    OutputError::FormatError(std::fmt::Error)
}

impl Collect {
    /// Straight lines and thin rectangles of a path, as rulings on the page.
    fn rulings_of(&mut self, ctm: &Transform, path: &Path, fill: bool) {
        let at = |x: f64, y: f64| {
            let p = ctm
                .post_transform(&self.flip)
                .transform_point(pdf_extract_point(x, y));
            (p.x, p.y)
        };
        let push = |a: (f64, f64), b: (f64, f64), rulings: &mut Vec<Ruling>| {
            let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
            if dy <= 1.0 && dx > 1.0 {
                rulings.push(Ruling {
                    horizontal: true,
                    at: (a.1 + b.1) / 2.0,
                    from: a.0.min(b.0),
                    to: a.0.max(b.0),
                });
            } else if dx <= 1.0 && dy > 1.0 {
                rulings.push(Ruling {
                    horizontal: false,
                    at: (a.0 + b.0) / 2.0,
                    from: a.1.min(b.1),
                    to: a.1.max(b.1),
                });
            }
        };
        let mut rulings = Vec::new();
        let mut current: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    current = Some(at(x, y));
                    start = current;
                }
                PathOp::LineTo(x, y) if !fill => {
                    let p = at(x, y);
                    if let Some(c) = current {
                        push(c, p, &mut rulings);
                    }
                    current = Some(p);
                }
                PathOp::Close if !fill => {
                    if let (Some(c), Some(s)) = (current, start) {
                        push(c, s, &mut rulings);
                    }
                    current = start;
                }
                PathOp::Rect(x, y, w, h) => {
                    // A thin rectangle is a ruling (how Word draws borders); a wide one is
                    // shading, not a line (pdf-extract can leave one in a stroked path).
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
                    if dy <= 2.0 && dx > 2.0 {
                        let y = (a.1 + b.1) / 2.0;
                        push((a.0, y), (b.0, y), &mut rulings);
                    } else if dx <= 2.0 && dy > 2.0 {
                        let x = (a.0 + b.0) / 2.0;
                        push((x, a.1), (x, b.1), &mut rulings);
                    }
                }
                _ => {}
            }
        }
        self.rulings.extend(rulings);
    }
}

fn pdf_extract_point(x: f64, y: f64) -> euclid::Point2D<f64, pdf_extract::Space> {
    euclid::point2(x, y)
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.flip = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        self.page = page;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        let rulings = std::mem::take(&mut self.rulings);
        self.pages.push((self.page, glyphs, rulings));
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.count += 1;
        if self.count > MAX_GLYPHS {
            return Err(too_many());
        }
        let p = trm.post_transform(&self.flip);
        let v = trm.transform_vector(euclid::vec2(font_size, font_size));
        let size = (v.x * v.y).abs().sqrt();
        if !(p.m31.is_finite() && p.m32.is_finite() && size.is_finite() && width.is_finite()) {
            return Ok(());
        }
        self.glyphs.push(Glyph {
            x: p.m31,
            y: p.m32,
            width: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rulings_of(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rulings_of(ctm, path, true);
        Ok(())
    }
}

thread_local! {
    /// Set while pdf-extract runs on this thread: its panics are said as a message, not
    /// printed by the default hook.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

fn quiet_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Whether a form XObject can draw itself (pdf-extract would recurse until the stack ends).
fn forms_loop(doc: &pdf_extract::Document) -> bool {
    use pdf_extract::{Object, ObjectId};
    use std::collections::{BTreeMap, BTreeSet};
    let xobjects = |dict: &pdf_extract::Dictionary| -> Vec<ObjectId> {
        let Ok(resources) = dict.get(b"Resources") else {
            return Vec::new();
        };
        let resources = match resources {
            Object::Reference(id) => doc.get_object(*id).and_then(Object::as_dict),
            other => other.as_dict(),
        };
        let Ok(xo) = resources.and_then(|r| r.get(b"XObject")) else {
            return Vec::new();
        };
        let xo = match xo {
            Object::Reference(id) => doc.get_object(*id).and_then(Object::as_dict),
            other => other.as_dict(),
        };
        xo.map(|d| {
            d.iter()
                .filter_map(|(_, v)| v.as_reference().ok())
                .collect()
        })
        .unwrap_or_default()
    };
    let mut forms: BTreeMap<ObjectId, Option<Vec<ObjectId>>> = BTreeMap::new();
    let mut inherited: BTreeSet<ObjectId> = BTreeSet::new();
    for (id, object) in &doc.objects {
        if let Object::Stream(s) = object {
            let form = s
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Form");
            if form {
                let own = s.dict.has(b"Resources").then(|| xobjects(&s.dict));
                forms.insert(*id, own);
            }
        } else if let Object::Dictionary(d) = object {
            inherited.extend(xobjects(d));
        }
    }
    // A form without resources of its own uses its page's: it may call any of those.
    let children = |id: &ObjectId| -> Vec<ObjectId> {
        match forms.get(id) {
            Some(Some(own)) => own.clone(),
            Some(None) => inherited.iter().copied().collect(),
            None => Vec::new(),
        }
    };
    // Depth-first without recursion: a form met again on the current path is a loop.
    let mut done: BTreeSet<ObjectId> = BTreeSet::new();
    for &root in forms.keys() {
        if done.contains(&root) {
            continue;
        }
        let mut path: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack: Vec<(ObjectId, Vec<ObjectId>)> = vec![(root, children(&root))];
        path.insert(root);
        while let Some((id, next)) = stack.last_mut() {
            match next.pop() {
                Some(child) if forms.contains_key(&child) => {
                    if path.contains(&child) || stack.len() > 64 {
                        return true;
                    }
                    if !done.contains(&child) {
                        path.insert(child);
                        let c = children(&child);
                        stack.push((child, c));
                    }
                }
                Some(_) => {}
                None => {
                    let id = *id;
                    path.remove(&id);
                    done.insert(id);
                    stack.pop();
                }
            }
        }
    }
    false
}

/// The glyphs and rulings of every page, or what went wrong.
fn pages_of(display: &str, bytes: &[u8]) -> Result<Vec<Drawn>, Problem> {
    let damaged = |what: String| {
        problem(
            display,
            format!("the PDF cannot be read: {what}"),
            "open it in a PDF reader and save or print it to a new PDF, or give the manuscript as .docx",
        )
    };
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            return Err("it is encrypted".to_string());
        }
        if forms_loop(&doc) {
            return Err("a drawing in it draws itself (a form XObject that calls itself)".into());
        }
        let mut collect = Collect::default();
        match pdf_extract::output_doc(&doc, &mut collect) {
            Ok(()) => Ok(collect.pages),
            Err(_) if collect.count > MAX_GLYPHS => Err(format!(
                "it holds more than {MAX_GLYPHS} characters, more than any manuscript"
            )),
            Err(e) => Err(e.to_string()),
        }
    }));
    QUIET.with(|q| q.set(false));
    match run {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(what)) => Err(damaged(what)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the PDF library stopped on it".into());
            Err(damaged(format!("the PDF library stopped on it ({what})")))
        }
    }
}

fn rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    text.chars()
        .any(|c| matches!(unicode_bidi::bidi_class(c), R | AL))
}

/// A mark drawn over the glyph before it (a hamza, a vowel sign): it follows that glyph.
fn is_mark(text: &str) -> bool {
    use unicode_bidi::BidiClass::NSM;
    !text.is_empty() && text.chars().all(|c| unicode_bidi::bidi_class(c) == NSM)
}

/// A line's glyphs (sorted by x) into words: parted at a space glyph or a gap wider than a
/// sixth of the size; a right-to-left word's glyphs reversed, its marks kept after their
/// letter, its digits and Latin left to right.
fn words_of(glyphs: &[Glyph]) -> Vec<Word> {
    // A space glyph that does not advance (the next glyph starts where it does) is how some
    // writers draw a zero-width non-joiner (the ZWNJ of «گروه‌های»): a ZWNJ, inside the word.
    let mut glyphs = glyphs.to_vec();
    for i in 0..glyphs.len() {
        if glyphs[i].text != " " {
            continue;
        }
        let (x, w) = (glyphs[i].x, glyphs[i].width);
        let over = glyphs
            .iter()
            .find(|g| !g.text.trim().is_empty() && (g.x - x).abs() < 0.25 * w.max(0.1))
            .map(|g| g.x);
        if let Some(start) = over {
            // Just before the glyph it stands with, after the one before.
            glyphs[i].text = "\u{200c}".into();
            glyphs[i].width = 0.0;
            glyphs[i].x = start - 0.1;
        }
    }
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let glyphs = &glyphs[..];
    let mut words = Vec::new();
    let mut current: Vec<&Glyph> = Vec::new();
    let mut end = f64::MIN;
    let flush = |current: &mut Vec<&Glyph>, words: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let x0 = current.iter().map(|g| g.x).fold(f64::MAX, f64::min);
        let x1 = current
            .iter()
            .map(|g| g.x + g.width)
            .fold(f64::MIN, f64::max);
        let size = current.iter().map(|g| g.size).fold(0.0, f64::max);
        let baseline = current[0].y;
        words.push(Word {
            x0,
            x1,
            baseline,
            size,
            text: logical(current),
        });
        current.clear();
    };
    for g in glyphs {
        if g.text.trim().is_empty() {
            flush(&mut current, &mut words);
            end = g.x + g.width;
            continue;
        }
        if !current.is_empty() && !is_mark(&g.text) && g.x - end > g.size / 6.0 {
            flush(&mut current, &mut words);
        }
        if current.is_empty() {
            end = f64::MIN;
        }
        current.push(g);
        if !is_mark(&g.text) {
            end = end.max(g.x + g.width);
        }
    }
    flush(&mut current, &mut words);
    words
}

/// A word's glyphs (visual order) in logical order.
fn logical(glyphs: &[&Glyph]) -> String {
    // Clusters: a letter and the marks drawn on it.
    let mut clusters: Vec<String> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let word_rtl = glyphs.iter().any(|g| rtl(&g.text));
    for g in glyphs {
        if is_mark(&g.text) {
            // Sorted by x, a mark comes after the letter it is drawn on.
            match clusters.last_mut() {
                Some(last) => last.push_str(&g.text),
                None => pending.push(&g.text),
            }
            continue;
        }
        let mut cluster = g.text.clone();
        for m in pending.drain(..) {
            cluster.push_str(m);
        }
        clusters.push(cluster);
    }
    if let Some(last) = clusters.last_mut() {
        for m in pending.drain(..) {
            last.push_str(m);
        }
    }
    if !word_rtl {
        return clusters.concat();
    }
    // Runs of left-to-right clusters (digits, Latin, with the separators between them) keep
    // their order; the rest is reversed.
    let ltr = |s: &str| {
        use unicode_bidi::BidiClass::{AN, EN, L};
        s.chars()
            .next()
            .is_some_and(|c| matches!(unicode_bidi::bidi_class(c), L | EN | AN))
    };
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut last_ltr = false;
    for (i, c) in clusters.iter().enumerate() {
        let neutral_between =
            !ltr(c) && !rtl(c) && last_ltr && clusters.get(i + 1).is_some_and(|n| ltr(n));
        let this = ltr(c) || neutral_between;
        if this && last_ltr {
            runs.last_mut().expect("a run").push(c.clone());
        } else {
            runs.push(vec![c.clone()]);
        }
        last_ltr = this;
    }
    runs.iter().rev().map(|r| r.concat()).collect()
}

pub fn read(display: &str, bytes: &[u8]) -> Result<Manuscript, Problem> {
    let pages = pages_of(display, bytes)?;
    if pages.iter().all(|(_, g, _)| g.is_empty()) {
        return Err(problem(
            display,
            "the PDF has no text in it (its pages are pictures: a scan)",
            "thematic reads the text a PDF holds; for a scan, run OCR first (ocrmypdf paper.pdf out.pdf), or give the manuscript as .docx",
        ));
    }
    let mut laid_pages = Vec::new();
    for (number, mut glyphs, rulings) in pages {
        let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).filter(|s| *s > 0.0).collect();
        sizes.sort_by(f64::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Glyphs into lines by baseline, then words.
        let mut words = Vec::new();
        let mut line: Vec<Glyph> = Vec::new();
        for g in glyphs {
            if line.last().is_some_and(|l| (g.y - l.y).abs() > 0.3 * size) {
                line.sort_by(|a, b| a.x.total_cmp(&b.x));
                words.extend(words_of(&line));
                line.clear();
            }
            line.push(g);
        }
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        words.extend(words_of(&line));
        laid_pages.push(Page {
            number: number as usize,
            words,
            rulings,
            scale: Scale {
                line: 0.3 * size,
                row_gap: 1.3 * size,
                cell_gap: 0.8 * size,
                gutter: 0.4 * size,
                snap: 1.5,
                tolerance: 0.15 * size,
                visual_words: true,
                chain_lines: false,
                mirrored: false,
            },
        });
    }
    let laid = layout::lay_out(laid_pages);
    Ok(Manuscript {
        tables: laid.tables,
        paragraphs: laid.paragraphs,
        ..Manuscript::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y: 10.0,
            width: 5.0,
            size: 10.0,
            text: text.into(),
        }
    }

    #[test]
    fn right_to_left_glyphs_come_back_in_logical_order_with_ligatures_and_marks_whole() {
        // «اسلامی» drawn left to right: ی م لا س ا (the lam-alef one glyph).
        let g = [
            glyph(0.0, "ی"),
            glyph(5.0, "م"),
            glyph(10.0, "لا"),
            glyph(15.0, "س"),
            glyph(20.0, "ا"),
        ];
        assert_eq!(words_of(&g)[0].text, "اسلامی");
        // A hamza drawn on the heh, listed after it: «رجبهٔ» drawn as ٔ ه ب ج ر.
        let g = [
            glyph(0.0, "ه"),
            glyph(0.8, "\u{654}"),
            glyph(5.0, "ب"),
            glyph(10.0, "ج"),
            glyph(15.0, "ر"),
        ];
        assert_eq!(words_of(&g)[0].text, "رجبه\u{654}");
        // Digits keep their order inside a right-to-left word run: «۱۲-الف».
        let g = [
            glyph(0.0, "ف"),
            glyph(5.0, "ل"),
            glyph(10.0, "ا"),
            glyph(15.0, "-"),
            glyph(20.0, "۱"),
            glyph(25.0, "۲"),
        ];
        assert_eq!(words_of(&g)[0].text, "۱۲-الف");
    }

    #[test]
    fn a_space_or_a_gap_parts_words() {
        let g = [
            glyph(0.0, "a"),
            glyph(5.0, "b"),
            glyph(10.0, " "),
            glyph(15.0, "c"),
            glyph(30.0, "d"),
        ];
        let words: Vec<String> = words_of(&g).into_iter().map(|w| w.text).collect();
        assert_eq!(words, ["ab", "c", "d"]);
    }

    #[test]
    fn a_damaged_pdf_is_a_message_not_a_panic() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        ] {
            let e = read("x.pdf", bytes).unwrap_err();
            assert!(e.to_string().contains("x.pdf"), "{e}");
        }
    }
}
