//! Synthetic studies: codebooks of any size in the normal CSV format, for benchmarks and for
//! trying the tool at scale without real interview data.
//!
//! The shape of a real study is kept where it matters to the computation and the audit:
//! - **skew**: base-theme frequencies follow a Zipf law (theme of rank r gets a share ∝ 1/r),
//!   so a few themes are common and most are rare; ranks are shuffled so that common themes
//!   fall in every component;
//! - **interviewees** are drawn uniformly without replacement for each base theme;
//! - **errors**: a chosen fraction of printed frequencies is wrong (off by a few, or the count
//!   of listings rather than interviewees), and some source-code lists repeat a code, as in the
//!   paper; the audit has work to do.
//!
//! The same parameters and seed give byte-identical files on every machine: the random numbers
//! come from [`crate::random`] (SplitMix64).
//!
//! Not for real studies: nothing here resembles real interview data beyond these shapes.

use crate::codebook::source_codes::push_decimal;
use crate::random::Random;
use std::fmt::Write;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub dimensions: usize,
    pub components: usize,
    pub base_themes: usize,
    pub interviewees: usize,
    /// Distinct (base theme, interviewee) pairs; repeats added as errors come on top.
    pub codings: u64,
    /// Fraction (0 to 1) of printed frequencies that are wrong.
    pub error_rate: f64,
    pub seed: u64,
    /// Interviewee codes as a prefix and zero-padded digits (`P` gives `P0001`, `P0002`, …),
    /// as English studies name participants; `None` numbers them 1, 2, 3.
    pub ids: Option<String>,
}

impl Spec {
    /// Why these parameters cannot make a study, if they cannot.
    pub fn problem(&self) -> Option<String> {
        if self.dimensions == 0 || self.components == 0 || self.base_themes == 0 {
            return Some("--dimensions, --components and --themes must be at least 1".into());
        }
        if self.components < self.dimensions {
            return Some(format!(
                "--components {} is fewer than --dimensions {}: every dimension needs a component",
                self.components, self.dimensions
            ));
        }
        if self.base_themes < self.components {
            return Some(format!(
                "--themes {} is fewer than --components {}: every component needs a base theme",
                self.base_themes, self.components
            ));
        }
        if let Some(prefix) = &self.ids {
            let ok = crate::case_id::CaseId::parse(&format!("{prefix}1"))
                .is_ok_and(|c| c.is_text())
                && !prefix.chars().any(|c| c.is_ascii_digit());
            if !ok {
                return Some(format!(
                    "--ids `{prefix}` does not make interviewee codes: give a few letters (e.g. P or Int-)"
                ));
            }
        }
        if self.interviewees == 0 || self.interviewees > u32::MAX as usize / 2 {
            return Some("--interviewees must be between 1 and 2147483647".into());
        }
        let most = self.base_themes as u64 * self.interviewees as u64;
        if self.codings > most {
            return Some(format!(
                "--codings {} is more than --themes × --interviewees = {most} (each base theme \
                 lists an interviewee at most once)",
                self.codings
            ));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Some(format!(
                "--error-rate {} is not a fraction: give a number from 0 to 1",
                self.error_rate
            ));
        }
        None
    }
}

/// The four codebook files, as CSV text, and `study.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    pub dimensions: String,
    pub components: String,
    pub base_themes: String,
    pub interviewees: String,
    /// Says what the study is (a synthetic one, with its sizes and seed) and that its labels
    /// are Persian, so that its outputs are Persian and cite it.
    pub study: String,
    /// Per base theme: the start of its CSV row (labels) and its distinct source codes, the
    /// reference coding other coders depart from ([`coders`]).
    pub reference: Vec<(String, Vec<u32>)>,
}

impl Study {
    /// The four codebook files read as a codebook, from memory (for tests: no directory to
    /// write); `study.toml` is left out.
    pub fn load(&self) -> Result<crate::model::Codebook, crate::codebook::Problems> {
        let files = [
            ("dimensions.csv", &self.dimensions),
            ("components.csv", &self.components),
            ("base_themes.csv", &self.base_themes),
            ("interviewees.csv", &self.interviewees),
        ]
        .map(|(name, text)| (name.to_string(), text.clone().into_bytes()));
        crate::codebook::load(&crate::codebook::Source::Memory(files.to_vec()))
    }
}

/// Persian digits for the printed labels, so that synthetic charts exercise right-to-left text.
fn persian(n: usize) -> String {
    crate::persian::to_persian_digits(n as u64)
}

