//! Intercoder agreement between codebooks of one scheme, each one coder's coding of the same
//! interviews: matches the coders' base themes and interviewees, lays out the units (cells
//! interviewee × base theme, raised or not, or not coded), and computes agreement per base
//! theme, component, dimension and overall with bootstrap intervals over interviewees.
//!
//! Matching: base themes by Persian-normalised label within their component (components by
//! normalised label; a theme's dimension and component are the first coder's that has it);
//! interviewees by code. A base theme a coder's scheme lacks, or an interviewee a coder's roster
//! lacks, is a missing rating for that coder, not a "not raised": Krippendorff's α and the
//! multi-coder coefficients use the ratings there are, and the mismatch is reported.
//!
//! Intervals: percentile bootstrap over interviewees (an interviewee is drawn with all its
//! cells), from a seeded generator, so the same input gives the same interval. Each replicate's
//! tally is a weighted sum of per-interviewee tallies ([`crate::reliability::Tally`] is
//! additive); within one base theme interviewees with the same ratings share one tally, and only
//! those differing from the commonest ratings are visited, so a replicate costs what the coding
//! differs from "nobody raised it", not the whole grid.
//!
//! Not for the coefficients' formulas (`crate::reliability`) nor for rendering
//! (the agreement renderer in `export`).

use crate::case_id::CaseId;
use crate::model::{Codebook, Label};
use crate::persian::match_key;
use crate::random::Random;
use crate::reliability::{Coefficients, Tally, Undefined};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Not coded / not raised / raised: a coder's rating of a cell.
const MISSING: u8 = 0;
const NOT_RAISED: u8 = 1;
const RAISED: u8 = 2;

/// The most coders `agree` compares (a cell's ratings are packed two bits a coder in a u128).
pub const MAX_CODERS: usize = 64;

/// The coefficients, in the order every output lists them.
pub const COEFFICIENTS: [Coefficient; 6] = [
    Coefficient::Percent,
    Coefficient::Cohen,
    Coefficient::Fleiss,
    Coefficient::Alpha,
    Coefficient::Ac1,
    Coefficient::BrennanPrediger,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coefficient {
    Percent,
    Cohen,
    Fleiss,
    Alpha,
    Ac1,
    BrennanPrediger,
}

impl Coefficient {
    /// The key in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Coefficient::Percent => "percent_agreement",
            Coefficient::Cohen => "cohen_kappa",
            Coefficient::Fleiss => "fleiss_kappa",
            Coefficient::Alpha => "krippendorff_alpha",
            Coefficient::Ac1 => "gwet_ac1",
            Coefficient::BrennanPrediger => "brennan_prediger",
        }
    }

    fn of(self, c: &Coefficients) -> Result<f64, Undefined> {
        match self {
            Coefficient::Percent => c.percent,
            Coefficient::Cohen => c.cohen,
            Coefficient::Fleiss => c.fleiss,
            Coefficient::Alpha => c.alpha,
            Coefficient::Ac1 => c.ac1,
            Coefficient::BrennanPrediger => c.brennan_prediger,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Bootstrap replicates (0: no intervals).
    pub bootstrap: usize,
    pub seed: u64,
}

/// One coefficient of one scope: its value, and its 95 % interval over the replicates in
/// which it is defined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: Result<f64, Undefined>,
    pub interval: Option<(f64, f64)>,
    /// Replicates in which the coefficient was defined.
    pub replicates: usize,
}

/// Agreement over a set of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// Cells rated by at least two coders.
    pub cells: u64,
    /// Per coder, the cells it marked raised.
    pub raised: Vec<u64>,
    /// In [`COEFFICIENTS`] order.
    pub estimates: Vec<Estimate>,
}

