//! Copy of the praise pages (SPEC §11): the public team page (`team.html`) and the
//! inbox's "Praise", team links and "Overview" views. One struct per language, like
//! the kiosk's copy; `{n}` and `{detail}` are filled by [`super::fill`].

use crate::lang::Lang;

#[derive(Debug)]
pub struct PraiseCopy {
    // Shared
    /// A group's heading: `{detail}` the name, `{n}` the count, e.g. "Jean-Marc (3)".
    pub group_heading: &'static str,
    pub whole_team: &'static str,
    pub loading: &'static str,
    /// The team page could not load (the inbox's views tell failures in the inbox's
    /// words, `inbox_page::Failure`).
    pub load_failed: &'static str,
    /// Before a guest's words' date, e.g. "Received 24/11/2026".
    pub received: &'static str,

    // Team page
    pub team_title: &'static str,
    pub team_intro: &'static str,
    pub team_none: &'static str,
    pub link_invalid: &'static str,

    // Praise view
    pub praise_heading: &'static str,
    pub praise_intro: &'static str,
    pub period_legend: &'static str,
    pub from_label: &'static str,
    pub to_label: &'static str,
    pub show: &'static str,
    pub print: &'static str,
    pub praise_none: &'static str,
    pub digest_title: &'static str,
    /// Printed under the digest's title: `{detail}` is the period.
    pub digest_period: &'static str,
    pub all_time: &'static str,

    // Team links
    pub links_heading: &'static str,
    pub links_intro: &'static str,
    pub create_link: &'static str,
    pub link_shown_once: &'static str,
    pub new_link_label: &'static str,
    pub links_none: &'static str,
    /// `{detail}`: when and by whom.
    pub link_made: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,

    // Overview
    pub overview_heading: &'static str,
    pub weeks_title: &'static str,
    pub week: &'static str,
    pub submissions: &'static str,
    pub with_praise: &'static str,
    pub with_complaint: &'static str,
    pub declined_praise: &'static str,
    pub ratings_title: &'static str,
    pub topic: &'static str,
    pub average: &'static str,
    pub ratings_count: &'static str,
    pub overview_none: &'static str,
}

pub fn praise_copy(lang: Lang) -> &'static PraiseCopy {
    match lang {
        Lang::En => &PRAISE_EN,
        Lang::Fr => &PRAISE_FR,
    }
}

pub static PRAISE_EN: PraiseCopy = PraiseCopy {
    group_heading: "{detail} ({n})",
    whole_team: "Whole team",
    loading: "Loading…",
    load_failed: "The praise could not be loaded. Please try again later.",
    received: "Received {detail}",

    team_title: "Praise for the team",
    team_intro: "What guests wrote about you in the last 30 days, in their own words.",
    team_none: "No praise in the last 30 days yet.",
    link_invalid: "This link is no longer valid. Ask your manager for a new one.",

    praise_heading: "Praise",
    praise_intro: "Praise by the person it names, newest first; praise naming no one is for the whole team.",
    period_legend: "Period",
    from_label: "From",
    to_label: "To",
    show: "Show",
    print: "Print",
    praise_none: "No praise in this period.",
    digest_title: "What our guests said",
    digest_period: "Period: {detail}",
    all_time: "all received",

    links_heading: "Team links",
    links_intro: "A team link opens the last 30 days of praise, by person and for the whole team, without signing in. It never shows a complaint, a rating, an email or a place.",
    create_link: "Create team link",
    link_shown_once: "Copy this link now: it is shown only once.",
    new_link_label: "New team link",
    links_none: "No team link yet.",
    link_made: "Made {detail}",
    revoke: "Revoke",
    revoked: "The link has been revoked: it no longer opens the page.",

    overview_heading: "Overview",
    weeks_title: "Submissions per week",
    week: "Week",
    submissions: "Submissions",
    with_praise: "With praise",
    with_complaint: "With a complaint",
    declined_praise: "Declined praise",
    ratings_title: "Average rating per topic",
    topic: "Topic",
    average: "Average (1–5)",
    ratings_count: "Ratings",
    overview_none: "Nothing received in this period.",
};

pub static PRAISE_FR: PraiseCopy = PraiseCopy {
    group_heading: "{detail} ({n})",
    whole_team: "Toute l'équipe",
    loading: "Chargement…",
    load_failed: "Les compliments n'ont pas pu être chargés. Merci de réessayer plus tard.",
    received: "Reçu le {detail}",

    team_title: "Les compliments pour l'équipe",
    team_intro: "Ce que les clients ont écrit sur vous ces 30 derniers jours, avec leurs mots.",
    team_none: "Pas encore de compliment ces 30 derniers jours.",
    link_invalid: "Ce lien n'est plus valable. Demandez-en un nouveau à votre responsable.",

    praise_heading: "Compliments",
    praise_intro: "Les compliments par personne nommée, les plus récents d'abord ; ceux qui ne nomment personne vont à toute l'équipe.",
    period_legend: "Période",
    from_label: "Du",
    to_label: "Au",
    show: "Afficher",
    print: "Imprimer",
    praise_none: "Aucun compliment sur cette période.",
    digest_title: "Ce que nos clients ont dit",
    digest_period: "Période : {detail}",
    all_time: "tout ce qui a été reçu",

    links_heading: "Liens d'équipe",
    links_intro: "Un lien d'équipe ouvre les compliments des 30 derniers jours, par personne et pour toute l'équipe, sans connexion. Il ne montre jamais de plainte, de note, d'e-mail ni d'emplacement.",
    create_link: "Créer un lien d'équipe",
    link_shown_once: "Copiez ce lien maintenant : il n'est affiché qu'une fois.",
    new_link_label: "Nouveau lien d'équipe",
    links_none: "Pas encore de lien d'équipe.",
    link_made: "Créé {detail}",
    revoke: "Révoquer",
    revoked: "Le lien est révoqué : il n'ouvre plus la page.",

    overview_heading: "Vue d'ensemble",
    weeks_title: "Avis par semaine",
    week: "Semaine",
    submissions: "Avis",
    with_praise: "Avec un compliment",
    with_complaint: "Avec une plainte",
    declined_praise: "Compliment décliné",
    ratings_title: "Note moyenne par thème",
    topic: "Thème",
    average: "Moyenne (1–5)",
    ratings_count: "Notes",
    overview_none: "Rien reçu sur cette période.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::fill;

    #[test]
    fn spec_names_and_placeholders() {
        assert_eq!(
            fill(PRAISE_EN.group_heading, 3, "Jean-Marc"),
            "Jean-Marc (3)"
        );
        assert_eq!(
            fill(PRAISE_FR.group_heading, 3, "Jean-Marc"),
            "Jean-Marc (3)"
        );
        assert_eq!(PRAISE_EN.praise_heading, "Praise");
        assert_eq!(PRAISE_EN.print, "Print");
        assert_eq!(PRAISE_EN.create_link, "Create team link");
        assert_eq!(PRAISE_EN.revoke, "Revoke");
        assert_eq!(PRAISE_EN.overview_heading, "Overview");
        assert_eq!(PRAISE_EN.whole_team, "Whole team");
        for c in [&PRAISE_EN, &PRAISE_FR] {
            for t in [c.received, c.digest_period, c.link_made] {
                assert!(t.contains("{detail}"), "{t}");
            }
        }
        assert_ne!(PRAISE_EN.link_invalid, PRAISE_FR.link_invalid);
    }
}
