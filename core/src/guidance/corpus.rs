//! The labelled corpus in `core/guidance/corpus.tsv` and the precision and recall of
//! [`Checker`] over it, shared by the tests, `examples/guidance_bench.rs` (run by
//! `bench/guidance`) and the browser timing test. Not used by the app.
use crate::lang::Lang;

use super::{Checker, Field, Findings};

/// Columns: `lang` (`en`/`fr`), `field` (`praise`/`complaint`), `names`
/// (comma-separated, from [`STAFF`]), `heated` (0/1), `text`. The first line is the
/// header.
pub const TSV: &str = include_str!("../../guidance/corpus.tsv");

/// The staff list the corpus is labelled against.
pub const STAFF: [&str; 8] = [
    "Amy",
    "Jean-Marc",
    "Sophie",
    "Léa",
    "Tom",
    "Marie-Ève",
    "D'Arcy",
    "Zoë",
];

/// The comment line in `corpus.tsv` after which texts are held out: written after
/// the lists were reviewed and never used to tune them, so their figures estimate
/// how the lists do on texts nobody has seen.
pub const HELD_OUT_MARK: &str = "# held out";

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Line number in the file.
    pub line: usize,
    pub lang: Lang,
    /// The box it was written in: names in the praise are passed on, in the complaint
    /// noted; shouting counts only in the complaint.
    pub field: Field,
    /// The staff it names, whichever the field.
    pub names: Vec<String>,
    pub heated: bool,
    pub text: &'static str,
    /// After [`HELD_OUT_MARK`].
    pub held_out: bool,
}

/// The name of a field in the corpus.
pub fn field_name(field: Field) -> &'static str {
    match field {
        Field::Praise => "praise",
        Field::Complaint => "complaint",
    }
}

/// The samples, or the first malformed line. Lines starting with `#` are comments.
pub fn samples() -> Result<Vec<Sample>, String> {
    parse("corpus.tsv", TSV)
}

/// The samples of a file in the corpus's format (`file` names it in errors); a first
/// line starting with `lang` is the header.
pub fn parse(file: &str, tsv: &'static str) -> Result<Vec<Sample>, String> {
    let mut held_out = false;
    let mut out = Vec::new();
    for (n, l) in tsv.lines().enumerate() {
        if n == 0 && l.starts_with("lang\t") {
            continue;
        }
        let at = n + 1;
        if l.starts_with('#') {
            held_out |= l.starts_with(HELD_OUT_MARK);
            continue;
        }
        if l.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = l.splitn(5, '\t').collect();
        let [lang, field, names, heated, text] = cols[..] else {
            return Err(format!("{file}:{at}: expected 5 columns"));
        };
        let lang = Lang::ALL
            .into_iter()
            .find(|l| l.code() == lang)
            .ok_or_else(|| format!("{file}:{at}: language {lang:?}"))?;
        let field = [Field::Praise, Field::Complaint]
            .into_iter()
            .find(|f| field_name(*f) == field)
            .ok_or_else(|| format!("{file}:{at}: field {field:?}"))?;
        let heated = match heated {
            "0" => false,
            "1" => true,
            other => return Err(format!("{file}:{at}: heated {other:?}")),
        };
        let names: Vec<String> = names
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(bad) = names.iter().find(|n| !STAFF.contains(&n.as_str())) {
            return Err(format!("{file}:{at}: {bad} is not on the staff list"));
        }
        out.push(Sample {
            line: at,
            lang,
            field,
            names,
            heated,
            text,
            held_out,
        });
    }
    Ok(out)
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// 1 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A misclassified text.
#[derive(Debug, Clone)]
pub struct Miss {
    pub line: usize,
    pub lang: Lang,
    pub field: Field,
    /// `names` or `heated`.
    pub check: &'static str,
    pub expected: String,
    pub found: String,
    pub text: &'static str,
}

/// The figures of a set of texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub samples: usize,
    /// Per (text, name) pair: the complaint's noted names, the praise's passed-on ones.
    pub names: Score,
    /// Per text.
    pub heated: Score,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.samples += other.samples;
        self.names.add(other.names);
        self.heated.add(other.heated);
    }
}

/// The figures of the texts in one language and field, tuning or held out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub held_out: bool,
    pub lang: Lang,
    pub field: Field,
    pub tally: Tally,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub samples: usize,
    /// Per (text, name) pair.
    pub names: Score,
    /// Per text.
    pub heated: Score,
    /// The same, over the held-out texts only ([`HELD_OUT_MARK`]).
    pub held_out_samples: usize,
    pub held_out_names: Score,
    pub held_out_heated: Score,
    /// By part, language and field, in that order.
    pub groups: Vec<Group>,
    pub misses: Vec<Miss>,
}

impl Report {
    /// The figures of the groups that `keep` picks.
    pub fn tally(&self, keep: impl Fn(&Group) -> bool) -> Tally {
        let mut t = Tally::default();
        for g in self.groups.iter().filter(|g| keep(g)) {
            t.add(g.tally);
        }
        t
    }

