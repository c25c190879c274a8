//! Tests of the structure stage on article-shaped texts (written for these tests).

use super::*;

fn roles(text: &str) -> Vec<(String, Role)> {
    analyze(text)
        .blocks
        .iter()
        .map(|b| (text[b.span.clone()].to_string(), b.role))
        .collect()
}

fn role_of(text: &str, prefix: &str) -> Option<Role> {
    roles(text)
        .into_iter()
        .find(|(t, _)| t.starts_with(prefix))
        .map(|(_, r)| r)
}

const WEB: &str = "Home / World / Middle East\n\n\
Published: 09:15, March 2, 2021 | Updated: 11:40, March 2, 2021\n\
Floods sweep through northern province\n\n\
A man wades through flood water in the town on Monday, 1 March 2021. (JOHN DOE / AFP)\n\n\
BAGHDAD – Heavy rain has flooded hundreds of homes in the north, officials said on Tuesday.\n\n\
The ministry said 12 people had died.\n\n\
READ MORE: Earlier floods displaced thousands\n\n\
\"We need help,\" a resident said.\n\n\
Share this article\n\
Example News Network\n\n\
www.example-news.com";

#[test]
fn web_article_roles_and_meta() {
    let st = analyze(WEB);
    assert_eq!(
        st.meta.title.as_deref(),
        Some("Floods sweep through northern province")
    );
    assert_eq!(st.meta.published.as_deref(), Some("2021-03-02"));
    assert_eq!(st.meta.dateline.as_deref(), Some("BAGHDAD"));
    let span = st.meta.dateline_span.clone().unwrap();
    assert_eq!(&WEB[span], "BAGHDAD");
    assert_eq!(st.meta.agencies, vec!["AFP".to_string()]);
    assert_eq!(role_of(WEB, "Home /"), Some(Role::Boilerplate));
    assert_eq!(role_of(WEB, "Published:"), Some(Role::Metadata));
    assert_eq!(role_of(WEB, "A man wades"), Some(Role::Caption));
    assert_eq!(role_of(WEB, "BAGHDAD –"), Some(Role::Dateline));
    assert_eq!(role_of(WEB, "Heavy rain"), Some(Role::Body));
    assert_eq!(role_of(WEB, "The ministry"), Some(Role::Body));
    assert_eq!(role_of(WEB, "READ MORE"), Some(Role::Link));
    assert_eq!(role_of(WEB, "\"We need"), Some(Role::Body));
    assert_eq!(role_of(WEB, "Share this"), Some(Role::Boilerplate));
    assert_eq!(role_of(WEB, "Example News"), Some(Role::Boilerplate));
    assert_eq!(role_of(WEB, "www."), Some(Role::Link));
}

#[test]
fn glued_publication_date_is_split_off() {
    let text = "date 2021-03-02 The ministry said that the floods had destroyed hundreds of homes.\n\nMore rain is expected.";
    let st = analyze(text);
    assert_eq!(st.meta.published.as_deref(), Some("2021-03-02"));
    assert_eq!(st.meta.title, None);
    let r = roles(text);
    assert_eq!(r[0], ("date 2021-03-02".to_string(), Role::Metadata));
    assert_eq!(r[1].1, Role::Body);
    assert!(r[1].0.starts_with("The ministry"));
}

#[test]
fn glued_publication_date_and_dateline() {
    let text = "date 2021-03-02 Baghdad, INA-The ministry said that the floods had destroyed hundreds of homes.\n\nMore rain is expected.\n\nJane Doe";
    let st = analyze(text);
    assert_eq!(st.meta.published.as_deref(), Some("2021-03-02"));
    assert_eq!(st.meta.dateline.as_deref(), Some("Baghdad"));
    let r = roles(text);
    assert_eq!(r[0], ("date 2021-03-02".to_string(), Role::Metadata));
    assert_eq!(r[1], ("Baghdad, INA-".to_string(), Role::Dateline));
    assert!(r[2].0.starts_with("The ministry") && r[2].1 == Role::Body);
    assert_eq!(r.last(), Some(&("Jane Doe".to_string(), Role::Byline)));
    let two = text.replace("Jane Doe", "Jane Doe/ John al-Roe");
    assert_eq!(roles(&two).last().map(|r| r.1), Some(Role::Byline));
}

#[test]
fn dateline_with_agency_alone_on_a_line() {
    let text = "Ministry calls for inquiry into strikes\n\nBaghdad, INA\n\nThe ministry said the strikes killed 12 people.";
    let st = analyze(text);
    assert_eq!(st.meta.dateline.as_deref(), Some("Baghdad"));
    assert_eq!(role_of(text, "Baghdad, INA"), Some(Role::Dateline));
    assert_eq!(
        st.meta.title.as_deref(),
        Some("Ministry calls for inquiry into strikes")
    );
}

