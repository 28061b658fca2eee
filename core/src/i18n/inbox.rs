//! Copy of the manager's inbox (`inbox.html`, SPEC §10), a bundle of its own.
//!
//! The sign-in refusals repeat the server's words exactly (SPEC §10), in the manager's
//! language. Templates carry `{n}` or `{detail}`, filled by [`super::fill`].

use crate::lang::Lang;

/// All copy of the inbox for one language.
#[derive(Debug)]
pub struct InboxCopy {
    /// The page's `<title>`.
    pub title: &'static str,
    pub language_switch_label: &'static str,
    pub loading: &'static str,

    // Sign in
    pub sign_in_heading: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub wrong_credentials: &'static str,
    /// `{n}` minutes; [`InboxCopy::locked_one`] for one.
    pub locked: &'static str,
    pub locked_one: &'static str,
    pub session_ended: &'static str,
    pub signed_out: &'static str,
    pub cookie_not_kept: &'static str,
    /// `{detail}` is the manager's email.
    pub signed_in_as: &'static str,
    /// `{detail}` is the venues an account limited to some sees, comma-separated.
    pub account_venues: &'static str,
    pub sign_out: &'static str,

    // Views
    pub views_label: &'static str,
    pub inbox_heading: &'static str,

    // Filters
    pub filters_label: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub venue_label: &'static str,
    pub place_label: &'static str,
    pub any_place: &'static str,
    pub from_label: &'static str,
    pub to_label: &'static str,
    pub dates_hint: &'static str,
    pub status_label: &'static str,
    pub any_status: &'static str,
    pub names_staff_label: &'static str,
    pub heated_label: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub dates_reversed: &'static str,

    // Results and paging
    pub results_heading: &'static str,
    pub loading_items: &'static str,
    /// `{n}` submissions; [`InboxCopy::count_one`] for one.
    pub count: &'static str,
    pub count_one: &'static str,
    /// More than `{n}` submissions: the count stopped at the cap.
    pub count_over: &'static str,
    /// Between the thousands of a count: "10,000", « 10 000 » (a narrow no-break space).
    pub thousands: &'static str,
    pub none_match: &'static str,
    /// Page `{n}` of `{detail}`.
    pub page_of: &'static str,
    /// Page `{n}`, when the number of pages is not known (the count stopped at the cap).
    pub page_alone: &'static str,
    pub pages_label: &'static str,
    pub newer: &'static str,
    pub older: &'static str,

    // One submission
    pub received: &'static str,
    pub venue: &'static str,
    pub place: &'static str,
    pub no_place: &'static str,
    pub language: &'static str,
    pub ratings: &'static str,
    pub no_ratings: &'static str,
    pub praise: &'static str,
    pub praise_declined: &'static str,
    pub no_praise: &'static str,
    pub complaint: &'static str,
    pub no_complaint: &'static str,
    pub contact: &'static str,
    pub no_contact: &'static str,
    pub heated_badge: &'static str,
    pub names_badge: &'static str,
    /// "Unverified", "Verified", "Not confirmed", "Resolved" (SPEC §10).
    pub status_names: [&'static str; 4],
    /// `{detail}` is the status's name.
    pub status_current: &'static str,
    pub set_status_label: &'static str,
    pub note_label: &'static str,
    pub note_hint: &'static str,
    /// `{detail}` is the new status's name.
    pub status_set: &'static str,
    pub show_names: &'static str,
    pub hide_names: &'static str,
    /// What a masked name reads as; the server writes `masking::STAFF_MEMBER` (English).
    pub staff_member: &'static str,
    pub names_revealed: &'static str,
    pub history: &'static str,
    pub history_empty: &'static str,
    pub history_names_shown: &'static str,
    pub history_note: &'static str,
    pub history_unknown: &'static str,

    // Failures
    /// `{detail}` is the browser's words.
    pub network_failed: &'static str,
    pub timed_out: &'static str,
    /// `{n}` is the HTTP status.
    pub server_failed: &'static str,
    /// `{n}` is the HTTP status, `{detail}` the server's words.
    pub refused: &'static str,
    /// `{detail}` is what could not be read.
    pub unreadable: &'static str,
    pub not_found: &'static str,
    pub nothing_to_verify: &'static str,
}

/// The inbox copy for a language.
pub fn inbox_copy(lang: Lang) -> &'static InboxCopy {
    match lang {
        Lang::En => &INBOX_EN,
        Lang::Fr => &INBOX_FR,
    }
}

