//! The charts' words in each language: every phrase a chart prints, and numbers written as
//! the language writes them (Persian digits, `٫` as the decimal separator, `٪`).
//!
//! Not for layout or content: a chart asks for a phrase by name and places it. A phrase that
//! mentions counts takes them as arguments, so the sentence is built here whole.

use crate::lang::{capitalise, Lang, Names};
use crate::model::{Printed, Study};
use crate::persian::to_persian_digits;

/// The level a label belongs to.
#[derive(Clone, Copy)]
pub(super) enum Level {
    Dimension,
    Component,
    BaseTheme,
}

/// Words and numbers in the chart's language, with the study's names for its levels and cases
/// and its own numbering of the charts and tables it printed.
pub(super) struct Words {
    pub lang: Lang,
    names: Names,
    roster: Option<String>,
    coding_table: Option<String>,
    dimensions_chart: Option<String>,
    components_chart: Option<String>,
    citation: Option<String>,
}

impl Words {
    pub fn new(lang: Lang, study: &Study) -> Words {
        let numbering = |field| Printed::numbering(field, lang);
        Words {
            lang,
            names: study.names(lang),
            roster: numbering(&study.printed.roster),
            coding_table: numbering(&study.printed.coding_table),
            dimensions_chart: numbering(&study.printed.dimensions_chart),
            components_chart: numbering(&study.printed.components_chart),
            citation: study.citation(lang),
        }
    }

    fn pick<'a>(&self, fa: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }

    /// An interviewee's code: a number in the chart's digits, an identifier as written.
    pub fn id(&self, code: crate::case_id::CaseId) -> String {
        self.lang.id(code)
    }

    pub fn int(&self, n: u64) -> String {
        match self.lang {
            Lang::Fa => to_persian_digits(n),
            Lang::En => n.to_string(),
        }
    }

    /// A percentage with one decimal.
    pub fn percent(&self, x: f64) -> String {
        self.lang.percent(x)
    }

    /// Cohen's κ with two decimals, or `—` when it is undefined.
    pub fn kappa(&self, kappa: Option<f64>) -> String {
        let value = kappa.map_or_else(|| "—".to_string(), |k| self.lang.decimal(k, 2));
        format!("κ = {value}")
    }

    /// A label in the chart's language: English takes the English label, else the printed one
    /// when it is not in Arabic script (an English study written without `*_en` columns), else a
    /// numbered stand-in named by its level (never Arabic script in an English chart).
    pub fn label(&self, printed: &str, english: &str, level: Level, number: usize) -> String {
        let name = match level {
            Level::Dimension => &self.names.dimension,
            Level::Component => &self.names.component,
            Level::BaseTheme => &self.names.base_theme,
        };
        match self.lang {
            Lang::Fa => printed.to_string(),
            Lang::En if !english.is_empty() => english.to_string(),
            Lang::En
                if !printed.trim().is_empty()
                    && !printed.chars().any(crate::lang::is_arabic_script) =>
            {
                printed.to_string()
            }
            Lang::En => format!("{} {number}", capitalise(name)),
        }
    }

