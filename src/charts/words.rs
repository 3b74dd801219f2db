//! The charts' words in each language: every phrase a chart prints, and numbers written as
//! the language writes them (Persian digits, `٫` as the decimal separator, `٪`).
//!
//! Not for layout or content: a chart asks for a phrase by name and places it. A phrase that
//! mentions counts takes them as arguments, so the sentence is built here whole.

use super::Lang;
use crate::persian::to_persian_digits;

/// Words and numbers in the chart's language.
pub(super) struct Words {
    pub lang: Lang,
}

impl Words {
    fn pick<'a>(&self, fa: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }

    pub fn int(&self, n: u64) -> String {
        match self.lang {
            Lang::Fa => to_persian_digits(n),
            Lang::En => n.to_string(),
        }
    }

    /// Digits and the decimal point of `text` as the language writes them.
    fn digits(&self, text: &str) -> String {
        match self.lang {
            Lang::Fa => text
                .chars()
                .map(|c| match c {
                    '.' => '٫',
                    d => d.to_digit(10).map_or(d, |v| {
                        to_persian_digits(u64::from(v)).chars().next().unwrap_or(d)
                    }),
                })
                .collect(),
            Lang::En => text.to_string(),
        }
    }

    /// A percentage with one decimal.
    pub fn percent(&self, x: f64) -> String {
        let text = self.digits(&format!("{x:.1}"));
        match self.lang {
            Lang::Fa => format!("{text}٪"),
            Lang::En => format!("{text}%"),
        }
    }

    /// Cohen's κ with two decimals, or `—` when it is undefined.
    pub fn kappa(&self, kappa: Option<f64>) -> String {
        let value = kappa.map_or_else(|| "—".to_string(), |k| self.digits(&format!("{k:.2}")));
        format!("κ = {value}")
    }

    /// A label in the chart's language: English needs an English label, else a numbered
    /// stand-in (never Arabic script in an English chart).
    pub fn label(&self, printed: &str, english: &str, kind_en: &str, number: usize) -> String {
        match self.lang {
            Lang::Fa => printed.to_string(),
            Lang::En if !english.is_empty() => english.to_string(),
            Lang::En => format!("{kind_en} {number}"),
        }
    }