/// How many of `total` items each of `parts` consecutive groups gets (as even as possible).
fn split_evenly(total: usize, parts: usize) -> Vec<usize> {
    (0..parts)
        .map(|i| total / parts + usize::from(i < total % parts))
        .collect()
}

/// How a synthetic study writes its interviewee codes.
struct CodeStyle<'a> {
    prefix: Option<&'a str>,
    /// Digits of the largest code, so that every code has as many (`P0001` … `P1000`).
    width: usize,
}

impl CodeStyle<'_> {
    fn of(spec: &Spec) -> CodeStyle<'_> {
        CodeStyle {
            prefix: spec.ids.as_deref(),
            width: spec.interviewees.to_string().len(),
        }
    }

    fn push(&self, out: &mut String, code: u32) {
        if let Some(prefix) = self.prefix {
            out.push_str(prefix);
            let digits = code.to_string();
            for _ in digits.len()..self.width {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            push_decimal(out, code);
        }
    }

    /// A source-code list as a CSV cell: numbers joined by `-`; identifiers by `, `, quoted.
    fn push_list(&self, out: &mut String, codes: &[u32]) {
        let separator = if self.prefix.is_some() { ", " } else { "-" };
        if self.prefix.is_some() {
            out.push('"');
        }
        for (i, &code) in codes.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            self.push(out, code);
        }
        if self.prefix.is_some() {
            out.push('"');
        }
    }
}

/// Distinct interviewees per base theme: Zipf shares over shuffled ranks, capped at the roster
/// size (what a cap removes goes to the other themes), every theme at least one when there are
/// enough codings.
fn frequencies(spec: &Spec, random: &mut Random) -> Vec<u64> {
    let n = spec.base_themes;
    let cap = spec.interviewees as u64;
    let mut rank: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        rank.swap(i, random.below(i as u64 + 1) as usize);
    }
    let weight: Vec<f64> = rank.iter().map(|&r| 1.0 / (r as f64 + 1.0)).collect();
    let floor = u64::from(spec.codings >= n as u64);
    let mut counts = vec![floor; n];
    let mut left = spec.codings - floor * n as u64;
    // Water-filling: share what is left among themes below the cap, in proportion to weight,
    // until nothing is left (at most n rounds, as each round either places everything or caps
    // at least one more theme).
    while left > 0 {
        let open: Vec<usize> = (0..n).filter(|&t| counts[t] < cap).collect();
        let total: f64 = open.iter().map(|&t| weight[t]).sum();
        let mut placed = 0;
        let mut remainders = Vec::with_capacity(open.len());
        for &t in &open {
            let want = left as f64 * weight[t] / total;
            let give = (want.floor() as u64).min(cap - counts[t]);
            counts[t] += give;
            placed += give;
            remainders.push((want - want.floor(), t));
        }
        if placed == 0 {
            // Shares below one each: hand out single codings, largest remainder first.
            remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(_, t) in &remainders {
                if left == placed {
                    break;
                }
                if counts[t] < cap {
                    counts[t] += 1;
                    placed += 1;
                }
            }
        }
        left -= placed;
    }
    counts
}

/// `k` distinct values of `0..n`, ascending (Floyd's algorithm over a bit set that is cleared
/// afterwards, so drawing a million-interviewee theme costs a million steps, not a sort of the
/// roster).
fn sample(k: usize, n: usize, chosen: &mut [u64], random: &mut Random) -> Vec<u32> {
    let mut out = Vec::with_capacity(k);
    let is_set = |bits: &[u64], i: usize| bits[i / 64] >> (i % 64) & 1 == 1;
    for j in n - k..n {
        let t = random.below(j as u64 + 1) as usize;
        let pick = if is_set(chosen, t) { j } else { t };
        chosen[pick / 64] |= 1 << (pick % 64);
        out.push(pick as u32);
    }
    for &i in &out {
        chosen[i as usize / 64] = 0;
    }
    out.sort_unstable();
    out
}

/// A printed frequency: the recomputed one, or with probability `rate` a wrong one.
fn printed(correct: u64, listed: u64, rate: f64, random: &mut Random) -> u64 {
    if !random.chance(rate) {
        return correct;
    }
    if listed != correct && random.chance(0.5) {
        return listed;
    }
    let off = 1 + random.below(3);
    if random.chance(0.5) || correct < off {
        correct + off
    } else {
        correct - off
    }
}