    fn group(&mut self, held_out: bool, lang: Lang, field: Field) -> &mut Tally {
        let at = match self
            .groups
            .iter()
            .position(|g| (g.held_out, g.lang, g.field) == (held_out, lang, field))
        {
            Some(at) => at,
            None => {
                let key = |g: &Group| (g.held_out, g.lang as u8, g.field as u8);
                let new = Group {
                    held_out,
                    lang,
                    field,
                    tally: Tally::default(),
                };
                let at = self.groups.partition_point(|g| key(g) < key(&new));
                self.groups.insert(at, new);
                at
            }
        };
        &mut self.groups[at].tally
    }
}

/// A checker for [`STAFF`].
pub fn staff_checker() -> Checker {
    let staff: Vec<String> = STAFF.iter().map(|s| (*s).to_owned()).collect();
    Checker::new(&staff)
}

/// What was flagged, with the flagged text: `Insult «idiot», Shouting «!!!»`.
pub fn describe_heat(text: &str, findings: &Findings) -> String {
    findings
        .heat
        .iter()
        .map(|h| {
            let passage = text.get(h.span.start..h.span.end).unwrap_or("?");
            format!("{:?} «{passage}»", h.kind)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs [`staff_checker`] over the corpus, each text as its field: the names a
/// complaint gets a note for and the names a praise passes on must both be the
/// labelled ones; shouting counts only in the complaint.
pub fn evaluate() -> Result<Report, String> {
    evaluate_with(&staff_checker())
}

/// [`evaluate`] with a given checker (the bench's `--scorer` turns the learned scorer
/// on or off whatever the app's default).
pub fn evaluate_with(checker: &Checker) -> Result<Report, String> {
    let samples = samples()?;
    let mut report = Report {
        samples: samples.len(),
        ..Report::default()
    };
    for s in samples {
        let f = checker.check(s.field, s.text);
        let found = match s.field {
            Field::Complaint => checker.names_mentioned(&f),
            Field::Praise => checker.staff_named(&f),
        };
        let tp = found.iter().filter(|n| s.names.contains(n)).count();
        let names = Score {
            tp,
            fp: found.len() - tp,
            fn_: s.names.len() - tp,
        };
        if tp != found.len() || tp != s.names.len() {
            report.misses.push(Miss {
                line: s.line,
                lang: s.lang,
                field: s.field,
                check: "names",
                expected: s.names.join(","),
                found: found.join(","),
                text: s.text,
            });
        }
        let heated = f.is_heated();
        let score = Score {
            tp: usize::from(s.heated && heated),
            fp: usize::from(!s.heated && heated),
            fn_: usize::from(s.heated && !heated),
        };
        if s.heated != heated {
            report.misses.push(Miss {
                line: s.line,
                lang: s.lang,
                field: s.field,
                check: "heated",
                expected: u8::from(s.heated).to_string(),
                found: describe_heat(s.text, &f),
                text: s.text,
            });
        }
        report.group(s.held_out, s.lang, s.field).add(Tally {
            samples: 1,
            names,
            heated: score,
        });
    }
    let all = report.tally(|_| true);
    let held_out = report.tally(|g| g.held_out);
    (report.names, report.heated) = (all.names, all.heated);
    report.held_out_samples = held_out.samples;
    (report.held_out_names, report.held_out_heated) = (held_out.names, held_out.heated);
    Ok(report)
}

/// A calm guest text of exactly `chars` characters, where the rules find nothing and
/// the learned scorer (when on) reads the whole text: its worst case.
pub fn calm_text(chars: usize) -> String {
    "The soup was cold and we waited forty minutes for the mains, which is not what we \
     expect at these prices. Le dessert était correct. "
        .chars()
        .cycle()
        .take(chars)
        .collect()
}

/// A realistic guest text of exactly `chars` characters: French and English,
/// polite and heated, with staff names, for timing [`Checker::check`].
pub fn sample_text(chars: usize) -> String {
    const PARTS: [&str; 12] = [
        "Le serveur était un peu lent ce soir, mais Léa nous a très bien conseillés sur le vin. ",
        "The soup was cold and we waited forty minutes for the mains, which is far too long. ",
        "Honestly the manager was an idiot about our booking and Jean-Marc had to sort it out. ",
        "La terrasse est magnifique, les desserts aussi, mais l'addition était vraiment salée. ",
        "Amy’s recommendation was spot on, the Tom yum soup was the best I've had in years!!! ",
        "C'est inadmissible, je vais vous faire virer si ça continue, espèce de cochon stupide. ",
        "We loved the atmosphere; the kids menu could be bigger and the chairs more comfortable. ",
        "THE MUSIC WAS WAY TOO LOUD and nobody answered when we asked to turn it down a bit. ",
        "Sophie a été adorable avec les enfants, merci à toute l'équipe pour cette soirée. ",
        "The b*tch at the till charged us twice and the c0nnard at the bar laughed at us. ",
        "Dommage pour l'attente, on reviendra quand même : le poisson était parfaitement cuit. ",
        "Tom's burger recommendation was great, though the fries were soggy and lukewarm. ",
    ];
    let mut out = String::new();
    let mut n = 0;
    'fill: loop {
        for part in PARTS {
            for c in part.chars() {
                if n == chars {
                    break 'fill;
                }
                out.push(c);
                n += 1;
            }
        }
    }
    out
}