    pub fn not_printed(&self) -> &'static str {
        self.pick("چاپ نشده", "not printed")
    }

    pub fn printed(&self) -> &'static str {
        self.pick("چاپ‌شده", "printed")
    }

    pub fn recomputed_sum_rule(&self) -> &'static str {
        self.pick("بازمحاسبه، قاعده جمع", "recomputed, sum rule")
    }

    pub fn recomputed_union_rule(&self) -> &'static str {
        self.pick("بازمحاسبه، قاعده اجتماع", "recomputed, union rule")
    }

    pub fn dimensions_title(&self) -> &'static str {
        self.pick(
            "نمودار ۱: فراوانی نسبی ابعاد، چاپ‌شده و بازمحاسبه",
            "Chart 1: relative frequency of the dimensions, printed and recomputed",
        )
    }

    pub fn percent_of_level_total(&self) -> &'static str {
        self.pick("درصد از کل", "percent of the level total")
    }

    pub fn sum_rule_mentions(&self) -> &'static str {
        self.pick("قاعده جمع (اشاره‌ها)", "sum rule (mentions)")
    }

    pub fn union_rule_interviewees(&self) -> &'static str {
        self.pick("قاعده اجتماع (مصاحبه‌شوندگان)", "union rule (interviewees)")
    }

    pub fn components_title(&self) -> &'static str {
        self.pick(
            "نمودار ۲: فراوانی مؤلفه‌ها، چاپ‌شده و بازمحاسبه",
            "Chart 2: frequency of the components, printed and recomputed",
        )
    }

    pub fn frequency(&self) -> &'static str {
        self.pick("فراوانی", "frequency")
    }

    pub fn pie_note_printed(&self) -> &'static str {
        self.pick(
            "سهم چاپ‌شده هر بُعد از مجموع فراوانی‌های چاپ‌شده",
            "printed share of each dimension in the sum of the printed frequencies",
        )
    }

    pub fn pie_note_recomputed(&self) -> &'static str {
        self.pick(
            "همه فراوانی‌ها چاپ نشده‌اند: سهم‌ها با قاعده جمع بازمحاسبه شده‌اند",
            "not every dimension frequency is printed: shares recomputed under the sum rule",
        )
    }

    pub fn pie_title(&self) -> &'static str {
        self.pick(
            "نمودار ۱ (دایره‌ای): فراوانی نسبی ابعاد",
            "Chart 1 (pie): relative frequency of the dimensions",
        )
    }

    pub fn printed_value_marker(&self) -> &'static str {
        self.pick("◆ مقدار چاپ‌شده", "◆ printed value")
    }

    pub fn base_themes_title(&self) -> &'static str {
        self.pick(
            "فراوانی مضامین پایه: مصاحبه‌شوندگان متمایز در کدهای منبع",
            "Base themes: distinct interviewees in the source codes",
        )
    }

    pub fn no_table1_finding(&self) -> &'static str {
        self.pick("بدون یافته‌ای در جدول ۱", "no Table 1 finding mapped")
    }

    pub fn agreement_title(&self) -> &'static str {
        self.pick(
            "توافق جدول ۱ (یافته‌ها) و جدول ۲ (کدهای منبع) برای هر مضمون پایه\nدرصد توافق روی فهرست مصاحبه‌شوندگان، با کاپای کوهن",
            "Agreement of Table 1 (findings) and Table 2 (source codes) per base theme\npercent agreement over the roster, with Cohen's κ",
        )
    }

    pub fn case_matrix_title(&self) -> &'static str {
        self.pick(
            "مصاحبه‌شونده × مضمون پایه (۱ = کد مصاحبه‌شونده در کدهای منبع مضمون آمده است)",
            "Interviewee × base theme (filled: the interviewee's code is among the theme's source codes)",
        )
    }

    pub fn interviewee_axis(&self) -> &'static str {
        self.pick("مصاحبه‌شونده", "interviewee")
    }

    pub fn not_shown(&self) -> &'static str {
        self.pick("نشان داده نشده", "Not shown")
    }

    pub fn more_than_99_9_percent(&self) -> &'static str {
        self.pick("بیش از ۹۹٫۹٪", "more than 99.9%")
    }

    pub fn cooccurrence_title(&self) -> &'static str {
        self.pick(
            "هم‌رخدادی مضامین پایه: شمار مصاحبه‌شوندگان مشترک (شماره‌ها مانند جدول مضامین پایه)",
            "Base-theme co-occurrence: interviewees shared (numbers as in the base-theme table)",
        )
    }

    pub fn base_theme_axis(&self) -> &'static str {
        self.pick("مضمون پایه", "base theme")
    }

    /// Under a bar chart's title when it shows only the `shown` of `all` base themes.
    pub fn top_note(&self, shown: usize, all: usize) -> String {
        match self.lang {
            Lang::Fa => format!(
                "(نمایش {} مضمون پایه با بیشترین مصاحبه‌شونده از {}؛ بقیه در ردیف آخر)",
                self.int(shown as u64),
                self.int(all as u64)
            ),
            Lang::En => format!(
                "(showing the {shown} of {all} base themes with the most interviewees; the others summed up in the last row)"
            ),
        }
    }

    /// The label of the row that sums up the base themes a bar chart leaves out.
    pub fn other_base_themes(&self, others: usize) -> String {
        match self.lang {
            Lang::Fa => format!("{} مضمون پایه دیگر", self.int(others as u64)),
            Lang::En => format!("{others} other base themes"),
        }
    }

    /// What the left-out base themes hold: codings, their share, the most interviewees of one.
    pub fn others_hold(&self, codings: usize, share: f64, most: u32) -> String {
        match self.lang {
            Lang::Fa => format!(
                "{} کدگذاری ({})، هر یک حداکثر {} مصاحبه‌شونده",
                self.int(codings as u64),
                self.percent(share),
                self.int(u64::from(most))
            ),
            Lang::En => format!(
                "{codings} codings ({} of all), at most {most} interviewees each",
                self.percent(share)
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
        let words = Words { lang: Lang::Fa };
        assert_eq!(words.percent(54.07), "۵۴٫۱٪");
        assert_eq!(words.int(166), "۱۶۶");
        assert_eq!(words.kappa(Some(0.9412)), "κ = ۰٫۹۴");
        let words = Words { lang: Lang::En };
        assert_eq!(words.percent(54.07), "54.1%");
        assert_eq!(words.kappa(None), "κ = —");
        assert_eq!(words.label("شعر", "", "Base theme", 3), "Base theme 3");
    }
}