impl InboxCopy {
    /// "Too many attempts; try again in N minutes."
    pub fn locked_for(&self, minutes: i64) -> String {
        if minutes == 1 {
            self.locked_one.to_string()
        } else {
            super::fill(self.locked, minutes, "")
        }
    }

    /// "12 submissions", "1 submission", "1,250 submissions".
    pub fn count_of(&self, n: u64) -> String {
        if n == 1 {
            self.count_one.to_string()
        } else {
            super::fill(self.count, self.grouped(n), "")
        }
    }

    /// "More than 10,000 submissions", « Plus de 10 000 avis ».
    pub fn count_over_of(&self, n: u64) -> String {
        super::fill(self.count_over, self.grouped(n), "")
    }

    /// `n` with its thousands apart.
    fn grouped(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(self.thousands);
            }
            out.push(d);
        }
        out
    }
}

pub static INBOX_EN: InboxCopy = InboxCopy {
    title: "Inbox · evenhand",
    language_switch_label: "Language",
    loading: "Loading…",

    sign_in_heading: "Sign in to the inbox",
    email_label: "Email",
    password_label: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    wrong_credentials: "Email or password is wrong.",
    locked: "Too many attempts; try again in {n} minutes.",
    locked_one: "Too many attempts; try again in 1 minute.",
    session_ended: "Your session has ended. Please sign in again.",
    signed_out: "You are signed out.",
    cookie_not_kept: "The password was right, but this browser did not keep the session. Allow cookies for this site (and open the inbox over https when the receiver is served that way), then sign in again.",
    signed_in_as: "Signed in as {detail}",
    account_venues: "Venues: {detail}",
    sign_out: "Sign out",

    views_label: "Views",
    inbox_heading: "Inbox",

    filters_label: "Filters",
    search_label: "Search",
    search_hint: "Words of the praise or the complaint; accents and capitals do not matter.",
    venue_label: "Venue",
    place_label: "Place",
    any_place: "All",
    from_label: "From",
    to_label: "To",
    dates_hint: "Days of receipt, in UTC.",
    status_label: "Status",
    any_status: "Any",
    names_staff_label: "Names staff",
    heated_label: "Heated",
    apply: "Apply filters",
    clear: "Clear filters",
    dates_reversed: "The “From” day is after the “To” day.",

    results_heading: "Submissions",
    loading_items: "Loading submissions…",
    count: "{n} submissions",
    count_one: "1 submission",
    count_over: "More than {n} submissions",
    thousands: ",",
    none_match: "No submissions match.",
    page_of: "Page {n} of {detail}",
    page_alone: "Page {n}",
    pages_label: "Pages",
    newer: "Newer",
    older: "Older",

    received: "Received",
    venue: "Venue",
    place: "Place",
    no_place: "none",
    language: "Language",
    ratings: "Ratings",
    no_ratings: "none",
    praise: "What went well",
    praise_declined: "Nothing this time.",
    no_praise: "No praise.",
    complaint: "What could be better",
    no_complaint: "No complaint.",
    contact: "Contact",
    no_contact: "none",
    heated_badge: "Heated",
    names_badge: "Names staff",
    status_names: ["Unverified", "Verified", "Not confirmed", "Resolved"],
    status_current: "Status: {detail}",
    set_status_label: "Set the status",
    note_label: "Note",
    note_hint: "Optional; kept in the history.",
    status_set: "Status set to {detail}.",
    show_names: "Show names",
    hide_names: "Hide names",
    staff_member: "[staff member]",
    names_revealed: "Names shown; this is written in the history.",
    history: "History",
    history_empty: "No changes yet.",
    history_names_shown: "Names shown",
    history_note: "Note: {detail}",
    history_unknown: "Change",

    network_failed: "The inbox could not be reached ({detail}). Check the connection and try again.",
    timed_out: "The server took too long to answer. Try again.",
    server_failed: "The server could not answer (HTTP {n}). Try again in a moment.",
    refused: "The server refused this request (HTTP {n}: {detail}).",
    unreadable: "The server's answer could not be read ({detail}).",
    not_found: "This submission no longer exists.",
    nothing_to_verify: "This submission has no complaint to verify.",
};

