//! The form's first screen, shipped as plain HTML in `index.html` so a guest can type
//! before the app's wasm arrives (SPEC §9). Its labels are [`super::Copy`]'s; these are
//! the words only that page says, before the app starts. Apart from `Copy`, so the
//! kiosk's bundle carries none of them. A test keeps `index.html` in step with both.

use crate::lang::Lang;

#[derive(Debug)]
pub struct FirstScreenCopy {
    /// Beside the "Review" button while the app loads (a polite status).
    pub getting_ready: &'static str,
    /// When the app's code cannot load or start (an alert).
    pub cannot_start: &'static str,
}

pub fn first_screen(lang: Lang) -> &'static FirstScreenCopy {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

const EN: FirstScreenCopy = FirstScreenCopy {
    getting_ready: "Getting the form ready…",
    cannot_start: "This form cannot start in this browser. Please ask a member of staff, or try again with an up-to-date browser.",
};

const FR: FirstScreenCopy = FirstScreenCopy {
    getting_ready: "Préparation du formulaire…",
    cannot_start: "Ce formulaire ne peut pas démarrer dans ce navigateur. Merci de le signaler à un membre de l'équipe, ou de réessayer avec un navigateur à jour.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::copy;

    const PAGE: &str = include_str!("../../../index.html");

    /// Every string of the first screen, in both languages, as one element of its own
    /// marked with its language, so the page and the app say the same words.
    #[test]
    fn index_html_says_what_the_app_says_in_both_languages() {
        for lang in Lang::ALL {
            let c = copy(lang);
            let f = first_screen(lang);
            for text in [
                c.app_title,
                c.intro,
                c.praise_label,
                c.praise_hint,
                c.complaint_label,
                c.complaint_hint,
                c.review_button,
                f.getting_ready,
                f.cannot_start,
            ] {
                let element = format!("<span lang=\"{}\">{text}</span>", lang.code());
                assert!(PAGE.contains(&element), "index.html lacks {element}");
            }
        }
    }

    #[test]
    fn index_html_boxes_are_the_apps() {
        for id in ["praise", "complaint"] {
            assert!(
                PAGE.contains(&format!("<label for=\"{id}\"")),
                "label for {id}"
            );
            assert!(
                PAGE.contains(&format!("<textarea id=\"{id}\"")),
                "textarea {id}"
            );
        }
        assert!(
            PAGE.contains("aria-disabled=\"true\""),
            "the button waits for the app"
        );
        assert!(
            !PAGE.contains("<script>"),
            "no inline script (CSP, SPEC §8)"
        );
    }
}