impl Scope {
    pub fn get(&self, c: Coefficient) -> &Estimate {
        // `estimates` is in `COEFFICIENTS` order, which is the enum's.
        &self.estimates[c as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub label: Label,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub label: Label,
    pub dimension: usize,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub label: Label,
    pub component: usize,
    pub dimension: usize,
    /// Which coders' schemes hold it.
    pub coded_by: Vec<bool>,
}

/// A cell the coders rated differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub theme: usize,
    pub interviewee: CaseId,
    pub raised_by: Vec<usize>,
    pub not_raised_by: Vec<usize>,
}

/// Everything `agree` computed.
#[derive(Debug, Clone)]
pub struct Agreement {
    /// The codebooks' locations, in the order given.
    pub coders: Vec<String>,
    pub settings: Settings,
    pub dimensions: Vec<Dimension>,
    pub components: Vec<Component>,
    pub themes: Vec<Theme>,
    /// Every interviewee code any coder has, first coder's roster order first.
    pub interviewees: Vec<CaseId>,
    /// Per interviewee (same order), which coders' rosters hold it.
    pub on_roster: Vec<Vec<bool>>,
    pub overall: Scope,
    pub by_dimension: Vec<Scope>,
    pub by_component: Vec<Scope>,
    pub by_theme: Vec<Scope>,
    pub disagreements: Vec<Disagreement>,
}

impl Agreement {
    /// Base themes some coder's scheme lacks.
    pub fn unmatched_themes(&self) -> impl Iterator<Item = (usize, &Theme)> {
        self.themes
            .iter()
            .enumerate()
            .filter(|(_, t)| t.coded_by.iter().any(|&b| !b))
    }

    /// Interviewees some coder's roster lacks: (code, which coders have it).
    pub fn unmatched_interviewees(&self) -> impl Iterator<Item = (CaseId, &[bool])> {
        self.interviewees
            .iter()
            .zip(&self.on_roster)
            .filter(|(_, on)| on.iter().any(|&b| !b))
            .map(|(&code, on)| (code, on.as_slice()))
    }
}

/// The cells, coder by coder: `ratings[(t * interviewees + i) * coders + c]`.
struct Grid {
    coders: usize,
    interviewees: usize,
    ratings: Vec<u8>,
}

impl Grid {
    fn cell(&self, t: usize, i: usize) -> &[u8] {
        let at = (t * self.interviewees + i) * self.coders;
        &self.ratings[at..at + self.coders]
    }
}

fn pack(cell: &[u8]) -> u128 {
    cell.iter()
        .fold(0u128, |acc, &r| (acc << 2) | u128::from(r))
}

fn unit_tally(cell: &[u8]) -> Tally {
    let ratings: Vec<Option<usize>> = cell
        .iter()
        .map(|&r| match r {
            MISSING => None,
            r => Some(usize::from(r == RAISED)),
        })
        .collect();
    let mut t = Tally::new(2);
    t.add_unit(&ratings);
    t
}

/// A scope ready for resampling: `base` is every interviewee's tally unless it is listed in
/// `members` (interviewee, group), whose tally is `base + deltas[group]`.
struct Resampling {
    base: Tally,
    deltas: Vec<Tally>,
    members: Vec<(u32, u32)>,
    point: Tally,
}

impl Resampling {
    /// From interviewees in groups of equal tallies: `of[i]` is interviewee i's group. The
    /// commonest group is the base, so that a replicate visits only the others' members.
    fn of_groups(groups: &[Tally], of: &[u32]) -> Resampling {
        let mut sizes = vec![0u64; groups.len()];
        for &g in of {
            sizes[g as usize] += 1;
        }
        let commonest = (0..groups.len())
            .max_by_key(|&g| (sizes[g], std::cmp::Reverse(g)))
            .unwrap_or(0);
        let mut point = Tally::new(2);
        for (tally, &size) in groups.iter().zip(&sizes) {
            point.add_scaled(tally, size as f64);
        }
        let base = groups
            .get(commonest)
            .cloned()
            .unwrap_or_else(|| Tally::new(2));
        Resampling {
            deltas: groups.iter().map(|t| t.minus(&base)).collect(),
            members: of
                .iter()
                .enumerate()
                .filter(|&(_, &g)| g as usize != commonest)
                .map(|(i, &g)| (i as u32, g))
                .collect(),
            base,
            point,
        }
    }

