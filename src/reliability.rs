//! Agreement between coders: percent agreement, Cohen's κ, Fleiss' κ, Krippendorff's α
//! (nominal), Gwet's AC1 and Brennan–Prediger's κ, from one place. `thematic agree` and the
//! audit's Table 1 ↔ Table 2 comparison both compute here.
//!
//! Data are units (in thematic: the cells interviewee × base theme) each rated by some of the
//! coders with one of `q` nominal categories (raised or not: q = 2), or not at all. Every
//! coefficient is a function of a [`Tally`], sums over units that add up: a component's tally is
//! the sum of its base themes', and a bootstrap replicate is a weighted sum of interviewees'
//! tallies, which is what makes intervals over a million cells cheap.
//!
//! Formulas, with r_u the ratings of unit u and n_uk those in category k:
//! - pairwise agreement of a unit with r_u ≥ 2: Σ_k n_uk(n_uk − 1) / (r_u(r_u − 1)); the observed
//!   agreement p_a is its mean (two coders: the share of units they agree on);
//! - π_k = mean over rated units of n_uk / r_u; chance agreement Fleiss: Σ π_k²,
//!   Gwet's AC1: Σ π_k(1 − π_k) / (q − 1), Brennan–Prediger: 1 / q; coefficient (p_a − p_e)/(1 − p_e)
//!   (Gwet 2014, *Handbook of Inter-Rater Reliability*, the forms irrCAC computes, which reduce to
//!   Fleiss 1971 when every unit has the same number of ratings);
//! - Krippendorff's α: coincidences o_ck = Σ_u n_uc(n_uk − [c = k]) / (r_u − 1) over units with
//!   r_u ≥ 2, n_c = Σ_k o_ck, n = Σ_c n_c; α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k;
//! - Cohen's κ (exactly two coders, units both rated): (p_o − p_e)/(1 − p_e) with p_e from the
//!   two coders' own marginals.
//!
//! A coefficient whose denominator is zero (everyone used one category, so chance agreement is
//! 1) is undefined, not 0 or 1: `None`, and the reason is [`Undefined`].
//!
//! Not for matching codebooks, resampling or rendering (`agree`, above this room).

/// Sums over units from which every coefficient follows. Additive and scalable: `add` and
/// `add_scaled` combine tallies of disjoint sets of units (or of a unit counted w times).
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Categories (q).
    q: usize,
    /// Units with at least one rating.
    pub rated: f64,
    /// Σ over rated units of n_uk / r_u, per category.
    shares: Vec<f64>,
    /// Units with at least two ratings.
    pub paired: f64,
    /// Σ over paired units of their pairwise agreement.
    agreement: f64,
    /// Krippendorff's coincidences, q × q, row-major.
    coincidences: Vec<f64>,
    /// Cohen's table, q × q (first coder's category × second's), over units both coders rated;
    /// filled only when a unit has exactly two coders' slots.
    pairs: Vec<f64>,
}

/// Why a coefficient has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// No unit was rated by two coders.
    NoPairs,
    /// Every rating is in one category: chance agreement is 1 and the coefficient 0/0.
    OneCategory,
    /// Cohen's κ is for exactly two coders.
    NotTwoCoders,
}

/// The coefficients of one tally.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coefficients {
    /// Observed agreement, 0 to 1.
    pub percent: Result<f64, Undefined>,
    pub cohen: Result<f64, Undefined>,
    pub fleiss: Result<f64, Undefined>,
    pub alpha: Result<f64, Undefined>,
    pub ac1: Result<f64, Undefined>,
    pub brennan_prediger: Result<f64, Undefined>,
}

/// Krippendorff's verdict on α (Krippendorff 2004, *Content Analysis*, §11.4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    /// α < 0.667: data not to be relied on.
    NotReliable,
    /// 0.667 ≤ α < 0.8: tentative conclusions only.
    Tentative,
    /// α ≥ 0.8.
    Reliable,
}

