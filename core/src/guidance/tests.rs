use super::classes::{AIMED, SWEAR};
use super::lists::{builtin, entry_lines, in_bundle, keys, lists, WORD_LISTS};
use super::*;

fn staff() -> Checker {
    corpus::staff_checker()
}

fn names(text: &str) -> Vec<String> {
    staff()
        .check(Field::Complaint, text)
        .names
        .into_iter()
        .map(|h| h.name)
        .collect()
}

/// The text under each name hit.
fn name_spans(text: &str) -> Vec<&str> {
    staff()
        .check(Field::Complaint, text)
        .names
        .iter()
        .map(|h| &text[h.span.start..h.span.end])
        .collect()
}

fn heat(text: &str) -> Vec<(HeatKind, &str)> {
    staff()
        .check(Field::Complaint, text)
        .heat
        .iter()
        .map(|h| (h.kind, &text[h.span.start..h.span.end]))
        .collect()
}

/// The app fetches every `.txt` of `core/guidance/` as one bundle (scripts/post-build.mjs
/// joins them); the lists built from it are those the native tests check.
#[test]
fn the_fetched_bundle_gives_the_same_lists() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/guidance");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .map(|name| {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_default();
            (name, text)
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    let bundle: String = files
        .iter()
        .map(|(name, text)| format!("\u{1e}{name}\n{text}"))
        .collect();
    for (name, text) in &files {
        assert_eq!(builtin(name), Some(text.as_str()), "{name} is built in");
        assert_eq!(in_bundle(&bundle, name), Some(text.as_str()));
    }
    let fetched = super::lists::Lists::parse(|f| in_bundle(&bundle, f));
    assert_eq!(fetched.errors, []);
    assert_eq!(fetched.lex.len(), lists().lex.len());
    assert_eq!(fetched.ordered, lists().ordered);

    // A bundle that lost a file still parses, and says which file.
    let short: String = files
        .iter()
        .filter(|(name, _)| name != "allow.txt")
        .map(|(name, text)| format!("\u{1e}{name}\n{text}"))
        .collect();
    let partial = super::lists::Lists::parse(|f| in_bundle(&short, f));
    assert_eq!(partial.errors, [("allow.txt", 0, "missing")]);
    assert_eq!(in_bundle("<!doctype html>", "allow.txt"), None);
}

#[test]
fn the_lists_parse_without_errors() {
    assert_eq!(lists().errors, []);
    for list in &WORD_LISTS {
        let text = builtin(list.file).unwrap_or_default();
        assert!(text.starts_with("# "), "{} needs its header", list.file);
        assert!(
            text.contains("Reviewed"),
            "{} must say it was reviewed",
            list.file
        );
        assert!(text.contains("To add an entry"), "{}", list.file);
        assert!(text.contains("README.md"), "{}", list.file);
        assert!(matches!(list.lang, "en" | "fr"), "{}", list.file);
    }
}

/// Whether a list line starts with a word that counts only when aimed at a person
/// ("stupid", "dumb as a brick", « putain »: `[aimed]` and `[swear]` of address.txt).
fn aimed_only(line: &str) -> bool {
    let first = line.split([' ', '|']).next().unwrap_or(line);
    let key = keys(first.trim_end_matches('*'));
    key.len() == 1
        && lists()
            .lex
            .get(&key[0])
            .is_some_and(|l| l.class & (AIMED | SWEAR) != 0)
}

