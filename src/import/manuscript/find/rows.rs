//! The body rows of a thematic table read into dimensions, components and base themes: which
//! group each row belongs to (merged, blank or repeated labels), its printed numbers, and the
//! calls a row can need (shifted by a column, numbers a column short, a row broken by a page,
//! a second total that starts a new dimension).
//!
//! Not for the head (`find` reads it and gives the columns) nor for the roster (`roster`).

use super::*;

/// Reading state over the body rows of one theme table (and its continuations).
pub(super) struct Reader<'a> {
    pub(super) study: &'a mut Study,
    /// Rows whose group has no label yet: they join the first label that comes.
    pub(super) unlabelled: [bool; 2],
    /// For each page (a repeated head): the dimension and component count where it began.
    pub(super) page_starts: Vec<(usize, usize)>,
    pub(super) last_row: Option<(usize, usize, usize)>,
    /// The next body row is the first after a head repeated on a new page.
    pub(super) after_head: bool,
    pub(super) roster_size: usize,
    pub(super) persian: bool,
    /// Whether a row's cells can have moved a column (text extracted cell by cell, with no
    /// geometry to keep them): a Word, HTML, JATS or PDF table's cells stay where printed.
    pub(super) cells_may_shift: bool,
}

impl Reader<'_> {
    fn dims(&mut self) -> &mut Vec<Dimension> {
        &mut self.study.dimensions
    }

    fn new_dimension(&mut self, label: &str) {
        self.dims().push(Dimension {
            label: label.to_string(),
            ..Dimension::default()
        });
        self.unlabelled[0] = label.is_empty();
    }

    fn new_component(&mut self, label: &str) {
        if self.study.dimensions.is_empty() {
            self.new_dimension("");
        }
        let d = self.study.dimensions.last_mut().expect("a dimension");
        d.components.push(Component {
            label: label.to_string(),
            ..Component::default()
        });
        self.unlabelled[1] = label.is_empty();
    }

    pub(super) fn place_now(&self) -> (usize, usize) {
        let d = self.study.dimensions.len().saturating_sub(1);
        let c = self
            .study
            .dimensions
            .last()
            .map_or(0, |d| d.components.len().saturating_sub(1));
        (d, c)
    }

    pub(super) fn row(&mut self, row: &[Value], cols: &Columns, where_: &str) {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        if row.iter().all(|v| v.text.is_empty() || v.from_above) {
            return;
        }
        let after_head = std::mem::take(&mut self.after_head);
        let mut base = get(cols.label[2]);
        let mut codes = get(cols.codes);
        let key = crate::persian::match_key;
        let same = |v: &Value, label: Option<&str>| {
            v.own()
                .is_some_and(|t| label.is_some_and(|l| !l.is_empty() && key(t) == key(l)))
        };
        let mut dim = get(cols.label[0]);
        let current = self.study.dimensions.last();
        // A label repeated on every row of its group (no merged cell) is the same group.
        if same(&dim, current.map(|d| d.label.as_str())) {
            dim.from_above = true;
        }
        let mut comp = get(cols.label[1]);
        if dim.own().is_none()
            && same(
                &comp,
                current
                    .and_then(|d| d.components.last())
                    .map(|c| c.label.as_str()),
            )
        {
            comp.from_above = true;
        }
        let mut shifted = false;
        // A row shifted one column towards the start: its base theme in the component column,
        // its codes in the base theme column, nothing where the codes belong.
        if cols.label[1].is_some()
            && cols.codes.is_some()
            && codes.text.is_empty()
            && base.own().is_some_and(is_code_list)
            && comp.own().is_some()
        {
            codes = base;
            base = comp;
            comp = Value::default();
            shifted = true;
        }
        let base_label = base.own().map(str::to_string);
        if base_label.is_none() {
            // No base theme: the rest of the row above, broken by a page (or nothing at all).
            if let (Some((d, c, b)), Some(more)) = (self.last_row, codes.own()) {
                let theme = &mut self.study.dimensions[d].components[c].themes[b];
                let before = theme.codes.clone();
                theme.codes = one_line(&format!("{}\n{}", theme.codes, more));
                let after = theme.codes.clone();
                self.study.rows_joined += 1;
                let (note, note_en) = say(self.persian, format!("{where_}: ردیفی بی مضمون پایه ادامهٔ ردیف پیشین خوانده شد (ردیفی که صفحه شکسته است)"), format!("{where_}: a row without a base theme read as the rest of the row above (a row broken by a page)"));
                self.study.calls.push(Call {
                    cells: vec![Moved::value(
                        Subject::BaseTheme(d, c, b),
                        "source_codes",
                        &after,
                        &before,
                    )],
                    note,
                    note_en,
                });
            }
            return;
        }
        if after_head {
            let base = base_label.as_deref().unwrap_or("");
            if self.broken_row(row, cols, (&dim, &comp), base, &codes, where_) {
                return;
            }
        }
        if let Some(label) = dim.own() {
            if self.unlabelled[0] && !self.study.dimensions.is_empty() {
                // Rows above had no dimension: the label sits on a middle row of its group.
                self.study.dimensions.last_mut().expect("a dimension").label = label.to_string();
                self.unlabelled[0] = false;
                let d = self.study.dimensions.len() - 1;
                self.middle_row_label(Subject::Dimension(d), where_);
            } else {
                self.new_dimension(label);
                if comp.own().is_none() {
                    self.new_component("");
                }
            }
        } else if self.study.dimensions.is_empty() {
            self.new_dimension("");
        }
        if let Some(label) = comp.own() {
            let current = self
                .study
                .dimensions
                .last()
                .and_then(|d| d.components.last());
            if self.unlabelled[1] && current.is_some_and(|c| c.label.is_empty()) {
                let (d, c) = self.place_now();
                self.study.dimensions[d].components[c].label = label.to_string();
                self.unlabelled[1] = false;
                self.middle_row_label(Subject::Component(d, c), where_);
            } else if dim.own().is_none()
                || !self.study.dimensions.last().is_some_and(|d| {
                    d.components.len() == 1
                        && d.components[0].label.is_empty()
                        && d.components[0].themes.is_empty()
                })
            {
                self.new_component(label);
            } else {
                let (d, c) = self.place_now();
                self.study.dimensions[d].components[c].label = label.to_string();
                self.unlabelled[1] = false;
            }
        } else if self
            .study
            .dimensions
            .last()
            .is_some_and(|d| d.components.is_empty())
        {
            self.new_component("");
        }
        let (d, c) = self.place_now();
        let label = base_label.expect("checked above");
        let codes_text = codes.own().unwrap_or("").to_string();
        let themes = &mut self.study.dimensions[d].components[c].themes;
        themes.push(BaseTheme {
            label: label.clone(),
            codes: codes_text.clone(),
            printed: Printed::default(),
        });
        let b = themes.len() - 1;
        self.last_row = Some((d, c, b));
        if shifted {
            let component = self.study.dimensions[d].components[c].label.clone();
            let persian = self.persian;
            let (note, note_en) = say(persian, format!("{where_}: ردیف یک ستون جابه‌جا آمده است (مضمون پایه در ستون مؤلفه، کدها در ستون مضمون پایه)؛ به جای خودش خوانده شد"), format!("{where_}: the row is one column out of place (its base theme in the component column, its codes in the base theme column); read where it belongs"));
            self.study.calls.push(Call {
                cells: vec![Moved::words(
                    Subject::BaseTheme(d, c, b),
                    say(
                        persian,
                        format!("مضمون پایهٔ مؤلفهٔ {component}"),
                        format!("a base theme of {component}"),
                    ),
                    say(persian, "مؤلفه‌ای تازه".into(), "a new component".into()),
                )],
                note,
                note_en,
            });
        }
        self.numbers(row, cols, (d, c, b), code_count(&codes_text), where_);
    }

    /// The first row after a head repeated on a new page, when it is the rest of the row
    /// above (a row broken by the page): the list of codes above ends with a separator, or
    /// this row prints no number where the row above did. Its words join the row above's
    /// (labels with a space, codes as a list); one call.
    fn broken_row(
        &mut self,
        row: &[Value],
        cols: &Columns,
        labels: (&Value, &Value),
        base: &str,
        codes: &Value,
        where_: &str,
    ) -> bool {
        let Some((d, c, b)) = self.last_row else {
            return false;
        };
        let own = |col: Option<usize>| col.and_then(|i| row.get(i)).and_then(Value::own);
        let prints_here = cols
            .frequency
            .iter()
            .chain(&cols.percent)
            .any(|&col| own(col).is_some());
        let above = &self.study.dimensions[d].components[c].themes[b];
        let open_list = above
            .codes
            .trim_end()
            .ends_with(['-', '–', ',', '،', '/', '؛', ';']);
        let printed_above = !above.printed.frequency.is_empty();
        if !(open_list || (printed_above && !prints_here && codes.own().is_none())) {
            return false;
        }
        let joined = |a: &str, b: &str| one_line(&format!("{a}\n{b}"));
        let theme = &mut self.study.dimensions[d].components[c].themes[b];
        let before = theme.label.clone();
        theme.label = format!("{} {}", theme.label, base).trim().to_string();
        if let Some(more) = codes.own() {
            theme.codes = joined(&theme.codes, more);
        }
        let after = theme.label.clone();
        if let Some(more) = labels.1.own() {
            let component = &mut self.study.dimensions[d].components[c];
            component.label = format!("{} {}", component.label, more).trim().to_string();
        }
        if let Some(more) = labels.0.own() {
            let dimension = &mut self.study.dimensions[d];
            dimension.label = format!("{} {}", dimension.label, more).trim().to_string();
        }
        self.numbers(row, cols, (d, c, b), 0, where_);
        self.study.rows_joined += 1;
        let (note, note_en) = say(self.persian, format!("{where_}: نخستین ردیف پس از سرستون تکرارشده ادامهٔ ردیف پیشین خوانده شد (ردیفی که صفحه شکسته است)"), format!("{where_}: the first row after the repeated head is read as the rest of the row above (a row broken by the page)"));
        self.study.calls.push(Call {
            cells: vec![Moved::value(
                Subject::BaseTheme(d, c, b),
                "base_theme",
                &after,
                &before,
            )],
            note,
            note_en,
        });
        true
    }

    /// The call for a dimension's or component's label printed on a middle row of its group:
    /// the rows above it, which had none, are read as part of it.
    fn middle_row_label(&mut self, subject: Subject, where_: &str) {
        let persian = self.persian;
        let (fa, en, fa_alt, en_alt) = match subject {
            Subject::Dimension(_) => (
                "بُعد",
                "dimension",
                "بُعدی بی‌برچسب",
                "an unlabelled dimension",
            ),
            _ => (
                "مؤلفه",
                "component",
                "مؤلفه‌ای بی‌برچسب",
                "an unlabelled component",
            ),
        };
        let (note, note_en) = say(
            persian,
            format!("{where_}: برچسب {fa} روی ردیفی میانی از گروهش آمده است؛ ردیف‌های بالای آن هم از این {fa} خوانده شدند"),
            format!("{where_}: the {en} label sits on a middle row of its group; the rows above it are read as part of it"),
        );
        self.study.calls.push(Call {
            cells: vec![Moved::words(
                subject,
                say(
                    persian,
                    "برچسب برای همهٔ ردیف‌های گروه".into(),
                    "the label for every row of its group".into(),
                ),
                say(
                    persian,
                    format!("{fa_alt} برای ردیف‌های بالا"),
                    format!("{en_alt} for the rows above"),
                ),
            )],
            note,
            note_en,
        });
    }

    /// The printed numbers of a row, each given to the group of its level that holds the row.
    fn numbers(
        &mut self,
        row: &[Value],
        cols: &Columns,
        at: (usize, usize, usize),
        codes: usize,
        where_: &str,
    ) {
        let (d, c, b) = at;
        let own = |col: Option<usize>| {
            col.and_then(|c| row.get(c))
                .and_then(Value::own)
                .map(printed)
                .unwrap_or_default()
        };
        let mut freq: [String; 3] = [
            own(cols.frequency[0]),
            own(cols.frequency[1]),
            own(cols.frequency[2]),
        ];
        let mut pct: [String; 3] = [
            own(cols.percent[0]),
            own(cols.percent[1]),
            own(cols.percent[2]),
        ];
        for i in 0..3 {
            split_count_share(&mut freq[i], &mut pct[i]);
        }
        // Frequencies one column short of where they belong: a base theme printed more often
        // than it has source codes, the dimension's column empty, the component's filled (in
        // text extracted cell by cell only: a laid-out table can print such a count, wrong).
        let too_many = number(&freq[2]).is_some_and(|n| {
            codes > 0 && n > codes as u64 && n as usize > self.roster_size.max(codes)
        });
        if self.cells_may_shift
            && too_many
            && freq[0].is_empty()
            && !freq[1].is_empty()
            && cols.frequency[0].is_some()
        {
            let extracted = freq.clone();
            freq = [extracted[1].clone(), extracted[2].clone(), String::new()];
            let persian = self.persian;
            let (note, note_en) = say(persian, format!("{where_}: {} و {} یک ستون کوتاه‌تر از جایی آمده‌اند که خوانده شدند (یک مضمون پایه با {} کد نمی‌تواند {} بار آمده باشد)؛ خوانش دیگر آن‌ها را همان‌جا که استخراج شده‌اند نگه می‌دارد", extracted[2], extracted[1], codes, extracted[2]), format!("{where_}: {} and {} are one column short of where they are read (a base theme with {codes} source codes cannot have been raised {} times); the alternative keeps them where extracted", extracted[2], extracted[1], extracted[2]));
            let cell = |subject, chosen: &str, alternative: &str| {
                Moved::value(subject, "printed_frequency", chosen, alternative)
            };
            self.study.calls.push(Call {
                cells: vec![
                    cell(Subject::BaseTheme(d, c, b), "", &extracted[2]),
                    cell(Subject::Component(d, c), &freq[1], &extracted[1]),
                    cell(Subject::Dimension(d), &freq[0], ""),
                ],
                note,
                note_en,
            });
        }
        let dims = &mut self.study.dimensions;
        set(
            &mut dims[d].components[c].themes[b].printed,
            &freq[2],
            &pct[2],
        );
        set(&mut dims[d].components[c].printed, &freq[1], &pct[1]);
        if !freq[0].is_empty()
            && !dims[d].printed.frequency.is_empty()
            && dims[d].printed.frequency != freq[0]
        {
            self.second_total(freq[0].clone(), pct[0].clone(), where_);
        } else {
            set(&mut self.study.dimensions[d].printed, &freq[0], &pct[0]);
        }
    }

    /// A dimension printing a second total: a new dimension whose label is not printed began
    /// where the page (the repeated head) began, or failing that with the current component.
    fn second_total(&mut self, frequency: String, percent: String, where_: &str) {
        let (d, c) = self.place_now();
        let split = self
            .page_starts
            .iter()
            .rev()
            .find(|&&(pd, pc)| pd == d && pc > 0 && pc <= c)
            .map_or(c, |&(_, pc)| pc);
        let moved: Vec<Component> = self.study.dimensions[d].components.split_off(split);
        let first = moved.first().map(|m| m.label.clone()).unwrap_or_default();
        let previous = self.study.dimensions[d].label.clone();
        self.study.dimensions.push(Dimension {
            label: String::new(),
            printed: Printed {
                frequency: frequency.clone(),
                percent,
            },
            components: moved,
        });
        let nd = d + 1;
        // Calls made before the split name the moved components by their new place.
        let moved_to = |c: usize| (c >= split).then(|| c - split);
        for call in &mut self.study.calls {
            for cell in &mut call.cells {
                cell.subject = match cell.subject {
                    Subject::Component(cd, c) if cd == d => {
                        moved_to(c).map_or(cell.subject, |c| Subject::Component(nd, c))
                    }
                    Subject::BaseTheme(cd, c, b) if cd == d => {
                        moved_to(c).map_or(cell.subject, |c| Subject::BaseTheme(nd, c, b))
                    }
                    other => other,
                };
            }
        }
        if let Some((ld, lc, lb)) = self.last_row {
            if ld == d && lc >= split {
                self.last_row = Some((nd, lc - split, lb));
            }
        }
        let persian = self.persian;
        let (note, note_en) = say(persian, format!("{where_}: بُعد «{previous}» پیش‌تر فراوانی چاپ‌شده‌ای داشت و {frequency} دومی است؛ بُعدی تازه از «{first}» آغاز شد (جایی که صفحه یا مؤلفه آغاز می‌شود)"), format!("{where_}: the dimension «{previous}» already printed a total and {frequency} is a second one; a new dimension is read from «{first}» on (where the page or the component begins)"));
        self.study.calls.push(Call {
            cells: vec![Moved {
                subject: Subject::Component(nd, 0),
                column: "dimension",
                chosen: (String::new(), String::new()),
                alternative: (previous, String::new()),
                chosen_label_of: Some(Subject::Dimension(nd)),
            }],
            note,
            note_en,
        });
    }
}

