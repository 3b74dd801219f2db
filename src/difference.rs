//! What changed between two versions of a study (`thematic diff`, `watch`): the comparison of
//! their tables ([`crate::compare`]) with the findings of their audits that appeared, changed
//! or were resolved. Above the audit, which uses the comparison of tables for its readings
//! rule; the comparison of tables is below it.
//!
//! Not for rendering (`export::changes`).

use crate::audit::{Audit, Finding};
use crate::compare::{shares, tables, Change, ShareChange};
use crate::persian::match_key;
use crate::tables::Tables;
use serde::Serialize;

/// Everything that differs between two computed results of a study: rows, shares, findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub changes: Vec<Change>,
    pub shares: Vec<ShareChange>,
    /// Findings of the second audit only: what the change introduced.
    pub appeared: Vec<Finding>,
    /// Findings of the first audit only: what the change resolved.
    pub resolved: Vec<Finding>,
    /// Findings of both (same rule and subject) whose message changed: the later one.
    pub changed: Vec<Finding>,
    /// The items' English labels in either version (the later one's first), to name them.
    #[serde(skip)]
    pub labels: crate::audit::Labels,
}

impl Difference {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.shares.is_empty()
            && self.appeared.is_empty()
            && self.resolved.is_empty()
            && self.changed.is_empty()
    }
}

/// The difference between (tables, audit) before and after.
pub fn difference(before: (&Tables, &Audit), after: (&Tables, &Audit)) -> Difference {
    let found = findings(before.1, after.1);
    // A finding about the same subject by the same rule in both, worded differently, changed.
    let same = |a: &Finding, b: &Finding| {
        a.rule == b.rule && match_key(&a.subject) == match_key(&b.subject)
    };
    let changed: Vec<Finding> = found
        .added
        .iter()
        .filter(|f| found.removed.iter().any(|g| same(f, g)))
        .map(|f| (*f).clone())
        .collect();
    Difference {
        labels: after.1.labels.or(&before.1.labels),
        changes: tables(before.0, after.0),
        shares: shares(before.0, after.0),
        appeared: found
            .added
            .iter()
            .filter(|f| !found.removed.iter().any(|g| same(f, g)))
            .map(|f| (*f).clone())
            .collect(),
        resolved: found
            .removed
            .iter()
            .filter(|f| !found.added.iter().any(|g| same(f, g)))
            .map(|f| (*f).clone())
            .collect(),
        changed,
    }
}

/// Findings only in one of two audits (matched by rule, subject and message, compared after
/// Persian normalisation).
#[derive(Debug, Default, PartialEq)]
pub struct FindingChanges<'a> {
    /// In `after` only: what the change introduced.
    pub added: Vec<&'a Finding>,
    /// In `before` only: what the change resolved.
    pub removed: Vec<&'a Finding>,
}

pub fn findings<'a>(before: &'a Audit, after: &'a Audit) -> FindingChanges<'a> {
    // Labels written differently but the same after Persian normalisation (a renamed row)
    // make the same finding.
    let same = |a: &Finding, b: &Finding| {
        a.rule == b.rule
            && match_key(&a.subject) == match_key(&b.subject)
            && match_key(&a.message) == match_key(&b.message)
    };
    FindingChanges {
        added: after
            .findings
            .iter()
            .filter(|f| !before.findings.iter().any(|g| same(f, g)))
            .collect(),
        removed: before
            .findings
            .iter()
            .filter(|f| !after.findings.iter().any(|g| same(f, g)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::{load, Source};

    #[test]
    fn identical_audits_have_no_changes() {
        let codebook = load(&Source::BuiltIn).expect("the built-in codebook loads");
        let tables = crate::tables::compute(&codebook).expect("tables");
        let audit = crate::audit::audit(
            &codebook,
            &tables,
            &crate::audit::Settings::new(crate::lang::Lang::En),
        );
        assert_eq!(findings(&audit, &audit), FindingChanges::default());
        assert!(difference((&tables, &audit), (&tables, &audit)).is_empty());
    }
}