const WIRE: &str = "ACME CORP <ACM> SEES HIGHER PROFITS\n\
NEW YORK, March 3 - Acme Corp said it expects\n\
higher profits in 1987 as sales of its new line of\n\
products rise.\n\
By contrast, the company lost money in\n\
the fourth quarter, it said. Share prices rose.\n\
Net 5,686,000 vs 8,168,000\n\
Revs 398.4 mln vs 333.8 mln\n\
REUTER";

#[test]
fn newswire_title_dateline_and_wrapped_body() {
    let st = analyze(WIRE);
    assert_eq!(
        st.meta.title.as_deref(),
        Some("ACME CORP <ACM> SEES HIGHER PROFITS")
    );
    assert_eq!(st.meta.dateline.as_deref(), Some("NEW YORK"));
    assert_eq!(st.meta.agencies, vec!["Reuters".to_string()]);
    let r = roles(WIRE);
    assert_eq!(r[1], ("NEW YORK, March 3 -".to_string(), Role::Dateline));
    // the wrapped body is one block, including the table lines
    assert_eq!(r[2].1, Role::Body);
    assert!(r[2].0.starts_with("Acme Corp said") && r[2].0.ends_with("333.8 mln"));
    assert_eq!(r[3], ("REUTER".to_string(), Role::Metadata));
}

#[test]
fn bbc_style_title_first_line() {
    let text = "Labour plans pay rise\n\nPay for new mothers is to rise by £1,400.\n\nIt would mean longer leave.";
    let st = analyze(text);
    assert_eq!(st.meta.title.as_deref(), Some("Labour plans pay rise"));
    assert_eq!(st.meta.dateline, None);
    assert_eq!(st.meta.published, None);
    assert_eq!(role_of(text, "Pay for"), Some(Role::Body));
}

#[test]
fn headline_ending_in_an_ellipsis_inside_quotes() {
    let text = "'My memories of the band...'\n\nTo mark the anniversary, a former manager recalls the tour.";
    assert_eq!(
        analyze(text).meta.title.as_deref(),
        Some("'My memories of the band...'")
    );
}

const WEB2: &str = "Skip to main content\n\n\
World\n\n\
Ceasefire holds in northern city as aid convoys arrive\n\n\
By Jane Doe, Middle East correspondent\n\n\
Image caption, Aid trucks queued at the crossing on Monday\n\n\
Image source, Getty Images\n\n\
ALEPPO, Syria (AP) — A ceasefire held for a second day on Tuesday, residents said.\n\n\
Advertisement\n\n\
\"We can finally sleep,\" one resident told the Associated Press.\n\n\
Related: Earlier talks collapsed in March\n\n\
Smoke rises over the eastern districts after a strike on Monday. REUTERS/John Roe\n\n\
The United Nations said 40 trucks had crossed.\n\n\
Copyright 2021 The Associated Press. All rights reserved.\n\n\
Facebook Twitter WhatsApp Email";

#[test]
fn web_article_with_common_site_furniture() {
    let st = analyze(WEB2);
    assert_eq!(
        st.meta.title.as_deref(),
        Some("Ceasefire holds in northern city as aid convoys arrive")
    );
    assert_eq!(st.meta.dateline.as_deref(), Some("ALEPPO"));
    assert_eq!(st.meta.agencies, vec!["AP", "Getty Images", "Reuters"]);
    let expect = [
        ("Skip to main", Role::Boilerplate),
        ("World", Role::Boilerplate),
        ("By Jane Doe", Role::Byline),
        ("Image caption", Role::Caption),
        ("Image source", Role::Caption),
        ("ALEPPO, Syria (AP) —", Role::Dateline),
        ("A ceasefire held", Role::Body),
        ("Advertisement", Role::Boilerplate),
        ("\"We can finally", Role::Body),
        ("Related:", Role::Link),
        ("Smoke rises", Role::Caption),
        ("The United Nations", Role::Body),
        ("Copyright 2021", Role::Boilerplate),
        ("Facebook Twitter", Role::Boilerplate),
    ];
    for (prefix, role) in expect {
        assert_eq!(role_of(WEB2, prefix), Some(role), "{prefix}");
    }
}

#[test]
fn title_without_blank_line_before_the_story() {
    let text = "Floods sweep through northern province\nHeavy rain has flooded hundreds of homes in the north, officials said on Tuesday.\nThe ministry said 12 people had died.";
    assert_eq!(
        analyze(text).meta.title.as_deref(),
        Some("Floods sweep through northern province")
    );
}

#[test]
fn site_name_above_publication_line_is_not_the_title() {
    let text = "Example News English\nPublished: 12:05, October 24, 2017 | Last Update: 13:40, October 24, 2017\nCoalition strikes killed civilians in the east\n\nThe government said on Tuesday that 14 civilians were killed.\n\nLast Update: 13:40 KSA 10:40 - GMT";
    let st = analyze(text);
    assert_eq!(
        st.meta.title.as_deref(),
        Some("Coalition strikes killed civilians in the east")
    );
    assert_eq!(st.meta.published.as_deref(), Some("2017-10-24"));
    assert_eq!(role_of(text, "Example News"), Some(Role::Boilerplate));
    assert_eq!(
        role_of(text, "Last Update: 13:40 KSA"),
        Some(Role::Metadata)
    );
}

