//! Every string the guest, staff and operator read, in English and French.
//!
//! One struct per language: adding a string without its translation does not compile.
//! Templates carry `{n}` (a number) or `{detail}` placeholders, filled by [`fill`].

pub mod praise;

use crate::lang::Lang;

pub mod first_screen;
pub mod inbox;
pub mod privacy;

/// All copy for one language.
#[derive(Debug)]
pub struct Copy {
    pub app_title: &'static str,
    pub intro: &'static str,
    pub language_switch_label: &'static str,

    // Form
    pub praise_label: &'static str,
    pub praise_hint: &'static str,
    pub complaint_label: &'static str,
    pub complaint_hint: &'static str,
    pub counter: &'static str,
    pub limit_reached: &'static str,
    pub ratings_legend: &'static str,
    pub rating_names: [&'static str; 5],
    pub rating_clear: &'static str,
    pub contact_legend: &'static str,
    pub email_label: &'static str,
    pub consent_label: &'static str,
    pub consent_needed: &'static str,
    /// Under the contact field: what is kept and for how long (SPEC §13), unless the
    /// config's `privacy_note` says it in the operator's words.
    pub privacy_note: &'static str,
    pub review_button: &'static str,
    pub nothing_to_send: &'static str,
    pub nudge_question: &'static str,
    pub nudge_hint: &'static str,
    pub nothing_this_time: &'static str,

    // Guidance
    pub guidance_name_note: &'static str,
    pub guidance_heated_note: &'static str,
    /// Under the praise when it names staff; `{detail}` is the names ([`Copy::pass_on`]).
    pub guidance_pass_on: &'static str,
    /// Joins the last two names: "Amy and Jean-Marc".
    pub names_and: &'static str,

    // Review
    pub review_heading: &'static str,
    pub review_intro: &'static str,
    pub review_praise: &'static str,
    pub review_praise_declined: &'static str,
    pub review_complaint: &'static str,
    pub review_ratings: &'static str,
    pub review_contact: &'static str,
    pub countdown: &'static str,
    pub countdown_why: &'static str,
    pub countdown_why_heated: &'static str,
    pub ready_to_send: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub edit: &'static str,
    pub storage_failed: &'static str,

    // Thank you
    pub thank_you_heading: &'static str,
    pub thank_you_body: &'static str,
    pub thank_you_queued: &'static str,
    pub new_form_in: &'static str,
    pub start_again: &'static str,

    // Kiosk
    pub idle_warning: &'static str,
    pub still_here: &'static str,

    // Config error page
    pub config_error_heading: &'static str,
    pub config_error_intro: &'static str,
    pub config_load_failed: &'static str,

    // Staff view
    pub staff_open: &'static str,
    pub staff_pin_label: &'static str,
    pub staff_unlock: &'static str,
    pub staff_wrong_pin: &'static str,
    pub staff_heading: &'static str,
    pub staff_pending: &'static str,
    pub staff_rejected: &'static str,
    pub staff_last_error: &'static str,
    pub staff_last_success: &'static str,
    pub staff_never: &'static str,
    pub staff_none: &'static str,
    pub staff_retry_now: &'static str,
    pub staff_export: &'static str,
    pub staff_close: &'static str,
    /// The staff page's way back to the kiosk's form.
    pub staff_back: &'static str,
    pub staff_storage_lost: &'static str,
    // Outbox storage faults (queue::StorageFault), each with `{detail}`.
    pub outbox_open_failed: &'static str,
    pub outbox_read_failed: &'static str,
    pub outbox_write_failed: &'static str,
    pub outbox_delete_failed: &'static str,
    pub outbox_meta_failed: &'static str,
    pub outbox_export_failed: &'static str,
    pub staff_qr: &'static str,
}

/// The copy for a language.
pub fn copy(lang: Lang) -> &'static Copy {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// Replaces `{n}` and `{detail}` in a template.
impl Copy {
    /// The acknowledgement of names in the praise: "We'll pass this on to Amy, Léa and
    /// Jean-Marc."; `None` when it names no one.
    pub fn pass_on(&self, names: &[String]) -> Option<String> {
        let names = match names {
            [] => return None,
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.names_and),
        };
        Some(fill(self.guidance_pass_on, "", &names))
    }
}