/// Generate a study. `spec` must have no [`Spec::problem`].
pub fn generate(spec: &Spec) -> Study {
    let mut random = Random::new(spec.seed);
    let counts = frequencies(spec, &mut random);
    let components_per_dimension = split_evenly(spec.components, spec.dimensions);
    let themes_per_component = split_evenly(spec.base_themes, spec.components);

    let mut dimensions = String::from("dimension,dimension_en,printed_frequency\n");
    let mut components = String::from("dimension,component,component_en,printed_frequency\n");
    let mut base_themes = String::from(
        "dimension,component,base_theme,base_theme_en,source_codes,printed_frequency\n",
    );
    let mut chosen = vec![0u64; spec.interviewees.div_ceil(64)];
    let style = CodeStyle::of(spec);
    let mut reference = Vec::with_capacity(spec.base_themes);
    let (mut component, mut theme) = (0, 0);
    // `write!` into a String cannot fail.
    for (d, &component_count) in components_per_dimension.iter().enumerate() {
        let dimension_label = format!("بعد {}", persian(d + 1));
        let mut dimension_sum = 0;
        for _ in 0..component_count {
            let component_label = format!("مؤلفه {}", persian(component + 1));
            let mut component_sum = 0;
            for _ in 0..themes_per_component[component] {
                let distinct = counts[theme] as usize;
                let mut codes = sample(distinct, spec.interviewees, &mut chosen, &mut random);
                // Interviewee codes count from 1.
                for code in &mut codes {
                    *code += 1;
                }
                // The reference coding (sorted, distinct) before a repeat is listed.
                let distinct_codes = codes.clone();
                if !codes.is_empty() && random.chance(spec.error_rate / 4.0) {
                    // A code listed twice, as in the paper's source-code lists.
                    let repeated = codes[random.below(codes.len() as u64) as usize];
                    let at = random.below(codes.len() as u64 + 1) as usize;
                    codes.insert(at, repeated);
                }
                let printed_base = printed(
                    distinct as u64,
                    codes.len() as u64,
                    spec.error_rate,
                    &mut random,
                );
                let labels = format!(
                    "{dimension_label},{component_label},مضمون پایه {},Base theme {},",
                    persian(theme + 1),
                    theme + 1
                );
                base_themes.push_str(&labels);
                style.push_list(&mut base_themes, &codes);
                reference.push((labels, distinct_codes));
                let _ = writeln!(base_themes, ",{printed_base}");
                component_sum += distinct as u64;
                theme += 1;
            }
            let _ = writeln!(
                components,
                "{dimension_label},{component_label},Component {},{}",
                component + 1,
                printed(component_sum, component_sum, spec.error_rate, &mut random)
            );
            dimension_sum += component_sum;
            component += 1;
        }
        let _ = writeln!(
            dimensions,
            "{dimension_label},Dimension {},{}",
            d + 1,
            printed(dimension_sum, dimension_sum, spec.error_rate, &mut random)
        );
    }
    let mut interviewees = String::from("code,name,role,year\n");
    for code in 1..=spec.interviewees as u32 {
        let mut id = String::new();
        style.push(&mut id, code);
        let _ = writeln!(interviewees, "{id},Interviewee {id},,");
    }
    let sizes = |lang: crate::lang::Lang| {
        lang.digits(&format!(
            "{} / {} / {} / {} / {}",
            spec.dimensions, spec.components, spec.base_themes, spec.interviewees, spec.codings
        ))
    };
    let study = format!(
        "# A synthetic study written by `thematic synth`: no real interview data.\n\
         language = \"fa\"\n\n\
         [title]\n\
         en = \"Synthetic study, seed {seed}: dimensions / components / base themes / interviewees / codings = {en}\"\n\
         fa = \"مطالعه ساختگی، بذر {seed_fa}: ابعاد / مؤلفه‌ها / مضامین پایه / مصاحبه‌شوندگان / کدگذاری‌ها = {fa}\"\n",
        seed = spec.seed,
        seed_fa = crate::lang::Lang::Fa.digits(&spec.seed.to_string()),
        en = sizes(crate::lang::Lang::En),
        fa = sizes(crate::lang::Lang::Fa),
    );
    Study {
        dimensions,
        components,
        base_themes,
        interviewees,
        study,
        reference,
    }
}

