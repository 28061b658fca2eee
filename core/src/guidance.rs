//! Guidance that protects staff (SPEC §6): staff names and heated language.
//! Never blocks and never alters the guest's words; it only points things out.

/// A byte range in the checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A configured staff name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    /// The name as configured (`Jean-Marc`), not as typed.
    pub name: String,
    pub span: Span,
}

/// Why a passage reads as heated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatKind {
    Insult,
    Slur,
    Threat,
    Dehumanising,
    Shouting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatHit {
    pub kind: HeatKind,
    pub span: Span,
}

/// Everything guidance noticed in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub names: Vec<NameHit>,
    pub heat: Vec<HeatHit>,
}

impl Findings {
    pub fn is_heated(&self) -> bool {
        !self.heat.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.heat.is_empty()
    }
}

/// Prepared once per config so a keystroke only pays for the scan.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    staff_names: Vec<String>,
}

impl Checker {
    pub fn new(staff_names: &[String]) -> Checker {
        Checker {
            staff_names: staff_names.to_vec(),
        }
    }

    pub fn check(&self, _text: &str) -> Findings {
        let _ = &self.staff_names;
        Findings::default()
    }
}

/// Configured names present in any of the texts, deduplicated, in config order.
pub fn names_mentioned(checker: &Checker, findings: &[&Findings]) -> Vec<String> {
    checker
        .staff_names
        .iter()
        .filter(|n| {
            findings
                .iter()
                .any(|f| f.names.iter().any(|h| &h.name == *n))
        })
        .cloned()
        .collect()
}
