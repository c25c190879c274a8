use super::segment;

fn sents(text: &str) -> Vec<&str> {
    segment(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn basic_terminators() {
    assert_eq!(
        sents("Hello World. My name is Jonas."),
        ["Hello World.", "My name is Jonas."]
    );
    assert_eq!(
        sents("What is your name? My name is Jonas."),
        ["What is your name?", "My name is Jonas."]
    );
    assert_eq!(sents("Hello?! Is that you?"), ["Hello?!", "Is that you?"]);
    assert_eq!(
        sents("She works at Yahoo! in the accounting department."),
        ["She works at Yahoo! in the accounting department."]
    );
}

#[test]
fn abbreviations_and_initials() {
    assert_eq!(
        sents("My name is Jonas E. Smith."),
        ["My name is Jonas E. Smith."]
    );
    assert_eq!(sents("Please turn to p. 55."), ["Please turn to p. 55."]);
    assert_eq!(
        sents("Let's ask Jane and co. They should know."),
        ["Let's ask Jane and co.", "They should know."]
    );
    assert_eq!(
        sents("I live in the U.S. How about you?"),
        ["I live in the U.S.", "How about you?"]
    );
    assert_eq!(
        sents("I work for the U.S. Government in Virginia."),
        ["I work for the U.S. Government in Virginia."]
    );
    assert_eq!(
        sents("We make a good team, you and I. Did you see Albert I. Jones yesterday?"),
        [
            "We make a good team, you and I.",
            "Did you see Albert I. Jones yesterday?"
        ]
    );
    assert_eq!(
        sents("Gen. Smith met Mr. Jones on Sept. 5 at 10 a.m. The talks failed."),
        [
            "Gen. Smith met Mr. Jones on Sept. 5 at 10 a.m.",
            "The talks failed."
        ]
    );
    assert_eq!(
        sents("He lives in Springfield, Ill. The city is small."),
        ["He lives in Springfield, Ill.", "The city is small."]
    );
}

#[test]
fn document_evidence() {
    // "officials" is written in lower case elsewhere: "Officials" here opens a sentence.
    let t = "They sold cars, trucks, buses etc. Officials said the talks helped. Other officials disagreed.";
    assert_eq!(
        sents(t),
        [
            "They sold cars, trucks, buses etc.",
            "Officials said the talks helped.",
            "Other officials disagreed."
        ]
    );
    // Wire copy that capitalizes every word after "U.S.".
    let t =
        "The U.S. Economy continued to expand. It has lines of 30 mln U.S. Dlrs. Results are due.";
    assert_eq!(
        sents(t),
        [
            "The U.S. Economy continued to expand.",
            "It has lines of 30 mln U.S. Dlrs.",
            "Results are due."
        ]
    );
    assert_eq!(
        sents("Japan will seek clarification from the U.S. About its decision, it said."),
        ["Japan will seek clarification from the U.S. About its decision, it said."]
    );
    // Wire style: "Inc" without a period elsewhere, so "Inc." ends a sentence.
    let t = "Acme Inc said it bought Widget Inc. Terms were not disclosed.";
    assert_eq!(
        sents(t),
        [
            "Acme Inc said it bought Widget Inc.",
            "Terms were not disclosed."
        ]
    );
}

#[test]
fn numbers_urls_emails() {
    assert_eq!(
        sents("She has $100.00. It is in her bag."),
        ["She has $100.00.", "It is in her bag."]
    );
    assert_eq!(
        sents("Her email is Jane.Doe@example.com. I sent her an email."),
        ["Her email is Jane.Doe@example.com.", "I sent her an email."]
    );
    assert_eq!(
        sents(
            "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot."
        ),
        [
            "Hello world.",
            "Today is Tuesday.",
            "Mr. Smith went to the store and bought 1,000.",
            "That is a lot."
        ]
    );
    assert_eq!(
        sents("Output rose 1.5 pct to 4.000 tonnes. Prices fell."),
        ["Output rose 1.5 pct to 4.000 tonnes.", "Prices fell."]
    );
}

#[test]
fn quotations() {
    assert_eq!(
        sents("\"We will not accept it,\" the ministry said. It added more."),
        [
            "\"We will not accept it,\" the ministry said.",
            "It added more."
        ]
    );
    assert_eq!(
        sents("\"Why now?\" Smith asked. Nobody answered."),
        ["\"Why now?\" Smith asked.", "Nobody answered."]
    );
    assert_eq!(
        sents("She turned to him, \"This is great.\" She held the book out to show him."),
        [
            "She turned to him, \"This is great.\"",
            "She held the book out to show him."
        ]
    );
    assert_eq!(
        sents("“Stop!” he shouted. “Now.” They ran."),
        ["“Stop!” he shouted.", "“Now.”", "They ran."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        sents("I never meant that.... She left the store."),
        ["I never meant that....", "She left the store."]
    );
    let t = "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.";
    assert_eq!(sents(t), [t]);
    let t = "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).";
    assert_eq!(sents(t), [t]);
    let t = "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .";
    assert_eq!(
        sents(t),
        [
            "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.",
            ". . . The practice was not abandoned. . . ."
        ]
    );
}

#[test]
fn lists() {
    assert_eq!(
        sents("1. The first item 2. The second item"),
        ["1. The first item", "2. The second item"]
    );
    assert_eq!(
        sents("1) The first item. 2) The second item."),
        ["1) The first item.", "2) The second item."]
    );
    assert_eq!(
        sents("a. The first item b. The second item c. The third list item"),
        [
            "a. The first item",
            "b. The second item",
            "c. The third list item"
        ]
    );
    assert_eq!(
        sents("• 9. The first item • 10. The second item"),
        ["• 9. The first item", "• 10. The second item"]
    );
}

#[test]
fn structure() {
    let t = "Syria accuses US of war crimes\n\nDAMASCUS – It's time, the ministry said on Monday night. \n\nREAD MORE: US-backed fighters control half of Raqqa\n\nIt added more.";
    assert_eq!(
        sents(t),
        [
            "Syria accuses US of war crimes",
            "DAMASCUS – It's time, the ministry said on Monday night.",
            "READ MORE: US-backed fighters control half of Raqqa",
            "It added more."
        ]
    );
    let t = "Published: 10:00, April 19, 2022 | Updated: 10:29, April 19, 2022\nSyria accuses US of war crimes";
    assert_eq!(sents(t).len(), 2);
    assert_eq!(
        sents("It was a cold \nnight in the city."),
        ["It was a cold \nnight in the city."]
    );
}

#[test]
fn wire_copy() {
    let t = "U.K. MONEY MARKET SHORTAGE FORECAST AT 250 MLN STG
The Bank of England said it forecast a
shortage of around 250 mln stg in the money market today.
Among the factors affecting liquidity, it said bills
maturing in official hands would drain around 1.02 billion stg.
Shr 25 cts vs 23 cts
Net 670,105 vs 599,107
Revs 5.6 mln vs 5.6 mln
It said the subcontract is for test systems of the U.S. Air
Force Adints program was approved in the U.S. The next day it said
shares rose 5 pct. Analysts were surprised.
REUTER";
    assert_eq!(
        sents(t),
        [
            "U.K. MONEY MARKET SHORTAGE FORECAST AT 250 MLN STG",
            "The Bank of England said it forecast a\nshortage of around 250 mln stg in the money market today.",
            "Among the factors affecting liquidity, it said bills\nmaturing in official hands would drain around 1.02 billion stg.",
            "Shr 25 cts vs 23 cts",
            "Net 670,105 vs 599,107",
            "Revs 5.6 mln vs 5.6 mln",
            "It said the subcontract is for test systems of the U.S. Air\nForce Adints program was approved in the U.S.",
            "The next day it said\nshares rose 5 pct.",
            "Analysts were surprised.",
            "REUTER"
        ]
    );
}

#[test]
fn wire_paragraph_ends_and_digests() {
    let t = "It owns mines in Canada, 70 pct of a coal mine and 30 pct of a gold mine in
South Africa and coal and other mines in the U.S.
BHP Minerals' assets include wholly and partly-owned iron ore mines,
coal mines, manganese and base-metal operations or prospects.";
    assert_eq!(sents(t).len(), 2);
    assert_eq!(
        sents("Hearings begin in Washington on April 13.\nreuter"),
        ["Hearings begin in Washington on April 13.", "reuter"]
    );
    let t = "Kepco has been negotiating with Combustion Engineering Inc
for pressurised light-water reactors and General Electric Co for
turbines.

KEPCO has also been negotiating with (Sargent and Lundy
Engineers) for engineering and design consultancy services.";
    assert_eq!(sents(t).len(), 2);
    let t = "India bought 20,000 tonnes of soybean oil yesterday...Pakistan rejected offers...";
    assert_eq!(
        sents(t),
        [
            "India bought 20,000 tonnes of soybean oil yesterday...",
            "Pakistan rejected offers..."
        ]
    );
}

#[test]
fn odd_input_does_not_panic() {
    for t in [
        "",
        " ",
        "\n\n\n",
        ".",
        "...",
        ". . . .",
        "é.",
        "“”.",
        "1.",
        "a) b) c)",
        "• •",
        "U.S.",
        "x\u{a0}.\u{a0}Y",
        "。。！",
        "Mr.\n\nSmith",
    ] {
        let spans = segment(t);
        for s in &spans {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            assert_eq!(t[s.clone()].trim(), &t[s.clone()]);
        }
    }
}

#[test]
fn issue_examples() {
    for t in [
        "The U.N. Security Council met on Jan. 5 and the U.S. envoy spoke.",
        "Sales in the Jan.-Dec. period rose, e.g. in Asia, i.e. in China.",
        "Acme Inc. and Widget Ltd. sued Big Corp. in a U.S. court.",
        "He lives at No. 10 on St. James Street near St. Louis.",
        "The talks began at 9 a.m. and ended at 5 p.m. on Monday.",
        "See https://example.com/a?b=1!x and mail jane.doe@example.org for more.",
        "Prices rose 1.5 pct to 4.000 dlrs, Gen. Smith told Sept. 12 hearings.",
        "\"Is this fair?\" asked the minister.",
        "\"Is this fair?\" the minister asked on Monday.",
        "\"We are ready!\" Jones shouted.",
        "\"Can we go through a major championship?\" Holmes asked in the New Year.",
        "\"Did you make an entry into the books?\" Mr Weingarten pressed.",
        "He said ... well, nothing ... about it.",
        "PLYMOUTH CO. - A suspect in the theft has been apprehended.",
        "No one was hurt, said London police Const. Kim Flett.",
        "She works at University Medical Center—St. Margaret in Pittsburgh.",
    ] {
        assert_eq!(sents(t), [t], "{t}");
    }
    for (t, n) in [
        (
            "It set an \"upper limit.\"\nVW said in a statement the price was fair.",
            2,
        ),
        (
            "\"Rates will rise.\" However, he added, any rise would be small.",
            2,
        ),
        (
            "\"Sizes are small.\" He added that, ironically, demand grew.",
            2,
        ),
        (
            "\"They learned nothing.\" Mr Blair added: \"They, too, failed.\"",
            2,
        ),
        ("\"Stop!\" she said in a statement. Then she left.", 2),
        ("\"Stop!\" Smith told reporters. Then he left.", 2),
    ] {
        assert_eq!(sents(t).len(), n, "{t}");
    }
    assert_eq!(
        sents("Troops withdrew from the U.S. The next day fighting resumed."),
        [
            "Troops withdrew from the U.S.",
            "The next day fighting resumed."
        ]
    );
    assert_eq!(
        sents("Shares of Acme Inc. rose. The deal was led by Widget Corp. It closed Friday."),
        [
            "Shares of Acme Inc. rose.",
            "The deal was led by Widget Corp.",
            "It closed Friday."
        ]
    );
}

#[test]
fn pathological_input_stays_linear() {
    for t in [
        "• ".repeat(200_000),
        "a. ".repeat(200_000),
        ". ".repeat(200_000),
        "U.S. Xyz ".repeat(100_000),
        "x\n".repeat(200_000),
        "1. a 2. b ".repeat(50_000),
    ] {
        let t0 = std::time::Instant::now();
        let spans = segment(&t);
        assert!(!spans.is_empty());
        let ms = t0.elapsed().as_millis();
        assert!(
            ms < 2000,
            "{ms} ms on {:?}",
            t.chars().take(6).collect::<String>()
        );
    }
}

#[test]
fn raw_text_with_crlf_and_tabs() {
    assert_eq!(
        sents("Title here\r\n\r\n\tFirst sentence.\u{a0}Second one.\r\nTHIRD LINE\r\nEnd of text"),
        [
            "Title here",
            "First sentence.",
            "Second one.",
            "THIRD LINE",
            "End of text"
        ]
    );
}
