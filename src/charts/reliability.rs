//! The chart of `thematic agree`: Krippendorff's α per base theme with its 95% interval,
//! sorted from the least reliable, coloured by dimension, against the verdict lines at 0.667
//! and 0.8. Base themes whose α is undefined come last, in grey, with the reason.
//!
//! Not for the other charts (they read the tables; this one reads [`Agreement`]).

use super::canvas::{Align, Drawing};
use super::shapes::{BLACK, GREY, LIGHT, PALETTE, SMALL};
use super::words::Level;
use super::Chart;
use crate::agree::{Agreement, Coefficient};
use crate::reliability::Band;

/// Rows drawn at most; a larger study shows its least reliable base themes.
const MAX_ROWS: usize = 100;

impl Chart<'_> {
    pub(super) fn reliability(&self, a: &Agreement) -> Drawing {
        let words = self.words;
        let font = &self.options.font;
        let alpha = |t: usize| a.by_theme[t].get(Coefficient::Alpha);
        let mut defined: Vec<usize> = (0..a.themes.len())
            .filter(|&t| alpha(t).value.is_ok())
            .collect();
        defined.sort_by(|&x, &y| {
            let (vx, vy) = (alpha(x).value.unwrap_or(0.0), alpha(y).value.unwrap_or(0.0));
            vx.total_cmp(&vy).then(x.cmp(&y))
        });
        let undefined = (0..a.themes.len()).filter(|&t| alpha(t).value.is_err());
        let rows: Vec<usize> = defined
            .into_iter()
            .chain(undefined)
            .take(MAX_ROWS)
            .collect();

        let row_h = 26.0;
        let top = 130.0;
        let natural = top + rows.len() as f64 * row_h + 70.0;
        let mut c = self.canvas(self.content_height(natural));
        let w = self.w();
        self.title(
            &mut c,
            &words.reliability_title(a.coders.len(), rows.len(), a.themes.len()),
        );
        let mut legend: Vec<_> = a
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                (
                    words.label(
                        &dim.label.printed,
                        &dim.label.english,
                        Level::Dimension,
                        d + 1,
                    ),
                    PALETTE[d % PALETTE.len()],
                )
            })
            .collect();
        if rows.iter().any(|&t| alpha(t).value.is_err()) {
            legend.push((words.undefined().to_string(), GREY));
        }
        self.legend(&mut c, 84.0, &legend);

        // The axis: from 0 (or below, to the lowest interval, in steps of 0.2) to 1.
        let lowest = rows
            .iter()
            .filter_map(|&t| {
                let e = alpha(t);
                e.value
                    .ok()
                    .map(|v| e.interval.map_or(v, |(lo, _)| lo.min(v)))
            })
            .fold(0.0f64, f64::min)
            .max(-1.0);
        let from = (lowest / 0.2).floor() * 0.2;
        let label_w = (w * 0.38).min(680.0);
        let plot_x = label_w + 14.0;
        let plot_w = w - plot_x - 260.0;
        let x_of = |v: f64| plot_x + (v - from) / (1.0 - from) * plot_w;
        let bottom = top + rows.len() as f64 * row_h;

        // Verdict lines, and the zero line when the axis goes below it.
        for (v, name) in [
            (
                0.667,
                Some((Band::Tentative.name(words.lang), Align::Right)),
            ),
            (0.8, Some((Band::Reliable.name(words.lang), Align::Left))),
            (0.0, None),
        ] {
            if v < from {
                continue;
            }
            let x = x_of(v);
            c.line(
                &[(x, top - 6.0), (x, bottom)],
                if name.is_some() { GREY } else { LIGHT },
                1,
            );
            // The two labels lean away from each other: their lines are close.
            if let Some((name, align)) = name {
                c.text(
                    x,
                    top - 14.0,
                    &format!("{} {name}", words.threshold(v)),
                    SMALL,
                    align,
                    GREY,
                );
            }
        }
        // Ticks under the rows.
        let mut tick = from;
        while tick <= 1.0 + 1e-9 {
            let x = x_of(tick);
            c.line(&[(x, bottom), (x, bottom + 5.0)], GREY, 1);
            c.text(
                x,
                bottom + 18.0,
                &words.coefficient(tick),
                SMALL,
                Align::Center,
                BLACK,
            );
            tick += 0.2;
        }
        c.text(
            x_of((from + 1.0) / 2.0),
            bottom + 42.0,
            "Krippendorff α",
            SMALL,
            Align::Center,
            GREY,
        );

        for (row, &t) in rows.iter().enumerate() {
            let theme = &a.themes[t];
            let mid = top + row as f64 * row_h + row_h / 2.0;
            let label = words.label(
                &theme.label.printed,
                &theme.label.english,
                Level::BaseTheme,
                t + 1,
            );
            let label = font.fit(&label, SMALL + 1.0, label_w - 20.0);
            c.text(label_w, mid, &label, SMALL + 1.0, Align::Right, BLACK);
            let e = alpha(t);
            match e.value {
                Ok(v) => {
                    let color = PALETTE[theme.dimension % PALETTE.len()];
                    let mut right = x_of(v);
                    if let Some((lo, hi)) = e.interval {
                        c.line(&[(x_of(lo), mid), (x_of(hi), mid)], color, 3);
                        for end in [lo, hi] {
                            c.line(&[(x_of(end), mid - 6.0), (x_of(end), mid + 6.0)], color, 2);
                        }
                        right = right.max(x_of(hi));
                    }
                    let (x, s) = (x_of(v), 7.0);
                    c.polygon(
                        &[(x, mid - s), (x + s, mid), (x, mid + s), (x - s, mid)],
                        color,
                    );
                    c.text(
                        right + 14.0,
                        mid,
                        &words.alpha_note(v, Band::of(v)),
                        SMALL,
                        Align::Left,
                        BLACK,
                    );
                }
                Err(reason) => {
                    c.text(
                        plot_x,
                        mid,
                        words.alpha_undefined(reason),
                        SMALL,
                        Align::Left,
                        GREY,
                    );
                }
            }
        }
        self.finish(c)
    }
}
