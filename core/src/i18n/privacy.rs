//! The privacy pieces' copy (SPEC §13): the employee's report and the inbox's "Erase".
//! Apart from [`super::Copy`], so the kiosk's bundle carries none of it.

use crate::lang::Lang;

/// The staff report's page (`staff-report --format html`), in the employee's language.
#[derive(Debug)]
pub struct ReportCopy {
    /// `{detail}` is the name asked for.
    pub title: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    /// `{n}` is how many submissions name the person.
    pub count: &'static str,
    pub received: &'static str,
    pub place: &'static str,
    pub praise: &'static str,
    pub complaint: &'static str,
    pub ratings: &'static str,
    pub status: &'static str,
    pub no_status: &'static str,
    pub history: &'static str,
    pub names_shown: &'static str,
    pub erased: &'static str,
    /// `unverified`, `verified`, `not_confirmed`, `resolved`.
    pub statuses: [&'static str; 4],
}

/// The inbox's "Erase" and its confirmation.
#[derive(Debug)]
pub struct EraseCopy {
    pub erase: &'static str,
    pub question: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    pub erasing: &'static str,
}

pub fn report(lang: Lang) -> &'static ReportCopy {
    match lang {
        Lang::En => &REPORT_EN,
        Lang::Fr => &REPORT_FR,
    }
}

pub fn erase(lang: Lang) -> &'static EraseCopy {
    match lang {
        Lang::En => &ERASE_EN,
        Lang::Fr => &ERASE_FR,
    }
}

impl ReportCopy {
    /// The words for a status code; the code itself when it is not one of the four.
    pub fn status<'a>(&'a self, code: &'a str) -> &'a str {
        match code {
            "unverified" => self.statuses[0],
            "verified" => self.statuses[1],
            "not_confirmed" => self.statuses[2],
            "resolved" => self.statuses[3],
            other => other,
        }
    }
}

pub static REPORT_EN: ReportCopy = ReportCopy {
    title: "Feedback that names {detail}",
    intro: "Every submission kept by this venue's feedback system that names you, in praise or in a complaint, with what management did with it. You asked for it under your right of access (GDPR, article 15). Guests' contact details and other staff members' names are hidden.",
    none: "No submission kept today names you.",
    count: "{n} submission(s)",
    received: "Received",
    place: "Place",
    praise: "Praise",
    complaint: "Complaint",
    ratings: "Ratings",
    status: "Status",
    no_status: "no complaint",
    history: "History",
    names_shown: "names shown to a manager",
    erased: "(erased under the retention rules)",
    statuses: ["Unverified", "Verified", "Not confirmed", "Resolved"],
};

pub static REPORT_FR: ReportCopy = ReportCopy {
    title: "Avis qui nomment {detail}",
    intro: "Chaque avis conservé par le système de retours de cet établissement qui vous nomme, dans un compliment ou une réclamation, avec ce que la direction en a fait. Vous l'avez demandé au titre de votre droit d'accès (RGPD, article 15). Les coordonnées des clients et les noms des autres membres de l'équipe sont masqués.",
    none: "Aucun avis conservé à ce jour ne vous nomme.",
    count: "{n} avis",
    received: "Reçu le",
    place: "Emplacement",
    praise: "Compliment",
    complaint: "Réclamation",
    ratings: "Notes",
    status: "Statut",
    no_status: "pas de réclamation",
    history: "Historique",
    names_shown: "noms affichés à un responsable",
    erased: "(effacé selon les règles de conservation)",
    statuses: ["Non vérifiée", "Vérifiée", "Non confirmée", "Résolue"],
};

pub static ERASE_EN: EraseCopy = EraseCopy {
    erase: "Erase",
    question: "Erase this submission for good? Its words, contact and history are deleted; this cannot be undone.",
    confirm: "Erase for good",
    cancel: "Cancel",
    erasing: "Erasing…",
};

pub static ERASE_FR: EraseCopy = EraseCopy {
    erase: "Effacer",
    question: "Effacer définitivement cet avis ? Ses mots, son contact et son historique seront supprimés ; c'est irréversible.",
    confirm: "Effacer définitivement",
    cancel: "Annuler",
    erasing: "Effacement…",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_words_in_each_language() {
        assert_eq!(report(Lang::En).status("not_confirmed"), "Not confirmed");
        assert_eq!(report(Lang::Fr).status("resolved"), "Résolue");
        assert_eq!(report(Lang::Fr).status("odd"), "odd");
    }

    #[test]
    fn french_copy_is_french() {
        assert_ne!(report(Lang::Fr).intro, report(Lang::En).intro);
        assert_eq!(erase(Lang::Fr).erase, "Effacer");
        assert_ne!(erase(Lang::Fr).question, erase(Lang::En).question);
        assert!(report(Lang::Fr).title.contains("{detail}"));
    }
}