pub static INBOX_FR: InboxCopy = InboxCopy {
    title: "Boîte de réception · evenhand",
    language_switch_label: "Langue",
    loading: "Chargement…",

    sign_in_heading: "Connexion à la boîte de réception",
    email_label: "E-mail",
    password_label: "Mot de passe",
    sign_in: "Se connecter",
    signing_in: "Connexion…",
    wrong_credentials: "L'e-mail ou le mot de passe est incorrect.",
    locked: "Trop de tentatives ; réessayez dans {n} minutes.",
    locked_one: "Trop de tentatives ; réessayez dans 1 minute.",
    session_ended: "Votre session a pris fin. Merci de vous reconnecter.",
    signed_out: "Vous êtes déconnecté·e.",
    cookie_not_kept: "Le mot de passe était bon, mais ce navigateur n'a pas gardé la session. Autorisez les cookies pour ce site (et ouvrez la boîte de réception en https quand le serveur l'est), puis reconnectez-vous.",
    signed_in_as: "Connecté·e : {detail}",
    account_venues: "Établissements : {detail}",
    sign_out: "Se déconnecter",

    views_label: "Vues",
    inbox_heading: "Boîte de réception",

    filters_label: "Filtres",
    search_label: "Rechercher",
    search_hint: "Des mots de l'éloge ou de la réclamation ; accents et majuscules sans importance.",
    venue_label: "Établissement",
    place_label: "Emplacement",
    any_place: "Tous",
    from_label: "Du",
    to_label: "Au",
    dates_hint: "Jours de réception, en UTC.",
    status_label: "Statut",
    any_status: "Tous",
    names_staff_label: "Nomme du personnel",
    heated_label: "Vif",
    apply: "Appliquer les filtres",
    clear: "Effacer les filtres",
    dates_reversed: "Le jour « Du » est après le jour « Au ».",

    results_heading: "Avis",
    loading_items: "Chargement des avis…",
    count: "{n} avis",
    count_one: "1 avis",
    count_over: "Plus de {n} avis",
    thousands: "\u{202f}",
    none_match: "Aucun avis ne correspond.",
    page_of: "Page {n} sur {detail}",
    page_alone: "Page {n}",
    pages_label: "Pages",
    newer: "Plus récents",
    older: "Plus anciens",

    received: "Reçu le",
    venue: "Établissement",
    place: "Emplacement",
    no_place: "aucun",
    language: "Langue",
    ratings: "Notes",
    no_ratings: "aucune",
    praise: "Ce qui a plu",
    praise_declined: "Rien cette fois.",
    no_praise: "Pas d'éloge.",
    complaint: "Ce qui pourrait être mieux",
    no_complaint: "Pas de réclamation.",
    contact: "Contact",
    no_contact: "aucun",
    heated_badge: "Vif",
    names_badge: "Nomme du personnel",
    status_names: ["Non vérifiée", "Vérifiée", "Non confirmée", "Résolue"],
    status_current: "Statut : {detail}",
    set_status_label: "Changer le statut",
    note_label: "Note",
    note_hint: "Facultative ; gardée dans l'historique.",
    status_set: "Statut changé : {detail}.",
    show_names: "Afficher les noms",
    hide_names: "Masquer les noms",
    staff_member: "[membre de l'équipe]",
    names_revealed: "Noms affichés ; c'est noté dans l'historique.",
    history: "Historique",
    history_empty: "Aucun changement pour l'instant.",
    history_names_shown: "Noms affichés",
    history_note: "Note : {detail}",
    history_unknown: "Changement",

    network_failed: "La boîte de réception est injoignable ({detail}). Vérifiez la connexion et réessayez.",
    timed_out: "Le serveur a mis trop de temps à répondre. Réessayez.",
    server_failed: "Le serveur n'a pas pu répondre (HTTP {n}). Réessayez dans un instant.",
    refused: "Le serveur a refusé cette demande (HTTP {n} : {detail}).",
    unreadable: "La réponse du serveur n'a pas pu être lue ({detail}).",
    not_found: "Cet avis n'existe plus.",
    nothing_to_verify: "Cet avis n'a pas de réclamation à vérifier.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_words_are_exact_in_english() {
        let c = &INBOX_EN;
        assert_eq!((c.email_label, c.password_label), ("Email", "Password"));
        assert_eq!((c.sign_in, c.sign_out), ("Sign in", "Sign out"));
        assert_eq!(c.wrong_credentials, "Email or password is wrong.");
        assert_eq!(
            c.locked_for(15),
            "Too many attempts; try again in 15 minutes."
        );
        assert_eq!((c.inbox_heading, c.search_label), ("Inbox", "Search"));
        assert_eq!(
            c.status_names,
            ["Unverified", "Verified", "Not confirmed", "Resolved"]
        );
        assert_eq!((c.note_label, c.show_names), ("Note", "Show names"));
        assert_eq!(c.staff_member, crate::masking::STAFF_MEMBER);
        assert_eq!(c.history_names_shown, "Names shown");
    }

    #[test]
    fn counts_and_waits_read_right_in_both_languages() {
        assert_eq!(INBOX_EN.count_of(1), "1 submission");
        assert_eq!(INBOX_EN.count_of(0), "0 submissions");
        assert_eq!(INBOX_FR.count_of(12), "12 avis");
        assert_eq!(INBOX_EN.count_of(1250), "1,250 submissions");
        assert_eq!(INBOX_FR.count_of(302_405), "302\u{202f}405 avis");
        assert_eq!(INBOX_EN.count_of(999), "999 submissions");
        assert_eq!(
            INBOX_EN.count_over_of(10_000),
            "More than 10,000 submissions"
        );
        assert_eq!(INBOX_FR.count_over_of(10_000), "Plus de 10\u{202f}000 avis");
        assert_eq!(
            INBOX_EN.count_over_of(1_000_000),
            "More than 1,000,000 submissions"
        );
        assert_eq!(
            INBOX_EN.locked_for(1),
            "Too many attempts; try again in 1 minute."
        );
        assert_eq!(
            INBOX_FR.locked_for(3),
            "Trop de tentatives ; réessayez dans 3 minutes."
        );
    }

    #[test]
    fn templates_keep_their_placeholders_in_both_languages() {
        for c in [&INBOX_EN, &INBOX_FR] {
            for t in [
                c.locked,
                c.count,
                c.count_over,
                c.page_of,
                c.page_alone,
                c.server_failed,
                c.refused,
            ] {
                assert!(t.contains("{n}"), "{t}");
            }
            for t in [
                c.signed_in_as,
                c.account_venues,
                c.page_of,
                c.status_current,
                c.status_set,
                c.history_note,
                c.network_failed,
                c.refused,
                c.unreadable,
            ] {
                assert!(t.contains("{detail}"), "{t}");
            }
        }
    }
}
