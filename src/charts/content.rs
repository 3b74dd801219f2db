//! What each chart shows: which numbers of the tables (and of the audit's agreement figures),
//! in which order, under which labels and title.
//!
//! Not for layout (`shapes`), trimming large studies (`trim`) or phrasing (`words`).

use super::canvas::{Align, Color, Drawing};
use super::shapes::*;
use super::trim::{hidden_share, top_indices, MAX_BARS, MAX_HEATMAP_COLUMNS, MAX_HEATMAP_ROWS};
use super::words::Level;
use super::{Chart, Lang};

impl Chart<'_> {
    /// One swatch per dimension, in the colours bars are drawn in.
    pub(super) fn dimension_legend(&self) -> Vec<(String, Color)> {
        (0..self.tables.dimensions.len())
            .map(|d| (self.dimension_label(d), PALETTE[d % PALETTE.len()]))
            .collect()
    }

    pub(super) fn dimension_label(&self, i: usize) -> String {
        let d = &self.tables.dimensions[i];
        self.words
            .label(&d.dimension, &d.label_en, Level::Dimension, i + 1)
    }

    pub(super) fn component_label(&self, i: usize) -> String {
        let r = &self.tables.components[i];
        self.words
            .label(&r.component, &r.label_en, Level::Component, i + 1)
    }

    pub(super) fn theme_label(&self, i: usize) -> String {
        let r = &self.tables.base_themes[i];
        self.words
            .label(&r.theme, &r.theme_en, Level::BaseTheme, r.number)
    }

    pub(super) fn dimension_index(&self, label: &str) -> usize {
        self.tables
            .dimensions
            .iter()
            .position(|d| d.dimension == label)
            .unwrap_or(0)
    }

    /// Chart 1: each dimension's share of the level total, printed and under both rules.
    pub(super) fn dimensions(&self) -> Drawing {
        let words = self.words;
        let series = [
            Series {
                name: words.printed().into(),
                color: PRINTED,
            },
            Series {
                name: words.recomputed_sum_rule().into(),
                color: SUM,
            },
            Series {
                name: words.recomputed_union_rule().into(),
                color: UNION,
            },
        ];
        let groups: Vec<Group> = self
            .tables
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| Group {
                label: self.dimension_label(i),
                band: String::new(),
                values: vec![d.share_printed, Some(d.share_sum), Some(d.share_union)],
            })
            .collect();
        self.grouped_bars(
            &words.dimensions_title(),
            words.percent_of_level_total(),
            &series,
            &groups,
            &|v| words.percent(v),
        )
    }

    /// Chart 2: each component's frequency, printed and under both rules, grouped by dimension.
    pub(super) fn components(&self) -> Drawing {
        let words = self.words;
        let series = [
            Series {
                name: words.printed().into(),
                color: PRINTED,
            },
            Series {
                name: words.sum_rule_mentions().into(),
                color: SUM,
            },
            Series {
                name: words.union_rule_cases(),
                color: UNION,
            },
        ];
        let groups: Vec<Group> = self
            .tables
            .components
            .iter()
            .enumerate()
            .map(|(i, r)| Group {
                label: self.component_label(i),
                band: self.dimension_label(self.dimension_index(&r.dimension)),
                values: vec![
                    r.printed.map(f64::from),
                    Some(f64::from(r.sum)),
                    Some(f64::from(r.union)),
                ],
            })
            .collect();
        self.grouped_bars(
            &words.components_title(),
            words.frequency(),
            &series,
            &groups,
            &|v| words.int(v.round() as u64),
        )
    }

    /// The printed dimension shares as a pie, as the paper most likely drew Chart 1.
    pub(super) fn dimensions_pie(&self) -> Drawing {
        let words = self.words;
        let font = &self.options.font;
        let printed: Option<Vec<f64>> = self
            .tables
            .dimensions
            .iter()
            .map(|d| d.share_printed)
            .collect();
        let (shares, note) = match printed {
            Some(p) => (p, words.pie_note_printed()),
            None => (
                self.tables.dimensions.iter().map(|d| d.share_sum).collect(),
                words.pie_note_recomputed().to_string(),
            ),
        };
        let height = self.content_height(800.0);
        let mut c = self.canvas(height);
        self.title(&mut c, &words.pie_title());
        let (note_x, note_align) = match self.words.lang {
            Lang::Fa => (self.w() - 20.0, Align::Right),
            Lang::En => (20.0, Align::Left),
        };
        c.text(
            note_x,
            70.0,
            &font.fit(&note, TEXT, self.w() - 40.0),
            TEXT,
            note_align,
            GREY,
        );
        let radius = ((height - 160.0) / 2.0).min(self.w() / 4.0).max(40.0);
        let (cx, cy) = (40.0 + radius, 110.0 + radius);
        let total: f64 = shares.iter().sum::<f64>().max(1e-9);
        let mut angle = -std::f64::consts::FRAC_PI_2;
        for (i, share) in shares.iter().enumerate() {
            let sweep = share / total * std::f64::consts::TAU;
            let steps = ((sweep / std::f64::consts::TAU) * 240.0).ceil().max(2.0) as usize;
            let mut points = vec![(cx, cy)];
            for k in 0..=steps {
                let a = angle + sweep * k as f64 / steps as f64;
                points.push((cx + radius * a.cos(), cy + radius * a.sin()));
            }
            let color = PALETTE[i % PALETTE.len()];
            c.polygon(&points, color);
            let mid = angle + sweep / 2.0;
            let label_color = if i % PALETTE.len() == 1 {
                BLACK
            } else {
                Color(255, 255, 255)
            };
            c.bold_text(
                cx + radius * 0.6 * mid.cos(),
                cy + radius * 0.6 * mid.sin(),
                &words.percent(*share),
                TEXT + 2.0,
                Align::Center,
                label_color,
            );
            angle += sweep;
        }
        // Legend beside the pie.
        let x = cx + radius + 60.0;
        for (i, d) in self.tables.dimensions.iter().enumerate() {
            let y = 130.0 + i as f64 * 36.0;
            c.rect(x, y - 10.0, x + 20.0, y + 10.0, PALETTE[i % PALETTE.len()]);
            let value = d.printed.map_or_else(
                || words.not_printed().to_string(),
                |p| words.int(u64::from(p)),
            );
            let text = format!("{}: {value}", self.dimension_label(i));
            c.text(
                x + 30.0,
                y,
                &font.fit(&text, TEXT, self.w() - x - 50.0),
                TEXT,
                Align::Left,
                BLACK,
            );
        }
        self.finish(c)
    }

    /// Base themes: distinct interviewees, sorted within component, coloured by dimension,
    /// the printed value marked with a diamond.
    pub(super) fn base_themes(&self) -> Drawing {
        let words = self.words;
        let mut rows = Vec::new();
        let mut max = 0.0f64;
        let chosen = self.top_themes(MAX_BARS);
        for (ci, component) in self.tables.components.iter().enumerate() {
            let mut themes: Vec<usize> = chosen
                .iter()
                .copied()
                .filter(|&t| {
                    let r = &self.tables.base_themes[t];
                    r.component == component.component && r.dimension == component.dimension
                })
                .collect();
            if themes.is_empty() {
                continue;
            }
            themes.sort_by_key(|&t| std::cmp::Reverse(self.tables.base_themes[t].distinct));
            let d = self.dimension_index(&component.dimension);
            rows.push(HRow::header(format!(
                "{} · {}",
                self.component_label(ci),
                self.dimension_label(d)
            )));
            for t in themes {
                let r = &self.tables.base_themes[t];
                max = max
                    .max(f64::from(r.distinct))
                    .max(f64::from(r.printed.unwrap_or(0)));
                let note = match r.printed {
                    Some(p) => words.printed_note(u64::from(p)),
                    None => String::new(),
                };
                rows.push(HRow {
                    label: format!("{}. {}", words.int(r.number as u64), self.theme_label(t)),
                    value: Some(f64::from(r.distinct)),
                    marker: r.printed.map(f64::from),
                    color: PALETTE[d % PALETTE.len()],
                    note,
                    header: false,
                });
            }
        }
        rows.extend(self.not_shown(&chosen));
        let mut legend = self.dimension_legend();
        legend.push((words.printed_value_marker().into(), Color(255, 255, 255)));
        self.horizontal_bars(
            &self.top_note(&words.base_themes_title(), chosen.len()),
            &legend,
            &rows,
            max,
            &|v| words.int(v.round() as u64),
        )
    }

    /// Per base theme, agreement between Table 1 (findings) and Table 2 (source codes), as the
    /// audit computed it.
    pub(super) fn agreement(&self) -> Option<Drawing> {
        let words = self.words;
        let agreement = self.agreement?;
        let mut rows = Vec::new();
        let chosen = self.top_themes(MAX_BARS);
        for &t in &chosen {
            let r = &self.tables.base_themes[t];
            let label = format!("{}. {}", words.int(t as u64 + 1), self.theme_label(t));
            let Some(a) = agreement.get(t).copied().flatten() else {
                rows.push(HRow {
                    label,
                    value: None,
                    marker: None,
                    color: GREY,
                    note: words.no_roster_finding(),
                    header: false,
                });
                continue;
            };
            let d = self.dimension_index(&r.dimension);
            rows.push(HRow {
                label,
                value: Some(a.percent),
                marker: None,
                color: PALETTE[d % PALETTE.len()],
                note: words.kappa(a.kappa),
                header: false,
            });
        }
        rows.extend(self.not_shown(&chosen));
        Some(self.horizontal_bars(
            &self.top_note(&words.agreement_title(), chosen.len()),
            &self.dimension_legend(),
            &rows,
            100.0,
            &|v| words.percent(v),
        ))
    }

    /// Heatmap of interviewees (rows, roster order) × base themes (columns, grouped by
    /// component). A large study shows the interviewees with the most base themes and the base
    /// themes with the most interviewees, and says how much of the coding is left out.
    pub(super) fn case_matrix(&self) -> Drawing {
        let words = self.words;
        let tables = self.tables;
        let columns = self.top_themes(MAX_HEATMAP_COLUMNS);
        let people = top_indices(tables.interviewees.len(), MAX_HEATMAP_ROWS, |i| {
            tables.interviewees[i].base_themes
        });
        let rows: Vec<String> = people
            .iter()
            .map(|&i| words.id(tables.interviewees[i].code))
            .collect();
        let mut shown_codings = 0;
        let cells: Vec<Vec<f64>> = people
            .iter()
            .map(|&i| {
                let listed = tables.case_matrix.row(i);
                columns
                    .iter()
                    .map(|&t| {
                        let filled = listed.binary_search(&(t as u32)).is_ok();
                        shown_codings += usize::from(filled);
                        f64::from(u8::from(filled))
                    })
                    .collect()
            })
            .collect();
        let title = words.case_matrix_title();
        self.heatmap(
            &self.shown(
                &title,
                (people.len(), tables.interviewees.len()),
                (columns.len(), tables.base_themes.len()),
                hidden_share(shown_codings, tables.case_matrix.filled()),
            ),
            words.case_axis(),
            &rows,
            &columns,
            &cells,
            false,
        )
    }

    /// Heatmap of base themes × base themes: interviewees shared. A large study shows the
    /// base themes with the most interviewees.
    pub(super) fn cooccurrence(&self) -> Drawing {
        let words = self.words;
        let themes = &self.tables.base_themes;
        let shown = self.top_themes(MAX_HEATMAP_COLUMNS);
        let rows: Vec<String> = shown
            .iter()
            .map(|&t| words.int(themes[t].number as u64))
            .collect();
        let cells: Vec<Vec<f64>> = shown
            .iter()
            .map(|&a| {
                shown
                    .iter()
                    .map(|&b| f64::from(self.tables.cooccurrence[a][b]))
                    .collect()
            })
            .collect();
        let codings = |ts: &mut dyn Iterator<Item = usize>| -> usize {
            ts.map(|t| themes[t].distinct as usize).sum()
        };
        let hidden = hidden_share(
            codings(&mut shown.iter().copied()),
            codings(&mut (0..themes.len())),
        );
        let title = words.cooccurrence_title();
        self.heatmap(
            &self.shown(
                &title,
                (shown.len(), themes.len()),
                (shown.len(), themes.len()),
                hidden,
            ),
            words.base_theme_axis(),
            &rows,
            &shown,
            &cells,
            true,
        )
    }
}