impl Band {
    pub fn of(alpha: f64) -> Band {
        if alpha >= 0.8 {
            Band::Reliable
        } else if alpha >= 0.667 {
            Band::Tentative
        } else {
            Band::NotReliable
        }
    }

    /// Its name in JSON and CSV, and in English.
    pub fn key(self) -> &'static str {
        self.name(crate::lang::Lang::En)
    }

    /// Its name in a language (the chart and the report write it).
    pub fn name(self, lang: crate::lang::Lang) -> &'static str {
        use crate::lang::Lang;
        match (self, lang) {
            (Band::Reliable, Lang::En) => "reliable",
            (Band::Tentative, Lang::En) => "tentative",
            (Band::NotReliable, Lang::En) => "not reliable",
            (Band::Reliable, Lang::Fa) => "پایا",
            (Band::Tentative, Lang::Fa) => "موقت",
            (Band::NotReliable, Lang::Fa) => "ناپایا",
        }
    }
}

impl Tally {
    pub fn new(q: usize) -> Tally {
        Tally {
            q,
            rated: 0.0,
            shares: vec![0.0; q],
            paired: 0.0,
            agreement: 0.0,
            coincidences: vec![0.0; q * q],
            pairs: vec![0.0; q * q],
        }
    }

    pub fn categories(&self) -> usize {
        self.q
    }

    /// One unit: each coder's category, `None` where that coder did not rate it. Categories
    /// must be below `q`.
    pub fn add_unit(&mut self, ratings: &[Option<usize>]) {
        let q = self.q;
        let mut counts = [0u32; 8];
        let mut heap;
        let counts: &mut [u32] = if q <= counts.len() {
            &mut counts[..q]
        } else {
            heap = vec![0u32; q];
            &mut heap
        };
        let mut r = 0u32;
        for k in ratings.iter().flatten() {
            counts[*k] += 1;
            r += 1;
        }
        if r == 0 {
            return;
        }
        let rf = f64::from(r);
        self.rated += 1.0;
        for (share, &n) in self.shares.iter_mut().zip(counts.iter()) {
            *share += f64::from(n) / rf;
        }
        if r >= 2 {
            self.paired += 1.0;
            let same: u32 = counts.iter().map(|&n| n * n.saturating_sub(1)).sum();
            self.agreement += f64::from(same) / (rf * (rf - 1.0));
            for c in 0..q {
                if counts[c] == 0 {
                    continue;
                }
                for k in 0..q {
                    let pairs = if c == k {
                        counts[c] * (counts[c] - 1)
                    } else {
                        counts[c] * counts[k]
                    };
                    self.coincidences[c * q + k] += f64::from(pairs) / (rf - 1.0);
                }
            }
        }
        if let [Some(a), Some(b)] = ratings {
            self.pairs[a * q + b] += 1.0;
        }
    }

    /// Adds another tally of the same categories (disjoint units).
    pub fn add(&mut self, other: &Tally) {
        self.add_scaled(other, 1.0);
    }

