//! Which levels of a code tree are dimensions and components. Base themes are always the
//! leaves (codes without sub-codes).
//!
//! The mapping, for a leaf at depth `d` with ancestors `a1 … ad` (a1 a top-level code) and
//! levels `D`, `C` (1-based tree depths; 0 means "none"):
//! - its dimension is `aD` when `D < d`; otherwise one dimension named after the project;
//! - its component is `aC` when `C < d`; otherwise a component named after its dimension;
//! - its base theme is named by the codes below the deeper of the two up to the leaf, joined
//!   with ` / ` (a leaf right under its component: just its name);
//! - codes between `D` and `C` are folded away; codes with the same name at the same place
//!   merge.
//!
//! Default, by the tree's depth: 3 or more → `1,2`; 2 → `0,1` (top-level codes are components
//! of one dimension); 1 → `0,0` (one dimension, one component, every code a base theme).
//!
//! Not for who raised what ([`super::import`]).

use super::read::Code;

/// Tree depths of the dimension and component levels (0: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levels {
    pub dimension: usize,
    pub component: usize,
}

impl Levels {
    /// `D,C` as given to `--levels`.
    pub fn parse(text: &str) -> Result<Levels, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let bad = || {
            format!(
                "--levels {text:?}: give the tree depths of the dimensions and the components, e.g. 1,2 (0 for none: 0,1 makes the top-level codes components of one dimension)"
            )
        };
        let [d, c] = parts.as_slice() else {
            return Err(bad());
        };
        let (d, c): (usize, usize) = (d.parse().map_err(|_| bad())?, c.parse().map_err(|_| bad())?);
        if c != 0 && d >= c || c == 0 && d != 0 {
            return Err(format!("--levels {text}: the dimension level must be above the component level (e.g. 1,2 or 1,3), or 0"));
        }
        Ok(Levels {
            dimension: d,
            component: c,
        })
    }

    /// The default for a tree `depth` deep.
    pub fn default_for(depth: usize) -> Levels {
        match depth {
            0 | 1 => Levels {
                dimension: 0,
                component: 0,
            },
            2 => Levels {
                dimension: 0,
                component: 1,
            },
            _ => Levels {
                dimension: 1,
                component: 2,
            },
        }
    }
}

/// How deep a tree is (a flat list: 1).
pub fn depth(codes: &[Code]) -> usize {
    codes
        .iter()
        .map(|c| 1 + depth(&c.children))
        .max()
        .unwrap_or(0)
}

/// A base theme's place: its dimension and component (the codes that stand for them, `None`
/// where the level is filled in), its label, and the leaf code.
#[derive(Debug, Clone)]
pub struct Leaf<'a> {
    pub dimension: Option<&'a Code>,
    pub component: Option<&'a Code>,
    pub label: String,
    pub code: &'a Code,
}

/// Every leaf in document order, placed by `levels`.
pub fn leaves<'a>(codes: &'a [Code], levels: Levels) -> Vec<Leaf<'a>> {
    fn walk<'a>(code: &'a Code, path: &mut Vec<&'a Code>, levels: Levels, out: &mut Vec<Leaf<'a>>) {
        path.push(code);
        if code.children.is_empty() {
            let d = path.len();
            let at = |level: usize| (level >= 1 && level < d).then(|| path[level - 1]);
            let dimension = at(levels.dimension);
            let component = at(levels.component);
            let above = if levels.component >= 1 && levels.component < d {
                levels.component
            } else if levels.dimension >= 1 && levels.dimension < d {
                levels.dimension
            } else {
                0
            };
            let label = path[above..]
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(" / ");
            out.push(Leaf {
                dimension,
                component,
                label,
                code,
            });
        } else {
            for child in &code.children {
                walk(child, path, levels, out);
            }
        }
        path.pop();
    }
    let mut out = Vec::new();
    for code in codes {
        walk(code, &mut Vec::new(), levels, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str, children: Vec<Code>) -> Code {
        Code {
            guid: name.into(),
            name: name.into(),
            codable: children.is_empty(),
            color: None,
            description: String::new(),
            children,
            line: 1,
        }
    }

    fn placed(codes: &[Code], levels: Levels) -> Vec<(String, String, String)> {
        let name = |c: Option<&Code>| c.map_or("-".to_string(), |c| c.name.clone());
        leaves(codes, levels)
            .iter()
            .map(|l| (name(l.dimension), name(l.component), l.label.clone()))
            .collect()
    }

    fn t(d: &str, c: &str, b: &str) -> (String, String, String) {
        (d.into(), c.into(), b.into())
    }

    #[test]
    fn three_levels_map_one_to_one_and_deeper_leaves_keep_their_path() {
        let tree = vec![code(
            "D",
            vec![
                code(
                    "C",
                    vec![code("b", vec![]), code("x", vec![code("y", vec![])])],
                ),
                code("lone", vec![]),
            ],
        )];
        assert_eq!(depth(&tree), 4);
        assert_eq!(
            placed(&tree, Levels::default_for(4)),
            [t("D", "C", "b"), t("D", "C", "x / y"), t("D", "-", "lone")]
        );
        // Folding level 2 away: level 3 becomes the components.
        assert_eq!(
            placed(&tree, Levels::parse("1,3").unwrap()),
            [t("D", "-", "C / b"), t("D", "x", "y"), t("D", "-", "lone")]
        );
    }

    #[test]
    fn shallow_trees_get_one_dimension_and_flat_lists_one_component() {
        let two = vec![code("A", vec![code("a1", vec![])]), code("B", vec![])];
        assert_eq!(
            placed(&two, Levels::default_for(depth(&two))),
            [t("-", "A", "a1"), t("-", "-", "B")]
        );
        let flat = vec![code("a", vec![]), code("b", vec![])];
        assert_eq!(
            placed(&flat, Levels::default_for(depth(&flat))),
            [t("-", "-", "a"), t("-", "-", "b")]
        );
    }

    #[test]
    fn levels_are_checked() {
        assert_eq!(
            Levels::parse(" 1 , 3").unwrap(),
            Levels {
                dimension: 1,
                component: 3
            }
        );
        for bad in ["2,1", "1,1", "1", "a,b", "1,0", "1,2,3"] {
            assert!(Levels::parse(bad).is_err(), "{bad}");
        }
        assert!(Levels::parse("0,0").is_ok());
    }
}