pub fn fill(template: &str, n: impl std::fmt::Display, detail: &str) -> String {
    template
        .replace("{n}", &n.to_string())
        .replace("{detail}", detail)
}

pub static EN: Copy = Copy {
    app_title: "Your feedback",
    intro: "Tell us about your visit. What went well matters to the team as much as what could be better.",
    language_switch_label: "Language",

    praise_label: "What went well?",
    praise_hint: "A dish, a welcome, something someone did well.",
    complaint_label: "What could be better?",
    complaint_hint: "What happened, and what would have helped?",
    counter: "{n} / 4000",
    limit_reached: "You have reached the limit of 4,000 characters.",
    ratings_legend: "Quick ratings (optional)",
    rating_names: ["1 — Very poor", "2 — Poor", "3 — OK", "4 — Good", "5 — Very good"],
    rating_clear: "No rating",
    contact_legend: "Contact (optional)",
    email_label: "Email address",
    consent_label: "I agree to be contacted at this address about this feedback.",
    consent_needed: "Tick the box to agree to be contacted, or leave the email empty.",
    privacy_note: "Your email is erased within 90 days, your words within a year; they are used only to answer you and to improve.",
    review_button: "Review",
    nothing_to_send: "Nothing to send yet: write a few words or choose a rating.",
    nudge_question: "Was there anything that went well?",
    nudge_hint: "Even something small helps the team. You can also go on without.",
    nothing_this_time: "Nothing this time",

    guidance_name_note: "Please describe the role (for example 'the waiter') rather than a name.",
    guidance_pass_on: "We'll pass this on to {detail}.",
    names_and: "and",
    guidance_heated_note: "This may read as heated. Saying what happened and what would have helped gives the team something to improve. You can still send it as it is.",

    review_heading: "Check your feedback",
    review_intro: "This is what the team will read.",
    review_praise: "What went well",
    review_praise_declined: "Nothing this time.",
    review_complaint: "What could be better",
    review_ratings: "Ratings",
    review_contact: "Contact",
    countdown: "You can send in {n} s",
    countdown_why: "Count to ten: a short pause to reread before sending.",
    countdown_why_heated: "Count to ten: a longer pause, as some words may read as heated.",
    ready_to_send: "You can send now.",
    send: "Send",
    sending: "Sending…",
    edit: "Edit",
    storage_failed: "Your feedback could not be saved on this device ({detail}), so it has not been sent. Please tell a member of staff.",

    thank_you_heading: "Thank you!",
    thank_you_body: "Your feedback has been received.",
    thank_you_queued: "It is saved on this device and will be delivered as soon as the connection allows.",
    new_form_in: "A new form opens in {n} s.",
    start_again: "Give more feedback",

    idle_warning: "Are you still there? This form will be cleared in {n} s.",
    still_here: "I'm still here",

    config_error_heading: "This feedback form is not set up yet",
    config_error_intro: "Please show this page to a manager. The file config.json needs fixing:",
    config_load_failed: "config.json could not be loaded ({detail}).",

    staff_open: "Staff",
    staff_pin_label: "Staff PIN",
    staff_unlock: "Open",
    staff_wrong_pin: "That PIN is not right.",
    staff_heading: "Outbox",
    staff_pending: "Waiting to be delivered",
    staff_rejected: "Refused by the endpoint",
    staff_last_error: "Last error",
    staff_last_success: "Last delivery",
    staff_never: "never",
    staff_none: "none",
    staff_retry_now: "Retry now",
    staff_export: "Export JSON",
    staff_close: "Close",
    staff_back: "Back to the form",
    staff_storage_lost: "The browser's storage was cleared while feedback was waiting here. What this page still held has been saved again; anything else could not be recovered.",
    outbox_open_failed: "The outbox could not be opened ({detail}). Feedback cannot be kept on this device until it can; trying again shortly.",
    outbox_read_failed: "The outbox could not be read ({detail}); trying again shortly.",
    outbox_write_failed: "A change to the outbox could not be saved ({detail}). Sending is paused and will be tried again shortly.",
    outbox_delete_failed: "A delivered submission could not be removed from the outbox ({detail}). It may be sent once more; the endpoint keeps a single copy.",
    outbox_meta_failed: "The time of the last delivery could not be saved ({detail}).",
    outbox_export_failed: "The outbox could not be exported ({detail}).",
    staff_qr: "QR codes for tables",
};

