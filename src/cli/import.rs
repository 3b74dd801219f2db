//! `thematic import`: a REFI-QDA project (`.qdpx`) or codebook (`.qdc`) written as a codebook
//! directory, with a report of what was mapped and what was left out.

use crate::error::{Error, Result};
use crate::import::refi::{self, Levels};
use crate::write::{self, Destination, Output};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project (.qdpx) or codebook (.qdc) exported by NVivo, ATLAS.ti, MAXQDA, QualCoder,
    /// Taguette or thematic; a bare project.qde is read too.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Codebook directory to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Tree depths of the dimensions and the components, e.g. 1,2 (0: none; base themes are
    /// always the leaves). Default: 1,2 for trees three or more deep, 0,1 for two, 0,0 for one.
    #[arg(long, value_name = "D,C")]
    levels: Option<String>,
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &ImportArgs) -> Result<()> {
    let levels = args
        .levels
        .as_deref()
        .map(Levels::parse)
        .transpose()
        .map_err(Error::Usage)?;
    let destination = Destination {
        out_dir: args.out.clone(),
        codebook_dir: None,
        force: args.force.force,
    };
    write::check(&destination)?;
    let imported = super::progress::step("importing", || refi::import(&args.file, levels))
        .map_err(Error::Import)?;
    let outputs: Vec<Output> = imported
        .files
        .iter()
        .map(|(name, bytes)| Output::new(*name, bytes.clone()))
        .collect();
    let codebook_files: Vec<&str> = crate::codebook::FILES
        .iter()
        .chain(&crate::codebook::OPTIONAL_FILES)
        .copied()
        .collect();
    let written = write::write_replacing(&destination, &outputs, &codebook_files)?;
    let mut text = format!(
        "imported {} into {}\n",
        args.file.display(),
        args.out.display()
    );
    for line in &imported.report {
        text.push_str(&format!("  {line}\n"));
    }
    text.push_str(&crate::export::text::wrote(&written));
    // True of a scheme too: it runs, every base theme at 0 until the coding is filled in. A
    // project without a single code has nothing to run.
    if imported.base_themes == 0 {
        text.push_str(&format!(
            "next: the project has no codes, so there is nothing to count: add codes in the QDA tool and import again (or rows to {}), then thematic run --codebook {}\n",
            args.out.join(crate::codebook::BASE_THEMES).display(),
            args.out.display()
        ));
    } else {
        text.push_str(&format!(
            "next: thematic run --codebook {}\n",
            args.out.display()
        ));
    }
    super::print(text.as_bytes())
}
