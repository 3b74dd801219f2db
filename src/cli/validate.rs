//! `thematic validate`: load the codebook and say whether it can be computed. Properties of
//! the data that are not errors (codes listed twice, out of order, not on the roster) are
//! counted from the tables and the audit, which decide them, so that the user knows the audit
//! has something to say.

use super::CodebookArgs;
use crate::error::Result;
use crate::{audit, export, tables};
use clap::Args;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
}

pub fn run(args: &ValidateArgs) -> Result<()> {
    let codebook = args.codebook.load()?;
    let tables = super::progress::step("computing the tables", || tables::compute(&codebook))?;
    let audit = super::progress::step("auditing", || {
        audit::audit(
            &codebook,
            &tables,
            &audit::Settings::new(crate::lang::Lang::En),
        )
    });
    super::print(
        export::text::validation(&codebook.location, &tables, &audit, &codebook.study).as_bytes(),
    )
}
