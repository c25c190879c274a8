//! Story groups on the five seed articles: two outlets' reports of one 2022 ministry statement
//! (000, 001), two reports of another statement on mass graves (002, 004), and a different 2017
//! statement (003) from the same outlet as 002 (sharing its standing background paragraph).
//!
//! This needs the real numbers and places taggers: with placeholder taggers only text overlap
//! is available and the test is expected to fail.

use newscorpus::analyze::analyze;
use newscorpus::gazetteer::Gazetteer;
use newscorpus::normalize::normalize;
use newscorpus::stories::{StoryConfig, StoryFeatures, explain_pair, try_group_stories};

fn seed_features() -> Vec<StoryFeatures> {
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).expect("seed text");
            let text = normalize(&raw).expect("normalize");
            let doc = analyze(text, &gaz);
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            StoryFeatures::from_doc(name.get(0..3).unwrap_or(name), &doc)
        })
        .collect()
}

#[test]
fn seeds_group_into_three_stories() {
    let feats = seed_features();
    assert_eq!(feats.len(), 5);
    let cfg = StoryConfig::default();
    for i in 0..feats.len() {
        for j in i + 1..feats.len() {
            let p = explain_pair(&feats[i], &feats[j], &cfg);
            eprintln!(
                "{} {}: score {:.2} same {} {}",
                feats[i].doc_id, feats[j].doc_id, p.score, p.same_story, p.signals
            );
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let rows = try_group_stories(&feats, &cfg, tmp.path()).unwrap();
    let stories: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.doc_id.as_str(), r.story_id.as_str()))
        .collect();
    assert_eq!(
        stories,
        [
            ("000", "000"),
            ("001", "000"),
            ("002", "002"),
            ("003", "003"),
            ("004", "002")
        ],
        "{rows:#?}"
    );
}