pub static FR: Copy = Copy {
    app_title: "Votre avis",
    intro: "Parlez-nous de votre visite. Ce qui vous a plu compte autant pour l'équipe que ce qui pourrait être mieux.",
    language_switch_label: "Langue",

    praise_label: "Qu'est-ce qui vous a plu ?",
    praise_hint: "Un plat, un accueil, quelque chose de bien fait.",
    complaint_label: "Qu'est-ce qui pourrait être mieux ?",
    complaint_hint: "Que s'est-il passé, et qu'est-ce qui aurait aidé ?",
    counter: "{n} / 4000",
    limit_reached: "Vous avez atteint la limite de 4 000 caractères.",
    ratings_legend: "Notes rapides (facultatif)",
    rating_names: ["1 — Très mauvais", "2 — Mauvais", "3 — Correct", "4 — Bien", "5 — Très bien"],
    rating_clear: "Pas de note",
    contact_legend: "Contact (facultatif)",
    email_label: "Adresse e-mail",
    consent_label: "J'accepte d'être contacté·e à cette adresse au sujet de cet avis.",
    consent_needed: "Cochez la case pour accepter d'être contacté·e, ou laissez l'e-mail vide.",
    privacy_note: "Votre e-mail est effacé sous 90 jours, vos mots sous un an ; ils ne servent qu'à vous répondre et à nous améliorer.",
    review_button: "Relire",
    nothing_to_send: "Rien à envoyer pour l'instant : écrivez quelques mots ou choisissez une note.",
    nudge_question: "Y a-t-il quelque chose qui vous a plu ?",
    nudge_hint: "Même un petit détail aide l'équipe. Vous pouvez aussi continuer sans.",
    nothing_this_time: "Rien cette fois",

    guidance_name_note: "Merci de décrire le rôle (par exemple « le serveur ») plutôt qu'un nom.",
    guidance_pass_on: "Nous transmettrons à {detail}.",
    names_and: "et",
    guidance_heated_note: "Ces mots peuvent paraître vifs. Dire ce qui s'est passé et ce qui aurait aidé donne à l'équipe de quoi s'améliorer. Vous pouvez quand même l'envoyer tel quel.",

    review_heading: "Relisez votre avis",
    review_intro: "Voici ce que l'équipe lira.",
    review_praise: "Ce qui vous a plu",
    review_praise_declined: "Rien cette fois.",
    review_complaint: "Ce qui pourrait être mieux",
    review_ratings: "Notes",
    review_contact: "Contact",
    countdown: "Vous pourrez envoyer dans {n} s",
    countdown_why: "Comptez jusqu'à dix : une courte pause pour relire avant d'envoyer.",
    countdown_why_heated: "Comptez jusqu'à dix : une pause plus longue, car certains mots peuvent paraître vifs.",
    ready_to_send: "Vous pouvez envoyer.",
    send: "Envoyer",
    sending: "Envoi…",
    edit: "Modifier",
    storage_failed: "Votre avis n'a pas pu être enregistré sur cet appareil ({detail}) ; il n'a donc pas été envoyé. Merci de prévenir un membre de l'équipe.",

    thank_you_heading: "Merci !",
    thank_you_body: "Votre avis a bien été reçu.",
    thank_you_queued: "Il est enregistré sur cet appareil et sera transmis dès que la connexion le permettra.",
    new_form_in: "Un nouveau formulaire s'ouvre dans {n} s.",
    start_again: "Donner un autre avis",

    idle_warning: "Êtes-vous toujours là ? Ce formulaire sera effacé dans {n} s.",
    still_here: "Je suis toujours là",

    config_error_heading: "Ce formulaire d'avis n'est pas encore configuré",
    config_error_intro: "Merci de montrer cette page à un responsable. Le fichier config.json doit être corrigé :",
    config_load_failed: "config.json n'a pas pu être chargé ({detail}).",

    staff_open: "Équipe",
    staff_pin_label: "Code de l'équipe",
    staff_unlock: "Ouvrir",
    staff_wrong_pin: "Ce code n'est pas le bon.",
    staff_heading: "Boîte d'envoi",
    staff_pending: "En attente d'envoi",
    staff_rejected: "Refusés par le destinataire",
    staff_last_error: "Dernière erreur",
    staff_last_success: "Dernier envoi réussi",
    staff_never: "jamais",
    staff_none: "aucune",
    staff_retry_now: "Réessayer maintenant",
    staff_export: "Exporter en JSON",
    staff_close: "Fermer",
    staff_back: "Retour au formulaire",
    staff_storage_lost: "Le stockage du navigateur a été effacé alors que des avis attendaient ici. Ce que cette page avait encore a été réenregistré ; le reste n'a pas pu être récupéré.",
    outbox_open_failed: "La boîte d'envoi n'a pas pu être ouverte ({detail}). Les avis ne peuvent pas être gardés sur cet appareil tant qu'elle ne l'est pas ; nouvel essai sous peu.",
    outbox_read_failed: "La boîte d'envoi n'a pas pu être lue ({detail}) ; nouvel essai sous peu.",
    outbox_write_failed: "Une modification de la boîte d'envoi n'a pas pu être enregistrée ({detail}). L'envoi est suspendu et sera réessayé sous peu.",
    outbox_delete_failed: "Un avis livré n'a pas pu être retiré de la boîte d'envoi ({detail}). Il sera peut-être envoyé une fois de plus ; le destinataire n'en garde qu'un exemplaire.",
    outbox_meta_failed: "L'heure du dernier envoi réussi n'a pas pu être enregistrée ({detail}).",
    outbox_export_failed: "La boîte d'envoi n'a pas pu être exportée ({detail}).",
    staff_qr: "Codes QR pour les tables",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn praise_names_are_passed_on_in_a_sentence() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(EN.pass_on(&[]), None);
        assert_eq!(FR.pass_on(&[]), None);
        let one = names(&["Amy"]);
        assert_eq!(EN.pass_on(&one).unwrap(), "We'll pass this on to Amy.");
        assert_eq!(FR.pass_on(&one).unwrap(), "Nous transmettrons à Amy.");
        let two = names(&["Amy", "Jean-Marc"]);
        assert_eq!(
            EN.pass_on(&two).unwrap(),
            "We'll pass this on to Amy and Jean-Marc."
        );
        assert_eq!(
            FR.pass_on(&two).unwrap(),
            "Nous transmettrons à Amy et Jean-Marc."
        );
        let three = names(&["Amy", "Léa", "Jean-Marc"]);
        assert_eq!(
            EN.pass_on(&three).unwrap(),
            "We'll pass this on to Amy, Léa and Jean-Marc."
        );
        assert_eq!(
            FR.pass_on(&three).unwrap(),
            "Nous transmettrons à Amy, Léa et Jean-Marc."
        );
    }

    #[test]
    fn spec_copy_is_exact() {
        assert_eq!(EN.praise_label, "What went well?");
        assert_eq!(FR.praise_label, "Qu'est-ce qui vous a plu ?");
        assert_eq!(EN.complaint_label, "What could be better?");
        assert_eq!(FR.complaint_label, "Qu'est-ce qui pourrait être mieux ?");
        assert_eq!((EN.review_button, FR.review_button), ("Review", "Relire"));
        assert_eq!((EN.send, FR.send), ("Send", "Envoyer"));
        assert_eq!((EN.edit, FR.edit), ("Edit", "Modifier"));
        assert_eq!(
            (EN.nothing_this_time, FR.nothing_this_time),
            ("Nothing this time", "Rien cette fois")
        );
        assert_eq!(EN.nudge_question, "Was there anything that went well?");
        assert!(EN.thank_you_heading.contains("Thank you"));
        assert!(FR.thank_you_heading.contains("Merci"));
    }

    #[test]
    fn templates_keep_their_placeholders_in_both_languages() {
        for (en, fr) in [
            (EN.countdown, FR.countdown),
            (EN.new_form_in, FR.new_form_in),
            (EN.idle_warning, FR.idle_warning),
            (EN.counter, FR.counter),
        ] {
            assert!(en.contains("{n}") && fr.contains("{n}"), "{en} / {fr}");
        }
        for (en, fr) in [
            (EN.storage_failed, FR.storage_failed),
            (EN.config_load_failed, FR.config_load_failed),
        ] {
            assert!(en.contains("{detail}") && fr.contains("{detail}"));
        }
        assert_eq!(fill(EN.countdown, 7, ""), "You can send in 7 s");
    }
}