#[test]
fn agency_line_under_title_and_colon_dateline() {
    let text = "Coalition strikes kill 20 in the city: monitor\nAFP\nOctober 24, 2017\n\nBEIRUT: Air strikes killed 20 civilians on Tuesday, a monitor said.";
    let st = analyze(text);
    assert_eq!(
        st.meta.title.as_deref(),
        Some("Coalition strikes kill 20 in the city: monitor")
    );
    assert_eq!(st.meta.dateline.as_deref(), Some("BEIRUT"));
    assert_eq!(st.meta.agencies, vec!["AFP"]);
    assert_eq!(role_of(text, "AFP"), Some(Role::Metadata));
}

#[test]
fn no_title_when_the_story_starts_at_once() {
    let text = "The ministry said on Monday that the floods had destroyed hundreds of homes.\n\nMore rain is expected.";
    assert_eq!(analyze(text).meta.title, None);
}

#[test]
fn body_in_credit_context_names_agencies() {
    let text = "Title of the story here\n\nThe ministry said 12 people died, according to SANA.\n\nReuters Holdings Plc is a company.";
    assert_eq!(analyze(text).meta.agencies, vec!["SANA".to_string()]);
}

#[test]
fn assign_roles_cuts_trims_and_never_empties() {
    let text = "DAMASCUS – It's time. Next one.";
    let st = analyze(text);
    let cut = text.find("Next").unwrap();
    let sentences = vec![0..cut - 1, cut..text.len()];
    let out = assign_roles(&sentences, &st.blocks);
    let got: Vec<(&str, Role)> = out
        .iter()
        .map(|s| (&text[s.span.clone()], s.role))
        .collect();
    assert_eq!(
        got,
        vec![
            ("DAMASCUS –", Role::Dateline),
            ("It's time.", Role::Body),
            ("Next one.", Role::Body)
        ]
    );
}

#[test]
fn assign_roles_outside_blocks_is_body() {
    let out = assign_roles(&[0..3, 5..5], &[]);
    assert_eq!(
        out,
        vec![Sentence {
            span: 0..3,
            role: Role::Body
        }]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn texty() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\n".to_string()),
                Just("\n\n".to_string()),
                Just(" ".to_string()),
                Just("READ MORE: ".to_string()),
                Just("DAMASCUS – ".to_string()),
                Just("date 2022-04-19 ".to_string()),
                Just("(AP photo)".to_string()),
                Just("Damascus, SANA".to_string()),
                Just("By Jane Doe".to_string()),
                Just("Share this".to_string()),
                Just("Published: April 19, 2022".to_string()),
                Just("AFP, Beirut".to_string()),
                Just("MOSCOW, April 19. /TASS/. ".to_string()),
                Just("WASHINGTON (CNN) ".to_string()),
                Just("Tue Oct 24, 2017 05:40PM".to_string()),
                Just("Jane Doe/ John Roe".to_string()),
                Just("SANA-The ".to_string()),
                Just("REUTERS/Jane Doe".to_string()),
                "[a-zA-Z0-9 .,:;()/–—é€\"“”'’-]{0,30}",
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        /// Any text at all (not normalized, any characters): no panic, spans on boundaries.
        #[test]
        fn never_panics_on_any_text(text in "(?s).{0,300}") {
            let st = analyze(&text);
            for b in &st.blocks {
                prop_assert!(text.get(b.span.clone()).is_some());
            }
        }

        #[test]
        fn blocks_are_ordered_trimmed_and_on_boundaries(text in texty()) {
            let st = analyze(&text);
            let mut prev_end = 0;
            for b in &st.blocks {
                prop_assert!(b.span.start >= prev_end);
                prop_assert!(b.span.start < b.span.end);
                let s = text.get(b.span.clone());
                prop_assert!(s.is_some());
                let s = s.unwrap_or_default();
                prop_assert_eq!(s.trim(), s);
                // text between blocks is whitespace
                let gap = text.get(prev_end..b.span.start).unwrap_or("x");
                prop_assert!(gap.trim().is_empty(), "gap {:?}", gap);
                prev_end = b.span.end;
            }
            prop_assert!(text[prev_end..].trim().is_empty());
            if let Some(sp) = st.meta.dateline_span.clone() {
                prop_assert!(text.get(sp).is_some());
            }
            let sentences = crate::segment::segment(&text);
            for s in assign_roles(&sentences, &st.blocks) {
                let t = text.get(s.span.clone()).unwrap_or_default();
                prop_assert!(!t.is_empty());
                prop_assert_eq!(t.trim(), t);
            }
        }
    }
}