    fn replicate(&self, weights: &[u32], counts: &mut Vec<f64>) -> Tally {
        counts.clear();
        counts.resize(self.deltas.len(), 0.0);
        for &(i, g) in &self.members {
            counts[g as usize] += f64::from(weights[i as usize]);
        }
        let mut tally = Tally::new(2);
        tally.add_scaled(&self.base, weights.len() as f64);
        for (delta, &w) in self.deltas.iter().zip(counts.iter()) {
            if w != 0.0 {
                tally.add_scaled(delta, w);
            }
        }
        tally
    }
}

/// Match the coders' codebooks and compute every scope's agreement.
pub fn agree(codebooks: &[&Codebook], settings: Settings) -> Agreement {
    let coders = codebooks.len();
    // The scheme: dimensions, components and base themes in first-seen order.
    let mut dimensions: Vec<Dimension> = Vec::new();
    let mut dimension_index: HashMap<String, usize> = HashMap::new();
    let mut components: Vec<Component> = Vec::new();
    let mut component_index: HashMap<String, usize> = HashMap::new();
    let mut themes: Vec<Theme> = Vec::new();
    let mut theme_index: HashMap<(usize, String), usize> = HashMap::new();
    // Per coder, per theme index: the distinct codes it raised.
    let mut raised: Vec<HashMap<usize, BTreeSet<CaseId>>> = vec![HashMap::new(); coders];
    let mut rosters: Vec<BTreeSet<CaseId>> = vec![BTreeSet::new(); coders];
    let mut interviewees: Vec<CaseId> = Vec::new();
    let mut seen_interviewee: HashMap<CaseId, usize> = HashMap::new();
    for (c, codebook) in codebooks.iter().enumerate() {
        for &code in codebook.interviewees.keys() {
            rosters[c].insert(code);
            seen_interviewee.entry(code).or_insert_with(|| {
                interviewees.push(code);
                interviewees.len() - 1
            });
        }
        for dimension in codebook.dimensions.values() {
            let d = *dimension_index
                .entry(match_key(&dimension.label.printed))
                .or_insert_with(|| {
                    dimensions.push(Dimension {
                        label: dimension.label.clone(),
                    });
                    dimensions.len() - 1
                });
            for component in dimension.components.values() {
                let k = *component_index
                    .entry(match_key(&component.label.printed))
                    .or_insert_with(|| {
                        components.push(Component {
                            label: component.label.clone(),
                            dimension: d,
                        });
                        components.len() - 1
                    });
                for theme in component.base_themes.values() {
                    let key = (k, match_key(&theme.label.printed));
                    let t = *theme_index.entry(key).or_insert_with(|| {
                        themes.push(Theme {
                            label: theme.label.clone(),
                            component: k,
                            dimension: components[k].dimension,
                            coded_by: vec![false; coders],
                        });
                        themes.len() - 1
                    });
                    themes[t].coded_by[c] = true;
                    let codes = raised[c].entry(t).or_default();
                    codes.extend(theme.source_codes.iter().copied());
                }
            }
        }
        // A code listed in a source-code list is an interviewee the coder coded, roster row or
        // not (validation reports the missing row).
        for codes in raised[c].values() {
            for &code in codes {
                rosters[c].insert(code);
                seen_interviewee.entry(code).or_insert_with(|| {
                    interviewees.push(code);
                    interviewees.len() - 1
                });
            }
        }
    }
    let n = interviewees.len();
    let mut grid = Grid {
        coders,
        interviewees: n,
        ratings: vec![MISSING; themes.len() * n * coders],
    };
    for c in 0..coders {
        let on: Vec<usize> = rosters[c]
            .iter()
            .map(|code| seen_interviewee[code])
            .collect();
        for (t, theme) in themes.iter().enumerate() {
            if !theme.coded_by[c] {
                continue;
            }
            for &i in &on {
                grid.ratings[(t * n + i) * coders + c] = NOT_RAISED;
            }
            for code in raised[c].get(&t).into_iter().flatten() {
                grid.ratings[(t * n + seen_interviewee[code]) * coders + c] = RAISED;
            }
        }
    }
    let on_roster: Vec<Vec<bool>> = interviewees
        .iter()
        .map(|code| rosters.iter().map(|r| r.contains(code)).collect())
        .collect();

    // Per base theme: interviewees grouped by their ratings.
    let mut disagreements = Vec::new();
    let mut theme_scopes: Vec<Resampling> = Vec::with_capacity(themes.len());
    let mut theme_raised: Vec<Vec<u64>> = Vec::with_capacity(themes.len());
    // Per theme, each interviewee's group, to sum interviewees' tallies for the upper levels.
    let mut theme_groups: Vec<(Vec<Tally>, Vec<u32>)> = Vec::with_capacity(themes.len());
    for t in 0..themes.len() {
        let mut group_of: HashMap<u128, u32> = HashMap::new();
        let mut tallies: Vec<Tally> = Vec::new();
        let mut of_interviewee: Vec<u32> = Vec::with_capacity(n);
        let mut raised_by = vec![0u64; coders];
        for (i, &code) in interviewees.iter().enumerate() {
            let cell = grid.cell(t, i);
            let g = *group_of.entry(pack(cell)).or_insert_with(|| {
                tallies.push(unit_tally(cell));
                (tallies.len() - 1) as u32
            });
            of_interviewee.push(g);
            for (c, &r) in cell.iter().enumerate() {
                raised_by[c] += u64::from(r == RAISED);
            }
            if cell.contains(&RAISED) && cell.contains(&NOT_RAISED) {
                let who = |v: u8| (0..coders).filter(|&c| cell[c] == v).collect();
                disagreements.push(Disagreement {
                    theme: t,
                    interviewee: code,
                    raised_by: who(RAISED),
                    not_raised_by: who(NOT_RAISED),
                });
            }
        }
        theme_scopes.push(Resampling::of_groups(&tallies, &of_interviewee));
        theme_raised.push(raised_by);
        theme_groups.push((tallies, of_interviewee));
    }

    // Upper levels: each interviewee's tally is the sum of its cells' in the scope.
    let per_interviewee = |members: &[usize]| -> Resampling {
        let mut each = vec![Tally::new(2); n];
        for &t in members {
            let (tallies, of) = &theme_groups[t];
            for (i, &g) in of.iter().enumerate() {
                each[i].add(&tallies[g as usize]);
            }
        }
        // Interviewees whose cells tally the same share a group.
        let mut group_of: HashMap<Vec<u64>, u32> = HashMap::new();
        let mut groups: Vec<Tally> = Vec::new();
        let of: Vec<u32> = each
            .into_iter()
            .map(|t| {
                *group_of.entry(t.key()).or_insert_with(|| {
                    groups.push(t);
                    (groups.len() - 1) as u32
                })
            })
            .collect();
        Resampling::of_groups(&groups, &of)
    };
    let raised_sum = |members: &[usize]| -> Vec<u64> {
        (0..coders)
            .map(|c| members.iter().map(|&t| theme_raised[t][c]).sum())
            .collect()
    };
    let mut upper: Vec<(Resampling, Vec<u64>)> = Vec::new();
    let all: Vec<usize> = (0..themes.len()).collect();
    upper.push((per_interviewee(&all), raised_sum(&all)));
    for d in 0..dimensions.len() {
        let members: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&t| themes[t].dimension == d)
            .collect();
        upper.push((per_interviewee(&members), raised_sum(&members)));
    }
    for k in 0..components.len() {
        let members: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&t| themes[t].component == k)
            .collect();
        upper.push((per_interviewee(&members), raised_sum(&members)));
    }

    let mut resamplings: Vec<&Resampling> = upper.iter().map(|(r, _)| r).collect();
    resamplings.extend(theme_scopes.iter());
    let intervals = bootstrap(&resamplings, n, coders, settings);
    let raised_lists: Vec<&Vec<u64>> = upper
        .iter()
        .map(|(_, r)| r)
        .chain(theme_raised.iter())
        .collect();
    let mut scopes: Vec<Scope> = resamplings
        .iter()
        .zip(intervals)
        .zip(raised_lists)
        .map(|((r, intervals), raised)| {
            let coefficients = r.point.coefficients(coders);
            Scope {
                cells: r.point.paired.round() as u64,
                raised: raised.clone(),
                estimates: COEFFICIENTS
                    .iter()
                    .zip(intervals)
                    .map(|(c, (interval, replicates))| Estimate {
                        value: c.of(&coefficients),
                        interval,
                        replicates,
                    })
                    .collect(),
            }
        })
        .collect();
    let by_theme = scopes.split_off(1 + dimensions.len() + components.len());
    let by_component = scopes.split_off(1 + dimensions.len());
    let by_dimension = scopes.split_off(1);
    let overall = scopes.pop().expect("the overall scope");
    Agreement {
        coders: codebooks.iter().map(|c| c.location.clone()).collect(),
        settings,
        dimensions,
        components,
        themes,
        interviewees,
        on_roster,
        overall,
        by_dimension,
        by_component,
        by_theme,
        disagreements,
    }
}