    pub fn not_printed(&self) -> &'static str {
        self.pick("چاپ‌نشده", "not printed")
    }
    pub fn printed(&self) -> &'static str {
        self.pick("چاپ‌شده", "printed")
    }
    /// The printed value beside a bar: `printed: 15`, `عدد چاپ‌شده: ۱۵`.
    pub fn printed_note(&self, n: u64) -> String {
        format!("{}: {}", self.pick("عدد چاپ‌شده", "printed"), self.int(n))
    }
    pub fn recomputed_sum_rule(&self) -> &'static str {
        self.pick("بازمحاسبه، قاعدهٔ جمع", "recomputed, sum rule")
    }
    pub fn recomputed_union_rule(&self) -> &'static str {
        self.pick("بازمحاسبه، قاعدهٔ اجتماع", "recomputed, union rule")
    }
    pub fn percent_of_level_total(&self) -> &'static str {
        self.pick("درصد از کل", "percent of the level total")
    }
    pub fn sum_rule_mentions(&self) -> &'static str {
        self.pick("قاعدهٔ جمع (اشاره‌ها)", "sum rule (mentions)")
    }
    pub fn frequency(&self) -> &'static str {
        self.pick("فراوانی", "frequency")
    }
    pub fn pie_note_recomputed(&self) -> &'static str {
        self.pick(
            "برخی فراوانی‌ها چاپ نشده‌اند: سهم‌ها با قاعدهٔ جمع بازمحاسبه شده‌اند",
            "not every dimension frequency is printed: shares recomputed under the sum rule",
        )
    }
    pub fn printed_value_marker(&self) -> &'static str {
        self.pick("◆ مقدار چاپ‌شده", "◆ printed value")
    }
    pub fn not_shown(&self) -> &'static str {
        self.pick("نشان داده نشده", "Not shown")
    }
    pub fn more_than_99_9_percent(&self) -> &'static str {
        self.pick("بیش از ۹۹٫۹٪", "more than 99.9%")
    }

    /// A chart title: the study's own numbering first where it has one (`Chart 1: …`), else
    /// the subject first (`Dimensions: …`).
    fn title(&self, numbering: &Option<String>, numbered: String, plain: String) -> String {
        match numbering {
            Some(n) => format!("{n}: {numbered}"),
            None => plain,
        }
    }

    pub fn dimensions_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => self.title(
                &self.dimensions_chart,
                format!("فراوانی نسبی {}، چاپ‌شده و بازمحاسبه", n.dimensions),
                format!("{}: فراوانی نسبی، چاپ‌شده و بازمحاسبه", n.dimensions),
            ),
            Lang::En => self.title(
                &self.dimensions_chart,
                format!(
                    "relative frequency of the {}, printed and recomputed",
                    n.dimensions
                ),
                format!(
                    "{}: relative frequency, printed and recomputed",
                    capitalise(&n.dimensions)
                ),
            ),
        }
    }

    pub fn components_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => self.title(
                &self.components_chart,
                format!("فراوانی {}، چاپ‌شده و بازمحاسبه", n.components),
                format!("{}: فراوانی، چاپ‌شده و بازمحاسبه", n.components),
            ),
            Lang::En => self.title(
                &self.components_chart,
                format!("frequency of the {}, printed and recomputed", n.components),
                format!(
                    "{}: frequency, printed and recomputed",
                    capitalise(&n.components)
                ),
            ),
        }
    }

    pub fn pie_title(&self) -> String {
        let n = &self.names;
        match (self.lang, &self.dimensions_chart) {
            (Lang::Fa, Some(chart)) => format!("{chart} (دایره‌ای): فراوانی نسبی {}", n.dimensions),
            (Lang::Fa, None) => format!("{}: فراوانی نسبی (دایره‌ای)", n.dimensions),
            (Lang::En, Some(chart)) => {
                format!("{chart} (pie): relative frequency of the {}", n.dimensions)
            }
            (Lang::En, None) => format!("{}: relative frequency (pie)", capitalise(&n.dimensions)),
        }
    }

    pub fn union_rule_cases(&self) -> String {
        match self.lang {
            Lang::Fa => format!("قاعدهٔ اجتماع ({})", self.names.cases),
            Lang::En => format!("union rule ({})", self.names.cases),
        }
    }

    pub fn pie_note_printed(&self) -> String {
        match self.lang {
            Lang::Fa => format!(
                "سهم چاپ‌شدهٔ هر {} از مجموع فراوانی‌های چاپ‌شده",
                self.names.dimension
            ),
            Lang::En => format!(
                "printed share of each {} in the sum of the printed frequencies",
                self.names.dimension
            ),
        }
    }

    pub fn base_themes_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => format!(
                "فراوانی {}: {} متمایز در کدهای منبع",
                n.base_themes, n.cases
            ),
            Lang::En => format!(
                "{}: distinct {} in the source codes",
                capitalise(&n.base_themes),
                n.cases
            ),
        }
    }

    pub fn no_roster_finding(&self) -> String {
        match (self.lang, &self.roster) {
            (Lang::Fa, Some(roster)) => format!("در {roster} یافته‌ای ندارد"),
            (Lang::Fa, None) => format!("در فهرست {} یافته‌ای ندارد", self.names.cases),
            (Lang::En, Some(roster)) => format!("no {roster} finding mapped"),
            (Lang::En, None) => "no roster finding mapped".into(),
        }
    }

    pub fn agreement_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => {
                let roster = self.roster.as_ref().map_or_else(
                    || format!("یافته‌های فهرست {}", n.cases),
                    |r| format!("{r} (یافته‌ها)"),
                );
                let coding = self
                    .coding_table
                    .as_ref()
                    .map_or_else(|| "کدهای منبع".to_string(), |t| format!("{t} (کدهای منبع)"));
                format!(
                    "هم‌خوانی {roster} و {coding} برای هر {}\nدرصد هم‌خوانی برای فهرست {}، با کاپای کوهن",
                    n.base_theme, n.cases
                )
            }
            Lang::En => {
                let roster = self.roster.as_ref().map_or_else(
                    || "the roster's findings".to_string(),
                    |r| format!("{r} (findings)"),
                );
                let coding = self.coding_table.as_ref().map_or_else(
                    || "the source codes".to_string(),
                    |t| format!("{t} (source codes)"),
                );
                format!(
                    "Agreement of {roster} and {coding} per {}\npercent agreement over the roster, with Cohen's κ",
                    n.base_theme
                )
            }
        }
    }

    pub fn case_matrix_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => format!(
                "{} × {} (۱ = کد {} در کدهای منبع مضمون آمده است)",
                n.case, n.base_theme, n.case
            ),
            Lang::En => format!(
                "{} × {} (filled: the {}'s code is among the theme's source codes)",
                capitalise(&n.case),
                n.base_theme,
                n.case
            ),
        }
    }

    /// The head of the heatmap's column of interviewee codes: "code", short enough for the
    /// column (the study's word for a case may not be).
    pub fn case_axis(&self) -> &str {
        self.pick("کد", "code")
    }

    pub fn base_theme_axis(&self) -> &str {
        &self.names.base_theme
    }

    pub fn cooccurrence_title(&self) -> String {
        let n = &self.names;
        match self.lang {
            Lang::Fa => format!(
                "هم‌رخدادی {}: شمار {} مشترک (شماره‌ها مانند جدول {})",
                n.base_themes, n.cases, n.base_themes
            ),
            Lang::En => {
                let hyphenated = n.base_theme.replace(' ', "-");
                format!(
                    "{} co-occurrence: {} shared (numbers as in the {hyphenated} table)",
                    capitalise(&hyphenated),
                    n.cases
                )
            }
        }
    }

    /// `thematic agree`'s chart: its title, and the note under it.
    pub fn reliability_title(&self, coders: usize, shown: usize, all: usize) -> String {
        match self.lang {
            Lang::Fa => {
                let mut t = format!(
                    "آلفای کریپندورف هر {} میان {} کدگذار، با بازه اطمینان ۹۵٪\n(از کم‌اعتمادترین؛ رنگ: {}",
                    self.names.base_theme,
                    self.int(coders as u64),
                    self.names.dimension
                );
                if shown < all {
                    t.push_str(&format!(
                        "؛ نمایش {} از {}",
                        self.int(shown as u64),
                        self.int(all as u64)
                    ));
                }
                t.push(')');
                t
            }
            Lang::En => {
                let mut t = format!(
                    "Krippendorff's α per {} between {coders} coders, with 95% intervals\n(least reliable first; colour: {}",
                    self.names.base_theme, self.names.dimension
                );
                if shown < all {
                    t.push_str(&format!("; showing {shown} of {all}"));
                }
                t.push(')');
                t
            }
        }
    }

    /// α and its verdict after a row.
    pub fn alpha_note(&self, alpha: f64, band: crate::reliability::Band) -> String {
        format!(
            "α = {} · {}",
            self.lang.decimal(alpha, 2),
            band.name(self.lang)
        )
    }

    /// Why a row has no α.
    pub fn alpha_undefined(&self, reason: crate::reliability::Undefined) -> &'static str {
        use crate::reliability::Undefined;
        match reason {
            Undefined::OneCategory => self.pick(
                "α تعریف نشده: همهٔ کدگذاران یک پاسخ داده‌اند",
                "α undefined: every rating the same",
            ),
            _ => self.pick(
                "α تعریف نشده: هیچ خانه‌ای را دو کدگذار کد نکرده‌اند",
                "α undefined: no cell rated by two coders",
            ),
        }
    }

    pub fn undefined(&self) -> &'static str {
        self.pick("تعریف نشده", "undefined")
    }

    /// A verdict threshold as Krippendorff writes it (`0.667`, `0.8`).
    pub fn threshold(&self, x: f64) -> String {
        let text = self.lang.decimal(x, 3);
        let text = text.trim_end_matches(['0', '۰']);
        text.trim_end_matches(['.', '٫']).to_string()
    }

    /// A coefficient on an axis (`0.8`, `۰٫۸`).
    pub fn coefficient(&self, x: f64) -> String {
        self.lang.decimal(x, 1)
    }

    /// The network figure's title: of one dimension (`Some(label)`) or of the whole study.
    pub fn network_title(&self, dimension: Option<&str>) -> String {
        match (self.lang, dimension) {
            (Lang::Fa, Some(d)) => format!("شبکهٔ مضامین {} «{d}»", self.names.dimension),
            (Lang::Fa, None) => "شبکهٔ مضامین پژوهش".to_string(),
            (Lang::En, Some(d)) => format!("Thematic network of the {}: {d}", self.names.dimension),
            (Lang::En, None) => "Thematic network of the study".to_string(),
        }
    }

    /// Under the network's title when it leaves base themes (or components) out.
    pub fn network_note(&self, shown: usize, all: usize) -> String {
        match self.lang {
            Lang::Fa => format!(
                "(نمایش {} {} با بیشترین {} از {}؛ بقیه در ردیف‌های «… دیگر»)",
                self.int(shown as u64),
                self.names.base_theme,
                self.names.case,
                self.int(all as u64)
            ),
            Lang::En => format!(
                "(showing the {} of {} {} with the most {}; the others counted in \"+… more\" rows)",
                self.int(shown as u64),
                self.int(all as u64),
                self.names.base_themes,
                self.names.cases
            ),
        }
    }

    /// The rim row that stands for the base themes a network leaves out of a component.
    pub fn more_base_themes(&self, n: usize) -> String {
        match self.lang {
            Lang::Fa => format!(
                "{} {} دیگر",
                self.int(n as u64),
                crate::lang::ezafe(Lang::Fa, &self.names.base_theme)
            ),
            Lang::En => format!("+{} more {}", self.int(n as u64), self.names.base_themes),
        }
    }

    /// The rim row that stands for the components (or dimensions) a network leaves out.
    pub fn more_groups(&self, n: usize, dimensions: bool) -> String {
        let (one, many) = if dimensions {
            (&self.names.dimension, &self.names.dimensions)
        } else {
            (&self.names.component, &self.names.components)
        };
        match self.lang {
            Lang::Fa => format!(
                "{} {} دیگر",
                self.int(n as u64),
                crate::lang::ezafe(Lang::Fa, one)
            ),
            Lang::En => format!("+{n} more {many}"),
        }
    }

    /// The centre of the whole study's network: how many interviewees raised a base theme.
    pub fn network_centre(&self, n: u64) -> String {
        match self.lang {
            Lang::Fa => format!("{} {}", self.int(n), self.names.case),
            Lang::En if n == 1 => format!("1 {}", self.names.case),
            Lang::En => format!("{n} {}", self.names.cases),
        }
    }

    /// The network's legend: what a node's size and number show, the printed value's mark,
    /// and the ring of a printed value no rule reproduces.
    pub fn network_legend(&self) -> [String; 3] {
        match self.lang {
            Lang::Fa => [
                format!(
                    "عدد و اندازهٔ گره: {} متمایز در کدهای منبع",
                    self.names.cases
                ),
                "◆ عدد چاپ‌شده (نارنجی: مطابقت ندارد)".to_string(),
                "حلقه یا قاب سیاه: عدد چاپ‌شده با هیچ بازمحاسبه‌ای مطابقت ندارد".to_string(),
            ],
            Lang::En => [
                format!(
                    "number and node size: distinct {} in the source codes",
                    self.names.cases
                ),
                "◆ printed value (vermilion: it matches none)".to_string(),
                "black ring or frame: the printed value matches no recomputed count".to_string(),
            ],
        }
    }

    /// A printed value as the network marks it: `◆57`; in Persian `۵۷◆`, so that a reader
    /// right to left meets the mark first.
    pub fn printed_mark(&self, printed: u32) -> String {
        match self.lang {
            Lang::Fa => format!("{}◆", self.int(u64::from(printed))),
            Lang::En => format!("◆{printed}"),
        }
    }

    /// The heading of the key that names a network's numbered nodes.
    pub fn network_key(&self) -> &'static str {
        self.pick("راهنمای گره‌های شماره‌دار", "Key to the numbered nodes")
    }

    /// The small line under a chart that says which study it shows.
    pub fn footnote(&self) -> Option<&str> {
        self.citation.as_deref()
    }

    /// Under a bar chart's title when it shows only the `shown` of `all` base themes.
    pub fn top_note(&self, shown: usize, all: usize) -> String {
        match self.lang {
            Lang::Fa => format!(
                "(نمایش {} {} با بیشترین {} از {}؛ بقیه در ردیف آخر)",
                self.int(shown as u64),
                self.names.base_theme,
                self.names.case,
                self.int(all as u64)
            ),
            Lang::En => format!(
                "(showing the {shown} of {all} {} with the most {}; the others summed up in the last row)",
                self.names.base_themes, self.names.cases
            ),
        }
    }

    /// The label of the row that sums up the base themes a bar chart leaves out.
    pub fn other_base_themes(&self, others: usize) -> String {
        match self.lang {
            Lang::Fa => format!("{} {} دیگر", self.int(others as u64), self.names.base_theme),
            Lang::En => format!("{others} other {}", self.names.base_themes),
        }
    }

    /// What the left-out base themes hold: codings, their share, the most interviewees of one.
    pub fn others_hold(&self, codings: usize, share: f64, most: u32) -> String {
        match self.lang {
            Lang::Fa => format!(
                "{} کدگذاری ({})، هر یک حداکثر {} {}",
                self.int(codings as u64),
                self.percent(share),
                self.int(u64::from(most)),
                self.names.case
            ),
            Lang::En => format!(
                "{codings} codings ({} of all), at most {most} {} each",
                self.percent(share),
                self.names.cases
            ),
        }
    }

    /// Under a heatmap's title when it shows only some rows and columns; `hidden`: the share
    /// of the codings outside.
    pub fn shown_note(
        &self,
        (rows, all_rows): (usize, usize),
        (columns, all_columns): (usize, usize),
        hidden: f64,
    ) -> String {
        // A share that rounds to 100% is not all of them.
        let share = if hidden > 99.95 && hidden < 100.0 {
            self.more_than_99_9_percent().to_string()
        } else {
            self.percent(hidden)
        };
        match self.lang {
            Lang::Fa => format!(
                "(نمایش {} از {} ردیف و {} از {} ستون، پرشمارترین‌ها؛ {share} کدگذاری‌ها بیرون از نمودار)",
                self.int(rows as u64),
                self.int(all_rows as u64),
                self.int(columns as u64),
                self.int(all_columns as u64),
            ),
            Lang::En => format!(
                "(showing the {rows} of {all_rows} rows and {columns} of {all_columns} columns with the most codings; {share} of the codings lie outside)"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_numbers() {
        let study = Study::default();
        let words = Words::new(Lang::Fa, &study);
        assert_eq!(words.percent(54.07), "۵۴٫۱٪");
        assert_eq!(words.int(166), "۱۶۶");
        assert_eq!(words.kappa(Some(0.9412)), "κ = ۰٫۹۴");
        let words = Words::new(Lang::En, &study);
        assert_eq!(words.percent(54.07), "54.1%");
        assert_eq!(words.kappa(None), "κ = —");
        assert_eq!(words.label("شعر", "", Level::BaseTheme, 3), "Base theme 3");
        assert_eq!(words.label("شعر", "Poetry", Level::BaseTheme, 3), "Poetry");
        // An English study written without English columns: its labels are English already.
        assert_eq!(
            words.label("No training", "", Level::BaseTheme, 3),
            "No training"
        );
        assert_eq!(
            words.dimensions_title(),
            "Dimensions: relative frequency, printed and recomputed"
        );
    }
}