    /// Adds `weight` copies of another tally (a bootstrap replicate drawing a unit w times).
    pub fn add_scaled(&mut self, other: &Tally, weight: f64) {
        debug_assert_eq!(self.q, other.q);
        self.rated += weight * other.rated;
        self.paired += weight * other.paired;
        self.agreement += weight * other.agreement;
        for (a, b) in self.shares.iter_mut().zip(&other.shares) {
            *a += weight * b;
        }
        for (a, b) in self.coincidences.iter_mut().zip(&other.coincidences) {
            *a += weight * b;
        }
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            *a += weight * b;
        }
    }

    /// `self − other`, for tallies that differ from a common baseline.
    pub fn minus(&self, other: &Tally) -> Tally {
        let mut d = self.clone();
        d.add_scaled(other, -1.0);
        d
    }

    /// Every coefficient. `coders` says whether Cohen's κ applies (exactly two).
    pub fn coefficients(&self, coders: usize) -> Coefficients {
        let q = self.q as f64;
        let observed = if self.paired > 0.0 {
            Ok(self.agreement / self.paired)
        } else {
            Err(Undefined::NoPairs)
        };
        let pi: Vec<f64> = self
            .shares
            .iter()
            .map(|s| {
                if self.rated > 0.0 {
                    s / self.rated
                } else {
                    0.0
                }
            })
            .collect();
        let chance_corrected = |chance: f64| -> Result<f64, Undefined> {
            let pa = observed?;
            if (1.0 - chance).abs() < 1e-12 {
                Err(Undefined::OneCategory)
            } else {
                Ok((pa - chance) / (1.0 - chance))
            }
        };
        let fleiss = chance_corrected(pi.iter().map(|p| p * p).sum());
        let ac1 = if self.q < 2 {
            Err(Undefined::OneCategory)
        } else {
            chance_corrected(pi.iter().map(|p| p * (1.0 - p)).sum::<f64>() / (q - 1.0))
        };
        let brennan_prediger = if self.q < 2 {
            Err(Undefined::OneCategory)
        } else {
            chance_corrected(1.0 / q)
        };
        Coefficients {
            percent: observed,
            cohen: self.cohen(coders),
            fleiss,
            alpha: self.alpha(),
            ac1,
            brennan_prediger,
        }
    }

    fn alpha(&self) -> Result<f64, Undefined> {
        let q = self.q;
        let marginals: Vec<f64> = (0..q)
            .map(|c| self.coincidences[c * q..(c + 1) * q].iter().sum())
            .collect();
        let n: f64 = marginals.iter().sum();
        if self.paired == 0.0 || n <= 1.0 {
            return Err(Undefined::NoPairs);
        }
        let diagonal: f64 = (0..q).map(|c| self.coincidences[c * q + c]).sum();
        let disagreeing = n - diagonal;
        let expected = n * n - marginals.iter().map(|m| m * m).sum::<f64>();
        if expected.abs() < 1e-9 {
            return Err(Undefined::OneCategory);
        }
        Ok(1.0 - (n - 1.0) * disagreeing / expected)
    }

    fn cohen(&self, coders: usize) -> Result<f64, Undefined> {
        if coders != 2 {
            return Err(Undefined::NotTwoCoders);
        }
        let q = self.q;
        let n: f64 = self.pairs.iter().sum();
        if n == 0.0 {
            return Err(Undefined::NoPairs);
        }
        let observed: f64 = (0..q).map(|k| self.pairs[k * q + k]).sum::<f64>() / n;
        let chance: f64 = (0..q)
            .map(|k| {
                let first: f64 = self.pairs[k * q..(k + 1) * q].iter().sum();
                let second: f64 = (0..q).map(|c| self.pairs[c * q + k]).sum();
                first * second
            })
            .sum::<f64>()
            / (n * n);
        if (1.0 - chance).abs() < 1e-12 {
            return Err(Undefined::OneCategory);
        }
        Ok((observed - chance) / (1.0 - chance))
    }

    /// The tally's numbers as bits: equal keys, equal tallies (to group interviewees whose
    /// cells tally the same, so that a bootstrap replicate visits each group once).
    pub fn key(&self) -> Vec<u64> {
        [self.rated, self.paired, self.agreement]
            .iter()
            .chain(&self.shares)
            .chain(&self.coincidences)
            .chain(&self.pairs)
            .map(|v| v.to_bits())
            .collect()
    }

    /// The q × q table of the two coders (first coder's category × second's), when two coded.
    pub fn pairs(&self) -> &[f64] {
        &self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(q: usize, units: &[Vec<Option<usize>>]) -> Tally {
        let mut t = Tally::new(q);
        for u in units {
            t.add_unit(u);
        }
        t
    }

    fn close(a: f64, b: f64, tolerance: f64) {
        assert!((a - b).abs() <= tolerance, "{a} is not {b} ± {tolerance}");
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, values 1 to 5 with missing ones; nominal α = 0.743.
    #[test]
    fn krippendorffs_own_example_with_missing_values() {
        let observers: [[Option<usize>; 12]; 4] = {
            let n = None;
            [
                [
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(3),
                    Some(2),
                    Some(1),
                    Some(4),
                    Some(1),
                    Some(2),
                    n,
                    n,
                    n,
                ],
                [
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(3),
                    Some(2),
                    Some(2),
                    Some(4),
                    Some(1),
                    Some(2),
                    Some(5),
                    n,
                    Some(3),
                ],
                [
                    n,
                    Some(3),
                    Some(3),
                    Some(3),
                    Some(2),
                    Some(3),
                    Some(4),
                    Some(2),
                    Some(2),
                    Some(5),
                    Some(1),
                    n,
                ],
                [
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(3),
                    Some(2),
                    Some(4),
                    Some(4),
                    Some(1),
                    Some(2),
                    Some(5),
                    Some(1),
                    n,
                ],
            ]
        };
        let units: Vec<Vec<Option<usize>>> = (0..12)
            .map(|u| observers.iter().map(|o| o[u].map(|v| v - 1)).collect())
            .collect();
        let t = tally(5, &units);
        // The paper's coincidence totals: n = 40 pairable values.
        let n: f64 = t.coincidences.iter().sum();
        close(n, 40.0, 1e-12);
        let alpha = t.coefficients(4).alpha.unwrap();
        close(alpha, 0.743, 0.0005);
    }

    /// Fleiss (1971), "Measuring nominal scale agreement among many raters": 30 patients, six
    /// psychiatrists each, five diagnoses; κ = 0.430. (The ratings as R's irr and statsmodels
    /// carry them.)
    #[test]
    fn fleiss_1971() {
        let diagnoses: [[usize; 6]; 30] = [
            [4, 4, 4, 4, 4, 4],
            [2, 2, 2, 5, 5, 5],
            [2, 3, 3, 3, 3, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3],
            [3, 3, 3, 3, 5, 5],
            [1, 1, 3, 3, 3, 4],
            [1, 1, 4, 4, 4, 4],
            [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4],
            [1, 2, 4, 4, 4, 4],
            [2, 2, 2, 3, 3, 3],
            [1, 4, 4, 4, 4, 4],
            [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5],
            [1, 1, 1, 4, 5, 5],
            [1, 1, 1, 1, 1, 2],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 4, 4, 4, 4, 4],
            [2, 2, 4, 5, 5, 5],
            [1, 1, 4, 4, 4, 4],
            [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4],
            [1, 1, 1, 1, 5, 5],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 3, 3, 3],
            [5, 5, 5, 5, 5, 5],
        ];
        let units: Vec<Vec<Option<usize>>> = diagnoses
            .iter()
            .map(|u| u.iter().map(|d| Some(d - 1)).collect())
            .collect();
        let c = tally(5, &units).coefficients(6);
        close(c.fleiss.unwrap(), 0.430, 0.0005);
        assert_eq!(c.cohen, Err(Undefined::NotTwoCoders));
    }

    fn two(pairs: &[(usize, usize)]) -> Coefficients {
        let units: Vec<Vec<Option<usize>>> =
            pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect();
        tally(2, &units).coefficients(2)
    }

    #[test]
    fn perfect_agreement_is_one_everywhere() {
        let c = two(&[(1, 1), (1, 1), (0, 0), (0, 0), (0, 0)]);
        for v in [
            c.percent,
            c.cohen,
            c.fleiss,
            c.alpha,
            c.ac1,
            c.brennan_prediger,
        ] {
            close(v.unwrap(), 1.0, 1e-12);
        }
    }

    #[test]
    fn one_category_only_leaves_kappa_and_alpha_undefined_but_not_ac1() {
        // Nobody raised the theme: full agreement, and chance agreement is 1 for κ and α.
        let c = two(&[(0, 0); 16]);
        close(c.percent.unwrap(), 1.0, 0.0);
        assert_eq!(c.cohen, Err(Undefined::OneCategory));
        assert_eq!(c.fleiss, Err(Undefined::OneCategory));
        assert_eq!(c.alpha, Err(Undefined::OneCategory));
        // AC1: π = (1, 0), p_e = 0, AC1 = p_a = 1; Brennan–Prediger: (1 − ½)/(1 − ½) = 1.
        close(c.ac1.unwrap(), 1.0, 1e-12);
        close(c.brennan_prediger.unwrap(), 1.0, 1e-12);
    }

    #[test]
    fn a_coder_who_coded_nothing() {
        // Coder A raised the theme for 4 of 16 interviewees; coder B for none. p_o = 12/16;
        // Cohen's p_e = (4·0 + 12·16)/256 = 0.75, κ = 0. Fleiss: π₁ = 4/32, p_e = 1/64 + 49/64 =
        // 50/64, κ = (0.75 − 50/64)/(14/64) = −1/7. α: n = 32, o₀₁ = o₁₀ = 4, n₀ = 28, n₁ = 4,
        // α = 1 − 31·8/(1024 − 784 − 16) = 1 − 248/224 = −3/28. AC1: p_e = 2·(4/32)(28/32) =
        // 7/32, AC1 = (3/4 − 7/32)/(25/32) = 17/25. BP: (3/4 − 1/2)/(1/2) = 1/2.
        let mut pairs = vec![(1, 0); 4];
        pairs.extend(vec![(0, 0); 12]);
        let c = two(&pairs);
        close(c.percent.unwrap(), 0.75, 1e-12);
        close(c.cohen.unwrap(), 0.0, 1e-12);
        close(c.fleiss.unwrap(), -1.0 / 7.0, 1e-12);
        close(c.alpha.unwrap(), -3.0 / 28.0, 1e-12);
        close(c.ac1.unwrap(), 17.0 / 25.0, 1e-12);
        close(c.brennan_prediger.unwrap(), 0.5, 1e-12);
    }

    #[test]
    fn the_kappa_paradox() {
        // A rare theme: both coders agree on 18 of 20 interviewees, but the two disagreements
        // are all there is of "raised": κ is negative while agreement is 90 %.
        let mut pairs = vec![(1, 0), (0, 1)];
        pairs.extend(vec![(0, 0); 18]);
        let c = two(&pairs);
        close(c.percent.unwrap(), 0.9, 1e-12);
        assert!(c.cohen.unwrap() < 0.0);
        assert!(c.ac1.unwrap() > 0.85);
    }

    #[test]
    fn units_rated_once_count_for_shares_not_pairs() {
        let t = tally(2, &[vec![Some(1), None], vec![None, None]]);
        assert_eq!((t.rated, t.paired), (1.0, 0.0));
        assert_eq!(t.coefficients(2).alpha, Err(Undefined::NoPairs));
        assert_eq!(t.coefficients(2).percent, Err(Undefined::NoPairs));
    }

    #[test]
    fn tallies_add_up_and_scale() {
        let a = tally(2, &[vec![Some(1), Some(0)], vec![Some(1), Some(1)]]);
        let b = tally(2, &[vec![Some(0), Some(0)]]);
        let mut sum = a.clone();
        sum.add(&b);
        sum.add(&b);
        let whole = tally(
            2,
            &[
                vec![Some(1), Some(0)],
                vec![Some(1), Some(1)],
                vec![Some(0), Some(0)],
                vec![Some(0), Some(0)],
            ],
        );
        assert_eq!(sum, whole);
        let mut scaled = a.clone();
        scaled.add_scaled(&b, 2.0);
        assert_eq!(scaled, whole);
        assert_eq!(whole.minus(&a).minus(&b), b);
    }

    #[test]
    fn bands() {
        assert_eq!(Band::of(0.8), Band::Reliable);
        assert_eq!(Band::of(0.7), Band::Tentative);
        assert_eq!(Band::of(0.667), Band::Tentative);
        assert_eq!(Band::of(0.6669), Band::NotReliable);
    }
}