/// `base_themes.csv` of `coders` coders of `study`, each departing from the reference coding
/// on a fraction `disagreement` of the cells (interviewee × base theme): every cell is flipped
/// (raised ↔ not raised) with that probability, independently for each coder, so two coders
/// disagree on a cell with probability 2p(1 − p). Printed frequencies are each coder's own
/// counts. Seeded from `spec.seed` and the coder's number.
pub fn coders(spec: &Spec, study: &Study, coders: usize, disagreement: f64) -> Vec<String> {
    (0..coders)
        .map(|c| {
            let mut random = Random::new(
                spec.seed
                    ^ 0xC0DE_C0DE_0000_0000
                    ^ (c as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let mut csv = String::from(
                "dimension,component,base_theme,base_theme_en,source_codes,printed_frequency\n",
            );
            let mut codes = Vec::new();
            for (labels, reference) in &study.reference {
                codes.clear();
                let mut next = reference.iter().peekable();
                for code in 1..=spec.interviewees as u32 {
                    let raised = next.next_if_eq(&&code).is_some();
                    if raised != random.chance(disagreement) {
                        codes.push(code);
                    }
                }
                csv.push_str(labels);
                CodeStyle::of(spec).push_list(&mut csv, &codes);
                let _ = writeln!(csv, ",{}", codes.len());
            }
            csv
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(themes: usize, interviewees: usize, codings: u64) -> Spec {
        Spec {
            dimensions: 2,
            components: 4,
            base_themes: themes,
            interviewees,
            codings,
            error_rate: 0.2,
            seed: 7,
            ids: None,
        }
    }

    #[test]
    fn frequencies_add_up_respect_the_cap_and_are_skewed() {
        for (themes, interviewees, codings) in
            [(10, 5, 50), (10, 5, 37), (100, 1000, 5000), (50, 40, 3)]
        {
            let s = spec(themes, interviewees, codings);
            let counts = frequencies(&s, &mut Random::new(1));
            assert_eq!(counts.iter().sum::<u64>(), codings, "{s:?}");
            assert!(counts.iter().all(|&c| c <= interviewees as u64), "{s:?}");
        }
        let counts = frequencies(&spec(100, 1000, 5000), &mut Random::new(1));
        let mut sorted = counts.clone();
        sorted.sort_unstable();
        // Zipf: the most common theme has far more than the median one.
        assert!(sorted[99] > 10 * sorted[50], "{sorted:?}");
    }

    #[test]
    fn samples_are_distinct_sorted_and_leave_the_bit_set_clear() {
        let mut random = Random::new(3);
        let mut bits = vec![0u64; 2];
        for k in [0, 1, 50, 100] {
            let s = sample(k, 100, &mut bits, &mut random);
            assert_eq!(s.len(), k);
            assert!(s.windows(2).all(|w| w[0] < w[1]));
            assert!(s.iter().all(|&v| v < 100));
            assert!(bits.iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_study_and_another_seed_another() {
        let a = generate(&spec(20, 30, 200));
        assert_eq!(a, generate(&spec(20, 30, 200)));
        let other = Spec {
            seed: 8,
            ids: None,
            ..spec(20, 30, 200)
        };
        assert_ne!(a.base_themes, generate(&other).base_themes);
    }

    #[test]
    fn ids_with_a_prefix_are_zero_padded_and_load() {
        let s = Spec {
            ids: Some("P".into()),
            ..spec(6, 120, 200)
        };
        let study = generate(&s);
        assert!(study.interviewees.contains("\nP001,Interviewee P001,,\n"));
        assert!(study.interviewees.contains("\nP120,"));
        assert!(study.base_themes.contains("\"P0"));
        let codebook = study.load().expect("a synthetic study with IDs loads");
        assert!(codebook.interviewees.keys().all(|c| c.is_text()));
        let tables = crate::tables::compute(&codebook).unwrap();
        assert_eq!(tables.interviewees.len(), 120);
        assert!(tables.interviewees.iter().all(|i| i.in_roster));
        assert!(Spec {
            ids: Some("7".into()),
            ..spec(6, 120, 200)
        }
        .problem()
        .is_some());
    }

    #[test]
    fn each_coder_departs_from_the_reference_only_where_flipped() {
        // A high error rate, so that repeated codes are inserted out of order: the reference
        // must still be the sorted distinct codes, or coders would drift from it.
        let s = Spec {
            error_rate: 1.0,
            ..spec(20, 30, 200)
        };
        let study = generate(&s);
        for (_, codes) in &study.reference {
            assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
        }
        let exact = coders(&s, &study, 2, 0.0);
        for csv in &exact {
            let rows: Vec<&str> = csv.lines().skip(1).collect();
            for (row, (_, codes)) in rows.iter().zip(&study.reference) {
                let mut list = String::new();
                CodeStyle::of(&s).push_list(&mut list, codes);
                assert!(row.contains(&list), "{row} {codes:?}");
            }
        }
    }

    #[test]
    fn impossible_specs_are_refused() {
        assert!(spec(10, 5, 51).problem().is_some());
        assert!(spec(3, 5, 10).problem().is_some());
        assert!(spec(10, 5, 50).problem().is_none());
    }
}