/// Copy of the staff QR sheet page (`qr.html`), a separate bundle from the kiosk.
#[derive(Debug)]
pub struct QrCopy {
    pub title: &'static str,
    pub intro: &'static str,
    pub pin_label: &'static str,
    pub unlock: &'static str,
    pub wrong_pin: &'static str,
    pub staff_off: &'static str,
    pub places_label: &'static str,
    pub places_hint: &'static str,
    pub make: &'static str,
    pub print: &'static str,
    pub too_many: &'static str,
    pub made: &'static str,
}

pub fn qr_copy(lang: Lang) -> &'static QrCopy {
    match lang {
        Lang::En => &QR_EN,
        Lang::Fr => &QR_FR,
    }
}

pub static QR_EN: QrCopy = QrCopy {
    title: "QR codes for tables",
    intro: "Print one sheet of QR codes: each opens the feedback form on the guest's phone, with its place filled in.",
    pin_label: "Staff PIN",
    unlock: "Open",
    wrong_pin: "That PIN is not right.",
    staff_off: "The staff pages are off: set staff.pin_sha256 in config.json.",
    places_label: "Places, one per line",
    places_hint: "A range like table-1..40 makes table-1 to table-40. At most 64 characters a place.",
    make: "Make the sheet",
    print: "Print",
    too_many: "At most 200 places on one sheet.",
    made: "{n} QR codes ready to print.",
};

pub static QR_FR: QrCopy = QrCopy {
    title: "Codes QR pour les tables",
    intro: "Imprimez une feuille de codes QR : chacun ouvre le formulaire d'avis sur le téléphone du client, avec l'emplacement déjà rempli.",
    pin_label: "Code de l'équipe",
    unlock: "Ouvrir",
    wrong_pin: "Ce code n'est pas le bon.",
    staff_off: "Les pages de l'équipe sont désactivées : renseignez staff.pin_sha256 dans config.json.",
    places_label: "Emplacements, un par ligne",
    places_hint: "Une plage comme table-1..40 donne table-1 à table-40. 64 caractères au plus par emplacement.",
    make: "Créer la feuille",
    print: "Imprimer",
    too_many: "200 emplacements au plus sur une feuille.",
    made: "{n} codes QR prêts à imprimer.",
};
