//! Every phrase of the HTML report that is not a label, a number or a finding, in each
//! language: headings, column heads, legends, the method's explanations.
//!
//! Not for the audit's prose (findings, verdict: `export::findings`) nor for the charts' words.

use crate::lang::Lang;
use crate::study::Terms;

pub(super) struct Words {
    pub lang: Lang,
    pub terms: Terms,
}

/// Whether a printed number agrees with what the codebook gives, shown by a symbol and words
/// (never by colour alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// Agrees (with the counting rule named).
    Matches(&'static str),
    /// Agrees with no counting rule.
    Differs,
    /// Nothing printed to compare.
    NotPrinted,
}

impl Words {
    fn pick(&self, en: &'static str, fa: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }

    pub fn coders(&self) -> &'static str {
        self.pick("Agreement between coders", "توافق میان کدگذاران")
    }
    pub fn coders_chart(&self) -> String {
        self.pick(
            "Krippendorff's α per base theme, with its 95% interval",
            "آلفای کریپندورف هر مضمون پایه، با بازه اطمینان ۹۵٪",
        )
        .into()
    }
    pub fn coders_intro(&self, coders: usize, bootstrap: usize) -> String {
        match self.lang {
            Lang::En => format!(
                "{coders} coders coded the same interviews with this scheme; each cell (interviewee × base theme) is raised or not. Intervals: 95% bootstrap over interviewees, {bootstrap} replicates. Krippendorff's verdict: α ≥ 0.800 reliable, 0.667–0.800 tentative, below not reliable. The coders:"
            ),
            Lang::Fa => format!(
                "{} کدگذار همین مصاحبه‌ها را با این طرح کدگذاری کرده‌اند؛ هر خانه (مصاحبه‌شونده × مضمون پایه) یا مطرح شده یا نشده است. بازه‌ها: بوت‌استرپ ۹۵٪ روی مصاحبه‌شوندگان با {} تکرار. داوری کریپندورف: α ≥ ۰٫۸۰۰ پایا، ۰٫۶۶۷ تا ۰٫۸۰۰ موقت، کمتر ناپایا. کدگذاران:",
                Lang::Fa.digits(&coders.to_string()),
                Lang::Fa.digits(&bootstrap.to_string())
            ),
        }
    }
    pub fn kappa_name(&self, c: crate::agree::Coefficient) -> &'static str {
        match c {
            crate::agree::Coefficient::Cohen => self.pick("Cohen's κ", "کاپای کوهن"),
            _ => self.pick("Fleiss' κ", "کاپای فلایس"),
        }
    }
    pub fn disagreeing_cells(&self) -> &'static str {
        self.pick("cells the coders disagree on", "خانه‌های اختلاف")
    }
    pub fn unmatched_themes(&self) -> &'static str {
        self.pick(
            "base themes not in every coder's scheme (missing ratings)",
            "مضامین پایه‌ای که در طرح همهٔ کدگذاران نیست (داوری ناموجود)",
        )
    }
    pub fn unmatched_interviewees(&self) -> &'static str {
        self.pick(
            "interviewees not on every coder's roster (missing ratings)",
            "مصاحبه‌شوندگانی که در فهرست همهٔ کدگذاران نیستند (داوری ناموجود)",
        )
    }
    /// Between an interval's ends.
    pub fn to(&self) -> &'static str {
        self.pick("to", "تا")
    }
    pub fn comma(&self) -> &'static str {
        self.pick(", ", "، ")
    }
    pub fn semicolon(&self) -> &'static str {
        self.pick("; ", "؛ ")
    }
    pub fn cells(&self) -> &'static str {
        self.pick("cells", "خانه‌ها")
    }
    pub fn interval(&self) -> &'static str {
        self.pick("95% interval", "بازه ۹۵٪")
    }
    pub fn verdict_on_alpha(&self) -> &'static str {
        self.pick("verdict on α", "داوری بر α")
    }
    pub fn report_title(&self) -> &'static str {
        self.pick("Audit report", "گزارش ممیزی")
    }
    pub fn contents(&self) -> &'static str {
        self.pick("Contents", "فهرست")
    }
    pub fn codebook(&self) -> &'static str {
        self.pick("Codebook", "کدنامه")
    }
    pub fn digest(&self) -> &'static str {
        self.pick("SHA-256 of its files", "چکیدهٔ SHA-256 پرونده‌های کدنامه")
    }
    pub fn made_with(&self) -> &'static str {
        self.pick("Made with", "ساخته‌شده با")
    }
    pub fn study(&self) -> &'static str {
        self.pick("Study", "پژوهش")
    }
    pub fn verdict(&self) -> &'static str {
        self.pick("Verdict", "جمع‌بندی")
    }
    pub fn levels(&self) -> String {
        let n = &self.terms.names;
        match self.lang {
            Lang::En => format!(
                "{} and {}",
                crate::lang::capitalise(&n.dimensions),
                n.components
            ),
            Lang::Fa => format!("{} و {}", n.dimensions, n.components),
        }
    }
    pub fn base_themes(&self) -> String {
        crate::lang::capitalise(&self.terms.names.base_themes)
    }
    pub fn findings(&self) -> &'static str {
        self.pick("The audit's findings", "موارد ممیزی")
    }
    pub fn agreement(&self) -> String {
        match (
            self.lang,
            self.terms.roster.as_ref(),
            self.terms.coding_table.as_ref(),
        ) {
            (Lang::En, Some(r), Some(c)) => format!("{r} against {c}"),
            (Lang::Fa, Some(r), Some(c)) => format!("{r} در برابر {c}"),
            (Lang::En, _, _) => "The roster's findings against the source codes".into(),
            (Lang::Fa, _, _) => "یافته‌های فهرست در برابر کدهای منبع".into(),
        }
    }
    pub fn evidence(&self) -> &'static str {
        self.pick("Evidence: the coded segments", "شواهد: بخش‌های کدگذاری‌شده")
    }
    pub fn matrices(&self) -> &'static str {
        self.pick("Matrices and the other charts", "ماتریس‌ها و نمودارهای دیگر")
    }
    pub fn method(&self) -> &'static str {
        self.pick("Method", "روش")
    }

    // Column heads.
    pub fn number(&self) -> &'static str {
        self.pick("No.", "ردیف")
    }
    pub fn dimension(&self) -> String {
        crate::lang::capitalise(&self.terms.names.dimension)
    }
    pub fn component(&self) -> String {
        crate::lang::capitalise(&self.terms.names.component)
    }
    pub fn base_theme(&self) -> String {
        crate::lang::capitalise(&self.terms.names.base_theme)
    }
    pub fn base_theme_count(&self) -> String {
        match self.lang {
            Lang::En => crate::lang::capitalise(&self.terms.names.base_themes),
            Lang::Fa => format!("شمار {}", self.terms.names.base_themes),
        }
    }
    pub fn printed(&self) -> &'static str {
        self.pick("Printed", "چاپ‌شده")
    }
    pub fn sum_rule(&self) -> &'static str {
        self.pick("Sum rule (mentions)", "قاعدهٔ جمع (اشاره‌ها)")
    }
    pub fn union_rule(&self) -> String {
        match self.lang {
            Lang::En => format!("Union rule ({})", self.terms.names.cases),
            Lang::Fa => format!("قاعدهٔ اجتماع ({})", self.terms.names.cases),
        }
    }
    /// After a column head whose values carry their share of the level (the head may end in
    /// a parenthesis of its own: `قاعدهٔ جمع (اشاره‌ها)، سهم`).
    pub fn share_note(&self) -> &'static str {
        self.pick(" (share)", "، سهم")
    }
    pub fn status(&self) -> &'static str {
        self.pick("Printed against recomputed", "چاپ‌شده در برابر بازمحاسبه")
    }
    pub fn source_codes(&self) -> &'static str {
        self.pick("Source codes as printed", "کدهای منبع چاپ‌شده")
    }
    pub fn listed(&self) -> &'static str {
        self.pick("Listed", "شمار کدهای فهرست‌شده")
    }
    pub fn distinct(&self) -> String {
        match self.lang {
            Lang::En => format!("Distinct {}", self.terms.names.cases),
            Lang::Fa => format!("{} متمایز", self.terms.names.cases),
        }
    }
    pub fn its_findings(&self) -> &'static str {
        self.pick("Findings", "موارد ممیزی")
    }
    pub fn status_text(&self, status: Status) -> String {
        match (status, self.lang) {
            (Status::Matches(rule), Lang::En) => format!("matches ({rule})"),
            (Status::Matches(rule), Lang::Fa) => format!("مطابقت دارد ({rule})"),
            (Status::Differs, Lang::En) => "differs".into(),
            (Status::Differs, Lang::Fa) => "مطابقت ندارد".into(),
            (Status::NotPrinted, Lang::En) => "not printed".into(),
            (Status::NotPrinted, Lang::Fa) => "چاپ‌نشده".into(),
        }
    }
    pub fn sum(&self) -> &'static str {
        self.pick("sum", "جمع")
    }
    pub fn union(&self) -> &'static str {
        self.pick("union", "اجتماع")
    }
    pub fn distinct_rule(&self) -> &'static str {
        self.pick("distinct", "متمایز")
    }

    // The findings.
    pub fn severity_filter(&self) -> &'static str {
        self.pick("Show findings of severity:", "نمایش موارد ممیزی با شدت:")
    }
    pub fn why(&self) -> &'static str {
        self.pick(
            "What this rule checks, and why",
            "این قاعده چه می‌سنجد و چرا",
        )
    }
    pub fn recomputed(&self) -> &'static str {
        self.pick("Recomputed", "بازمحاسبه")
    }
    pub fn no_findings(&self) -> &'static str {
        self.pick("No findings.", "هیچ مورد ممیزی‌ای نیست.")
    }

    // Agreement.
    pub fn both(&self) -> &'static str {
        self.pick("In both", "در هر دو")
    }
    pub fn roster_only(&self) -> String {
        match (self.lang, self.terms.roster.as_ref()) {
            (Lang::En, Some(r)) => format!("In {r} only"),
            (Lang::Fa, Some(r)) => format!("تنها در {r}"),
            (Lang::En, None) => "In the roster only".into(),
            (Lang::Fa, None) => "تنها در فهرست".into(),
        }
    }
    pub fn coding_only(&self) -> String {
        match (self.lang, self.terms.coding_table.as_ref()) {
            (Lang::En, Some(c)) => format!("In {c} only"),
            (Lang::Fa, Some(c)) => format!("تنها در {c}"),
            (Lang::En, None) => "In the source codes only".into(),
            (Lang::Fa, None) => "تنها در کدهای منبع".into(),
        }
    }
    pub fn neither(&self) -> &'static str {
        self.pick("In neither", "در هیچ‌کدام")
    }
    pub fn agreement_percent(&self) -> &'static str {
        self.pick("Agreement", "هم‌خوانی")
    }
    pub fn kappa(&self) -> &'static str {
        self.pick("Cohen's κ", "کاپای کوهن")
    }
    pub fn overall(&self) -> &'static str {
        self.pick("Overall", "جمع کل")
    }
    pub fn no_findings_map(&self) -> &'static str {
        self.pick(
            "The codebook has no findings map (findings_map.csv), so the roster's findings cannot be set against the source codes.",
            "کدنامه جدول تطبیق یافته‌ها (findings_map.csv) ندارد، پس یافته‌های فهرست را نمی‌توان بر پایهٔ کدهای منبع سنجید.",
        )
    }
    pub fn not_mapped(&self) -> &'static str {
        self.pick("no phrase mapped", "عبارتی تطبیق داده نشده")
    }

    // Truncation.
    pub fn too_wide(&self, rows: usize, columns: usize, file: &str) -> String {
        let d = |n: usize| self.lang.digits(&n.to_string());
        match self.lang {
            Lang::En => format!(
                "{} rows × {} columns: too wide to read on a page; see {file}.",
                d(rows),
                d(columns)
            ),
            Lang::Fa => format!(
                "{} ردیف × {} ستون: برای خواندن در یک صفحه بیش از اندازه پهن است؛ {file} را ببینید.",
                d(rows),
                d(columns)
            ),
        }
    }
    pub fn more_findings(&self, more: usize) -> String {
        let d = self.lang.digits(&more.to_string());
        match self.lang {
            Lang::En => {
                format!("… and {d} more findings of this level in audit.md and audit.json.")
            }
            Lang::Fa => format!("… و {d} مورد دیگر از این سطح در audit.md و audit.json."),
        }
    }

    // Method.
    pub fn read_from_heading(&self) -> &'static str {
        self.pick("Where the numbers come from", "عددها از کجا آمده‌اند")
    }
    /// How the codebook was made when `thematic read` read it from a manuscript.
    pub fn read_from(&self, paper: &str, calls: usize) -> String {
        let n = self.lang.digits(&calls.to_string());
        // A file name is left to right in a Persian sentence: isolated.
        let paper = match self.lang {
            Lang::Fa => format!("\u{2068}{paper}\u{2069}"),
            Lang::En => paper.to_string(),
        };
        match (self.lang, calls) {
            (Lang::En, 0) => format!("The tables were read from the manuscript {paper} by thematic read, not transcribed by hand; every cell was read as printed, with no judgement call."),
            (Lang::En, _) => format!("The tables were read from the manuscript {paper} by thematic read, not transcribed by hand. The reading made {n} judgement call(s), each recorded in readings.csv with the other reading it could have made; the audit shows what each changes:"),
            (Lang::Fa, 0) => format!("جدول‌ها را thematic read از دست‌نوشتهٔ {paper} خوانده است، نه کسی با دست؛ همهٔ خانه‌ها همان‌گونه که چاپ شده‌اند خوانده شدند و هیچ داوری‌ای لازم نشد."),
            (Lang::Fa, _) => format!("جدول‌ها را thematic read از دست‌نوشتهٔ {paper} خوانده است، نه کسی با دست. خواندن {n} داوری کرده است که هر یک با خوانش دیگرش در readings.csv آمده است؛ ممیزی نشان می‌دهد هر کدام چه چیزی را تغییر می‌دهد:"),
        }
    }
    pub fn counting_rules(&self) -> &'static str {
        self.pick("How the numbers are counted", "عددها چگونه شمرده می‌شوند")
    }
    /// A column of a table as the CSV names it (`code`, `total`, a base theme's number), in the
    /// page's words and digits.
    pub fn column(&self, header: &str) -> String {
        let n = &self.terms.names;
        match (header, self.lang) {
            ("code", Lang::En) => "Code".into(),
            ("code", Lang::Fa) => "کد".into(),
            ("name", Lang::En) => "Name".into(),
            ("name", Lang::Fa) => "نام".into(),
            ("total", Lang::En) => "Total".into(),
            ("total", Lang::Fa) => "جمع".into(),
            ("number", Lang::En) => "No.".into(),
            ("number", Lang::Fa) => "ردیف".into(),
            ("base_theme", _) => crate::lang::capitalise(&n.base_theme),
            ("base_theme_number", Lang::En) => {
                format!("{} no.", crate::lang::capitalise(&n.base_theme))
            }
            ("base_theme_number", Lang::Fa) => format!("شمارهٔ {}", n.base_theme),
            (other, lang) => lang.digits(other),
        }
    }

    pub fn method_paragraphs(&self) -> Vec<String> {
        let n = &self.terms.names;
        match self.lang {
            Lang::En => vec![
                format!("Base frequency: the number of different {} whose codes are listed for a {}; a code listed twice counts once. This is what a printed base frequency is compared with.", n.cases, n.base_theme),
                format!("Sum rule (mentions): a {}'s or {}'s frequency is the sum of the base frequencies below it, as QualCoder, MAXQDA and NVivo aggregate codes. An {} who raised three of its {} counts three times.", n.component, n.dimension, n.case, n.base_themes),
                format!("Union rule ({}): the number of different {} across the {} below; never more than the {} interviewed.", n.cases, n.cases, n.base_themes, n.cases),
                "Share: a value divided by the total of its level in the same column, as a percentage. Printed shares are shown only when every row of the level has a printed value.".into(),
                "No rule is adjusted to reach a printed number: where a printed number matches no rule, the audit says so and shows what each rule gives.".into(),
            ],
            Lang::Fa => vec![
                format!("فراوانی پایه: شمار {} متمایزی که کدشان (کد منبع: شمارهٔ مصاحبه‌شونده در فهرست) برای یک {} آمده است؛ کدی که دو بار آمده یک بار شمرده می‌شود. فراوانی پایهٔ چاپ‌شده با همین سنجیده می‌شود.", n.cases, n.base_theme),
                format!("قاعدهٔ جمع (اشاره‌ها): فراوانی یک {} یا {} جمع فراوانی‌های پایهٔ زیرمجموعهٔ آن است، همان‌گونه که QualCoder و MAXQDA و NVivo کدها را جمع می‌زنند. اگر یک {} سه {} از آن را مطرح کرده باشد، سه بار شمرده می‌شود.", n.component, n.dimension, n.case, n.base_theme),
                format!("قاعدهٔ اجتماع ({}؛ اجتماع به معنای مجموعهٔ افرادِ بی‌تکرار): شمار {} متمایز در همهٔ {} زیرمجموعهٔ آن؛ هرگز بیش از شمار {} فهرست نیست.", n.cases, n.cases, n.base_themes, n.cases),
                "سهم: نسبت هر مقدار به جمع سطح خود در همان ستون، به درصد. سهم چاپ‌شده تنها وقتی نشان داده می‌شود که همهٔ ردیف‌های سطح عدد چاپ‌شده داشته باشند.".into(),
                "هیچ قاعده‌ای برای رسیدن به عدد چاپ‌شده دستکاری نمی‌شود: جایی که عدد چاپ‌شده با هیچ قاعده‌ای مطابقت ندارد، ممیزی همین را می‌گوید و نشان می‌دهد هر قاعده چه می‌دهد.".into(),
            ],
        }
    }
    pub fn audit_rules(&self) -> &'static str {
        self.pick("What the audit checks", "ممیزی چه چیزهایی را می‌سنجد")
    }
    pub fn skip_to_content(&self) -> &'static str {
        self.pick("Skip to the verdict", "رفتن به جمع‌بندی")
    }
}
