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
    let study = super::progress::step("generating the study", || synth::generate(&spec));
    let outputs = [
        Output::new(crate::codebook::DIMENSIONS, study.dimensions),
        Output::new(crate::codebook::COMPONENTS, study.components),
        Output::new(crate::codebook::BASE_THEMES, study.base_themes),
        Output::new(crate::codebook::INTERVIEWEES, study.interviewees),
        Output::new(crate::codebook::study::STUDY, study.study),
    ];
    let written = write::write_all(&destination, &outputs)?;
    let list = crate::export::text::file_list(&written);
    super::print(
        format!(
            "synthetic study: {} dimensions, {} components, {} base themes, {} interviewees, \
             {} codings (seed {})\nwrote {} files:\n{list}",
            spec.dimensions,
            spec.components,
            spec.base_themes,
            spec.interviewees,
            spec.codings,
            spec.seed,
            written.len()
        )
        .as_bytes(),
    )
}