/// Sample texts for a list line: each alternative in turn, `@name` as Amy; a `~word` or
/// a word that counts only when aimed, aimed at a person.
fn samples(line: &str, lang: &str) -> Vec<String> {
    let (contextual, line) = match line.strip_prefix('~') {
        Some(rest) => (true, rest),
        None => (aimed_only(line), line),
    };
    let pieces: Vec<Vec<&str>> = line
        .split_whitespace()
        .filter(|p| *p != "...")
        .map(|p| {
            p.split('|')
                .map(|a| {
                    if a == "@name" {
                        "Amy"
                    } else {
                        a.trim_end_matches('*')
                    }
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (at, piece) in pieces.iter().enumerate() {
        for alt in piece {
            let words: Vec<&str> = pieces
                .iter()
                .enumerate()
                .map(|(k, p)| if k == at { *alt } else { p[0] })
                .collect();
            let mut phrase = words.join(" ");
            // A comparison ("thick as pigshit") counts only when aimed too.
            if contextual || aimed_only(words[0]) || words.get(1) == Some(&"as") {
                let lead = if lang == "fr" { "espèce de" } else { "you" };
                phrase = format!("{lead} {phrase}");
            }
            let sentence = if lang == "fr" {
                format!("Franchement, {phrase} aujourd'hui.")
            } else {
                format!("Honestly, {phrase} today.")
            };
            if !out.contains(&sentence) {
                out.push(sentence);
            }
        }
    }
    out
}

#[test]
fn every_entry_of_every_list_is_found() {
    let checker = staff();
    let mut tried = 0;
    for list in &WORD_LISTS {
        for (n, line) in entry_lines(builtin(list.file).unwrap_or_default()) {
            for text in samples(line, list.lang) {
                tried += 1;
                let f = checker.check(Field::Complaint, &text);
                assert!(
                    f.heat.iter().any(|h| h.kind == list.kind),
                    "{}:{n} {line:?} not found as {:?} in {text:?}: {:?}",
                    list.file,
                    list.kind,
                    f.heat
                );
            }
        }
    }
    assert!(tried > 500, "{tried}");
}

/// `idiot` → `IDIOT`, `idioooot`, `1d1ot`, `i*iot`.
fn disguises(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_uppercase()];
    if let Some(v) = chars.iter().rposition(|c| "aeiouy".contains(*c)) {
        let mut s = chars.clone();
        s.insert(v, chars[v]);
        s.insert(v, chars[v]);
        out.push(s.into_iter().collect());
    }
    let leet: String = chars
        .iter()
        .map(|&c| match c {
            'o' => '0',
            'i' => '1',
            'e' => '3',
            'a' => '@',
            c => c,
        })
        .collect();
    if leet != word {
        out.push(leet);
    }
    if chars.len() >= 4 {
        let mut s = chars.clone();
        s[1] = '*';
        out.push(s.into_iter().collect());
    }
    out
}

#[test]
fn every_listed_word_is_found_disguised() {
    let checker = staff();
    for list in &WORD_LISTS {
        for (n, line) in entry_lines(builtin(list.file).unwrap_or_default()) {
            let word = line.trim_start_matches('~');
            if word.contains([' ', '*']) {
                continue;
            }
            for d in disguises(word) {
                let lead = match (line.starts_with('~') || aimed_only(line), list.lang) {
                    (false, _) => "",
                    (true, "fr") => "espèce de ",
                    (true, _) => "you ",
                };
                let text = format!("well {lead}{d} again");
                assert!(
                    checker.check(Field::Complaint, &text).is_heated(),
                    "{}:{n} {word:?} missed as {text:?}",
                    list.file
                );
            }
        }
    }
}

#[test]
fn ordinary_complaints_are_not_heated() {
    for text in [
        "the soup was cold",
        "l'attente était trop longue",
        "the waiter forgot our drinks",
        "it was a bit of a joke",
        "c'était nul",
        "Franchement nul, le dessert.",
        "the staff were rude",
        "dirty table, sticky menus",
        "this heat is killing me",
        "I'm going to complain to the manager",
        "I'll leave a review",
        "Je vais porter plainte.",
        "Le retard était énorme.",
        "Tom yum soup was too spicy",
        "chili con carne, jerk chicken and a hot dog",
        "Le cochon de lait et le filet de porc étaient secs.",
        "We had the pulled pig and the pig cheeks.",
        "We saw a rat in the yard.",
        "They treated us like animals.",
        "The food was garbage.",
        "C'est bête, personne ne nous a proposé de dessert.",
        "La vache, c'était long !",
        "Pros and cons: the only con is the parking.",
        "Our CEO loved the BBQ, the USA themed night was fun.",
        "I did NOT order this.",
        "Great food!! Thanks.",
        "Why?! Just why?",
        "The service was slow, lazy and useless.",
        "I could kill for your chocolate cake.",
        "I hope nobody gets fired over this, it was just a busy night.",
        "On a dû attendre 20 min. Dommage.",
        "2024 was better, the menu had 3 more dishes and 10% off.",
        "Prix : 25 $ par personne, c'est cher.",
        // From e2e/guidance.test.mjs.
        "L'attente était trop longue et la soupe était froide.",
        "The waitress was slow to bring the bill",
        // Strong words about the service, food or place, and recourse, stay unflagged.
        "Awful. Worst service ever, rude staff, never again.",
        "Service déplorable, plats minables, on ne reviendra pas.",
        "The staff were pathetic and the manager was useless.",
        "I'll call my lawyer.",
        "I'll report this to the health inspector.",
        "Je vais appeler mon avocat et signaler ça à l'hygiène.",
        "The photos online look nothing like the food.",
        "Les photos sur Instagram sont plus belles que les plats.",
        "Please get rid of the flies, they were everywhere.",
        "Andouille de Vire, pain bâtard et ris de veau : tout était froid.",
        "The tasting menu was a witch's brew of flavours, April fool's joke of a bill.",
        "Oh!Sorry, the fish was fine, thanks!",
        "C'était une espèce de ragoût tiède.",
        "On était une bande de copains, et la bande de jeunes à côté chantait.",
        "They brought a bunch of flowers for the table.",
        "They gave you useless advice about parking.",
        "A hare-brained booking system.",
        "Amy is an absolute legend and Léa une vraie perle.",
        "You absolute legend, thank you!",
        "The manager was a complete disaster at handling the booking.",
        "Le service était un vrai désastre.",
        "What a gem that waitress was, and what a lovely waiter.",
        "Quel plaisir, cette serveuse ! Quel dommage, ce serveur était débordé.",
        "What a difference this waiter made. What a shame that manager left.",
        "You're dead right about the dessert. On se retrouvera l'an prochain !",
        "Une table vous attend dehors, sur la terrasse.",
        "Hotel ***** rating, 5*** service? Not quite.",
        "Ce manque de serveurs et ce type de serveur pressé, dommage.",
        // The README's examples.
        "Awful. Worst service ever, rude staff, I'll report this to the health inspector",
        "Service déplorable, plats minables, je vais porter plainte",
    ] {
        assert_eq!(heat(text), [], "{text}");
    }
}

#[test]
fn heated_language_in_english_and_french() {
    for (text, kind, passage) in [
        ("The waiter is an idiot.", HeatKind::Insult, "idiot"),
        ("what a STUUUUPID waiter", HeatKind::Insult, "STUUUUPID"),
        ("what a st*pid place", HeatKind::Insult, "st*pid"),
        ("quel c0nnard", HeatKind::Insult, "c0nnard"),
        ("a real 1diot", HeatKind::Insult, "1diot"),
        ("s.t.u.p.i.d service", HeatKind::Insult, "s.t.u.p.i.d"),
        ("the manager is an @sshole", HeatKind::Insult, "@sshole"),
        ("un vrai connnnnard", HeatKind::Insult, "connnnnard"),
        ("F**K this", HeatKind::Insult, "F**K"),
        ("so fuuucking slow", HeatKind::Insult, "fuuucking"),
        ("I'll get you fired", HeatKind::Threat, "get you fired"),
        ("you should be fired", HeatKind::Threat, "should be fired"),
        ("je vais vous faire virer", HeatKind::Threat, "faire virer"),
        ("Faut la virer.", HeatKind::Threat, "Faut la virer"),
        ("Il faut virer Tom.", HeatKind::Threat, "faut virer"),
        (
            "Get Jean-Marc fired.",
            HeatKind::Threat,
            "Get Jean-Marc fired",
        ),
        (
            "I know where you live",
            HeatKind::Threat,
            "know where you live",
        ),
        (
            "The manager is a STUPID PIG and I will get you fired!!!",
            HeatKind::Threat,
            "get you fired",
        ),
        (
            "Le serveur est un cochon stupide.",
            HeatKind::Dehumanising,
            "cochon",
        ),
        (
            "Le serveur est un cochon stupide.",
            HeatKind::Insult,
            "stupide",
        ),
        ("espèce de porc", HeatKind::Dehumanising, "porc"),
        ("you pig", HeatKind::Dehumanising, "pig"),
        ("the staff are animals", HeatKind::Dehumanising, "animals"),
        ("Tom is a pig", HeatKind::Dehumanising, "pig"),
        ("c'est un porc", HeatKind::Dehumanising, "porc"),
        ("bande de cons", HeatKind::Insult, "cons"),
        ("Sh!t waiter again.", HeatKind::Insult, "Sh!t"),
        ("What the f*** is this.", HeatKind::Insult, "f***"),
        (
            "Espèce de malotru, il nous a ignorés.",
            HeatKind::Insult,
            "Espèce de malotru",
        ),
        (
            "Vous êtes une bande d'amateurs.",
            HeatKind::Insult,
            "bande d'amateurs",
        ),
        (
            "What a bunch of amateurs.",
            HeatKind::Insult,
            "bunch of amateurs",
        ),
        ("You useless lot.", HeatKind::Insult, "You useless lot"),
        (
            "What a numpkin that waiter is.",
            HeatKind::Insult,
            "What a numpkin",
        ),
        (
            "Quel malotru ce caissier !",
            HeatKind::Insult,
            "Quel malotru",
        ),
        (
            "Ce malotru de serveur nous a ignorés.",
            HeatKind::Insult,
            "Ce malotru de serveur",
        ),
        (
            "the waitress is a total airhead, I'll get her fired",
            HeatKind::Threat,
            "get her fired",
        ),
        ("the manager is a complete moron", HeatKind::Insult, "moron"),
        (
            "espèce d'abruti, je vais te faire virer",
            HeatKind::Insult,
            "espèce d'abruti",
        ),
        (
            "The host was a complete boor.",
            HeatKind::Insult,
            "complete boor",
        ),
        (
            "Le serveur est un vrai malotru.",
            HeatKind::Insult,
            "vrai malotru",
        ),
        ("What a creep that host is.", HeatKind::Insult, "creep"),
        (
            "the lady at the till was a right old witch",
            HeatKind::Insult,
            "witch",
        ),
        ("Quel zozo ce caissier.", HeatKind::Insult, "zozo"),
        ("Espèce de vipère.", HeatKind::Dehumanising, "vipère"),
        ("Pauv' cloche, va.", HeatKind::Insult, "cloche"),
        ("You bird-brained oaf.", HeatKind::Insult, "bird-brained"),
        (
            "I'll get her fired, wait for you outside.",
            HeatKind::Threat,
            "wait for you outside",
        ),
        (
            "Your face will be all over TikTok.",
            HeatKind::Threat,
            "face will be all over",
        ),
        (
            "Je vais la faire renvoyer.",
            HeatKind::Threat,
            "faire renvoyer",
        ),
        (
            "Il mérite une bonne claque.",
            HeatKind::Threat,
            "mérite une bonne claque",
        ),
        ("what a bunch of clowns", HeatKind::Insult, "clowns"),
        ("sale arabe", HeatKind::Slur, "sale arabe"),
        (
            "THE SOUP WAS COLD AND NOBODY CAME",
            HeatKind::Shouting,
            "THE SOUP WAS COLD AND NOBODY CAME",
        ),
        (
            "It was COLD, STALE AND LATE, again",
            HeatKind::Shouting,
            "COLD, STALE AND LATE",
        ),
        ("Where is my food!!!", HeatKind::Shouting, "!!!"),
        ("Seriously???", HeatKind::Shouting, "???"),
        ("Are you kidding?!?!", HeatKind::Shouting, "?!?!"),
        ("Encore‼!", HeatKind::Shouting, "‼!"),
        (
            "C'EST INADMISSIBLE, PERSONNE NE RÉPOND",
            HeatKind::Shouting,
            "C'EST INADMISSIBLE, PERSONNE NE RÉPOND",
        ),
    ] {
        let found = heat(text);
        assert!(found.contains(&(kind, passage)), "{text}: {found:?}");
    }
}

#[test]
fn names_whole_word_case_and_accent_insensitive() {
    assert_eq!(names("amy was lovely"), ["Amy"]);
    assert_eq!(names("AMY forgot us"), ["Amy"]);
    assert_eq!(names("Amy's smile"), ["Amy"]);
    assert_eq!(names("Amy’s smile"), ["Amy"]);
    assert_eq!(names("l'attitude d'Amy"), ["Amy"]);
    assert_eq!(names("thanks @Amy!"), ["Amy"]);
    assert_eq!(names("lea was kind"), ["Léa"]);
    assert_eq!(names("LÉA était là"), ["Léa"]);
    // `e` followed by a combining acute accent.
    assert_eq!(names("Le\u{301}a était là"), ["Léa"]);
    assert_eq!(names("Sophie et Tom"), ["Sophie", "Tom"]);
    assert_eq!(names("jean-marc forgot our order twice"), ["Jean-Marc"]);
    assert_eq!(names("Amy was so slow"), ["Amy"]);
    for text in [
        "Amyot and Lamy were there",
        "a sophisticated menu",
        "Tom yum soup, a Tom Collins and tom kha",
        "Tomato soup",
        "Léandre et Galéa",
        "Sophia and Leah",
        "Thomas",
    ] {
        assert_eq!(names(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn compound_names() {
    for text in [
        "Jean-Marc was rude",
        "jean-marc was rude",
        "jean marc was rude",
        "JEAN-MARC was rude",
        "Jean Marc was rude",
        "Jean – Marc was rude",
        "Jean‑Marc was rude",
        "jeanmarc was rude",
        "Jean-Marc's table",
    ] {
        assert_eq!(names(text), ["Jean-Marc"], "{text}");
    }
    for text in [
        "Jean. Marc came later",
        "Jean came",
        "Marc came",
        "Jean-Marcel",
    ] {
        assert_eq!(names(text), Vec::<String>::new(), "{text}");
    }
    // The longer configured name wins over a configured part.
    let c = Checker::new(&["Jean".into(), "Jean-Marc".into()]);
    let found: Vec<String> = c
        .check(Field::Complaint, "Jean-Marc and Jean")
        .names
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(found, ["Jean-Marc", "Jean"]);
}

#[test]
fn spans_point_at_the_text() {
    assert_eq!(name_spans("Thanks to JEAN-MARC's team"), ["JEAN-MARC"]);
    assert_eq!(name_spans("« Léa » et jean marc"), ["Léa", "jean marc"]);
    assert_eq!(name_spans("merci @Amy."), ["Amy"]);
    assert_eq!(name_spans("l'équipe d'Amy’s"), ["Amy"]);
    let text = "Honnêtement, Léa était une vraie c0nne !!!";
    let f = staff().check(Field::Complaint, text);
    assert_eq!(f.names[0].span, Span { start: 14, end: 18 });
    assert_eq!(
        heat(text),
        [(HeatKind::Insult, "c0nne"), (HeatKind::Shouting, "!!!")]
    );
}

#[test]
fn spans_are_on_char_boundaries() {
    let checker = staff();
    let texts = corpus::samples().unwrap_or_else(|e| panic!("{e}"));
    let long = corpus::sample_text(4000);
    let mut checked = 0;
    for text in texts
        .iter()
        .map(|s| s.text)
        .chain([long.as_str(), "é!!!É‼"])
    {
        let f = checker.check(Field::Complaint, text);
        let spans = f
            .names
            .iter()
            .map(|h| h.span)
            .chain(f.heat.iter().map(|h| h.span));
        for span in spans {
            assert!(span.start < span.end, "{text}");
            assert!(text.get(span.start..span.end).is_some(), "{text}");
            checked += 1;
        }
    }
    // Over the whole corpus, not an empty one: it holds hundreds of hits.
    assert!(checked >= 200, "only {checked} spans checked");
}

#[test]
fn names_mentioned_in_config_order() {
    let c = staff();
    let complaint = c.check(Field::Complaint, "Tom, then Léa and Amy, then Tom again");
    assert_eq!(c.names_mentioned(&complaint), ["Amy", "Léa", "Tom"]);
    assert!(c.staff_named(&complaint).is_empty());
    assert_eq!(
        c.names_mentioned(&Findings::default()),
        Vec::<String>::new()
    );
}

#[test]
fn names_in_the_praise_are_passed_on_not_noted() {
    let c = staff();
    let praise = c.check(
        Field::Praise,
        "Merci à JEAN MARC et à Amy’s team, et Amy encore",
    );
    assert_eq!(c.staff_named(&praise), ["Amy", "Jean-Marc"]);
    assert!(c.names_mentioned(&praise).is_empty());
    assert!(praise.names_to_note().is_empty());
    assert!(!praise.has_note());
    // The same words in the complaint get the note.
    let complaint = c.check(Field::Complaint, "Merci à JEAN MARC et à Amy’s team");
    assert_eq!(complaint.names_to_note().len(), 2);
    assert!(complaint.names_to_pass_on().is_empty());
    assert!(complaint.has_note());
}

#[test]
fn shouting_counts_only_in_the_complaint() {
    let c = staff();
    for joy in [
        "THANK YOU SO MUCH!!!",
        "Best night ever!!!!",
        "Amy, you are AMAZING, THE BEST WAITRESS IN TOWN",
        "MERCI POUR TOUT, C'ÉTAIT PARFAIT ???!!!",
    ] {
        let praise = c.check(Field::Praise, joy);
        assert!(!praise.is_heated(), "{joy}: {:?}", praise.heat);
        let complaint = c.check(Field::Complaint, joy);
        assert!(
            complaint.heat.iter().all(|h| h.kind == HeatKind::Shouting) && complaint.is_heated(),
            "{joy}: {:?}",
            complaint.heat
        );
    }
    // Insults, slurs and threats count in either text.
    for heated in [
        "Thanks, you idiot",
        "Quel c0nnard ce serveur",
        "I'll get you fired",
    ] {
        assert!(c.check(Field::Praise, heated).is_heated(), "{heated}");
        assert!(c.check(Field::Praise, heated).has_note(), "{heated}");
    }
}

#[test]
fn blank_names_and_no_names() {
    let c = Checker::new(&["".into(), "  ".into(), "-".into()]);
    assert!(c
        .check(Field::Complaint, "anything at all")
        .names
        .is_empty());
    let d = Checker::default();
    assert!(d.check(Field::Complaint, "Amy is an idiot").is_heated());
    assert!(!d.check(Field::Complaint, "").has_note());
    assert_eq!(
        d.check(Field::Praise, ""),
        Findings {
            field: Field::Praise,
            ..Findings::default()
        }
    );
}

/// The file line of [`corpus::HELD_OUT_MARK`].
fn held_out_line() -> usize {
    corpus::TSV
        .lines()
        .position(|l| l.starts_with(corpus::HELD_OUT_MARK))
        .map_or(usize::MAX, |n| n + 1)
}

#[test]
fn the_corpus_holds_its_figures() {
    let report = corpus::evaluate().unwrap_or_else(|e| panic!("{e}"));
    let samples = corpus::samples().unwrap_or_default();
    assert!(report.samples >= 600, "{} texts", report.samples);
    assert!(samples.iter().filter(|s| s.heated).count() >= 80);
    assert!(samples.iter().filter(|s| !s.names.is_empty()).count() >= 40);
    // The held-out part is empty while a fresh one is written by someone who has not
    // read the lists (the last one was seen and moved to the tuning part); once there,
    // it is large enough to mean something.
    let held_out_heated = report.held_out_heated.tp + report.held_out_heated.fn_;
    assert!(
        report.held_out_samples == 0 || (report.held_out_samples >= 150 && held_out_heated >= 50),
        "{} held-out texts, {held_out_heated} heated",
        report.held_out_samples
    );
    let tuning = report.tally(|g| !g.held_out);
    let misses: Vec<String> = report
        .misses
        .iter()
        .filter(|m| m.line < held_out_line())
        .map(|m| format!("{}:{} {} {:?}", m.line, m.check, m.found, m.text))
        .collect();
    // Thresholds on the tuning part only (the held-out part is measured, never a
    // target): `bench/guidance` reports, with the scorer on as in the app, names 1,359
    // TP, 1 FP, 3 FN and heated 2,783 TP, 3 FP, 150 FN over 6,295 texts (precision
    // 0.999, recall 0.949; the rules alone 0.927: the training texts of the sixth and
    // seventh reviews, written by others and scored once, brought it down from 0.98);
    // the thresholds leave room for a slip.
    for (check, s, precision, recall) in [
        ("names", tuning.names, 0.99, 0.99),
        ("heated", tuning.heated, 0.99, 0.92),
    ] {
        assert!(
            s.precision() >= precision && s.recall() >= recall,
            "{check}: precision {:.3}, recall {:.3}; misses {misses:#?}",
            s.precision(),
            s.recall()
        );
    }
}

#[test]
fn constructions_catch_insults_nobody_listed() {
    // Made-up or unlisted nouns, said of a person by how the sentence is built.
    for (text, passage) in [
        ("You greedy little weasel.", "You greedy little weasel"),
        (
            "The barman was a lazy, useless turnip.",
            "lazy, useless turnip",
        ),
        (
            "He's a sneaky little snorkwhistle.",
            "sneaky little snorkwhistle",
        ),
        (
            "What a useless turnip that waiter is.",
            "What a useless turnip",
        ),
        ("That clown of a manager.", "clown of a manager"),
        ("A blatherskite of a waiter.", "blatherskite of a waiter"),
        ("A poor excuse for a waiter.", "excuse for a waiter"),
        ("T'es qu'un pauvre gougnaflon.", "pauvre gougnaflon"),
        ("Le serveur est un sale prétentieux.", "sale prétentieux"),
        ("Sale gougnaflon !", "Sale gougnaflon"),
        ("Toi, sale raciste.", "sale raciste"),
        ("Maudit serveur.", "Maudit serveur"),
        ("Ce sale serveur nous a ignorés.", "sale serveur"),
        ("The staff are a disgrace.", "a disgrace"),
    ] {
        let found = heat(text);
        assert!(
            found
                .iter()
                .any(|(k, p)| *k == HeatKind::Insult && *p == passage),
            "{text}: {found:?}"
        );
    }
    // Animals a person is likened to; indirect threats.
    for text in [
        "The cashier looked like a pig.",
        "Le patron ressemble à un porc.",
        "Ils se comportent comme des animaux.",
        "I know where you park.",
        "See you after your shift.",
        "On se reverra à la sortie, crois-moi.",
        "Mettez-moi ce serveur à la porte.",
        "Fire the whole lot of them.",
    ] {
        assert_ne!(heat(text), [], "{text}");
    }
}

#[test]
fn look_alikes_of_the_constructions_stay_unflagged() {
    for text in [
        // Self-deprecation and insults a guest reports receiving insult nobody here.
        "I was an idiot to order the fish on a Monday.",
        "I'm not an idiot, I ordered the steak medium.",
        "Stupid me, I forgot my voucher.",
        "The waiter called me an idiot for asking about allergens.",
        "The waiter made me feel like an idiot.",
        "J'étais vraiment con de commander le poisson.",
        "Je me suis senti vraiment con.",
        "Le serveur m'a traité de connard, inadmissible.",
        // Verdicts on the service, the evening or the staff's experience.
        "The manager was a little rude to us at the door.",
        "Our waiter was a lazy student, poor service overall.",
        "The waiter was a complete beginner.",
        "The chef is a lousy cook.",
        "It was a sorry sight.",
        "The burger was a sad excuse for a meal.",
        "One hell of a waiter, and a gem of a waitress.",
        "A total disaster of a meal.",
        "What a disappointment this meal was.",
        "Le chef est un vrai artiste.",
        "Le serveur était un étudiant, pas formé.",
        // « sale », « maudit » about things.
        "Une sale soirée, sale temps.",
        "Les verres étaient sales et les couverts aussi.",
        "C'était sale, vous savez.",
        "Maudit hiver, le stationnement était plein.",
        "Tables sales, serveurs lents.",
        // Comparisons about places, goodbyes, recourse.
        "The toilets smelled like a wet dog.",
        "They treated us like animals.",
        "Merci, on se reverra bientôt !",
        "Faites attention à vous, et merci.",
        "Je vous aurai prévenus : le parking est payant.",
        "Ils nous ont mis à la porte à 22 h.",
        "Fire alarm went off, the whole lot of us went outside.",
        "The service is a disgrace. Le service est une honte.",
        "Better watch out, I'm coming back for that cheesecake!",
    ] {
        assert_eq!(heat(text), [], "{text}");
    }
}

#[test]
fn animal_words_read_by_scorn_apposition_and_looks() {
    for (text, heated) in [
        ("That smug little cow at the desk was rude.", true),
        ("The cook though, that pig, sneezed on the pass.", true),
        (
            "Great pizza, shame about the owner, a total pig to his staff.",
            true,
        ),
        ("La serveuse blonde, une vraie dinde, ne sait rien.", true),
        ("Sophie et Marie-Ève, deux pintades qui gloussent.", true),
        ("The doorman glared at us like a rabid dog.", true),
        ("zoe u absolute melt", true),
        ("The manager is such a pompous windbag.", true),
        ("ur staff r all thick as pigsh*t", true),
        ("A nasty rat ran across the floor.", false),
        ("The kids loved the three little pigs mural.", false),
        (
            "The owner's dog, who slept by the fire, was adorable.",
            false,
        ),
        ("The dog who greeted us was sweet.", false),
        ("Du vrai porc fermier, mais sec.", false),
        ("Une vraie dinde de Noël en juillet.", false),
        ("Tom recommended the special, a pig roast.", false),
        ("Pas besoin de se casser la tête.", false),
        ("The pork was as thick as a brick.", false),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
}

#[test]
fn a_staff_name_with_a_surname_is_someone_else() {
    assert_eq!(
        names("On a cru voir Léa Seydoux à la table d'à côté."),
        Vec::<String>::new()
    );
    assert_eq!(
        names("It felt like dining with Sophie Marceau."),
        Vec::<String>::new()
    );
    assert_eq!(names("Merci Léa. Léa a été adorable."), ["Léa", "Léa"]);
    assert_eq!(names("AMY WAS RUDE"), ["Amy"]);
    let mut both = names("Tom and Amy were late.");
    both.sort();
    assert_eq!(both, ["Amy", "Tom"]);
}

#[test]
fn strong_words_and_swearing_count_only_when_aimed_at_a_person() {
    for (text, heated) in [
        // Aimed at a person: heated.
        ("You stupid waiter, you forgot us.", true),
        ("The waiter is so dumb he lost our order twice.", true),
        ("Stupid Tom forgot the drinks.", true),
        (
            "Livreur complètement débile, il a sonné chez le voisin.",
            true,
        ),
        ("Le serveur c'est un gros débile.", true),
        ("Le livreur, ce gros débile, a jeté le sac.", true),
        ("Espèce de débile, tu as renversé le vin.", true),
        ("T'es débile ou quoi ?", true),
        ("Putain de serveur, il nous a oubliés.", true),
        ("Shit waiter, cold food.", true),
        ("You piece of shit, give me my change.", true),
        ("Marie-Eve is as dumb as a box of rocks.", true),
        // Said of a thing, of the writer, or of nobody: not heated.
        ("The stupid app kept crashing when I tried to pay.", false),
        (
            "Dumb mistake on my part booking for 8 on a Saturday.",
            false,
        ),
        ("Me, stupid enough to trust the 5 star reviews.", false),
        ("What a stupid place, never again.", false),
        ("C'est débile de fermer la cuisine à 21 h.", false),
        (
            "The waiter said the rule is stupid, and he was right.",
            false,
        ),
        (
            "The lady at the till is so dumb she charged us twice.",
            true,
        ),
        ("Tom really is dumb.", true),
        ("Une règle débile : pas de carafe d'eau.", false),
        ("Putain, 28 euros pour trois feuilles de salade.", false),
        (
            "C'était de la merde, le tartare avait un goût de frigo.",
            false,
        ),
        ("Putain de déception, le cassoulet était fade.", false),
        ("Holy shit, that cheesecake!", false),
        ("This shitty café took my money.", false),
        (
            "Your \"Big Bastard Burger\" is neither big nor much of a burger.",
            false,
        ),
        ("The Big Bastard Burger was dry.", false),
        // A title holding a person, or only insults, is still aimed.
        ("Bloody Idiot, that waiter.", true),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
}

#[test]
fn the_classes_blind_v4_missed_and_their_look_alikes() {
    for (text, heated) in [
        ("Tell the grumpy sod on the till to smile.", true),
        ("Unlike that oaf Tom who slammed the plates down.", true),
        ("Lucky sod at the next table got the last dessert.", false),
        ("A fat lump of butter sat on the steak.", false),
        ("They served tea in a dirty mug of lukewarm water.", false),
        ("That clown of a waiter forgot us.", true),
        ("Ce porc de serveur nous a ignorés.", true),
        ("Le caissier est un blaireau de première.", true),
        (
            "The knife was a useless tool against the steak, blunt as a spoon.",
            true,
        ),
        ("Your kitchen is run by chimps.", true),
        ("La cuisine est tenue par des singes.", true),
        ("The zoo café is run by volunteers.", false),
        ("Amy needs to get sacked.", true),
        ("I know what car you drive, mate.", true),
        ("I know what car to rent next time.", false),
        (
            "The old geezer at the door is too senile to read a list.",
            true,
        ),
        ("Votre caissier a une tête de cake.", true),
        ("La tête de veau était parfaite.", false),
        (
            "Oh fada, le serveur ! Un vrai cake, il m'apporte la mauvaise pizza.",
            true,
        ),
        ("Un vrai cake maison, moelleux.", false),
        ("Elle est complètement gâteuse.", true),
        ("jeanmarc le sale lâche s'est planqué en cuisine", true),
        ("Le serveur a nettoyé la sale table.", false),
        ("À la sortie ce soir je t'attends.", true),
        ("Je sais où t'habites Tom.", true),
        ("Bloody useless the lot of you.", true),
        ("Your manager is a sad little man.", true),
        ("that fat cook should lay off his own food", true),
        ("The fat chips were perfect.", false),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
}

#[test]
fn the_classes_blind_v5_missed_and_their_look_alikes() {
    for (text, heated) in [
        // A person's trait likened to a thing; not praise, and not a thing's trait.
        ("The barman has the manners of a goat.", true),
        ("Léa a le QI d'une huître.", true),
        ("Your host has a face like a slapped arse.", true),
        ("The waiter had the patience of a saint.", false),
        ("The chef has the brain of an artist.", false),
        ("The steak had the personality of a shoe sole.", false),
        ("Léa a la politesse d'une autre époque.", false),
        // Waiting, seeing again, exposing online, the job.
        (
            "Wait till you finish your shift, I'll be by the bins.",
            true,
        ),
        ("I'll be waiting for my refund.", false),
        ("I have your waiter's name and photo.", true),
        (
            "Posted a pic of the chef with my birthday cake, what a legend.",
            false,
        ),
        ("Let's see how long he keeps his job.", true),
        ("Je t'attendrai à la sortie ce soir.", true),
        ("Le taxi nous attendait à la sortie.", false),
        ("Elle peut préparer son CV.", true),
        ("Si je la recroise en ville, je lui dirai merci.", false),
        // Words that insult only a person they are said of.
        ("The waiter is sooo ugly.", true),
        ("The wallpaper is ugly.", false),
        ("amy t trop bête", true),
        ("Le chef est une bête, ce canard était sublime.", false),
        ("Une serveuse aussi moche que votre déco.", true),
        ("La déco est moche.", false),
        ("Ostie de serveur, y nous a oubliés.", true),
        ("Tabarnak que c'est long.", false),
        ("The self-checkout is dumb as rocks.", false),
        (
            "Your manager is about as useful as a chocolate teapot.",
            true,
        ),
        // Said of oneself.
        ("Quelle idiote je suis d'avoir pris le poisson.", false),
        ("J'suis trop con, j'ai oublié.", false),
        // Verdicts, fragments and answers.
        ("The owner is a tight-fisted old goblin.", true),
        ("The slow-cooked pig cheek was dry.", false),
        ("Pathetic creature.", true),
        ("Le cuisinier ? Un porc.", true),
        ("Le plat du chef ? Un porc au caramel.", false),
        ("zoe u r a joke", true),
        ("The booking system is a joke.", false),
        ("Manager = walking toothache.", true),
        ("Waiter = total legend.", false),
        ("The host was a shifty little man.", true),
        ("The host was a little slow.", false),
        ("Vous employez des ânes.", true),
        (
            "Darcy needs to go back to whatever swamp they dragged him out of.",
            true,
        ),
        ("We went back to the car.", false),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
}

#[test]
fn praise_slang_is_praise_in_the_praise_box_only() {
    let checker = staff();
    for text in [
        "Tom is a beast behind the grill.",
        "The chef is an animal, what a brisket!",
        "Le chef est un monstre, ce soufflé !",
        "Tom, you absolute beast, that brisket was unreal.",
    ] {
        assert!(!checker.check(Field::Praise, text).is_heated(), "{text}");
        assert!(checker.check(Field::Complaint, text).is_heated(), "{text}");
    }
    // Other dehumanising words stay heated in the praise.
    let text = "Sophie is an angel. The other girl is a right cow though.";
    assert!(checker.check(Field::Praise, text).is_heated());
}

#[test]
fn the_classes_blind_v6_missed_and_their_look_alikes() {
    for (text, heated) in [
        // A person's picture and where it goes; not a thing's, nor the guests'.
        (
            "I filmed your waiter shouting at us and it's going on TikTok tonight.",
            true,
        ),
        (
            "J'ai filmé votre caissière, elle va faire le buzz sur TikTok.",
            true,
        ),
        ("Je vais mettre la photo de ta tronche sur Facebook.", true),
        (
            "I'll post a review with photos of the soup on TripAdvisor.",
            false,
        ),
        ("The waiter took a photo of us for your Instagram.", false),
        (
            "I have a photo of the receipt if the manager wants it.",
            false,
        ),
        // Veiled threats in plain words.
        ("I know which car your manager drives.", true),
        ("Tell your cook I'd love to see him after his shift.", true),
        ("The barman will hear from me.", true),
        ("The manager will hear from me about this.", false),
        ("People like that waitress end up regretting it.", true),
        ("Je vais la retrouver cette serveuse, elle va voir.", true),
        (
            "Faites attention à votre serveur, je connais du monde.",
            true,
        ),
        (
            "Faites attention à votre serveur, il a renversé du vin sur ma veste.",
            false,
        ),
        // The job, and wishes of harm.
        ("Your bartender needs sacking.", true),
        ("I won't rest until she's out on the street.", true),
        (
            "We waited so long we were nearly out on the street at closing time.",
            false,
        ),
        ("Hope the waitress enjoys the dole.", true),
        ("Ce serveur ne passera pas la semaine chez vous.", true),
        (
            "Le restaurant ne passera pas l'hiver avec des prix pareils.",
            false,
        ),
        ("Il faudrait lui retirer son permis, à ce livreur.", true),
        ("I hope your hands ache all night.", true),
        ("On devrait crever ses pneus, à ce gérant.", true),
        ("Je lui ferais bien avaler son badge.", true),
        ("I hope the chef gets a raise, he deserves it.", false),
        ("J'ai failli me casser la gueule dans l'escalier.", false),
        // A bare verdict on a person, whatever the noun; not a neutral noun, praise,
        // a nationality or a fan of something.
        ("Le barman est un rapace.", true),
        ("Your waitress is an overgrown child who sulks.", true),
        ("T'es une incapable, Marie-Ève.", true),
        ("ur a disgrace mate", true),
        ("The waiter is a student, be kind.", false),
        ("The chef is an Italian and it shows in the pasta.", false),
        ("The manager is a fan of jazz, apparently.", false),
        ("Le chef est un passionné de vin.", false),
        ("The waitress was a godsend tonight.", false),
        // A thing dressed as staff; not a person in a tie.
        ("The doorman looks like a turnip in a tie.", true),
        ("Votre gérant, c'est une limace en uniforme.", true),
        ("The waiter in a tie was lovely.", false),
        ("A man with a beard took our order.", false),
        // A fragment of character or an animal after a sentence about a person; not a
        // person's noun, an attitude or a dish.
        (
            "The cashier ignored us for ten minutes. Spiteful little toad.",
            true,
        ),
        ("Le serveur nous a ignorés. Un prétentieux hautain.", true),
        ("Le serveur nous a ignorés. Des larves.", true),
        ("The cashier ignored us for ten minutes. Rude staff.", false),
        ("The waiter rolled his eyes. Arrogant attitude.", false),
        (
            "Le serveur nous a oubliés. Des frites froides, en plus.",
            false,
        ),
        // A list after one copula.
        ("D'Arcy est nulle, moche et méchante.", true),
        ("The room is dark, cramped and ugly.", false),
        // Go back to where you came from; not a holiday.
        ("He should go back to where he came from.", true),
        ("Le chef est rentré dans son pays pour les vacances.", false),
        // Said of oneself, or of a dish.
        ("Quelle idiote je fais, j'ai oublié mes lunettes.", false),
        ("Le croque-madame était un vrai désastre.", false),
        ("Le croque-monsieur était un vrai navet.", false),
        ("Le serveur est un vrai navet.", true),
        (
            "The lamp had a dim bulb, we could barely read the menu.",
            false,
        ),
        ("Talk about a dim bulb, that waiter.", true),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
    // Exposure is a threat in the complaint; a picture with the staff in the praise is
    // a celebration.
    let text = "Took a photo of the chef and it's going on Instagram.";
    assert!(staff().check(Field::Complaint, text).is_heated());
    assert!(!staff().check(Field::Praise, text).is_heated());
}

#[test]
fn the_classes_of_the_sixth_reviews_training_texts_and_their_look_alikes() {
    for (text, heated) in [
        // A bare verdict past describing words, a complement or an adverb; not a good
        // word, a time or a neutral noun.
        (
            "The hairdresser is a bloated windbag who never listens.",
            true,
        ),
        (
            "The hairdresser is a hard worker, but the salon was freezing.",
            false,
        ),
        ("The driver was an hour late and the pizza was cold.", false),
        (
            "Le chef de cuisine est un cafard qui se cache en cuisine.",
            true,
        ),
        (
            "Le chef de cuisine est un passionné, mais le service était long.",
            false,
        ),
        ("Tom, t'es vraiment une quiche.", true),
        (
            "Tom, t'es vraiment un ange, mais le plat était froid.",
            false,
        ),
        ("The pharmacist is a glorified vending machine.", true),
        ("The pharmacist was a great help, the queue was not.", false),
        // An intensifier and a noun in apposition; not praise or a neutral noun.
        (
            "Le patron, par contre, un vrai rapiat, il a compté chaque centime.",
            true,
        ),
        (
            "The chef, a real pro, came out to apologise for the wait.",
            false,
        ),
        ("Le patron, un vrai passionné, nous a parlé du vin.", false),
        // Likenesses.
        ("Votre coiffeur, c'est un hérisson à lunettes.", true),
        (
            "Le serveur à lunettes était très gentil, la soupe moins.",
            false,
        ),
        (
            "Le réceptionniste on dirait une limace mal réveillée.",
            true,
        ),
        ("Votre serveur est aussi utile qu'un parapluie troué.", true),
        (
            "Ce guide est aussi utile qu'un plan de la ville, merci.",
            false,
        ),
        ("Vos vendeurs sont une meute de chacals.", true),
        ("A pathetic excuse for a man runs your front desk.", true),
        ("A giant of a man carried our bags up, lovely chap.", false),
        // Exposure and plain-word threats.
        ("I've got her Instagram now, the girl on reception.", true),
        (
            "Posting the barber's photo on the village page tonight.",
            true,
        ),
        (
            "Posting the barber's price list on the village page, it's a bargain.",
            false,
        ),
        ("Amy won't have a job by Friday, mark my words.", true),
        ("Qu'il crève, ce vendeur.", true),
        ("Le pneu de mon vélo a crevé devant votre boutique.", false),
        ("Je vais trouver où habite ce barman.", true),
        ("Je vais trouver où se trouve la sortie.", false),
        ("Cheers Sherlock, the milk goes in the fridge.", true),
        ("Si tu recommences, je te casse les dents.", true),
        ("Je me suis cassé une dent sur un noyau d'olive.", false),
        ("Je sais dans quel quartier il habite, ce livreur.", true),
        ("Les serveurs sont des limaces en tablier.", true),
        ("Les serveurs en tablier noir étaient charmants.", false),
        ("Contrairement au gérant, une vraie fouine sournoise.", true),
        ("Contrairement au gérant, un vrai pro de l'accueil.", false),
        ("The sulky cow at the till ignored us.", true),
        ("La serveuse, l'autre andouille qui nous a oubliés.", true),
        ("On a pris l'autre andouille, celle de Guémené.", false),
        ("The bouncer, who should be muzzled, shouted at us.", true),
        ("The dog at the next table should be muzzled.", false),
        ("La vendeuse a la tronche d'un pitbull enragé.", true),
        ("La tronche d'un gâteau raté, ce fraisier.", false),
        ("The manager is a jellyfish without a spine.", true),
        (
            "The waiter is a student without a car, so he left early.",
            false,
        ),
        ("Le chef est un perfectionniste sans faille.", false),
        ("Le gérant, ce cloporte, nous a ignorés.", true),
        ("Un cloporte dans la salle de bain.", false),
        ("J'ai attrapé des poux au salon.", false),
        (
            "Jamais vu un garçon aussi mal embouché, un vrai singe en veston.",
            true,
        ),
        ("Le serveur en veston blanc était adorable.", false),
        ("La boulangère a un balai dans le c*l.", true),
        ("Un balai dans le placard à côté des toilettes.", false),
        // Insults quoted from what was said to the guest, and the guest's own.
        (
            "The waiter called me \"mate\" and then \"idiot\" when I asked for change.",
            false,
        ),
        (
            "I know I'm a grumpy old git, but twenty minutes for tea?",
            false,
        ),
        (
            "Sophie said \"relax, it's only a cake\" about the wrong name.",
            false,
        ),
        ("Amy's carrot cake should be illegal.", false),
    ] {
        assert_eq!(!heat(text).is_empty(), heated, "{text}: {:?}", heat(text));
    }
    // "Found her Instagram" is how a guest finds a baker, in either box.
    let text = "Found her Instagram through your website, her cakes are stunning.";
    assert!(!staff().check(Field::Praise, text).is_heated());
    assert!(!staff().check(Field::Complaint, text).is_heated());
}

/// A staff first name right after one of the guest's own people is that person: not
/// noted in the complaint, not passed on in the praise; the same name elsewhere, or
/// after someone else's relation ("your colleague Zoë"), is still a staff name.
#[test]
fn a_name_after_the_guests_own_people_is_theirs() {
    let c = staff();
    for text in [
        "My son Tom has a nut allergy and nobody listened.",
        "My friend Amy and I waited an hour.",
        "Me and my mate Tom waited forty minutes.",
        "My friend's daughter Amy is coeliac.",
        "My best friend, Léa, ordered the fish.",
        "My little girl Zoë loved the pancakes.",
        "Ma copine Zoé est cœliaque.",
        "Mon fils Tom est allergique aux arachides.",
        "Mon mari Jean-Marc a attendu son plat.",
        "Ma mère Sophie a été malade.",
        "Mon collègue D'Arcy a payé deux fois.",
    ] {
        let complaint = c.check(Field::Complaint, text);
        assert!(c.names_mentioned(&complaint).is_empty(), "{text}");
        assert!(!complaint.has_note(), "{text}");
        let praise = c.check(Field::Praise, text);
        assert!(c.staff_named(&praise).is_empty(), "{text}");
    }
    for (text, named) in [
        (
            "My friend Tom said Tom the barman ignored us.",
            &["Tom"][..],
        ),
        ("My wife Sophie ordered and Amy forgot her.", &["Amy"]),
        ("Your colleague Zoë was rude to my mum.", &["Zoë"]),
        ("Our girl Amy at the till is a star.", &["Amy"]),
        (
            "Ma mère Sophie a adoré le service de Marie-Ève.",
            &["Marie-Ève"],
        ),
        (
            "Votre collègue Amy a été désagréable avec ma mère.",
            &["Amy"],
        ),
        ("My son was served by Tom.", &["Tom"]),
    ] {
        let complaint = c.check(Field::Complaint, text);
        assert_eq!(c.names_mentioned(&complaint), named, "{text}");
        let praise = c.check(Field::Praise, text);
        assert_eq!(c.staff_named(&praise), named, "{text}");
    }
}

/// Legitimate look-alikes the app's learned scorer flags although the rules leave them
/// alone: its known false positives (`core/guidance/README.md`, "Decision"). The two
/// tests below hold every other legitimate look-alike with the scorer on, as in the app.
const SCORER_FLAGS: [&str; 4] = [
    "After that haircut I won't be able to show my face at work.",
    "I hope she doesn't lose her job over this.",
    "J'espère qu'elle glissera un mot au chef.",
    "Hope your wallet doesn't get nicked here.",
];

/// A legitimate look-alike stays unflagged in the app, scorer on, unless it is one of
/// [`SCORER_FLAGS`].
fn app_leaves_alone(text: &str) {
    if !SCORER_FLAGS.contains(&text) {
        let found = staff().with_scorer(true).check(Field::Complaint, text);
        assert!(!found.is_heated(), "the app flags {text}: {:?}", found.heat);
    }
}

#[test]
fn the_scorers_known_false_positives_are_the_rules_look_alikes() {
    // Listed only while true: a retrained scorer that leaves one alone, or rules that
    // start to flag one, means the list is out of date.
    for text in SCORER_FLAGS {
        assert!(!staff()
            .with_scorer(false)
            .check(Field::Complaint, text)
            .is_heated());
        assert!(staff()
            .with_scorer(true)
            .check(Field::Complaint, text)
            .is_heated());
    }
}

/// The rules alone, then the app with its scorer for the legitimate texts.
#[test]
fn the_classes_blind_v7_missed_and_their_look_alikes() {
    let rules = staff().with_scorer(false);
    for (text, heated) in [
        // Insults the guest reports receiving, in quotes or not.
        (
            "Je me suis fait traiter d'« abruti » par le livreur.",
            false,
        ),
        ("Je me suis fait traiter de menteur par le vigile.", false),
        ("I got called a \"moron\" by the delivery driver.", false),
        (
            "Je vais traiter ce serveur d'« abruti » devant tout le monde.",
            true,
        ),
        // Exposure, wishes of harm, the job centre, warnings.
        (
            "Next time she's rude she won't be able to show her face in this town.",
            true,
        ),
        (
            "After that haircut I won't be able to show my face at work.",
            false,
        ),
        ("Hope he comes off his bike on the way home.", true),
        ("Hope they come back with the vegan menu.", false),
        ("I hope someone does the same to him one day.", true),
        ("I hope someone does the same for the next guest.", false),
        (
            "The two of them should be signing on at the job centre by Monday.",
            true,
        ),
        ("We ate here after signing on at the job centre.", false),
        (
            "I've got his number plate. He'll be hearing from me personally.",
            true,
        ),
        ("Consider this your warning.", true),
        (
            "Consider this a warning to anyone booking for twelve.",
            false,
        ),
        (
            "Leave it five more minutes and watch what happens to the crust.",
            false,
        ),
        (
            "Someone should feed him his raw chicken and watch what happens to him.",
            true,
        ),
        (
            "J'espère qu'il se coupera les doigts avec ses ciseaux.",
            true,
        ),
        ("J'attends le livreur à la sortie ce soir.", true),
        ("J'attendais mon taxi à la sortie.", false),
        (
            "Je m'assurerai qu'il ne trouvera plus jamais de boulot ici.",
            true,
        ),
        (
            "Avec cette carte, vous ne trouverez plus jamais de clients ici.",
            false,
        ),
        // Names nobody listed.
        ("She's well past her sell-by date.", true),
        ("The yoghurt was past its sell-by date.", false),
        (
            "That bartender looks like something the cat dragged in.",
            true,
        ),
        ("The burger looked like something out of a magazine.", false),
        ("The cashier hovered over us like a vulture.", true),
        ("The wasps hovered over us like a cloud.", false),
        ("Cuisinier = porc.", true),
        ("Cuisinier = porc au caramel trop sucré.", false),
        ("Ce serveur est une erreur de la nature.", true),
        ("Une erreur de la note, vite corrigée.", false),
        ("Le patron, un vrai tyran de pacotille.", true),
        ("Décoration de pacotille et plats tièdes.", false),
        ("La directrice, un vrai dragon en tailleur.", true),
        ("La directrice en tailleur gris nous a accueillis.", false),
        ("Le nouveau au comptoir, c'est un gros mongol.", true),
        ("Le barbecue mongol était délicieux.", false),
        ("What a sad little life she must lead.", true),
        ("What a sad little salad for twelve pounds.", false),
    ] {
        let found = rules.check(Field::Complaint, text);
        assert_eq!(found.is_heated(), heated, "{text}: {:?}", found.heat);
        if !heated {
            app_leaves_alone(text);
        }
    }
    // In the praise box too.
    for text in [
        "Dommage que la caissière soit une pintade.",
        "Amy was great. The lad on the till deserves a kick up the backside.",
    ] {
        assert!(rules.check(Field::Praise, text).is_heated(), "{text}");
    }
    assert!(!rules
        .check(
            Field::Praise,
            "Le gâteau était divin, dommage que la salle soit une étuve."
        )
        .is_heated());
}

/// The rules alone, then the app with its scorer for the legitimate texts, as above.
#[test]
fn the_classes_of_the_seventh_reviews_training_texts_and_their_look_alikes() {
    let rules = staff().with_scorer(false);
    for (text, heated) in [
        // Wishes of harm after "hope"; not sympathy or safety.
        ("Hope the cashier trips over her own feet.", true),
        ("Hope nobody trips on that loose tile by the door.", false),
        ("I hope the manager loses his job and his flat.", true),
        ("I hope she doesn't lose her job over this.", false),
        ("I hope her bike doesn't get nicked outside.", false),
        ("J'espère qu'elle trébuchera sur ses cartons.", true),
        ("J'espère qu'elle glissera un mot au chef.", false),
        // Harm in idioms; not the same words about a thing or oneself.
        ("Next time he'll be eating through a straw.", true),
        ("My son had to drink it through a straw.", false),
        ("The chef should be drowned in his own soup.", true),
        (
            "Your manager needs to be dragged out back and taught some manners.",
            true,
        ),
        ("The bins were dragged out the back while we ate.", false),
        ("The porter needs taking down a peg or two.", true),
        ("S'il recommence, il repartira sans ses dents.", true),
        ("Le portier mériterait de se faire tabasser.", true),
        ("J'ai failli me faire tabasser par un client ivre.", false),
        (
            "Si je le recroise, il descendra l'escalier tête la première.",
            true,
        ),
        (
            "Je suis tombée tête la première sur le carrelage mouillé.",
            false,
        ),
        // Waiting, coming back with others, the job, exposure.
        ("I'll be waiting in the car park when she finishes.", true),
        (
            "I'll be waiting in the car park for my refund, apparently.",
            false,
        ),
        (
            "I'll come back with a couple of my mates and we'll see how brave he is.",
            true,
        ),
        (
            "I'll come back with a couple of my mates for the match.",
            false,
        ),
        (
            "Votre caissière ne fera pas long feu, je connais le maire.",
            true,
        ),
        (
            "Avec des prix pareils, ce restaurant ne fera pas long feu.",
            false,
        ),
        ("Le livreur va le regretter, croyez-moi.", true),
        ("Sa photo tourne déjà sur les groupes du quartier.", true),
        (
            "La facture, photo à l'appui : 45 euros pour deux cafés.",
            false,
        ),
        // Names nobody listed; not their ordinary senses.
        ("The old bat on reception was vile to my mum.", true),
        ("The waiter looked like he'd been dug up.", true),
        ("The road outside was dug up and we couldn't park.", false),
        ("What a dozy article that cashier is.", true),
        ("I read an article about your bakery.", false),
        (
            "Le serveur est une anguille, impossible d'avoir une réponse.",
            true,
        ),
        ("L'anguille fumée était trop salée.", false),
        // Insults the guest reports, or says of themselves.
        ("Idiot me forgot the voucher.", false),
        (
            "I'm probably being an idiot, but why is a large a medium?",
            false,
        ),
        ("The waiter said, and I quote, \"shut up and wait\".", false),
        (
            "Mon mari s'est fait traiter de « radin » par le serveur.",
            false,
        ),
        (
            "Même moi, pauvre idiot qui mange de tout, j'ai laissé l'assiette.",
            false,
        ),
        // In apposition past where the person works; not a dish.
        ("Le concierge de l'hôtel, un lézard qui tend la main.", true),
        ("The lad at the till, a right pig to my mum.", true),
        (
            "Le chef de la ferme-auberge, une oie rôtie à la main, nous a fait attendre.",
            false,
        ),
        // More harm, and a thing kinder than a person.
        (
            "Put the waiter in the freezer and see how he likes it.",
            true,
        ),
        (
            "We'll see how he likes it with less spice next time.",
            false,
        ),
        ("I'm posting the video of her on the village page.", true),
        ("Hope his garage floods.", true),
        (
            "Hope the garage floods get sorted, the car park was a lake.",
            false,
        ),
        (
            "I'll wait outside for the driver and we'll have words.",
            true,
        ),
        ("I'll wait outside for my order next time.", false),
        (
            "Une chaise aurait été plus aimable que cette vendeuse.",
            true,
        ),
        (
            "Le café d'en face aurait été plus accueillant, et moins cher.",
            false,
        ),
        ("Qu'ils pourrissent dans leur cuisine.", true),
        (
            "Les fruits pourrissent dans la corbeille de l'entrée.",
            false,
        ),
        ("Hope his wallet gets nicked.", true),
        ("Hope your wallet doesn't get nicked here.", false),
        ("Hope the delivery guy falls off his bike.", true),
        ("Hope the price falls off a bit.", false),
        ("Fire the lad with the nose ring, today.", true),
        ("The fire the lad lit in the garden smoked us out.", false),
        ("Un déchet, ce livreur.", true),
        ("Un porc au caramel, ce plat, et sans saveur.", false),
        ("La gérante en revanche, une vieille harpie.", true),
        ("Je sais où habite votre caissière.", true),
        (
            "Je sais où habite votre chat, il dort sur votre terrasse.",
            false,
        ),
    ] {
        let found = rules.check(Field::Complaint, text);
        assert_eq!(found.is_heated(), heated, "{text}: {:?}", found.heat);
        if !heated {
            app_leaves_alone(text);
        }
    }
}