/// Replicates drawn at once: their weights are drawn in sequence from one generator (so the
/// result does not depend on threads), then every scope is resampled on both cores.
const CHUNK: usize = 64;

/// Per scope, per coefficient: the 2.5 % and 97.5 % percentiles of the replicates in which it
/// is defined, and how many those were.
type Intervals = Vec<(Option<(f64, f64)>, usize)>;

fn bootstrap(
    scopes: &[&Resampling],
    n: usize,
    coders: usize,
    settings: Settings,
) -> Vec<Intervals> {
    let mut values: Vec<Vec<[f64; 6]>> = vec![Vec::with_capacity(settings.bootstrap); scopes.len()];
    if n > 0 && settings.bootstrap > 0 {
        let mut random = Random::new(settings.seed);
        let mut done = 0;
        while done < settings.bootstrap {
            let k = CHUNK.min(settings.bootstrap - done);
            let weights: Vec<Vec<u32>> = (0..k)
                .map(|_| {
                    let mut w = vec![0u32; n];
                    for _ in 0..n {
                        w[random.below(n as u64) as usize] += 1;
                    }
                    w
                })
                .collect();
            let chunk: Vec<_> = scopes
                .par_iter()
                .map(|scope| {
                    let mut counts = Vec::new();
                    weights
                        .iter()
                        .map(|w| {
                            let c = scope.replicate(w, &mut counts).coefficients(coders);
                            COEFFICIENTS.map(|x| x.of(&c).unwrap_or(f64::NAN))
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            for (all, mut new) in values.iter_mut().zip(chunk) {
                all.append(&mut new);
            }
            done += k;
        }
    }
    values
        .into_iter()
        .map(|replicates| {
            (0..COEFFICIENTS.len())
                .map(|j| {
                    let mut v: Vec<f64> = replicates
                        .iter()
                        .map(|r| r[j])
                        .filter(|x| !x.is_nan())
                        .collect();
                    v.sort_by(f64::total_cmp);
                    let interval =
                        (!v.is_empty()).then(|| (quantile(&v, 0.025), quantile(&v, 0.975)));
                    (interval, v.len())
                })
                .collect()
        })
        .collect()
}

/// The p-quantile of sorted values, interpolating linearly between order statistics (the
/// default of R's `quantile` and NumPy's `percentile`).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_are_listed_in_the_enums_order() {
        for (i, &c) in COEFFICIENTS.iter().enumerate() {
            assert_eq!(c as usize, i, "{c:?}");
        }
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert_eq!(quantile(&v, 0.975), 4.9);
        assert_eq!(quantile(&[7.0], 0.025), 7.0);
    }

    #[test]
    fn a_replicate_of_all_ones_is_the_point_tally() {
        let cells: [&[u8]; 3] = [&[1, 1], &[2, 1], &[2, 2]];
        let tallies: Vec<Tally> = cells.iter().map(|c| unit_tally(c)).collect();
        let base = tallies[0].clone();
        let r = Resampling {
            deltas: tallies.iter().map(|t| t.minus(&base)).collect(),
            base,
            members: vec![(1, 1), (2, 2), (3, 2)],
            point: Tally::new(2),
        };
        // Interviewees 0 and 4 have the base ratings; 1 has group 1; 2 and 3 group 2.
        let mut whole = Tally::new(2);
        for g in [0, 1, 2, 2, 0] {
            whole.add(&tallies[g]);
        }
        let got = r.replicate(&[1, 1, 1, 1, 1], &mut Vec::new());
        let (a, b) = (got.coefficients(2), whole.coefficients(2));
        assert!((a.alpha.unwrap() - b.alpha.unwrap()).abs() < 1e-12);
        assert!((a.cohen.unwrap() - b.cohen.unwrap()).abs() < 1e-12);
        // Drawing interviewee 2 three times and 0 twice.
        let got = r.replicate(&[2, 0, 3, 0, 0], &mut Vec::new());
        let mut drawn = Tally::new(2);
        drawn.add_scaled(&tallies[0], 2.0);
        drawn.add_scaled(&tallies[2], 3.0);
        assert!(
            (got.coefficients(2).ac1.unwrap() - drawn.coefficients(2).ac1.unwrap()).abs() < 1e-12
        );
    }
}
