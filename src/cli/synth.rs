//! `thematic synth`: write a synthetic study (a codebook directory) for benchmarks and trials
//! at scale.

use crate::error::{Error, Result};
use crate::synth::{self, Spec};
use crate::write::{self, Destination, Output};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Interviewees on the roster.
    #[arg(long, default_value_t = 200)]
    interviewees: usize,
    /// Base themes.
    #[arg(long, default_value_t = 60)]
    themes: usize,
    /// Distinct (base theme, interviewee) codings; Zipf-skewed over the base themes.
    #[arg(long, default_value_t = 2000)]
    codings: u64,
    /// Components, spread evenly over the dimensions.
    #[arg(long, default_value_t = 12)]
    components: usize,
    /// Dimensions.
    #[arg(long, default_value_t = 3)]
    dimensions: usize,
    /// Fraction of printed frequencies that are wrong (and a quarter as many source-code lists
    /// that repeat a code), so that the audit has something to find.
    #[arg(long, default_value_t = 0.05)]
    error_rate: f64,
    /// Seed: the same seed and sizes give byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Name interviewees with this prefix and zero-padded numbers (`--ids P`: P0001, P0002, …)
    /// instead of 1, 2, 3.
    #[arg(long, value_name = "PREFIX")]
    ids: Option<String>,
    /// Write this many coders' codebooks of the study (coder-1/, coder-2/, … under --out), for
    /// `thematic agree`.
    #[arg(long, value_name = "N")]
    coders: Option<usize>,
    /// With --coders: the fraction of cells (interviewee × base theme) on which each coder
    /// departs from the reference coding; two coders then disagree on 2p(1 − p) of the cells.
    #[arg(long, value_name = "P", default_value_t = 0.05, requires = "coders")]
    disagreement: f64,
    /// Directory to write the codebook into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &SynthArgs) -> Result<()> {
    let spec = Spec {
        dimensions: args.dimensions,
        components: args.components,
        base_themes: args.themes,
        interviewees: args.interviewees,
        codings: args.codings,
        error_rate: args.error_rate,
        seed: args.seed,
        ids: args.ids.clone(),
    };
    if let Some(problem) = spec.problem() {
        return Err(Error::Usage(problem));
    }
    let destination = Destination {
        out_dir: args.out.clone(),
        codebook_dir: None,
        force: args.force.force,
    };
    write::check(&destination)?;
    if let Some(n) = args.coders {
        if !(2..=crate::agree::MAX_CODERS).contains(&n) {
            return Err(Error::Usage(format!(
                "--coders {n}: give from 2 to {} coders",
                crate::agree::MAX_CODERS
            )));
        }
        if !(0.0..=1.0).contains(&args.disagreement) {
            return Err(Error::Usage(format!(
                "--disagreement {} is not a fraction: give a number from 0 to 1, e.g. 0.05",
                args.disagreement
            )));
        }
    }
    let study = super::progress::step("generating the study", || synth::generate(&spec));
    let outputs: Vec<Output> = match args.coders {
        None => vec![
            Output::new(crate::codebook::DIMENSIONS, study.dimensions),
            Output::new(crate::codebook::COMPONENTS, study.components),
            Output::new(crate::codebook::BASE_THEMES, study.base_themes),
            Output::new(crate::codebook::INTERVIEWEES, study.interviewees),
            Output::new(crate::codebook::study::STUDY, study.study),
        ],
        Some(n) => {
            let codings = super::progress::step("coding it again", || {
                synth::coders(&spec, &study, n, args.disagreement)
            });
            let mut outputs = Vec::new();
            for (c, base_themes) in codings.into_iter().enumerate() {
                let dir = PathBuf::from(format!("coder-{}", c + 1));
                outputs.extend([
                    Output::new(
                        dir.join(crate::codebook::DIMENSIONS),
                        study.dimensions.clone(),
                    ),
                    Output::new(
                        dir.join(crate::codebook::COMPONENTS),
                        study.components.clone(),
                    ),
                    Output::new(dir.join(crate::codebook::BASE_THEMES), base_themes),
                    Output::new(
                        dir.join(crate::codebook::INTERVIEWEES),
                        study.interviewees.clone(),
                    ),
                    Output::new(dir.join(crate::codebook::study::STUDY), study.study.clone()),
                ]);
            }
            outputs
        }
    };
    let written = write::write_all(&destination, &outputs)?;
    use crate::lang::count;
    super::print(
        format!(
            "synthetic study: {}, {}, {}, {}, {} (seed {})\n{}",
            count(spec.dimensions as u64, "dimension", "dimensions"),
            count(spec.components as u64, "component", "components"),
            count(spec.base_themes as u64, "base theme", "base themes"),
            count(spec.interviewees as u64, "interviewee", "interviewees"),
            count(spec.codings, "coding", "codings"),
            spec.seed,
            crate::export::text::wrote(&written)
        )
        .as_bytes(),
    )
}