/// A count and its share printed in one cell (`57 (34.1%)`, «۱۶۶(۵۴٫۱٪)») in either column:
/// the count to the frequency, the share to the percentage, where each is empty.
pub(super) fn split_count_share(frequency: &mut String, percent: &mut String) {
    let split = |cell: &str| -> Option<(String, String)> {
        let (count, rest) = cell.split_once('(')?;
        let share = rest.trim().strip_suffix(')')?.trim();
        let count = count.trim();
        (number(count).is_some() && !share.is_empty())
            .then(|| (count.to_string(), share.to_string()))
    };
    let one_cell = !frequency.is_empty() && frequency == percent;
    for cell in [frequency.clone(), percent.clone()] {
        if let Some((count, share)) = split(&cell) {
            *frequency = count;
            if percent.is_empty() || *percent == cell {
                *percent = share;
            }
            return;
        }
    }
    // One column for both, holding a count alone: no share printed.
    if one_cell && !percent.contains(['%', '٪']) {
        percent.clear();
    }
}

/// Fills what is empty; a second, different value of a component or base theme is kept out
/// (the first printed stays).
pub(super) fn set(p: &mut Printed, frequency: &str, percent: &str) {
    if p.frequency.is_empty() {
        p.frequency = frequency.to_string();
    }
    if p.percent.is_empty() {
        p.percent = percent.to_string();
    }
}
